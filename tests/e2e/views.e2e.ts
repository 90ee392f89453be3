/**
 * Saved views end to end: an agent saves a view with a custom-field condition from a list's
 * "Save as view"; it shows in the navigation with its count, on a second device of the same
 * member too, and not for another member.
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
