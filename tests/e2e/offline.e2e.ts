import { test, expect } from './fixtures';

test('both edit the same ticket while one is offline; after reconnecting both show the same', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const joy = await agent('Joy Santos');
  await aino.ticket.open('#18');
  await joy.ticket.open('#18');
  const notesBefore = await joy.ticket.entries('note').count();

  await aino.context.setOffline(true);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-state', 'offline');

  await aino.ticket.addTag('offline-aino');
  await aino.ticket.writeNote('Written on the ferry: Gmail flags the DKIM signature.');
  await aino.ticket.setStatus('pending');
  await expect(aino.page.getByTestId('sync-pending')).toContainText('not yet synced');

  await joy.ticket.addTag('online-joy');
  await joy.ticket.setPriority('urgent');
  await joy.ticket.writeNote('Checked from the office: SPF record is fine.');
  // Joy cannot see Aino's offline work yet.
  await expect(joy.ticket.tags()).toHaveCount(3);

  await aino.context.setOffline(false);
  for (const person of [aino, joy]) {
    await expect(person.ticket.tags()).toHaveText([
      /^deliverability/,
      /^email/,
      /^offline-aino/,
      /^online-joy/
    ]);
    await expect(person.ticket.entries('note')).toHaveCount(notesBefore + 2);
    await expect(person.ticket.entries('note').filter({ hasText: 'DKIM signature' })).toHaveCount(
      1
    );
    await expect(person.ticket.entries('note').filter({ hasText: 'SPF record' })).toHaveCount(1);
    await expect(person.page.getByTestId('ticket-priority')).toHaveValue('urgent');
    await expect(person.page.getByTestId('ticket-status')).toHaveValue('pending');
  }
  await expect(aino.board.syncStatus()).toHaveAttribute('data-pending', '0');
  const ainoThread = await aino.ticket.thread().allInnerTexts();
  const joyThread = await joy.ticket.thread().allInnerTexts();
  expect(ainoThread).toEqual(joyThread);
});

test('a reload while offline shows the board and the tickets already opened', async ({ agent }) => {
  const aino = await agent('Aino Virtanen');
  await aino.ticket.open('#6');
  await expect(aino.ticket.entries('inbound')).toHaveCount(1);
  await aino.page.goto('/w/demo-workspace/board');
  await aino.board.waitUntilLoaded();
  // The service worker must control the page before the shell can come from its cache.
  await aino.page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await aino.context.setOffline(true);
  await aino.page.reload();
  await aino.board.waitUntilLoaded();
  await expect(aino.board.cards()).toHaveCount(40);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-state', 'offline');

  await aino.ticket.open('#6');
  await expect(aino.page.getByTestId('ticket-subject')).toHaveText(
    'Mobile app crashes when attaching a photo'
  );
  await expect(aino.ticket.entries('inbound')).toHaveCount(1);
});

test('a ticket created offline shows a provisional reference until the server numbers it', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const joy = await agent('Joy Santos');
  await aino.context.setOffline(true);
  await aino.page.getByTestId('nav-new-ticket').click();
  await aino.page.getByLabel('Subject').fill('Printer on floor 3 prints blank pages');
  await aino.page
    .getByTestId('new-ticket-message')
    .fill('Reported by phone; toner was replaced yesterday.');
  await aino.page.getByTestId('new-ticket-submit').click();
  await expect(aino.page.getByTestId('ticket-ref')).toHaveText(/^P-[A-Z0-9]{6}$/);

  await aino.context.setOffline(false);
  await expect(aino.page.getByTestId('ticket-ref')).toHaveText('#41');
  await joy.board.goto();
  await expect(joy.board.card('#41')).toContainText('Printer on floor 3 prints blank pages');
});

test('two sentences typed offline into one ticket count as one change, not one per keystroke', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  await aino.ticket.open('#12');
  await aino.context.setOffline(true);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-state', 'offline');

  await aino.page.getByTestId('composer-mode-reply').click();
  const draft = aino.ticket.replyDraft();
  await draft.click();
  await draft.pressSequentially('Thanks, we are looking into it. ');
  await draft.pressSequentially('Expect an answer by noon.');
  await expect(aino.page.getByTestId('sync-pending')).toHaveText('1 local change not yet synced');
  await expect(aino.board.syncStatus()).toHaveAttribute('data-pending', '1');

  await aino.context.setOffline(false);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-pending', '0');
});

test('offline, colleagues are not shown as "also here" or typing; back online they are again', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const joy = await agent('Joy Santos');
  await aino.ticket.open('#9');
  await joy.ticket.open('#9');
  const joyForAino = aino.page.getByTestId('presence-peer').filter({ hasText: 'Joy' });
  await expect(joyForAino).toBeVisible();

  await joy.ticket.replyDraft().click();
  await joy.page.keyboard.type('Looking');
  await expect(aino.page.getByTestId('typing-indicator')).toContainText('Joy Santos is typing');

  await aino.context.setOffline(true);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-state', 'offline');
  await expect(joyForAino).toHaveCount(0, { timeout: 5_000 });
  await expect(aino.page.getByTestId('presence')).toHaveAttribute('data-count', '0');
  await expect(aino.page.getByTestId('typing-indicator')).not.toContainText('Joy', {
    timeout: 5_000
  });

  await aino.context.setOffline(false);
  await expect(joyForAino).toBeVisible({ timeout: 20_000 });
});
