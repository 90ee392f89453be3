/**
 * Saved views end to end: an agent saves a view with a custom-field condition from a list's
 * "Save as view"; it shows in the navigation with its count, on a second device of the same
 * member too, and not for another member. In a view's own table she selects tickets and acts on
 * them with the bulk bar, as on a list.
 */
import { test, expect, type Agent } from './fixtures';

async function openLists(agent: Agent): Promise<void> {
  await agent.page.goto('/w/demo-workspace/views/open');
  await expect(agent.page.getByTestId('list-view')).toBeVisible();
}

test('a personal view with a custom-field filter: counted in the nav, on both devices, for its owner only', async ({
  agent
}) => {
  test.setTimeout(150_000);
  // The admin adds a dropdown field.
  const mads = await agent('Mads Jensen');
  await mads.page.goto('/w/demo-workspace/settings/fields');
  await mads.page.getByTestId('add-field').click();
  await mads.page.getByTestId('field-label').fill('Plan');
  await mads.page.getByTestId('field-type').selectOption('dropdown');
  await mads.page.getByTestId('field-options').fill('Gold\nSilver');
  await mads.page.getByTestId('save-field').click();
  await expect(mads.page.getByTestId('custom-field-row')).toHaveCount(1);

  // Maya sets it on one ticket.
  const maya = await agent('Maya Thompson');
  await maya.board.cards().first().click();
  await maya.ticket.waitUntilLoaded();
  const subject = (await maya.page.getByTestId('ticket-subject').textContent())?.trim() ?? '';
  expect(subject).not.toBe('');
  await maya.page.getByTestId('field-plan').selectOption({ label: 'Gold' });
  await expect(maya.page.getByTestId('field-plan')).toHaveValue('gold');

  // She saves a view of every ticket on the gold plan.
  await openLists(maya);
  await maya.page.getByTestId('save-as-view').click();
  const editor = maya.page.getByTestId('view-editor');
  await editor.getByTestId('view-name').fill('Gold plan');
  await editor.getByTestId('view-base').selectOption('');
  await editor.locator('[data-field-key="plan"]').getByLabel('Gold').check();
  await editor.getByTestId('view-save').click();
  await expect(maya.page).toHaveURL(/\/views\/saved\/mine-/);
  await expect(maya.page.getByRole('heading', { level: 1 })).toHaveText('Gold plan');
  const rows = maya.page.getByTestId('ticket-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(subject);
  const link = maya.page.getByTestId('saved-view-link').filter({ hasText: 'Gold plan' });
  await expect(link.getByTestId('saved-view-count')).toHaveText('1');

  // Her second device has it, counted from its own copy of the index.
  const mayaPhone = await agent('Maya Thompson');
  await openLists(mayaPhone);
  const other = mayaPhone.page.getByTestId('saved-view-link').filter({ hasText: 'Gold plan' });
  await expect(other.getByTestId('saved-view-count')).toHaveText('1');
  await other.click();
  await expect(mayaPhone.page.getByTestId('ticket-row')).toHaveCount(1);

  // A colleague does not see it.
  const aino = await agent('Aino Virtanen');
  await openLists(aino);
  await expect(aino.page.getByTestId('view-mine')).toBeVisible();
  await expect(aino.page.getByTestId('saved-view-link')).toHaveCount(0);
});

test('in a saved view: select two tickets, solve them; the view’s count and a colleague’s board follow; Undo', async ({
  agent
}) => {
  test.setTimeout(150_000);
  const aino = await agent('Aino Virtanen');
  const maya = await agent('Maya Thompson');
  await maya.page.goto('/w/demo-workspace/views/unassigned');
  await expect(maya.page.getByTestId('list-view')).toBeVisible();
  await maya.page.getByTestId('save-as-view').click();
  const editor = maya.page.getByTestId('view-editor');
  await editor.getByTestId('view-name').fill('Queue');
  await editor.getByTestId('view-save').click();
  await expect(maya.page).toHaveURL(/\/views\/saved\/mine-/);

  const page = maya.page;
  const rows = page.getByTestId('ticket-row');
  await expect(rows.nth(2)).toBeVisible();
  const count = page
    .getByTestId('saved-view-link')
    .filter({ hasText: 'Queue' })
    .getByTestId('saved-view-count');
  const before = Number(await count.textContent());
  await expect(rows).toHaveCount(before);
  const picked = [rows.nth(0), rows.nth(1)];
  const ids = await Promise.all(picked.map(async (r) => (await r.getAttribute('data-ticket-id'))!));
  const labels = await Promise.all(
    picked.map(async (r) => ((await r.locator('td.ref').textContent()) ?? '').trim())
  );
  const statuses = await Promise.all(
    labels.map(async (label) => {
      await expect(aino.board.card(label)).toBeVisible();
      return (await aino.board.card(label).getAttribute('data-status'))!;
    })
  );

  // A click on the first checkbox, `x` on the second row's link.
  await page.locator(`main [data-select-ticket="${ids[0]}"]`).click();
  await picked[1]!.locator('[data-nav-item]').focus();
  await page.keyboard.press('x');
  await expect(page.getByTestId('bulk-count')).toHaveText('2 selected');

  await page.getByTestId('bulk-status').click();
  await page.locator('#bulk-status button[data-status="solved"]').click();
  await expect(page.locator('[data-testid="toast"]').last()).toContainText('Changed 2 tickets');
  // Solved tickets leave the view (its base is the open unassigned ones) and its count.
  for (const id of ids)
    await expect(page.locator(`[data-testid="ticket-row"][data-ticket-id="${id}"]`)).toHaveCount(0);
  await expect(count).toHaveText(String(before - 2));
  for (const label of labels)
    await expect(aino.board.card(label)).toHaveAttribute('data-status', 'solved');

  // One Undo brings both back, here and on Aino's board.
  await page.getByTestId('toast-action').last().click();
  await expect(page.locator('[data-testid="toast"]').last()).toContainText('Undone on 2 tickets');
  await expect(count).toHaveText(String(before));
  await expect(rows).toHaveCount(before);
  for (const [i, label] of labels.entries())
    await expect(aino.board.card(label)).toHaveAttribute('data-status', statuses[i]!);
});

const DAY = 24 * 60 * 60 * 1000;

test('snooze: pending until tomorrow morning, due in the browser offline, opened again by the server', async ({
  agent
}) => {
  test.setTimeout(150_000);
  const maya = await agent('Maya Thompson');
  const { page } = maya;
  // Three days ago by the browser's clock: "tomorrow morning" is already past for the server.
  await page.clock.install({ time: Date.now() - 3 * DAY });
  await maya.board.goto();
  await maya.ticket.open('#4');
  await maya.context.setOffline(true);
  await expect(maya.board.syncStatus()).toHaveAttribute('data-state', 'offline');

  await page.getByTestId('snooze-open').click();
  await page.getByTestId('snooze-tomorrow').click();
  await expect(page.getByTestId('ticket-status')).toHaveValue('pending');
  await expect(page.getByTestId('snoozed-until')).toContainText('Pending until');

  // Time passes; still offline, the browser shows the ticket as due.
  await page.clock.setSystemTime(Date.now());
  await page.clock.fastForward(31_000);
  await expect(page.getByTestId('snooze-ended')).toHaveText('Snooze ended: due now');

  // Back online, the server opens it again as the system actor and says so.
  await maya.context.setOffline(false);
  await expect(page.getByTestId('ticket-status')).toHaveValue('open', { timeout: 30_000 });
  await expect(page.getByTestId('snooze-ended')).toHaveCount(0);
  await expect(
    page.getByTestId('activity-log').getByTestId('activity-entry').filter({ hasText: 'Snooze' })
  ).toContainText(['Snooze ended: the ticket is open again']);
});

test('a macro of my own: kept in the personal part of the index, in my picker beside the shared ones, not in a colleague’s', async ({
  agent
}) => {
  test.setTimeout(120_000);
  const maya = await agent('Maya Thompson');
  await maya.page.goto('/w/demo-workspace/settings/macros');
  await maya.page.getByTestId('my-macro-new').click();
  await maya.page.getByTestId('macro-name').fill('My thanks');
  await maya.page
    .getByTestId('macro-reply')
    .fill('Thanks, {{ requester.first_name | default: "there" }}! — {{ agent.name }}');
  await maya.page.getByTestId('macro-save').click();
  await expect(maya.page.getByTestId('my-macros-item')).toHaveText([/My thanks/]);

  await maya.board.goto();
  await maya.board.cards().first().click();
  await maya.ticket.waitUntilLoaded();
  await maya.page.getByTestId('ticket-subject').focus();
  await maya.page.keyboard.press('m');
  await expect(maya.page.getByTestId('macro-search')).toBeFocused();
  await maya.page.keyboard.type('thanks');
  await expect(maya.page.getByTestId('macro-option')).toHaveText([/My thanks/]);
  await expect(maya.page.getByTestId('macro-preview-reply')).toContainText('Maya Thompson');

  const aino = await agent('Aino Virtanen');
  await aino.page.goto('/w/demo-workspace/settings/macros');
  await expect(aino.page.getByTestId('my-macro-new')).toBeVisible();
  await expect(aino.page.getByTestId('my-macros-item')).toHaveCount(0);
});
