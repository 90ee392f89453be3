/**
 * What a new user trips over on the first day (issue #17): pages and controls follow the role;
 * an unknown ticket or page says so at once, in the app's frame; a validation message follows
 * its field; toasts cover no control; the phone's header fits at 390 px in English and Finnish
 * (and writes `docs/phone-header.png`); the team page's counts, "(you)" and the demo's
 * handover notes say what they mean.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test, type Agent } from './fixtures';

const WS = '/w/demo-workspace';

/** Whether two boxes share any area. */
function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number }
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('element has no box (not rendered)');
  return found;
}

test.describe('pages a role cannot use', () => {
  test('a viewer is offered only what they can do, and a page they cannot use says so', async ({
    agent
  }) => {
    const { page } = await agent('Rafaela Costa');
    const header = page.getByTestId('app-header');
    await expect(header.getByTestId('nav-board')).toBeVisible();
    await expect(header.getByTestId('nav-members')).toBeVisible();
    for (const id of ['nav-mailbox', 'nav-audit', 'nav-new-ticket']) {
      await expect(header.getByTestId(id), `${id} is not offered to a viewer`).toHaveCount(0);
    }
    // Reading is theirs: search works (it was disabled with everything else).
    await expect(page.getByTestId('search-input')).toBeEnabled();

    for (const path of ['mailbox', 'mailbox/import', 'new', 'audit']) {
      await page.goto(`${WS}/${path}`);
      const state = page.getByTestId('not-for-role');
      await expect(state, `${path}: not available`).toContainText('Not available for your role');
      await expect(state).toContainText('Your role in this workspace: viewer.');
      await expect(page.getByTestId('app-header')).toBeVisible();
      await expect(page.locator('main').locator('input, select, textarea')).toHaveCount(0);
      await state.getByRole('link', { name: 'Back to the board' }).click();
      await expect(page.getByTestId('board')).toBeVisible();
      await expect(page.getByTestId('toast')).toHaveCount(0);
    }
  });

  test('an agent opening the mailbox gets a clear state, not an empty form under a 403', async ({
    agent
  }) => {
    const { page } = await agent('Maya Thompson');
    await expect(page.getByTestId('nav-new-ticket')).toBeVisible();
    await expect(page.getByTestId('nav-mailbox')).toHaveCount(0);
    await page.goto(`${WS}/mailbox`);
    await expect(page.getByTestId('not-for-role')).toContainText(
      'Only owners and admins manage the mailbox.'
    );
    await expect(page.getByTestId('mailbox-settings')).toHaveCount(0);
    await expect(page.getByTestId('toast')).toHaveCount(0);
  });

  test('the owner still has the mailbox; a viewer’s phone has no "New"', async ({ agent }) => {
    const aino = await agent('Aino Virtanen');
    await aino.page.getByTestId('nav-mailbox').click();
    await expect(aino.page.getByTestId('mailbox-settings')).toBeVisible();

    const { page } = await agent('Rafaela Costa', { phone: true });
    await expect(page.getByTestId('bottom-nav-triage')).toBeVisible();
    await expect(page.getByTestId('bottom-nav-new')).toHaveCount(0);
  });
});

test.describe('unknown tickets and pages', () => {
  test('an unknown ticket is "not found" as soon as the server has answered, with no timer', async ({
    agent
  }) => {
    const { page } = await agent('Aino Virtanen');
    await page.clock.install();
    await page.reload();
    await expect(page.getByTestId('ticket-card').first()).toBeVisible();
    // A stale link followed inside the app (client-side navigation).
    await page.evaluate((href) => {
      const link = document.createElement('a');
      link.href = href;
      link.textContent = 'stale link';
      document.querySelector('main')?.append(link);
      link.click();
    }, `${WS}/t/no-such-ticket`);
    await expect(page).toHaveURL(/\/t\/no-such-ticket$/);
    // Time stands still from here: a "not found" that waits for a timer never comes.
    await freezeTime(page);
    const notFound = page.getByTestId('ticket-not-found');
    await expect(notFound, 'decided by the server’s answer').toContainText('Ticket not found');
    await expect(page.getByTestId('app-header')).toBeVisible();
    await page.clock.resume();
    await notFound.getByRole('link', { name: 'Back to the board' }).click();
    await expect(page.getByTestId('board')).toBeVisible();
  });

  test('an unknown page keeps the app’s frame and a way back', async ({ agent }) => {
    const { page } = await agent('Aino Virtanen');
    await page.goto(`${WS}/no-such-page`);
    const error = page.getByTestId('page-error');
    await expect(error).toContainText('Page not found');
    await expect(page.getByTestId('app-header')).toBeVisible();
    await expect(page.getByTestId('nav-board')).toBeVisible();
    await error.getByRole('link', { name: 'Back to the board' }).click();
    await expect(page.getByTestId('board')).toBeVisible();

    // Outside any workspace: the message and the way to the start.
    await page.goto('/no-such-page');
    await expect(page.getByTestId('page-error')).toContainText('Page not found');
    await page.getByRole('link', { name: 'Go to the start page' }).click();
    await expect(page).toHaveURL(/\/w\/demo-workspace\/board$/);
  });
});

