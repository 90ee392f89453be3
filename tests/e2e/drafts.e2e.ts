/**
 * Private and shared reply drafts (#15.2): two agents on one ticket. Aino's draft is hers
 * alone — Maya sees that she is writing a reply, never the text; shared, both co-edit it; and a
 * reply Maya sends while Aino's own draft is open makes Aino's send ask to review first.
 */
import { test, expect, connectDemoMailbox } from './fixtures';

test('a private draft is not seen by a colleague, who sees who is writing; shared, both co-edit; a reply sent meanwhile asks to review', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const maya = await agent('Maya Thompson');
  await connectDemoMailbox(aino.page);
  await aino.ticket.open('#15');
  await maya.ticket.open('#15');
  await expect(aino.page.getByTestId('presence-peer').filter({ hasText: 'Maya' })).toBeVisible();
  await expect(maya.page.getByTestId('presence-peer').filter({ hasText: 'Aino' })).toBeVisible();

  // Aino writes privately: Maya learns that she writes a reply, not a word of it.
  await aino.page.getByTestId('composer-mode-reply').click();
  await expect(aino.page.getByTestId('composer-draft')).toHaveAttribute('data-draft', 'private');
  await aino.ticket.replyDraft().click();
  await aino.page.keyboard.type('Hi Hannah, the carrier delays SMS codes today.');
  await expect(maya.page.getByTestId('writing-indicator')).toHaveText(
    'Aino Virtanen is writing a reply'
  );
  await expect(maya.ticket.replyDraft()).toHaveValue('');
  await expect(maya.page.getByText('the carrier delays')).toHaveCount(0);

  // Shared for co-editing: Maya opens the shared draft, both write in it.
  await aino.page.getByTestId('composer-share').click();
  await expect(aino.page.getByTestId('composer-draft')).toHaveAttribute('data-draft', 'shared');
  await expect(aino.ticket.replyDraft()).toHaveValue(
    'Hi Hannah, the carrier delays SMS codes today.'
  );
  await expect(maya.page.getByTestId('composer-shared-waiting')).toBeVisible();
  await maya.page.getByTestId('composer-share').click();
  await expect(maya.ticket.replyDraft()).toHaveValue(
    'Hi Hannah, the carrier delays SMS codes today.'
  );
  await maya.ticket.replyDraft().click();
  await maya.page.keyboard.press('End');
  await maya.page.keyboard.type(' Use the authenticator app meanwhile.');
  await expect(aino.ticket.replyDraft()).toHaveValue(
    'Hi Hannah, the carrier delays SMS codes today. Use the authenticator app meanwhile.'
  );

  // Aino goes back to a private draft of her own and starts another answer.
  await aino.page.getByTestId('composer-write-privately').click();
  await expect(aino.page.getByTestId('composer-draft')).toHaveAttribute('data-draft', 'private');
  await expect(aino.ticket.replyDraft()).toHaveValue('');
  await aino.ticket.replyDraft().click();
  await aino.page.keyboard.type('One more thing: the reset link expires in an hour.');
  await expect(maya.page.getByTestId('writing-indicator')).toHaveText(
    'Aino Virtanen is writing a reply'
  );

  // Maya sends the shared draft while Aino's own draft is open.
  await maya.page.getByTestId('composer-send').click();
  const mayaReply = aino.ticket
    .entries('reply')
    .filter({ hasText: 'Use the authenticator app meanwhile.' });
  await expect(mayaReply).toHaveCount(1);

  // Aino's send stops with the question; "Review" shows Maya's reply and sends nothing.
  await aino.page.getByTestId('composer-send').click();
  const review = aino.page.getByTestId('composer-review');
  await expect(review).toContainText(/Maya Thompson replied .* — review before sending\?/);
  await expect(aino.ticket.entries('reply').filter({ hasText: 'expires in an hour' })).toHaveCount(
    0
  );
  await aino.page.getByTestId('composer-review-open').click();
  await expect(review).toHaveCount(0);
  await expect(aino.ticket.replyDraft()).toHaveValue(
    'One more thing: the reset link expires in an hour.'
  );

  // Reviewed: the next send goes, and Maya sees it; Aino's draft is empty again.
  await aino.page.getByTestId('composer-send').click();
  await expect(maya.ticket.entries('reply').filter({ hasText: 'expires in an hour' })).toHaveCount(
    1
  );
  await expect(aino.ticket.replyDraft()).toHaveValue('');
  await expect(maya.page.getByTestId('writing-indicator')).toHaveText('');
});

test('a reply sent offline waits for the connection, a reload too, then asks about a colleague’s reply it never saw', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const maya = await agent('Maya Thompson');
  await connectDemoMailbox(aino.page);
  await aino.ticket.open('#9');
  await maya.ticket.open('#9');
  await aino.page.getByTestId('composer-mode-reply').click();
  await aino.ticket.replyDraft().click();
  await aino.page.keyboard.type('Written on the ferry.');

  // Offline, Aino sends: held, not written. Maya replies meanwhile.
  await aino.context.setOffline(true);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-state', 'offline');
  await aino.page.getByTestId('composer-send').click();
  await expect(aino.page.getByTestId('composer-held')).toBeVisible();
  await expect(
    aino.ticket.entries('reply').filter({ hasText: 'Written on the ferry.' })
  ).toHaveCount(0);
  await maya.ticket.sendReply('Answered from the office.');

  // The tab is reloaded, still offline (the shell from the service worker): the send is still
  // held on this device, the text still in Aino's draft.
  await aino.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await aino.page.reload();
  await aino.ticket.waitUntilLoaded();
  await expect(aino.page.getByTestId('composer-held')).toBeVisible();
  await expect(aino.ticket.replyDraft()).toHaveValue('Written on the ferry.');

  // Back online: the ticket is brought up to date first, and the send asks.
  await aino.context.setOffline(false);
  await expect(aino.page.getByTestId('composer-review')).toContainText('Maya Thompson replied');
  await expect(aino.page.getByTestId('composer-held')).toHaveCount(0);
  await aino.page.getByTestId('composer-send-anyway').click();
  await expect(
    maya.ticket.entries('reply').filter({ hasText: 'Written on the ferry.' })
  ).toHaveCount(1);
});
