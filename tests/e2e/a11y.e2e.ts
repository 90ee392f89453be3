/**
 * axe-core (through @axe-core/playwright, WCAG 2.2 AA) on the board, the ticket page and the phone's
 * triage list, in light and dark mode and in English, Finnish and Danish: no serious or
 * critical violations. Moderate and minor findings are printed, not failed on.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function seriousViolations(page: Page, what: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const lines = results.violations.map(
    (v) =>
      `${v.impact ?? 'unknown'} ${v.id}: ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')}`
  );
  const minor = results.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  if (minor.length > 0) console.log(`${what}, not failing on:\n  ${lines.join('\n  ')}`);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => lines[results.violations.indexOf(v)] ?? v.id);
}

// Light and dark in English; Finnish and Danish (longer words, other labels) in light.
const RUNS = [
  { colorScheme: 'light', locale: 'en-GB' },
  { colorScheme: 'dark', locale: 'en-GB' },
  { colorScheme: 'light', locale: 'fi-FI' },
  { colorScheme: 'light', locale: 'da-DK' }
] as const;

for (const { colorScheme, locale } of RUNS) {
  test(`the board and a ticket have no serious accessibility violations (${colorScheme}, ${locale})`, async ({
    agent
  }) => {
    const aino = await agent('Aino Virtanen', { colorScheme, locale });
    await expect(aino.page.locator('html')).toHaveAttribute('lang', locale.slice(0, 2));
    expect(await seriousViolations(aino.page, 'board')).toEqual([]);

    await aino.ticket.open('#3');
    await expect(aino.ticket.entries('inbound')).toHaveCount(1);
    expect(await seriousViolations(aino.page, 'ticket')).toEqual([]);

    await aino.page.keyboard.press('?');
    await expect(aino.page.getByTestId('shortcuts-dialog')).toBeVisible();
    expect(await seriousViolations(aino.page, 'shortcuts dialog')).toEqual([]);
  });

  test(`the phone's triage list has no serious accessibility violations (${colorScheme}, ${locale})`, async ({
    agent
  }) => {
    const aino = await agent('Aino Virtanen', { phone: true, colorScheme, locale });
    await aino.triage.waitUntilAllOffline();
    expect(await seriousViolations(aino.page, 'triage')).toEqual([]);

    // With a row's actions open, and with an Undo toast on screen.
    const row = aino.triage.row('#1');
    await row.getByTestId('triage-actions').click();
    await expect(row.getByTestId('triage-priority-urgent')).toBeVisible();
    expect(await seriousViolations(aino.page, 'triage actions')).toEqual([]);
    await row.getByTestId('triage-pending').click();
    await expect(aino.triage.undo()).toBeVisible();
    expect(await seriousViolations(aino.page, 'undo toast')).toEqual([]);

    await aino.triage.row('#3').locator('a').click();
    await aino.ticket.waitUntilLoaded();
    expect(await seriousViolations(aino.page, 'phone ticket')).toEqual([]);
  });
}

test('the focus is visible on cards, rows and buttons', async ({ agent }) => {
  const aino = await agent('Aino Virtanen');
  await aino.page.keyboard.press('j');
  const card = aino.board.cards().first();
  await expect(card).toBeFocused();
  const ring = await card.evaluate((el) => {
    const style = getComputedStyle(el);
    return { shadow: style.boxShadow, outline: style.outlineStyle };
  });
  expect(ring.shadow !== 'none' || ring.outline !== 'none').toBe(true);
  await aino.page.keyboard.press('Tab');
  const next = await aino.page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return { shadow: style.boxShadow, outline: style.outlineStyle };
  });
  expect(next.shadow !== 'none' || next.outline !== 'none').toBe(true);
});
