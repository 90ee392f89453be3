import { test, expect } from './fixtures';

const DAY = 24 * 3_600_000;

/**
 * #15.8: the owner writes an auto-close rule on the automations page (a refused one names the
 * field first) and the test mode shows what it would touch; a ticket solved eight days ago (the
 * browser's clock, moved back while it is solved) is closed by the server's worker, and the
 * ticket's activity says "Automation 'Auto-close' closed the ticket".
 */
test('an auto-close rule closes a ticket solved a week ago, and the activity says so', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const { page } = aino;

  await page.goto('/w/demo-workspace/settings/automations');
  await page.getByTestId('add-automation').click();
  await page.getByTestId('automation-name').fill('Auto-close');
  await page.getByTestId('automation-trigger').selectOption('time');
  await page.getByTestId('automation-status-solved').check();
  await page.getByTestId('automation-set-status').selectOption('closed');
  // A time rule without an hours condition is refused, naming the field.
  await page.getByTestId('save-automation').click();
  await expect(page.getByTestId('automation-problem')).toContainText('conditions');
  await page.getByTestId('automation-since-solved').fill('168');
  await page.getByTestId('save-automation').click();
  const row = page.getByTestId('automation-row').filter({ hasText: 'Auto-close' });
  await expect(row).toHaveCount(1);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-pending', '0');

  // Solve #4 eight days ago.
  await page.clock.install({ time: Date.now() - 8 * DAY });
  await aino.board.goto();
  await aino.ticket.open('#4');
  await aino.ticket.setStatus('solved');
  await expect(aino.board.syncStatus()).toHaveAttribute('data-pending', '0');
  await page.clock.setSystemTime(Date.now());

  // The server's worker closes it, as the system actor, and says so.
  await expect(page.getByTestId('ticket-status')).toHaveValue('closed', { timeout: 30_000 });
  await expect(
    page.getByTestId('activity-log').getByTestId('activity-entry').filter({ hasText: 'Automation' })
  ).toContainText("Automation 'Auto-close' closed the ticket");

  // The test mode: the rule would touch no ticket now (it ran on #4; it is closed).
  await page.goto('/w/demo-workspace/settings/automations');
  await row.getByTestId('test-automation').click();
  await expect(page.getByTestId('automation-test-result')).toBeVisible();
  await expect(page.getByTestId('automation-test-ticket').filter({ hasText: '#4' })).toHaveCount(0);
});
