import { test, expect } from './fixtures';
import type { Locator, Page } from '@playwright/test';

test('Aino mentions Mads in a note: his bell counts 1 and opens the ticket at the note', async ({
  agent
}) => {
  const mads = await agent('Mads Jensen');
  const aino = await agent('Aino Virtanen');
  const bell = mads.page.getByTestId('notification-bell');
  await expect(bell).toHaveAttribute('data-unread', '0');

  await aino.ticket.open('#14');
  await aino.page.getByTestId('composer-mode-note').click();
  const box = aino.page.getByTestId('composer-note');
  await box.pressSequentially('Can @ma');
  // The picker: Mads and Maya, Mads first; the box keeps the focus and points at the option.
  const options = aino.page.getByTestId('mention-option');
  await expect(options).toHaveText(['Mads Jensen', 'Maya Thompson']);
  await expect(box).toBeFocused();
  await expect(box).toHaveAttribute('aria-activedescendant', 'composer-note-mentions-option-0');
  await box.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', 'composer-note-mentions-option-1');
  await box.press('ArrowUp');
  await box.press('Enter');
  await expect(box).toHaveValue('Can @Mads Jensen ');
  await expect(options).toHaveCount(0);
  await box.pressSequentially('look at the printer logs?');
  await expect(aino.page.getByTestId('composer-note-mentions')).toHaveText('1 member is notified');
  await aino.page.getByTestId('composer-send').click();
  await expect(aino.page.getByTestId('thread-entry').last()).toContainText(
    'Can @Mads Jensen look at the printer logs?'
  );

  // It reaches Mads while he is online, without a reload.
  await expect(mads.page.getByTestId('notification-count')).toHaveText('1');
  await bell.click();
  await mads.page.getByTestId('inbox-show-mentions').click();
  const item = mads.page.getByTestId('notification');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-kind', 'mentioned');
  await expect(item).toContainText('Aino Virtanen mentioned you on #14');

  await item.getByRole('link').click();
  await mads.ticket.waitUntilLoaded();
  await expect(mads.page).toHaveURL(/\/t\/[^#]+#entry-/);
  const note = mads.page.locator('[data-testid="thread-entry"][data-anchored]');
  await expect(note).toContainText('Can @Mads Jensen look at the printer logs?');
  await expect(note).toBeInViewport();
  await expect(bell).toHaveAttribute('data-unread', '0');
});

test('a side conversation with a light-agent expert, who reads the ticket and answers', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const liam = await agent('Liam Nguyen');

  await aino.ticket.open('#14');
  const side = await startSideConversation(
    aino.page,
    'Known firmware bug?',
    'member-liam',
    'Liam, have you seen this before?'
  );
  await expect(side.getByTestId('side-conversation-subject')).toHaveText('Known firmware bug?');

  // Liam, the expert, is told; the notification opens the ticket at the conversation.
  await expect(liam.page.getByTestId('notification-count')).toHaveText('1');
  await liam.page.getByTestId('notification-bell').click();
  const item = liam.page.getByTestId('notification');
  await expect(item).toHaveAttribute('data-kind', 'side-conversation');
  await item.getByRole('link').click();
  await liam.ticket.waitUntilLoaded();
  // The whole ticket beside the chat; the reply stays the team's.
  await expect(liam.page.getByTestId('thread-entry').first()).toBeVisible();
  await expect(liam.page.getByTestId('composer-reply')).toHaveAttribute('readonly', '');
  const chat = liam.page.getByTestId('side-conversation');
  await expect(chat.getByTestId('side-message-body')).toHaveText([
    'Liam, have you seen this before?'
  ]);
  await chat.getByTestId('side-answer').fill('Yes: firmware 4.2 fixes it.');
  await chat.getByTestId('side-answer-send').click();

  // Aino sees the answer live, and Liam's copy keeps it after a reload.
  await expect(side.getByTestId('side-message-body')).toHaveText([
    'Liam, have you seen this before?',
    'Yes: firmware 4.2 fixes it.'
  ]);
  await liam.page.reload();
  await liam.ticket.waitUntilLoaded();
  await expect(liam.page.getByTestId('side-message-body')).toHaveText([
    'Liam, have you seen this before?',
    'Yes: firmware 4.2 fixes it.'
  ]);
});

test('a side conversation started with Mads: Aino adds the expert later, who is told and reads the thread', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const liam = await agent('Liam Nguyen');

  await aino.ticket.open('#12');
  const side = await startSideConversation(
    aino.page,
    'Refund or repair?',
    'member-mads',
    'Mads, what do we usually do here?'
  );
  const chat = side.getByTestId('side-conversation');
  await expect(chat.getByTestId('side-conversation-subject')).toHaveText('Refund or repair?');
  await expect(chat).toContainText('With Aino Virtanen, Mads Jensen');

  // Later: Add people, the same picker, without those already in it.
  await chat.getByTestId('side-add-people').click();
  const form = chat.getByTestId('side-add-form');
  await expect(form.locator('[data-member-id="member-mads"]')).toHaveCount(0);
  await form.locator('[data-testid="side-add-member"][data-member-id="member-liam"]').check();
  await form.getByTestId('side-add-send').click();
  await expect(chat.getByTestId('side-added')).toHaveText([/Aino Virtanen added Liam Nguyen/]);
  await expect(chat).toContainText('With Aino Virtanen, Mads Jensen, Liam Nguyen');
  await expect(chat.getByTestId('side-add-form')).toHaveCount(0);

  // Liam is told as on a start; the link opens the ticket, the thread beside the chat.
  await expect(liam.page.getByTestId('notification-count')).toHaveText('1');
  await liam.page.getByTestId('notification-bell').click();
  const item = liam.page.getByTestId('notification');
  await expect(item).toHaveAttribute('data-kind', 'side-conversation');
  await item.getByRole('link').click();
  await liam.ticket.waitUntilLoaded();
  await expect(liam.page.getByTestId('thread-entry').first()).toBeVisible();
  const his = liam.page.getByTestId('side-conversation');
  await expect(his.getByTestId('side-message-body')).toHaveText([
    'Mads, what do we usually do here?'
  ]);
  await expect(his.getByTestId('side-added')).toHaveText([/Aino Virtanen added Liam Nguyen/]);
  // He is in it now: he answers (a light agent writes only where he takes part).
  await his.getByTestId('side-answer').fill('Repair: it is under warranty.');
  await his.getByTestId('side-answer-send').click();
  await expect(chat.getByTestId('side-message-body')).toHaveText([
    'Mads, what do we usually do here?',
    'Repair: it is under warranty.'
  ]);
});

/** Starts a side conversation on the open ticket with one member; returns the ticket's panel. */
async function startSideConversation(
  page: Page,
  subject: string,
  memberId: string,
  firstMessage: string
): Promise<Locator> {
  const side = page.getByTestId('side-conversations');
  await side.getByTestId('side-start').click();
  await side.getByTestId('side-subject').fill(subject);
  await side.locator(`[data-testid="side-with"][data-member-id="${memberId}"]`).check();
  await side.getByTestId('side-first-message').fill(firstMessage);
  await side.getByTestId('side-start-send').click();
  return side;
}
