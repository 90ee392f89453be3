/**
 * The desktop keyboard flow end to end: find a ticket, open it, take it, reply, note, set the
 * status, go back, next ticket — without the mouse, and with the focus always somewhere
 * sensible (never on <body>).
 */
import type { Page } from '@playwright/test';
import { connectDemoMailbox, test, expect } from './fixtures';

async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    return el.dataset.testid ?? el.getAttribute('aria-keyshortcuts') ?? el.tagName.toLowerCase();
  });
}

test('the ticket flow from the keyboard, with the focus never lost', async ({ agent }) => {
  const aino = await agent('Aino Virtanen');
  const { page, board } = aino;
  await connectDemoMailbox(page);

  // ? shows the cheat sheet; Escape closes it.
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcuts-dialog');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Write an internal note');
  // Its styles arrive with its lazily loaded script: keys are drawn as keycaps.
  await expect(sheet.locator('kbd').first()).toHaveCSS('border-bottom-width', '2px');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  // / focuses the search box, which filters by #number or subject.
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.type('#13');
  await expect(board.cards()).toHaveCount(1);
  await expect(board.card('#13')).toBeVisible();
  await page.keyboard.press('Escape'); // clears the search
  await expect(board.cards()).toHaveCount(40);
  await page.keyboard.type('webhook');
  await expect(board.cards()).toHaveCount(1);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape'); // leaves the field: focus goes to the page title
  expect(await focused(page)).toBe('h1');

  // j / k move through the cards; Enter opens the focused one.
  await page.keyboard.press('j');
  const first = board.cards().first();
  await expect(first).toBeFocused();
  await page.keyboard.press('j');
  await expect(board.cards().nth(1)).toBeFocused();
  await page.keyboard.press('k');
  await expect(first).toBeFocused();
  const firstId = await first.getAttribute('data-ticket-id');
  await page.keyboard.press('Enter');
  await aino.ticket.waitUntilLoaded();
  await expect(page).toHaveURL(new RegExp(`/t/${firstId}$`));
  // After the route change the focus is on the ticket's title.
  await expect(page.getByTestId('ticket-subject')).toBeFocused();

  // a: assign to me.
  await page.keyboard.press('a');
  await expect(page.getByTestId('ticket-assignee')).toHaveValue('member-aino');

  // r: reply; Ctrl+Enter sends; Escape leaves the text box.
  await page.keyboard.press('r');
  await expect(page.getByTestId('composer-reply')).toBeFocused();
  await page.keyboard.type('Thanks, we are on it.');
  await page.keyboard.press('Control+Enter');
  await expect(aino.ticket.entries('reply')).toContainText(['Thanks, we are on it.']);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ticket-subject')).toBeFocused();

  // Shift+N: internal note (n takes the next ticket).
  await page.keyboard.press('Shift+N');
  await expect(page.getByTestId('composer-note')).toBeFocused();
  await page.keyboard.type('Customer is on the legacy plan.');
  await page.keyboard.press('Control+Enter');
  await expect(aino.ticket.entries('note')).toContainText(['Customer is on the legacy plan.']);
  await page.keyboard.press('Escape');

  // s: the status, chosen by typing its first letter.
  await page.keyboard.press('s');
  await expect(page.getByTestId('ticket-status')).toBeFocused();
  await page.keyboard.type('p');
  await expect(page.getByTestId('ticket-status')).toHaveValue('pending');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ticket-subject')).toBeFocused();

  // j on a ticket opens the next one on the board's order; k goes back.
  await page.keyboard.press('j');
  await expect(page).not.toHaveURL(new RegExp(`/t/${firstId}$`));
  await aino.ticket.waitUntilLoaded();
  await expect(page.getByTestId('ticket-subject')).toBeFocused();
  await page.keyboard.press('k');
  await expect(page).toHaveURL(new RegExp(`/t/${firstId}$`));
  await aino.ticket.waitUntilLoaded();

  // Escape goes back to the board, and the focus to the card of the ticket just worked on.
  await page.keyboard.press('Escape');
  await board.waitUntilLoaded();
  const card = page.locator(`[data-testid="ticket-card"][data-ticket-id="${firstId}"]`);
  await expect(card).toHaveAttribute('data-status', 'pending');
  await expect(card).toBeFocused();

  // The board's own keys still work on the focused card.
  await page.keyboard.press(']');
  await expect(card).toHaveAttribute('data-status', 'on-hold');
  await expect(card).toBeFocused();

  // g then t: the triage list; its title has the focus.
  await page.keyboard.press('g');
  await page.keyboard.press('t');
  await expect(page).toHaveURL(/\/triage$/);
  await expect(page.getByTestId('triage')).toBeVisible();
  expect(await focused(page)).not.toBe('body');
});

test('a on a focused card assigns it to me, with Undo, and the focus stays on the card', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const { page, board } = aino;
  const card = board.card('#3');
  await expect(card).toContainText('Unassigned');
  await card.focus();
  await page.keyboard.press('a');
  await expect(card).toContainText('Assigned to Aino Virtanen');
  await expect(card).toBeFocused();
  await page.getByTestId('toast-action').filter({ hasText: 'Undo' }).click();
  await expect(card).toContainText('Unassigned');
});

test('a shortcut pressed before the keyboard flow has loaded is not lost', async ({ agent }) => {
  const aino = await agent('Aino Virtanen', { noServiceWorker: true });
  const { page, board } = aino;
  // Hold back the keyboard flow's script (known by what it renders) until the key is pressed.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  await page.route('**/_app/immutable/**/*.js', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes('shortcuts-dialog')) {
      held = true;
      await released;
    }
    await route.fulfill({ response, body });
  });
  await page.reload();
  await board.waitUntilLoaded();
  await expect(page.getByTestId('shortcuts-dialog')).not.toBeAttached();

  await page.keyboard.press('j');
  await expect.poll(() => held).toBe(true);
  await expect(board.cards().first()).not.toBeFocused();
  release();
  await expect(board.cards().first()).toBeFocused();
});
