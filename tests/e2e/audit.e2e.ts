/**
 * The audit log people can read (#16.7): "who opened #3 yesterday" is one search — the ticket,
 * the action and the day, answered in words with the ticket's subject and customer beside it.
 *
 * The server's clock cannot be moved from here, so the question is asked on the next day by
 * the owner's browser (its clock set a day ahead): for her, today's openings were yesterday.
 */
import { expect, test } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

test('who opened #3 yesterday: one search answers it in words', async ({ agent }) => {
  const maya = await agent('Maya Thompson');
  await maya.ticket.open('#3');
  const subject = (await maya.page.getByTestId('ticket-subject').textContent())?.trim() ?? '';
  expect(subject).not.toBe('');
  // Joy opens another ticket: she is not an answer.
  const joy = await agent('Joy Santos');
  await joy.ticket.open('#4');

  const aino = await agent('Aino Virtanen');
  await aino.page.clock.setFixedTime(Date.now() + DAY);
  await aino.page.getByTestId('nav-audit').click();
  const page = aino.page;
  await expect(page.getByTestId('audit-page')).toBeVisible();

  await page.getByTestId('audit-ticket').fill('#3');
  await page.getByTestId('audit-action').selectOption('document-opened');
  await page.getByTestId('audit-when').selectOption('yesterday');
  await page.getByRole('button', { name: 'Filter' }).click();

  const rows = page.getByTestId('audit-row');
  await expect(rows.first().getByTestId('audit-sentence')).toHaveText(
    /^Maya Thompson opened #3( and made \d+ changes?)?$/
  );
  await expect(rows.first().getByTestId('audit-about')).toContainText(`#3 · ${subject}`);
  await expect(rows.first().getByTestId('audit-about')).toContainText('customer');
  // Every answer is Maya (a reconnect is a second visit), none is Joy, no internal id shows.
  for (const text of await rows.getByTestId('audit-sentence').allTextContents()) {
    expect(text).toMatch(/^Maya Thompson opened #3/);
  }
  await expect(page.getByTestId('audit-table')).not.toContainText('Joy Santos');

  // The same search for today (on her clock) finds nothing: it was yesterday.
  await page.getByTestId('audit-when').selectOption('today');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId('audit-table')).toContainText('Nothing matches.');
});
