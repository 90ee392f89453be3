import { test, expect } from './fixtures';

const DAY = 24 * 3_600_000;

/**
 * #14.7: a ticket closed ten days ago (the browser's clock, moved back while it is closed) leaves
 * the board once the owner sets the archive window to seven days; another agent, who never
 * opened it, finds it with the header's search (the server's results) and opens it; the
 * customer's page lists it under their archived tickets.
 */
test('a closed ticket leaves the board after the archive window, is found by search and opens', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const { page } = aino;
  await page.clock.install({ time: Date.now() - 10 * DAY });
  await aino.board.goto();
  await aino.ticket.open('#3');
  const subject = (await page.getByTestId('ticket-subject').textContent())?.trim() ?? '';
  expect(subject).not.toBe('');
  const requester = (await page.getByTestId('requester-link').textContent())?.trim() ?? '';
  await aino.ticket.setStatus('closed');
  await expect(aino.board.syncStatus()).toHaveAttribute('data-pending', '0');

  // Today again: the ticket is on the board, closed.
  await page.clock.setSystemTime(Date.now());
  await aino.board.goto();
  await expect(aino.board.cardInColumn('closed', '#3')).toHaveCount(1);

  // The archive settings: a refused window is named; seven days is saved.
  await page.goto('/w/demo-workspace/settings/archive');
  await page.getByTestId('archive-days').fill('0');
  await page.getByTestId('save-archive').click();
  await expect(page.getByTestId('archive-problem')).toContainText('afterDays');
  await page.getByTestId('archive-days').fill('7');
  await page.getByTestId('save-archive').click();
  await expect(page.getByTestId('archive-problem')).toHaveCount(0);

  await aino.board.goto();
  await expect(aino.board.card('#3')).toHaveCount(0);

  // Maya never opened it: the header's search finds it on the server, and it opens.
  const maya = await agent('Maya Thompson');
  await expect(maya.board.card('#3')).toHaveCount(0);
  const box = maya.page.getByTestId('global-search-input');
  await box.click();
  await box.fill(subject);
  const option = maya.page
    .getByTestId('global-search-results')
    .getByTestId('global-search-option')
    .filter({ hasText: subject });
  await expect(option.first()).toBeVisible();
  // Not on her device: the server's results have it.
  await expect(option.filter({ hasText: 'from the server' })).toHaveCount(1);
  await option.first().dispatchEvent('pointerdown');
  await expect(maya.page).toHaveURL(/\/t\//);
  await expect(maya.page.getByTestId('ticket-subject')).toHaveText(subject);
  await expect(maya.page.getByTestId('ticket-status')).toHaveValue('closed');

  // The customer's page lists it with their archived tickets.
  await expect(maya.page.getByTestId('requester-link')).toHaveText(requester);
  await maya.page.getByTestId('requester-link').click();
  await expect(
    maya.page.getByTestId('archived-tickets').getByTestId('archived-ticket').filter({
      hasText: subject
    })
  ).toHaveCount(1);
});
