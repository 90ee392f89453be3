import { test, expect } from './fixtures';

test('two agents see each other on the board and in a ticket, live', async ({ agent }) => {
  const aino = await agent('Aino Virtanen');
  const joy = await agent('Joy Santos');

  // The board: Aino moves a card, Joy's board follows.
  await aino.board.cardInColumn('new', '#15').focus();
  await aino.page.keyboard.press('Alt+ArrowRight');
  await expect(joy.board.cardInColumn('open', '#15')).toBeVisible();

  // The ticket: presence, the shared reply draft, typing, and notes.
  await aino.ticket.open('#15');
  await joy.ticket.open('#15');
  await expect(aino.page.getByTestId('presence-peer').filter({ hasText: 'Joy' })).toBeVisible();
  await expect(joy.page.getByTestId('presence-peer').filter({ hasText: 'Aino' })).toBeVisible();

  await aino.ticket.replyDraft().click();
  await aino.page.keyboard.type('Hi Hannah, SMS codes are delayed by the carrier');
  await expect(joy.page.getByTestId('typing-indicator')).toContainText('Aino Virtanen is typing');
  // Aino's draft is her own (#15.2) until she shares it for co-editing; Joy opens it.
  await expect(joy.ticket.replyDraft()).toHaveValue('');
  await aino.page.getByTestId('composer-share').click();
  await joy.page.getByTestId('composer-share').click();
  await expect(joy.ticket.replyDraft()).toHaveValue(
    'Hi Hannah, SMS codes are delayed by the carrier'
  );

  // Joy finishes the sentence in the same draft; Aino sees it.
  await joy.ticket.replyDraft().click();
  await joy.page.keyboard.press('End');
  await joy.page.keyboard.type('; use the authenticator app meanwhile.');
  await expect(aino.ticket.replyDraft()).toHaveValue(
    'Hi Hannah, SMS codes are delayed by the carrier; use the authenticator app meanwhile.'
  );

  await joy.ticket.writeNote('Carrier incident INC-4471 is open on their status page.');
  await expect(aino.ticket.entries('note')).toContainText(['INC-4471']);

  await aino.ticket.setPriority('urgent');
  await expect(joy.page.getByTestId('ticket-priority')).toHaveValue('urgent');
});