test('a validation message goes as soon as the field is right (new ticket, tags)', async ({
  agent
}) => {
  const { page, ticket } = await agent('Aino Virtanen');
  await page.getByTestId('nav-new-ticket').click();
  await page.getByTestId('new-ticket-submit').click();
  const subjectError = page.getByText('A ticket needs a subject.');
  await expect(subjectError).toBeVisible();
  await page.getByTestId('new-ticket-subject').fill('Printer is on fire');
  await expect(subjectError, 'gone once a subject is typed').toBeHidden();
  await expect(page.getByTestId('new-ticket-subject')).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByTestId('nav-board').click();
  await ticket.open('#3');
  await page.getByTestId('add-tag-input').fill('two words');
  await page.getByTestId('add-tag').click();
  const tagError = page.locator('#tag-error');
  await expect(tagError).toBeVisible();
  await page.getByTestId('add-tag-input').fill('two-words');
  await expect(tagError, 'gone once the tag is valid').toBeHidden();

  // The reply's recipients: refused on send, the message goes once the address is right.
  await page.getByTestId('composer-mode-reply').click();
  await ticket.replyDraft().fill('Thanks for waiting.');
  await page.getByTestId('composer-recipients').locator('summary').click();
  await page.getByTestId('composer-to').fill('not an address');
  await page.getByTestId('composer-send').click();
  const recipientsError = page.getByTestId('composer-recipients-error');
  await expect(recipientsError).toBeVisible();
  await page.getByTestId('composer-to').fill('customer@example.com');
  await expect(recipientsError, 'gone once the address is right').toBeHidden();
});

test.describe('toasts cover no control', () => {
  test('on a desk, the handover toast leaves the ticket’s sidebar free', async ({ agent }) => {
    const { page, ticket } = await agent('Aino Virtanen');
    await ticket.open('#3');
    await page.getByTestId('handover-to').selectOption('member-maya');
    await page.getByTestId('handover-sign').click();
    const toast = page.getByTestId('toast').last();
    await expect(toast).toContainText('Maya Thompson');
    const side = page.getByRole('complementary', { name: 'Ticket details' });
    expect(overlaps(await box(toast), await box(side)), 'toast over the sidebar').toBe(false);
    expect(overlaps(await box(toast), await box(page.getByTestId('handover-sign')))).toBe(false);
  });

  test('on a phone, a toast sits above the ticket’s Reply / Note / Take it bar', async ({
    agent
  }) => {
    const { page, triage } = await agent('Aino Virtanen', { phone: true });
    await triage.row('#3').locator('a').click();
    await expect(page.getByTestId('ticket-subject')).toBeVisible();
    const bar = page.getByTestId('ticket-quick-bar');
    await expect(bar).toBeVisible();
    await page.getByTestId('handover-sign').click();
    const toast = page.getByTestId('toast').last();
    await expect(toast).toBeVisible();
    const toastBox = await box(toast);
    const barBox = await box(bar);
    expect(overlaps(toastBox, barBox), 'toast over the quick bar').toBe(false);
    expect(toastBox.y + toastBox.height).toBeLessThanOrEqual(barBox.y);
    await expect(page.getByTestId('quick-take')).toBeInViewport({ ratio: 1 });
  });
});

async function expectHeaderFits(page: Page): Promise<void> {
  const sizes = await page.getByTestId('app-header').evaluate((el) => ({
    header: el.scrollWidth - el.clientWidth,
    page: document.documentElement.scrollWidth - window.innerWidth
  }));
  expect(sizes, 'nothing overflows the header or the page').toEqual({ header: 0, page: 0 });
  await expect(page.getByTestId('sign-out')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('current-member')).toBeInViewport({ ratio: 1 });
}

/** Offline, with local changes not yet synced: the longest the sync state gets. */
async function goOfflineWithChanges(agent: Agent): Promise<void> {
  const { page, triage, context } = agent;
  // #3 has to be kept on the device to be taken offline.
  await triage.waitUntilAllOffline();
  await context.setOffline(true);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
  const row = triage.row('#3');
  await triage.swipe(row, 'right');
  await expect(row).toHaveAttribute('data-assignee', /member-/);
  // Undo is a new edit: a second local change (the button's label is the member's language).
  await page.getByTestId('toast-action').last().click();
  await expect(row).toHaveAttribute('data-assignee', '');
  await expect(page.getByTestId('sync-pending')).toBeAttached();
}

