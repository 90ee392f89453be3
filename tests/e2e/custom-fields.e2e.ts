/**
 * Custom fields end to end: an admin adds a required dropdown on the settings page; an agent
 * on another machine sees it beside a ticket, is refused solving the ticket while it is empty
 * (the field named), goes offline, sets it and solves; back online, the admin sees both.
 */
import { test, expect } from './fixtures';

test('a required dropdown: set by an agent offline, solving refused until it is', async ({
  agent
}) => {
  // Two people, a settings page, a ticket and a round trip offline.
  test.setTimeout(150_000);
  const mads = await agent('Mads Jensen');
  await mads.page.goto('/w/demo-workspace/settings/fields');
  await mads.page.getByTestId('add-field').click();
  await mads.page.getByTestId('field-label').fill('Product');
  await mads.page.getByTestId('field-type').selectOption('dropdown');
  await mads.page.getByTestId('field-options').fill('Laptop\nPhone');
  await mads.page.getByTestId('field-required').check();
  // The key comes from the name when none is typed.
  await mads.page.getByTestId('save-field').click();
  const row = mads.page.getByTestId('custom-field-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-key', 'product');
  await expect(row).toContainText('Laptop · Phone');

  // Maya, an agent, opens a ticket that is not solved: the field is there, empty and required.
  const maya = await agent('Maya Thompson');
  await maya.board.cards().first().click();
  await maya.ticket.waitUntilLoaded();
  const url = maya.page.url();
  const status = maya.page.getByTestId('ticket-status');
  const before = await status.inputValue();
  expect(['solved', 'closed']).not.toContain(before);
  const product = maya.page.getByTestId('field-product');
  await expect(product).toHaveValue('');

  // Solving is refused, naming the field; the status stays.
  await maya.ticket.setStatus('solved');
  await expect(maya.page.getByTestId('solve-blocked')).toHaveText(
    'Fill in Product before solving this ticket.'
  );
  await expect(status).toHaveValue(before);

  // Offline, she sets the field and solves.
  await maya.context.setOffline(true);
  await expect(maya.board.syncStatus()).toHaveAttribute('data-state', 'offline');
  await product.selectOption({ label: 'Laptop' });
  await expect(maya.page.getByTestId('solve-blocked')).toHaveCount(0);
  await maya.ticket.setStatus('solved');
  await expect(status).toHaveValue('solved');

  // Online again, the change syncs: the admin opens the ticket and sees both.
  await maya.context.setOffline(false);
  await expect(maya.board.syncStatus()).toHaveAttribute('data-state', 'online');
  await mads.page.goto(new URL(url).pathname);
  await mads.ticket.waitUntilLoaded();
  await expect(mads.page.getByTestId('field-product')).toHaveValue('laptop');
  await expect(mads.page.getByTestId('ticket-status')).toHaveValue('solved');
  // The change is in the ticket's activity, in words.
  await expect(
    mads.page.getByTestId('activity-entry').filter({ hasText: 'set Product to Laptop' })
  ).toHaveCount(1);
});

test('a macro sets a custom field, previewed, and one undo clears it', async ({ agent }) => {
  test.setTimeout(120_000);
  const mads = await agent('Mads Jensen');
  await mads.page.goto('/w/demo-workspace/settings/fields');
  await mads.page.getByTestId('add-field').click();
  await mads.page.getByTestId('field-label').fill('Plan');
  await mads.page.getByTestId('field-type').selectOption('dropdown');
  await mads.page.getByTestId('field-options').fill('Basic\nPremium');
  await mads.page.getByTestId('save-field').click();
  await expect(mads.page.getByTestId('custom-field-row')).toHaveCount(1);

  // The macro's form offers the workspace's fields; an empty one is left as it is.
  await mads.page.goto('/w/demo-workspace/settings/macros');
  await mads.page.getByTestId('macro-new').click();
  await mads.page.getByTestId('macro-name').fill('Upgrade to premium');
  await mads.page.getByTestId('macro-fields').getByTestId('field-plan').selectOption({
    label: 'Premium'
  });
  await mads.page.getByTestId('macro-save').click();
  await expect(mads.page.getByTestId('macros-item')).toHaveText([/Upgrade to premium/]);

  await mads.board.goto();
  await mads.board.cards().first().click();
  await mads.ticket.waitUntilLoaded();
  const plan = mads.page.getByTestId('field-plan');
  await expect(plan).toHaveValue('');
  await mads.page.getByTestId('ticket-subject').focus();
  await mads.page.keyboard.press('m');
  await mads.page.keyboard.type('upgrade');
  await expect(mads.page.getByTestId('macro-preview-changes')).toHaveText('Plan: – → Premium');
  await mads.page.keyboard.press('Enter');
  await expect(plan).toHaveValue('premium');
  await expect(
    mads.page.getByTestId('activity-entry').filter({ hasText: 'set Plan to Premium' })
  ).toHaveCount(1);
  await mads.page.getByTestId('toast-action').click();
  await expect(plan).toHaveValue('');
});
