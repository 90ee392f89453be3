/**
 * Bulk actions end to end: Maya selects unassigned tickets on a list (a click, `x` on the
 * focused row, a shift-click range), sets their status and assigns them to Joy; Aino, on
 * another machine, sees every one change on her board; one Undo gives them back to the queue.
 * A shared macro applied to tickets selected on the board renders its reply per ticket.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function rowLabel(row: Locator): Promise<string> {
  return ((await row.locator('td.ref').textContent()) ?? '').trim();
}

function checkbox(page: Page, id: string): Locator {
  return page.locator(`main [data-select-ticket="${id}"]`);
}

test('select tickets on a list, set status and assign; a colleague sees it; Undo restores', async ({
  agent
}) => {
  test.setTimeout(150_000);
  const aino = await agent('Aino Virtanen');
  const maya = await agent('Maya Thompson');

  await maya.page.goto('/w/demo-workspace/views/unassigned');
  const rows = maya.page.getByTestId('ticket-row');
  await expect(rows.nth(3)).toBeVisible();
  const picked = [0, 1, 2, 3].map((i) => rows.nth(i));
  const ids = await Promise.all(picked.map(async (r) => (await r.getAttribute('data-ticket-id'))!));
  const labels = await Promise.all(picked.map(rowLabel));

  // A click, `x` on the focused row's link, then a shift-click range from there.
  await checkbox(maya.page, ids[0]!).click();
  await expect(maya.page.getByTestId('bulk-count')).toHaveText('1 selected');
  await picked[1]!.locator('[data-nav-item]').focus();
  await maya.page.keyboard.press('x');
  await expect(maya.page.getByTestId('bulk-count')).toHaveText('2 selected');
  await checkbox(maya.page, ids[3]!).click({ modifiers: ['Shift'] });
  await expect(maya.page.getByTestId('bulk-count')).toHaveText('4 selected');
  for (const id of ids) await expect(checkbox(maya.page, id)).toBeChecked();
  // The bar is a labelled region and its count a status, read out as it changes.
  await expect(
    maya.page.getByRole('region', { name: 'Actions for the selected tickets' })
  ).toBeVisible();
  await expect(maya.page.getByTestId('bulk-count')).toHaveRole('status');

  // Status first (they stay on this list), then assign to Joy (they leave it).
  await maya.page.getByTestId('bulk-status').click();
  await maya.page.locator('#bulk-status button[data-status="pending"]').click();
  await expect(maya.page.locator('[data-testid="toast"]').last()).toContainText(
    'Changed 4 tickets'
  );
  await maya.page.getByTestId('bulk-assign').click();
  await maya.page.getByTestId('bulk-assign-member').filter({ hasText: 'Joy Santos' }).click();
  await expect(maya.page.locator('[data-testid="toast"]').last()).toContainText(
    'Changed 4 tickets'
  );
  for (const id of ids)
    await expect(
      maya.page.locator(`[data-testid="ticket-row"][data-ticket-id="${id}"]`)
    ).toHaveCount(0);

  // Aino's board shows all four pending and Joy's.
  for (const label of labels) {
    const card = aino.board.card(label);
    await expect(card).toHaveAttribute('data-status', 'pending');
    await expect(card).toContainText('Joy Santos');
  }

  // One Undo: back to the queue (still pending: that was the action before).
  await maya.page.getByTestId('toast-action').last().click();
  await expect(maya.page.locator('[data-testid="toast"]').last()).toContainText(
    'Undone on 4 tickets'
  );
  for (const id of ids)
    await expect(
      maya.page.locator(`[data-testid="ticket-row"][data-ticket-id="${id}"]`)
    ).toHaveCount(1);
  for (const label of labels) {
    const card = aino.board.card(label);
    await expect(card).not.toContainText('Joy Santos');
    await expect(card).toHaveAttribute('data-status', 'pending');
  }
});

test('a macro applied to tickets selected on the board, its reply written for each', async ({
  agent
}) => {
  test.setTimeout(150_000);
  const aino = await agent('Aino Virtanen');
  await aino.page.goto('/w/demo-workspace/settings/macros');
  await aino.page.getByTestId('macro-new').click();
  await aino.page.getByTestId('macro-name').fill('Looking into it');
  await aino.page
    .getByTestId('macro-reply')
    .fill(
      'Hi {{ requester.first_name | default: "there" }}, we are looking into #{{ ticket.number }}.'
    );
  await aino.page.getByTestId('macro-status').selectOption('on-hold');
  await aino.page.getByTestId('macro-add-tags').fill('triaged');
  await aino.page.getByTestId('macro-save').click();
  await expect(aino.page.getByTestId('macros-item')).toHaveText([/Looking into it/]);

  const maya = await agent('Maya Thompson');
  const cards = maya.board.column('new').getByTestId('ticket-card');
  await expect(cards.nth(1)).toBeVisible();
  const ids = [
    (await cards.nth(0).getAttribute('data-ticket-id'))!,
    (await cards.nth(1).getAttribute('data-ticket-id'))!
  ];
  for (const id of ids) await checkbox(maya.page, id).click();
  await expect(maya.page.getByTestId('bulk-count')).toHaveText('2 selected');

  await maya.page.getByTestId('bulk-macro').click();
  const dialog = maya.page.getByTestId('bulk-macro-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('bulk-macro-option').filter({ hasText: 'Looking into it' }).click();
  const preview = maya.page.getByTestId('bulk-macro-preview');
  await expect(preview).toContainText('Changes 2 of 2 tickets');
  await expect(preview).toContainText('we are looking into #');
  await expect(preview).not.toContainText('{{');
  await maya.page.getByTestId('bulk-macro-apply').click();
  await expect(dialog).toBeHidden();
  await expect(maya.page.locator('[data-testid="toast"]').last()).toContainText(
    'Changed 2 tickets'
  );

  for (const id of ids) {
    const card = maya.page.locator(`[data-testid="ticket-card"][data-ticket-id="${id}"]`);
    await expect(card).toHaveAttribute('data-status', 'on-hold');
    await expect(card).toContainText('triaged');
  }
  // Each ticket's shared draft holds the reply written for it: the composer (which writes the
  // member's private draft) says one is waiting, and opening it shows the text.
  for (const id of ids) {
    await maya.page.goto(`/w/demo-workspace/t/${id}`);
    await maya.ticket.waitUntilLoaded();
    const number = ((await maya.page.getByTestId('ticket-ref').textContent()) ?? '').trim();
    await expect(maya.page.getByTestId('composer-shared-waiting')).toBeVisible();
    await maya.page.getByTestId('composer-share').click();
    await expect(maya.page.getByTestId('composer-draft')).toHaveAttribute('data-draft', 'shared');
    await expect(maya.page.getByTestId('composer-reply')).toHaveValue(
      new RegExp(`we are looking into ${number}\\.$`)
    );
  }
});
