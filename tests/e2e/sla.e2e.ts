/**
 * Service levels end to end: an admin sets a business calendar and an SLA policy on the
 * service-levels page; a new urgent ticket then shows its first-reply clock on the ticket page
 * and a timer on its board card, both counting down (the app's clock ticks every 30 s). And a
 * phone that lost its signal counts down a business-hours clock exactly as the desktop does:
 * the same pure function over the ticket kept on the device.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { syncAs } from './sync';
import { settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names';
import { putSettingsRecord } from '../../src/lib/domain/settings';
import { createTicket } from '../../src/lib/domain/ticket';

const WORKSPACE = 'demo-workspace';
const OWNER = { id: 'member-aino', name: 'Aino Virtanen' };

test('an admin sets a calendar and a policy; a new urgent ticket counts down to its first reply', async ({
  agent
}) => {
  test.setTimeout(120_000);
  const aino = await agent('Aino Virtanen');
  const { page } = aino;

  await page.getByTestId('nav-service-levels').click();
  await expect(page).toHaveURL(/\/settings\/sla$/);

  // A calendar open round the clock, so the test does not depend on the hour it runs at.
  await page.getByTestId('add-calendar').click();
  await page.getByTestId('calendar-name').fill('Always open');
  await page.getByTestId('calendar-zone').selectOption('Europe/Helsinki');
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) {
    await page.getByTestId(`calendar-day-${day}`).fill('00:00–24:00');
  }
  await page.getByTestId('save-calendar').click();
  await expect(page.getByTestId('calendar-row')).toContainText('Always open');

  await page.getByTestId('add-policy').click();
  await page.getByTestId('policy-name').fill('Urgent first reply');
  await page.getByTestId('policy-priority-urgent').check();
  await page.getByTestId('policy-target-firstReply').fill('60');
  await page.getByTestId('save-policy').click();
  await expect(page.getByTestId('policy-row')).toContainText('Urgent first reply');

  await page.getByTestId('nav-new-ticket').click();
  await page.getByTestId('new-ticket-subject').fill('Checkout is down');
  await page.getByTestId('new-ticket-priority').selectOption('urgent');
  await page.getByTestId('new-ticket-message').fill('Nobody can pay.');
  await page.getByTestId('new-ticket-submit').click();
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+$/);

  const clock = page.locator('[data-testid="sla-clock"][data-metric="firstReply"]');
  await expect(clock).toHaveAttribute('data-state', 'running');
  await expect(clock).toHaveAttribute('data-risk', 'ok');
  await expect(clock).toContainText('First reply');
  await expect(clock).toContainText('running');
  // Counting down: under an hour left once the clock has ticked.
  await expect(clock.getByTestId('sla-remaining')).toHaveText(/^5\dm left$/, { timeout: 45_000 });

  await page.getByTestId('nav-board').click();
  await aino.board.waitUntilLoaded();
  const badge = aino.board.card('Checkout is down').getByTestId('due-badge');
  await expect(badge).toHaveAttribute('data-risk', 'ok');
  await expect(badge).toHaveText(/in 5\dm$/);
  const before = await badge.textContent();
  // The screen reader hears the due time and the risk, not a colour.
  await expect(badge).toHaveAttribute('aria-label', /^SLA .+, on time$/);
  await expect
    .poll(async () => badge.textContent(), { timeout: 70_000, message: 'the card counts down' })
    .not.toBe(before);
});

test('a phone with no signal shows the same countdown as the desktop', async ({ agent, baton }) => {
  test.setTimeout(150_000);
  // Helsinki business hours, Mon–Fri 09–17; urgent tickets get a first reply in one business
  // hour. A mail that came in on Friday 4 January 2030 at 16:30 is due on Monday at 09:30.
  const friday1630 = Date.UTC(2030, 0, 4, 14, 30);
  const friday1645 = friday1630 + 15 * 60_000;
  const monday0930 = Date.UTC(2030, 0, 7, 7, 30);
  const monday0920 = monday0930 - 10 * 60_000;
  const open: [string, string][] = [['09:00', '17:00']];
  await syncAs(baton.url, OWNER.id, settingsDocName(WORKSPACE), (doc) => {
    const calendar = {
      id: 'helsinki',
      name: 'Helsinki office',
      timeZone: 'Europe/Helsinki',
      week: { mon: open, tue: open, wed: open, thu: open, fri: open, sat: [], sun: [] },
      holidays: []
    };
    expect(putSettingsRecord(doc, 'calendars', calendar)).toBeNull();
    const policy = {
      id: 'urgent',
      name: 'Urgent',
      position: 1,
      conditions: { priorities: ['urgent'] },
      targets: { firstReply: { minutes: 60, time: 'business' } },
      calendarId: 'helsinki',
      warnAtPercent: 75,
      pauseStatuses: ['pending']
    };
    expect(putSettingsRecord(doc, 'slaPolicies', policy)).toBeNull();
  });
  const id = 'ticket-friday-late';
  await syncAs(baton.url, OWNER.id, ticketDocName(id), (doc) =>
    createTicket(
      doc,
      {
        id,
        workspaceId: WORKSPACE,
        subject: 'Invoices will not send',
        priority: 'urgent',
        channel: 'web'
      },
      OWNER,
      friday1630
    )
  );

  const desk = await agent('Aino Virtanen');
  const phone = await agent('Joy Santos', { phone: true });
  for (const { page } of [desk, phone]) await page.clock.setFixedTime(friday1645);

  // The phone keeps every triage row on the device, then loses its signal and restarts.
  await phone.page.reload();
  await phone.triage.waitUntilLoaded();
  await phone.triage.waitUntilAllOffline();
  await phone.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await phone.context.setOffline(true);
  await phone.page.reload();
  await phone.triage.waitUntilLoaded();
  await expect(phone.board.syncStatus()).toHaveAttribute('data-state', 'offline');

  await desk.page.goto(`/w/${WORKSPACE}/board`);
  await desk.board.waitUntilLoaded();
  const deskBadge = desk.board.card('Invoices will not send').getByTestId('due-badge');
  const phoneBadge = phone.page
    .locator(`[data-testid="triage-row"][data-ticket-id="${id}"]`)
    .getByTestId('due-badge');
  await expect(deskBadge).toHaveAttribute('data-risk', 'ok');
  await expect(phoneBadge).toHaveAttribute('data-risk', 'ok');
  // The same deadline and time left on both, each in its member's own time zone (Aino's is
  // Helsinki's, Joy's is not).
  await expect(deskBadge).toHaveAttribute('aria-label', 'SLA Jan 7, 09:30 AM (in 2d 16h), on time');
  await expect(phoneBadge).toHaveAttribute('aria-label', /^SLA Jan 7, .+ \(in 2d 16h\), on time$/);

  // The ticket page: the same clock on both, due Monday 09:30 in Helsinki.
  await desk.page.goto(`/w/${WORKSPACE}/t/${id}`);
  await phone.page
    .locator(`[data-testid="triage-row"][data-ticket-id="${id}"]`)
    .getByRole('link')
    .first()
    .click();
  const clocks = [desk, phone].map(({ page }) =>
    page.locator('[data-testid="sla-clock"][data-metric="firstReply"]')
  );
  for (const clock of clocks) {
    await expect(clock).toHaveAttribute('data-state', 'running');
    await expect(clock.locator('time')).toHaveAttribute(
      'datetime',
      new Date(monday0930).toISOString()
    );
  }
  const [deskClock, phoneClock] = clocks as [Locator, Locator];
  await expect(phoneClock.getByTestId('sla-remaining')).toHaveText(
    (await deskClock.getByTestId('sla-remaining').textContent()) ?? 'missing'
  );

  // Monday morning, ten minutes before it is due (past the warning at 75 %): both count down alike, the phone still
  // offline (the app's clock ticks every 30 s).
  for (const { page } of [desk, phone]) await page.clock.setFixedTime(monday0920);
  for (const clock of clocks) {
    await expect(clock.getByTestId('sla-remaining')).toHaveText(/^10m left$/, { timeout: 45_000 });
    await expect(clock).toHaveAttribute('data-risk', 'warning');
  }
  await expect(phone.board.syncStatus()).toHaveAttribute('data-state', 'offline');
});