test.describe('the phone header at 390 px', () => {
  test('offline with unsynced changes, in English: everything fits (docs/phone-header.png)', async ({
    agent
  }) => {
    const aino = await agent('Aino Virtanen', { phone: true });
    await goOfflineWithChanges(aino);
    await expect(aino.page.getByTestId('sync-pending')).toContainText('not yet synced');
    await expectHeaderFits(aino.page);
    await aino.page.getByTestId('app-header').screenshot({ path: 'docs/phone-header.png' });
  });

  test('in Finnish, whose words are longer, too', async ({ agent }) => {
    const maya = await agent('Maya Thompson', { phone: true });
    const { page } = maya;
    await page.getByTestId('current-member').click();
    await expect(page.getByTestId('profile')).toBeVisible();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByTestId('language-select').selectOption('fi')
    ]);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
    await page.getByTestId('bottom-nav-triage').click();
    await maya.triage.waitUntilLoaded();
    await goOfflineWithChanges(maya);
    await expect(page.getByTestId('sync-pending')).toContainText('ei vielä synkronoitu');
    await expect(page.getByTestId('sign-out')).toHaveText('Kirjaudu ulos');
    await expectHeaderFits(page);
  });
});

test.describe('words and layout', () => {
  test('the team page: "(you)" apart from the name, and a count that opens that person’s tickets', async ({
    agent
  }) => {
    const { page } = await agent('Aino Virtanen');
    await page.getByTestId('nav-team').click();
    const me = page.getByTestId('team-member').filter({ hasText: 'Aino Virtanen' });
    await expect(me.locator('h2')).toHaveText(/^Aino Virtanen\s\(you\)$/);

    const maya = page.getByTestId('team-member').filter({ hasText: 'Maya Thompson' });
    const count = Number(await maya.getByTestId('team-member-open-link').textContent());
    expect(count, 'Maya has open tickets in the demo').toBeGreaterThan(0);
    await maya.getByTestId('team-member-open-link').click();
    await expect(page).toHaveURL(/\/views\/open\?assignee=member-maya$/);
    const rows = page.getByTestId('ticket-row');
    await expect(rows).toHaveCount(count);
    for (const row of await rows.all()) await expect(row).toContainText('Maya Thompson');
  });

  test('the handover choice has the panel’s width, and the note grows as it is written', async ({
    agent
  }) => {
    const { page, ticket } = await agent('Aino Virtanen');
    await ticket.open('#3');
    const panel = await box(page.getByTestId('handover'));
    const choice = await box(page.getByTestId('handover-to'));
    // The whole width of the panel but its padding: "Joy Santos — on shift, 16:05" is not cut.
    expect(choice.width).toBeGreaterThan(panel.width * 0.85);
    const note = page.getByTestId('handover-text');
    const before = (await box(note)).height;
    await note.fill(Array.from({ length: 12 }, (_, i) => `Step ${i + 1} of the plan.`).join('\n'));
    await expect
      .poll(async () => (await box(note)).height, { message: 'the note grows with its text' })
      .toBeGreaterThan(before * 1.5);
  });

  test('a demo handover note is signed for the ticket’s assignee', async ({ agent }) => {
    const { page, board, ticket } = await agent('Aino Virtanen');
    await board.cards().filter({ hasText: 'SSO login loops' }).click();
    await ticket.waitUntilLoaded();
    const assignee = await page
      .getByTestId('ticket-assignee')
      .locator('option:checked')
      .textContent();
    expect(assignee).toBeTruthy();
    await expect(page.getByTestId('handover-meta')).toContainText(`for ${assignee ?? ''}.`);
  });
});

test('a member’s avatar has the same colour on the sign-in page as in the app', async ({
  browser,
  baton
}) => {
  const context = await browser.newContext({ baseURL: baton.url });
  const page = await context.newPage();
  await page.goto('/sign-in');
  const member = page.getByTestId('sign-in-member').filter({ hasText: 'Joy Santos' });
  const colour = async (avatar: Locator) =>
    avatar.evaluate((el) => getComputedStyle(el).backgroundColor);
  const before = await colour(member.locator('.avatar'));
  await member.click();
  await expect(page).toHaveURL(/\/w\/[^/]+\/board$/);
  expect(await colour(page.getByTestId('current-member').locator('.avatar'))).toBe(before);
  await context.close();
});

/**
 * Stops the page's installed clock a moment ahead of where it is. The page's clock keeps running
 * between reading it and pausing it, so on a slow machine the moment may already have passed:
 * read it again and aim further ahead.
 */
async function freezeTime(page: Page) {
  for (let lead = 50; ; lead *= 4) {
    const now = await page.evaluate(() => Date.now());
    try {
      await page.clock.pauseAt(now + lead);
      return;
    } catch (error) {
      if (lead > 5_000 || !String(error).includes('to the past')) throw error;
    }
  }
}
