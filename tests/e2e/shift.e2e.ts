/**
 * Shift handover (#12 item 7): an agent in Helsinki ends her shift and hands three tickets to a
 * colleague in Vancouver in one batch, each with its note; he starts his shift and reads what
 * changed on them, field by field, with who changed it. And a batch handed over offline reaches
 * the others once the connection is back.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import type { Locator, Page } from '@playwright/test';

const MAYA = 'member-maya';

function row(page: Page, ticketId: string): Locator {
  return page.locator(`[data-testid="handover-row"][data-ticket-id="${ticketId}"]`);
}

/** The first `count` of my open tickets whose documents are here, with their ids. */
async function firstRows(page: Page, count: number): Promise<string[]> {
  const rows = page.getByTestId('handover-row');
  await expect(rows.nth(count - 1)).toBeVisible();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const current = rows.nth(i);
    await expect(current.getByTestId('handover-row-note')).toBeEditable();
    const id = await current.getAttribute('data-ticket-id');
    if (!id) throw new Error('a handover row without its ticket id');
    ids.push(id);
  }
  return ids;
}

test('Helsinki hands three tickets to Vancouver in one batch; he sees what changed, per field, with who', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const maya = await agent('Maya Thompson');
  // Maya read her digest before Aino's day ended: "since I was last on" is that moment, so
  // the test does not depend on when her working hours end.
  await maya.page.goto('/w/demo-workspace/shift/start');
  await expect(maya.page.getByTestId('start-shift-read')).toBeVisible();
  await maya.page.getByTestId('start-shift-read').click();

  await aino.page.getByTestId('nav-shift').click();
  await expect(aino.page.getByTestId('end-shift')).toBeVisible();
  const ids = await firstRows(aino.page, 3);
  // Maya works from Vancouver: the screen lists her with her own local time.
  await expect(
    aino.page.locator(`[data-testid="on-now"], [data-testid="next-on"]`).filter({
      hasText: 'Maya Thompson'
    })
  ).toBeVisible();

  // Before handing over, Aino changes the first ticket's priority on its page.
  await row(aino.page, ids[0] ?? '')
    .locator('a')
    .first()
    .click();
  await aino.ticket.waitUntilLoaded();
  const priority = aino.page.getByTestId('ticket-priority');
  const newPriority = (await priority.inputValue()) === 'urgent' ? 'low' : 'urgent';
  await aino.ticket.setPriority(newPriority);
  await aino.page.goBack();
  await expect(aino.page.getByTestId('end-shift')).toBeVisible();

  const notes = ids.map((_, i) => `Handover ${i + 1}: customer waits for our call at 09:30.`);
  for (const [i, id] of ids.entries()) {
    const current = row(aino.page, id);
    await expect(current.getByTestId('handover-row-note')).toBeEditable();
    await current.getByTestId('handover-row-note').fill(notes[i] ?? '');
    await current.getByTestId('handover-row-select').check();
  }
  // One batch: the three selected tickets to Maya.
  await aino.page.getByTestId('handover-batch-to').selectOption(MAYA);
  await aino.page.getByTestId('handover-batch-apply').click();
  for (const id of ids) {
    await expect(row(aino.page, id).getByTestId('handover-row-to')).toHaveValue(MAYA);
  }
  await expect(aino.page.getByTestId('end-shift-submit')).toHaveText(
    'Hand over 3 tickets and end my shift'
  );
  await aino.page.getByTestId('end-shift-submit').click();
  await expect(aino.page.getByTestId('shift-ended')).toContainText('3 tickets handed over.');
  for (const id of ids) await expect(row(aino.page, id)).toHaveCount(0);

  // Maya starts her shift.
  await maya.page.reload();
  await expect(maya.page.getByTestId('start-shift')).toBeVisible();
  for (const [i, id] of ids.entries()) {
    const card = maya.page.locator(`[data-testid="shift-change"][data-ticket-id="${id}"]`);
    await expect(card).toHaveAttribute('data-relation', 'handed-to-me');
    const assignee = card.locator('[data-testid="shift-change-field"][data-field="assignee"]');
    await expect(assignee.getByTestId('shift-change-diff')).toHaveText(
      'Aino Virtanen → Maya Thompson'
    );
    await expect(assignee.getByTestId('shift-change-step').last()).toContainText(
      'by Aino Virtanen'
    );
    await expect(card.getByTestId('shift-change-handover')).toHaveText(notes[i] ?? '');
  }
  const first = maya.page.locator(`[data-testid="shift-change"][data-ticket-id="${ids[0]}"]`);
  const priorityDiff = first.locator('[data-testid="shift-change-field"][data-field="priority"]');
  await expect(priorityDiff.getByTestId('shift-change-diff')).toContainText(
    newPriority === 'urgent' ? 'Urgent' : 'Low'
  );
  await expect(priorityDiff.getByTestId('shift-change-step').last()).toContainText(
    'by Aino Virtanen'
  );
});

