/**
 * Merge and split (#15.5), end to end: an agent merges a duplicate into another ticket picked
 * by its subject, a colleague sees the messages arrive there marked with where they came from,
 * the merge is undone (both see it gone), done again; then a message is split off into a new
 * ticket that links back.
 */
import { test, expect } from './fixtures';

test('merge with undo, seen by a colleague', async ({ agent }) => {
  const aino = await agent('Aino Virtanen');
  const joy = await agent('Joy Santos');

  // Joy looks at the ticket that will receive the duplicate.
  await joy.ticket.open('#6');
  await expect(joy.page.getByTestId('ticket-subject')).toHaveText(
    'Mobile app crashes when attaching a photo'
  );
  await expect(joy.page.getByTestId('merged-from')).toHaveCount(0);

  // Aino merges #1 into it, found by subject words.
  await aino.ticket.open('#1');
  const mergeInto = async () => {
    await aino.page.getByTestId('merge-open').click();
    const dialog = aino.page.getByTestId('merge-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('merge-search').fill('mobile app');
    await expect(dialog.getByTestId('merge-candidate')).toHaveCount(1);
    await expect(dialog.getByTestId('merge-candidate')).toContainText('#6');
    await dialog.getByTestId('merge-confirm').click();
    await expect(dialog).toBeHidden();
  };
  await mergeInto();
  await expect(aino.page.getByTestId('merged-into')).toContainText('Merged into #6');
  await expect(aino.page.getByTestId('ticket-status-label')).toHaveText('Closed');
  await expect(aino.page.getByTestId('merge-open')).toHaveCount(0);

  // Joy sees where the messages came from, live.
  await expect(joy.page.getByTestId('merged-from')).toContainText('Merged from #1');
  const copied = joy.page
    .getByTestId('thread-entry')
    .filter({ has: joy.page.getByTestId('thread-entry-copied-from') });
  await expect(copied.filter({ hasText: 'INV-20931' })).toHaveCount(1);
  await expect(copied.first().getByTestId('thread-entry-copied-from')).toHaveText('From #1');

  // Undo: #1 is open again and #6 drops the copies, for both.
  await aino.page.getByTestId('merge-undo').click();
  await expect(aino.page.getByTestId('merged-into')).toHaveCount(0);
  await expect(aino.page.getByTestId('ticket-status-label')).toHaveText('Open');
  await expect(joy.page.getByTestId('merged-from')).toHaveCount(0);
  await expect(joy.page.getByTestId('thread-entry-copied-from')).toHaveCount(0);

  // Merged again, for good; the activity log says so on both.
  await mergeInto();
  await expect(joy.page.getByTestId('merged-from')).toContainText('Merged from #1');
  await expect(joy.page.getByTestId('activity-log')).toContainText(
    'Aino Virtanen merged #1 into this ticket'
  );
});

test('split a message off into a new ticket that links back', async ({ agent }) => {
  const joy = await agent('Joy Santos');
  // The Okta message of #2 goes to a new ticket of its own.
  await joy.ticket.open('#2');
  const message = joy.page.getByTestId('thread-entry').filter({ hasText: 'Okta' }).first();
  await message.getByTestId('thread-entry-split').click();
  const split = joy.page.getByTestId('split-dialog');
  await expect(split).toBeVisible();
  await split.getByTestId('split-subject').fill('Okta certificate rotation');
  await split.getByTestId('split-confirm').click();
  await expect(split).toBeHidden();
  const mark = message.getByTestId('thread-entry-split-to');
  await expect(mark).toContainText('Split to');
  await mark.click();
  await expect(joy.page.getByTestId('ticket-subject')).toHaveText('Okta certificate rotation');
  await expect(joy.page.getByTestId('split-from')).toContainText('Split from #2');
  await expect(
    joy.page.getByTestId('thread-entry').filter({ hasText: 'nobody at Atlas can log in' })
  ).toHaveCount(1);
  await expect(joy.page.getByTestId('thread-entry-copied-from')).toHaveText('From #2');
});
