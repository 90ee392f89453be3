import { test, expect } from './fixtures';

/**
 * #14.6: the header's search finds a ticket by a word from its thread while offline — the
 * browser's own index over the tickets kept on the device, in another inflection (Finnish
 * stems) — shows the matched word highlighted, and opens the ticket from the keyboard.
 */
test('search finds a ticket by a word from its message, offline', async ({ agent }) => {
  const aino = await agent('Aino Virtanen');
  await aino.ticket.open('#6');
  await aino.ticket.writeNote('Asiakas soitti kalastusveneestä: <b>sovellus</b> kaatuu yhä.');
  await expect(aino.ticket.entries('note').filter({ hasText: 'kalastusveneestä' })).toHaveCount(1);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-pending', '0');

  await aino.page.goto('/w/demo-workspace/board');
  await aino.board.waitUntilLoaded();
  await aino.context.setOffline(true);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-state', 'offline');

  const box = aino.page.getByTestId('global-search-input');
  await box.click();
  await box.fill('kalastusvene');
  const results = aino.page.getByTestId('global-search-results');
  const option = results
    .getByTestId('global-search-option')
    .filter({ hasText: 'Mobile app crashes' });
  await expect(option).toHaveCount(1);
  await expect(option).toHaveAttribute('data-kind', 'ticket');
  // The message's word is shown marked, and the note's markup as text, not HTML.
  await expect(option.getByTestId('global-search-excerpt').locator('mark')).toHaveText(
    'kalastusveneestä'
  );
  await expect(option.getByTestId('global-search-excerpt')).toContainText('<b>sovellus</b>');
  await expect(results).toContainText('Offline');

  // A typo still finds it; Enter opens the ticket chosen with the arrow keys.
  await box.fill('kalastusvane');
  await expect(option).toHaveCount(1);
  for (let i = 0; i < 20 && (await option.getAttribute('aria-selected')) !== 'true'; i++) {
    await box.press('ArrowDown');
  }
  await box.press('Enter');
  await expect(aino.page).toHaveURL(/\/t\//);
  await expect(aino.page.getByTestId('ticket-subject')).toHaveText(
    'Mobile app crashes when attaching a photo'
  );
});

/**
 * #14.8: beside a ticket, the requester's organisation, the team's notes and their other
 * tickets; the customer page edits them; the header's search then finds the customer by the
 * new organisation.
 */
test('customer context: edited on the customer page, shown beside the ticket, found by search', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const { page } = aino;
  await aino.ticket.open('#3');
  const context = page.getByTestId('customer-context');
  await expect(context).toBeVisible();
  const name = (await page.getByTestId('requester-link').textContent())?.trim() ?? '';
  await context.getByTestId('customer-context-all').click();
  await expect(page.getByTestId('customer-name')).toHaveText(name);

  // A refused field is named; nothing is saved.
  await page.getByTestId('customer-name-input').fill('');
  await page.getByTestId('save-customer').click();
  await expect(page.getByTestId('customer-form-error')).toContainText('Name:');
  await page.getByTestId('customer-name-input').fill(name);
  await page.getByTestId('customer-organisation-input').fill('Nordlys Kaffe A/S');
  await page.getByTestId('customer-notes-input').fill('Prefers a call before 10:00 CET.');
  await page.getByTestId('save-customer').click();
  await expect(page.getByTestId('customer-organisation')).toHaveText('Nordlys Kaffe A/S');

  await page.goto('/w/demo-workspace/board');
  await aino.board.waitUntilLoaded();
  await aino.ticket.open('#3');
  await expect(context.getByTestId('customer-context-organisation')).toHaveText(
    'Nordlys Kaffe A/S'
  );
  await expect(context.getByTestId('customer-context-notes')).toHaveText(
    'Prefers a call before 10:00 CET.'
  );

  const box = page.getByTestId('global-search-input');
  await box.click();
  await box.fill('nordlys');
  const option = page
    .getByTestId('global-search-results')
    .locator('[data-testid="global-search-option"][data-kind="customer"]');
  await expect(option).toHaveCount(1);
  await expect(option).toContainText(name);
  await expect(option.locator('mark')).toHaveText('Nordlys');
});