test('a batch handed back to the queue offline reaches the team on reconnect', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const mads = await agent('Mads Jensen');
  await aino.page.goto('/w/demo-workspace/shift/end');
  const ids = await firstRows(aino.page, 2);

  await aino.context.setOffline(true);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-state', 'offline');
  const notes = ids.map((_, i) => `Offline handover ${i + 1}: the ferry has no signal.`);
  for (const [i, id] of ids.entries()) {
    await row(aino.page, id)
      .getByTestId('handover-row-note')
      .fill(notes[i] ?? '');
    await row(aino.page, id).getByTestId('handover-row-select').check();
  }
  await aino.page.getByTestId('handover-batch-to').selectOption('queue');
  await aino.page.getByTestId('handover-batch-apply').click();
  await aino.page.getByTestId('end-shift-submit').click();
  await expect(aino.page.getByTestId('shift-ended-offline')).toBeVisible();
  await expect(aino.page.getByTestId('sync-pending')).toContainText('not yet synced');

  await aino.context.setOffline(false);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-pending', '0');
  for (const [i, id] of ids.entries()) {
    await mads.page.goto(`/w/demo-workspace/t/${id}`);
    await mads.ticket.waitUntilLoaded();
    await expect(mads.page.getByTestId('handover-text')).toHaveValue(notes[i] ?? '');
    await expect(mads.page.getByTestId('handover-meta')).toContainText('Aino Virtanen');
    await expect(mads.page.getByTestId('ticket-assignee')).toHaveValue('');
  }
});

test('the team page says the coverage gaps in words; the shift pages pass axe', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  await aino.page.getByTestId('nav-team').click();
  const coverage = aino.page.getByTestId('coverage');
  await expect(coverage).toBeVisible();
  await expect(coverage.getByTestId('coverage-row')).toHaveCount(6);
  // Every gap drawn is also in the sentence, as text a screen reader reads.
  const gaps = Number(await coverage.getByTestId('coverage-gaps').getAttribute('data-gap-count'));
  await expect(coverage.getByTestId('coverage-gap')).toHaveCount(gaps);
  await expect(coverage.getByTestId('coverage-gaps')).toHaveText(
    gaps === 0 ? /around the clock/ : /^Nobody is on shift \d\d:\d\d–\d\d:\d\d/
  );
  for (const path of ['team', 'shift/end', 'shift/start']) {
    await aino.page.goto(`/w/demo-workspace/${path}`);
    await expect(aino.page.locator('h1')).toBeVisible();
    await expect(aino.page.getByTestId('start-shift-loading')).toHaveCount(0);
    // On the team page, the timeline is this feature's part (the cards are the team list's).
    const axe = new AxeBuilder({ page: aino.page }).withTags([
      'wcag2a',
      'wcag2aa',
      'wcag21a',
      'wcag21aa'
    ]);
    const results = await (
      path === 'team' ? axe.include('[data-testid="coverage"]') : axe
    ).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  }
});
