import { connectDemoMailbox, test, expect } from './fixtures';
import { syncAs } from './sync';
import { ticketDocName } from '../../src/lib/domain/doc-names';
import { createTicket } from '../../src/lib/domain/ticket';

test('the demo board shows every status column with its tickets (README screenshot)', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  for (const status of ['new', 'open', 'pending', 'on-hold', 'solved', 'closed'] as const) {
    await expect(aino.board.column(status)).toBeVisible();
  }
  await expect(aino.board.cards()).toHaveCount(40);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-state', 'online');
  await aino.page.screenshot({ path: 'docs/board.png' });
});

test('a card moves to the next status with the keyboard, and the ticket agrees', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const card = aino.board.cardInColumn('new', '#3');
  await card.focus();
  await aino.page.keyboard.press('Alt+ArrowRight');
  await expect(aino.board.cardInColumn('open', '#3')).toBeVisible();
  await expect(aino.board.cardInColumn('new', '#3')).toHaveCount(0);
  // Focus follows the card, so a second press moves it on.
  await aino.page.keyboard.press(']');
  await expect(aino.board.cardInColumn('pending', '#3')).toBeVisible();

  await aino.ticket.open('#3');
  await expect(aino.page.getByTestId('ticket-status')).toHaveValue('pending');
});

test('a card dragged to another column changes status', async ({ agent }) => {
  const aino = await agent('Aino Virtanen');
  await aino.board.cardInColumn('open', '#2').dragTo(aino.board.column('on-hold'));
  await expect(aino.board.cardInColumn('on-hold', '#2')).toBeVisible();
  await aino.page.reload();
  await aino.board.waitUntilLoaded();
  await expect(aino.board.cardInColumn('on-hold', '#2')).toBeVisible();
});

test('filters narrow the board to what matches', async ({ agent }) => {
  const aino = await agent('Aino Virtanen');
  await aino.page.getByTestId('filter-priority').selectOption('urgent');
  const cards = aino.board.cards();
  await expect(cards.first()).toBeVisible();
  const count = await cards.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(40);
  for (let i = 0; i < count; i++) await expect(cards.nth(i)).toContainText('Urgent');
});

test('the ticket page shows the thread, and replies and internal notes look different', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  await connectDemoMailbox(aino.page);
  await aino.ticket.open('#3');
  await expect(aino.ticket.entries('inbound')).toHaveCount(1);
  await expect(aino.page.getByTestId('composer')).toHaveAttribute('data-mailbox', 'connected');
  await aino.ticket.sendReply(
    'We have re-enabled your endpoint; deliveries resume within minutes.'
  );
  await aino.ticket.writeNote('Customer is on the legacy webhook plan — check with billing.');
  await expect(aino.ticket.entries('reply')).toContainText(['deliveries resume']);
  await expect(aino.ticket.entries('note')).toContainText(['legacy webhook plan']);
  const note = aino.ticket.entries('note').last();
  await expect(note).toContainText(/internal note/i);
  const reply = aino.ticket.entries('reply').last();
  const noteBackground = await note.evaluate((el) => getComputedStyle(el).backgroundColor);
  const replyBackground = await reply.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(noteBackground).not.toBe(replyBackground);
  // A reply to a new ticket opens it.
  await expect(aino.page.getByTestId('ticket-status')).toHaveValue('open');
});

test('a long column shows a page of cards, and the rest when asked', async ({ agent, baton }) => {
  // 30 new tickets on top of the demo's 7: 37 in the New column.
  const owner = { id: 'member-aino', name: 'Aino Virtanen' };
  for (let i = 0; i < 30; i++) {
    const id = `e2e-long-column-${i}`;
    await syncAs(baton.url, owner.id, ticketDocName(id), (doc) => {
      createTicket(
        doc,
        {
          id,
          workspaceId: 'demo-workspace',
          subject: `Printer queue stuck ${i}`,
          channel: 'email',
          firstMessage: { kind: 'inbound', body: 'It will not print.', author: owner }
        },
        owner,
        Date.now() - i * 60_000
      );
    });
  }
  const aino = await agent('Aino Virtanen');
  const column = aino.board.column('new');
  await expect(column.getByTestId('ticket-card')).toHaveCount(25);
  const more = column.getByTestId('show-more');
  await expect(more).toContainText('Show 12 more');
  await more.click();
  await expect(column.getByTestId('ticket-card')).toHaveCount(37);
  await expect(more).toHaveCount(0);
});
