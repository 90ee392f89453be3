/**
 * Macros end to end: an admin saves a shared macro (a template with an unknown variable is
 * refused first, naming the field); an agent on another machine, offline, applies it from the
 * keyboard — `m`, type to search, the preview, Enter — and undoes it in one step; back online,
 * the admin sees what stayed.
 */
import { connectDemoMailbox, test, expect } from './fixtures';

test('a shared macro applied from the keyboard with preview and undo, offline', async ({
  agent
}) => {
  // Two people signed in, a settings page, a ticket and a round trip offline: a long story.
  test.setTimeout(150_000);
  const aino = await agent('Aino Virtanen');
  await connectDemoMailbox(aino.page);

  // The owner writes the macro; a typo in a variable is caught before it can be saved.
  await aino.page.goto('/w/demo-workspace/settings/macros');
  await aino.page.getByTestId('macro-new').click();
  await aino.page.getByTestId('macro-name').fill('Password reset');
  await aino.page
    .getByTestId('macro-reply')
    .fill('Hi {{ requester.frist_name }}, about #{{ ticket.number }}.');
  await expect(aino.page.getByTestId('macro-reply-problem')).toContainText(
    'Unknown variable {{ requester.frist_name }}'
  );
  await aino.page.getByTestId('macro-save').click();
  await expect(aino.page.getByTestId('macro-refusal')).toContainText('Reply text');
  await expect(aino.page.getByTestId('macros-item')).toHaveCount(0);

  await aino.page
    .getByTestId('macro-reply')
    .fill(
      'Hi {{ requester.first_name | default: "there" }}, about #{{ ticket.number }}: use the reset link.\n{{ agent.name }}'
    );
  await aino.page.getByTestId('macro-note').fill('Reset link sent by {{ agent.first_name }}');
  await aino.page.getByTestId('macro-status').selectOption('pending');
  await aino.page.getByTestId('macro-add-tags').fill('password');
  await aino.page.getByTestId('macro-save').click();
  await expect(aino.page.getByTestId('macros-item')).toHaveText([/Password reset/]);

  // Maya, an agent elsewhere, opens a ticket and loses the connection.
  const maya = await agent('Maya Thompson');
  await maya.board.cards().first().click();
  await maya.ticket.waitUntilLoaded();
  const number = ((await maya.page.getByTestId('ticket-ref').textContent()) ?? '').trim();
  expect(number).toMatch(/^#\d+$/);
  const statusBefore = await maya.page.getByTestId('ticket-status').inputValue();
  expect(statusBefore).not.toBe('pending');
  await maya.context.setOffline(true);
  await expect(maya.board.syncStatus()).toHaveAttribute('data-state', 'offline');

  // m opens the picker with the search focused; typing narrows; the preview shows the result.
  await maya.page.getByTestId('ticket-subject').focus();
  await maya.page.keyboard.press('m');
  const dialog = maya.page.getByTestId('macro-dialog');
  await expect(dialog).toBeVisible();
  await expect(maya.page.getByTestId('macro-search')).toBeFocused();
  await maya.page.keyboard.type('pass');
  await expect(maya.page.getByTestId('macro-option')).toHaveText([/Password reset/]);
  const reply = maya.page.getByTestId('macro-preview-reply');
  await expect(reply).toContainText(`about ${number}: use the reset link.`);
  await expect(reply).toContainText('Maya Thompson');
  await expect(reply).not.toContainText('{{');
  await expect(maya.page.getByTestId('macro-preview-note')).toHaveText('Reset link sent by Maya');
  await expect(maya.page.getByTestId('macro-preview-changes')).toContainText('Pending');
  await expect(maya.page.getByTestId('macro-preview-changes')).toContainText('password');

  // Enter applies: the draft, the note, the status and the tag, with no connection.
  await maya.page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const draft = maya.page.getByTestId('composer-reply');
  await expect(draft).toHaveValue(/use the reset link\.\nMaya Thompson$/);
  await expect(maya.page.getByTestId('ticket-status')).toHaveValue('pending');
  await expect(maya.ticket.tags()).toContainText(['password']);
  await maya.page.getByTestId('composer-mode-note').click();
  await expect(maya.page.getByTestId('composer-note')).toHaveValue('Reset link sent by Maya');

  // One undo puts everything back.
  await maya.page.getByTestId('toast-action').click();
  await expect(draft).toHaveValue('');
  await expect(maya.page.getByTestId('composer-note')).toHaveValue('');
  await expect(maya.page.getByTestId('ticket-status')).toHaveValue(statusBefore);
  await expect(maya.ticket.tags()).not.toContainText(['password']);

  // Applied again and kept; online again, the owner sees it on the board.
  await maya.page.getByTestId('ticket-subject').focus();
  await maya.page.keyboard.press('m');
  await maya.page.keyboard.type('reset');
  await maya.page.keyboard.press('Enter');
  await expect(maya.page.getByTestId('ticket-status')).toHaveValue('pending');
  await maya.context.setOffline(false);
  await expect(maya.board.syncStatus()).toHaveAttribute('data-state', 'online');
  await aino.board.goto();
  await expect(aino.board.card(number)).toHaveAttribute('data-status', 'pending');
});
