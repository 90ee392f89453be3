/**
 * "Take the next ticket" end to end, on the demo workspace. Maya's queue is the unassigned new
 * and open tickets and her own: #18 (hers, high), #3 and #15 (high, #3 the older), #40, #20
 * (hers), #27, #21, #10 (normal, oldest first) and #33 (low). Joy's starts with her own #35
 * (urgent) and #6 (high), then #3. With a service level on low-priority tickets, #33 gets a
 * due time and goes to the top.
 */
import { expect, test, type Agent } from './fixtures';
import type { Page } from '@playwright/test';

/** The keyboard flow is loaded after the first paint: wait for it before pressing keys. */
async function keyboardReady(page: Page): Promise<void> {
  await expect(page.getByTestId('shortcuts-dialog')).toBeAttached();
}

/** The ticket on screen: its label, and the assignee it shows. */
async function expectOnTicket(agent: Agent, label: string, assigneeId: string): Promise<void> {
  await expect(agent.page).toHaveURL(/\/t\/[a-z0-9-]+$/);
  await expect(agent.page.getByTestId('ticket-ref')).toHaveText(label);
  await expect(agent.page.getByTestId('ticket-assignee')).toHaveValue(assigneeId);
}

async function pressNext(agent: Agent): Promise<void> {
  // Keys go to the page, not to a field (the focus is on the title after a route change).
  await agent.page.locator('body').press('n');
}

test('the queue: SLA due first, then priority, then age; n opens the top one, assigned to me', async ({
  agent
}) => {
  test.setTimeout(120_000);
  const aino = await agent('Aino Virtanen');
  const { page } = aino;
  // A service level on low-priority tickets, on a calendar open round the clock.
  await page.getByTestId('nav-service-levels').click();
  await page.getByTestId('add-calendar').click();
  await page.getByTestId('calendar-name').fill('Always open');
  await page.getByTestId('calendar-zone').selectOption('Europe/Helsinki');
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) {
    await page.getByTestId(`calendar-day-${day}`).fill('00:00–24:00');
  }
  await page.getByTestId('save-calendar').click();
  await expect(page.getByTestId('calendar-row')).toContainText('Always open');
  await page.getByTestId('add-policy').click();
  await page.getByTestId('policy-name').fill('Low first reply');
  await page.getByTestId('policy-priority-low').check();
  await page.getByTestId('policy-target-firstReply').fill('60');
  await page.getByTestId('save-policy').click();
  await expect(page.getByTestId('policy-row')).toContainText('Low first reply');

  const maya = await agent('Maya Thompson');
  // The server re-summarises the open tickets: #33 gets its due time on the board.
  await expect(maya.board.card('#33').getByTestId('due-badge')).toBeVisible({ timeout: 30_000 });
  await keyboardReady(maya.page);

  // The board's button takes the top of the queue: the one due first, although low.
  await maya.page.getByTestId('next-ticket').click();
  await expectOnTicket(maya, '#33', 'member-maya');
  // Then n, from the ticket: her own #18 (high), then #3 and #15 (high, oldest first), then
  // #40 (the oldest normal one) — each assigned to her.
  for (const label of ['#18', '#3', '#15', '#40']) {
    await pressNext(maya);
    await expectOnTicket(maya, label, 'member-maya');
  }
  // The board shows them as hers.
  await maya.page.getByTestId('nav-board').click();
  await maya.board.waitUntilLoaded();
  await expect(maya.board.card('#3')).toContainText('Maya Thompson');

  // The cheat sheet says what n does.
  await maya.page.locator('body').press('?');
  await expect(maya.page.getByTestId('shortcuts-dialog')).toContainText(
    'Take the next ticket of my queue'
  );
});

test('two agents offline take the same next ticket; after reconnecting one keeps it, the other is told and moved on', async ({
  agent
}) => {
  test.setTimeout(120_000);
  const maya = await agent('Maya Thompson');
  const joy = await agent('Joy Santos');
  // Both keep their queue on the device (the triage list says when), then go back to the board.
  for (const person of [maya, joy]) {
    await person.triage.goto();
    await person.triage.waitUntilAllOffline();
    await person.board.goto();
    await keyboardReady(person.page);
  }

  await maya.context.setOffline(true);
  await joy.context.setOffline(true);
  await expect(maya.board.syncStatus()).toHaveAttribute('data-state', 'offline');
  await expect(joy.board.syncStatus()).toHaveAttribute('data-state', 'offline');

  // Each works down their own queue, offline, to the first ticket nobody has: #3, for both.
  await pressNext(maya);
  await expectOnTicket(maya, '#18', 'member-maya');
  await pressNext(joy);
  await expectOnTicket(joy, '#35', 'member-joy');
  await pressNext(joy);
  await expectOnTicket(joy, '#6', 'member-joy');
  await pressNext(maya);
  await expectOnTicket(maya, '#3', 'member-maya');
  await pressNext(joy);
  await expectOnTicket(joy, '#3', 'member-joy');

  // Back online. Maya pressed first: she keeps #3 on both screens.
  await Promise.all([maya.context.setOffline(false), joy.context.setOffline(false)]);
  const toast = joy.page.getByTestId('toast').filter({ hasText: 'Maya Thompson took #3 first' });
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await expect(toast).toContainText('Here is your next ticket.');
  // Joy is on her next ticket, #15, now hers.
  await expectOnTicket(joy, '#15', 'member-joy');
  await expectOnTicket(maya, '#3', 'member-maya');
  await expect(maya.page.getByTestId('toast').filter({ hasText: 'took #3 first' })).toHaveCount(0);

  // Everywhere, #3 is Maya's: on Joy's board too, once synced.
  await joy.page.getByTestId('nav-board').click();
  await joy.board.waitUntilLoaded();
  await expect(joy.board.card('#3')).toContainText('Maya Thompson');
  await expect(joy.board.syncStatus()).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
  await joy.ticket.open('#3');
  await expect(joy.page.getByTestId('ticket-assignee')).toHaveValue('member-maya');
});

test('the phone: the big button on triage takes the next ticket', async ({ agent }) => {
  const joy = await agent('Joy Santos', { phone: true });
  const button = joy.page.getByTestId('next-ticket-big');
  await expect(button).toBeVisible();
  const box = await button.boundingBox();
  // One thumb: the full width, taller than the 44 px every tap target has.
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
  expect(box?.width ?? 0).toBeGreaterThan(300);

  for (const label of ['#35', '#6', '#3']) {
    await button.tap();
    await expectOnTicket(joy, label, 'member-joy');
    await joy.page.goBack();
    await joy.triage.waitUntilLoaded();
  }
  // #3 was nobody's: it is Joy's now, in her triage list's "Mine".
  await joy.page.getByTestId('triage-scope-mine').tap();
  await expect(joy.triage.row('#3')).toBeVisible();
});
