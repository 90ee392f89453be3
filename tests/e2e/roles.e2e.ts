/**
 * The app makes no edit the member's role does not allow, instead of making it locally and
 * having the server refuse it (the refused change would stay on screen until a reload): a
 * viewer's keyboard shortcut is refused with a message, a light agent can add a note but not
 * change the ticket, and a colleague and a reload both show the ticket as it was.
 */
import { expect, test } from './fixtures';

test('a viewer pressing a on a card gets a message and the card stays as it was', async ({
  agent
}) => {
  const rafaela = await agent('Rafaela Costa');
  const { page, board } = rafaela;
  await expect(page.getByTestId('read-only-note')).toBeVisible();
  const card = board.card('#3');
  await expect(card).toContainText('Unassigned');
  await card.focus();
  await page.keyboard.press('a');
  await expect(page.getByTestId('toast').last()).toContainText(
    'You have read-only access to this workspace.'
  );
  await expect(card).toContainText('Unassigned');
  await page.reload();
  await board.waitUntilLoaded();
  await expect(board.card('#3')).toContainText('Unassigned');
});

test('a light agent adds a note; the reply draft, status and handover are not theirs to change', async ({
  agent
}) => {
  const liam = await agent('Liam Nguyen');
  const aino = await agent('Aino Virtanen');
  await expect(liam.page.getByTestId('light-agent-note')).toBeVisible();
  await liam.ticket.open('#3');
  await aino.ticket.open('#3');

  await expect(liam.page.getByTestId('ticket-status')).toBeDisabled();
  // The status shortcut says why instead of doing nothing.
  await liam.page.getByTestId('ticket-subject').focus();
  await liam.page.keyboard.press('s');
  await expect(liam.page.getByTestId('toast').last()).toContainText(
    'As a light agent you can add internal notes, nothing else.'
  );
  await expect(liam.page.getByTestId('add-tag-input')).toBeDisabled();
  await expect(liam.page.getByTestId('quick-take')).toBeDisabled();
  // The composer opens on what they can write; the reply draft is there to read.
  await expect(liam.page.getByTestId('composer-mode-note')).toHaveAttribute('aria-pressed', 'true');
  await expect(aino.page.getByTestId('composer-mode-reply')).toHaveAttribute(
    'aria-pressed',
    'true'
  );
  await liam.page.getByTestId('composer-mode-reply').click();
  await expect(liam.ticket.replyDraft()).toHaveAttribute('readonly', '');
  await expect(liam.page.getByTestId('handover-text')).toHaveAttribute('readonly', '');
  // Typing into the read-only draft changes nothing, here or for a colleague.
  await liam.ticket.replyDraft().click();
  await liam.page.keyboard.type('not mine to send');
  await expect(liam.ticket.replyDraft()).toHaveValue('');
  await expect(liam.page.getByTestId('composer-send')).toBeDisabled();

  await liam.ticket.writeNote('Checked the logs: the export timed out at 02:10.');
  await expect(liam.ticket.entries('note').last()).toContainText('export timed out');
  await expect(aino.ticket.entries('note').last()).toContainText('export timed out');
  await expect(aino.ticket.replyDraft()).toHaveValue('');
});
