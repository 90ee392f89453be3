/**
 * Service levels end to end: an admin sets a business calendar and an SLA policy on the
 * service-levels page; a new urgent ticket then shows its first-reply clock on the ticket page
 * and a timer on its board card, both counting down (the app's clock ticks every 30 s).
 */
import { expect, test } from './fixtures';

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
