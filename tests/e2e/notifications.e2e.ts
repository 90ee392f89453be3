import { test, expect } from './fixtures';

test('a colleague assigns me a ticket: the bell counts 1 and I open the ticket from the inbox', async ({
  agent
}) => {
  // Joy is on her phone; Aino at her desk.
  const joy = await agent('Joy Santos', { phone: true });
  const aino = await agent('Aino Virtanen');
  const bell = joy.page.getByTestId('notification-bell');
  await expect(bell).toBeVisible();
  await expect(bell).toHaveAttribute('data-unread', '0');

  await aino.ticket.open('#15');
  await aino.page.getByTestId('ticket-assignee').selectOption('member-joy');

  // It arrives while Joy is online, without a reload.
  await expect(joy.page.getByTestId('notification-count')).toHaveText('1');
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread');

  await bell.click();
  await expect(joy.page).toHaveURL(/\/w\/demo-workspace\/notifications$/);
  const item = joy.page.getByTestId('notification');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-kind', 'assigned');
  await expect(item).toContainText('Aino Virtanen assigned #15 to you');

  await item.getByRole('link').click();
  await joy.ticket.waitUntilLoaded();
  await expect(joy.page.getByTestId('ticket-assignee')).toHaveValue('member-joy');
  await expect(bell).toHaveAttribute('data-unread', '0');
  await expect(joy.page.getByTestId('notification-count')).toHaveCount(0);

  // The inbox stays readable offline, from this device's copy.
  await joy.context.setOffline(true);
  await bell.click();
  await expect(joy.page.getByTestId('notification')).toContainText('Aino Virtanen assigned #15');
});
