/**
 * #14.5 articles in replies, end to end: an agent writes and publishes a public article; on a
 * ticket about the same thing it is suggested beside the ticket; from the composer (the `i`
 * key) the agent searches it by a word of its body, previews it and inserts its text at the
 * caret, then a link from the suggestion; the insertion is in the ticket's activity; the reply
 * sent to the customer (the SMTP receiver) holds the article's text. Offline, the header's
 * search finds the article by a word deep in its body (the body kept on the device, not the
 * index's excerpt) and opens it.
 */
import { simpleParser } from 'mailparser';
import { test as base, expect } from './fixtures';
import { startBaton } from './server';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver';
import { mailboxSettings } from '../mail-servers/fixtures';

const MAILBOX = '/api/workspaces/demo-workspace/mail/mailbox';
const TITLE = 'Fixing an SSO login loop';
// Past the index's 280-character excerpt: found only through the body kept on the device.
const FILLER =
  'This happens to every user of the workspace at once, usually the morning after the ' +
  'identity provider rotated its signing certificate. Nothing is wrong with the accounts ' +
  'themselves, and resetting passwords does not help; the sign-in page simply cannot trust ' +
  'the answer it gets. ';
const BODY =
  'When the Okta sign-in page loops back to login, the IdP certificate was rotated. ' +
  FILLER +
  'Upload the new metadata under Settings, then ask one user to try: ohjausmetatiedosto.';

let smtp: SmtpReceiver;

const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  baton: async ({}, use) => {
    const baton = await startBaton({ env: { BATON_MAIL_RETRY_BASE_MS: '200' } });
    await use(baton);
    await baton.stop();
  }
});

test.beforeAll(async () => {
  smtp = await startSmtpReceiver();
});

test.afterAll(async () => {
  await smtp?.stop();
});

test('an agent inserts an article into a reply; it is suggested, sent, and found offline', async ({
  agent
}) => {
  // Writing, publishing, mail and offline on a shared machine: more than the default minute.
  test.setTimeout(150_000);
  const aino = await agent('Aino Virtanen');
  const { page } = aino;

  // The article: public and published.
  await page.getByTestId('nav-kb').click();
  await expect(page.getByTestId('kb-page')).toBeVisible();
  await page.getByTestId('new-article-title').fill(TITLE);
  await page.getByTestId('new-article').click();
  await expect(page.getByTestId('article-title')).toHaveValue(TITLE);
  await page.getByTestId('article-body').click();
  await page.keyboard.insertText(BODY);
  await expect(page.getByTestId('article-body')).toContainText('ohjausmetatiedosto');
  await page.getByTestId('article-visibility').selectOption('public');
  await page.getByTestId('article-publish').click();
  await expect(page.getByTestId('article-status')).toHaveText('Published');
  const articleId = page.url().split('/').at(-1)!;

  // A mailbox, so that the reply reaches the customer.
  const saved = await page.request.put(MAILBOX, {
    data: {
      settings: mailboxSettings({ host: '127.0.0.1', port: 9 }, smtp, 'support'),
      imapSecret: 'unused',
      smtpSecret: 'smtp-pass'
    }
  });
  expect(saved.ok()).toBe(true);

  // The SSO ticket: the article is suggested beside it.
  await aino.board.goto();
  await aino.ticket.open('#2');
  await expect(page.getByTestId('ticket-subject')).toHaveText(
    'SSO login loops back to the sign-in page'
  );
  const suggested = page.getByTestId('suggested-article');
  await expect(suggested.filter({ hasText: TITLE })).toHaveCount(1);

  // The composer: a greeting, then `i` (out of the field) opens the picker.
  await page.getByTestId('composer-mode-reply').click();
  const draft = aino.ticket.replyDraft();
  await draft.fill('Hi Hannah,');
  await draft.press('Escape');
  await page.keyboard.press('i');
  const dialog = page.getByTestId('article-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('article-search').fill('certificate ohjausmetatiedosto');
  await expect(dialog.getByTestId('article-option')).toHaveCount(1);
  await expect(dialog.getByTestId('article-option')).toContainText(TITLE);
  await expect(page.getByTestId('article-preview')).toContainText(TITLE);
  await page.getByTestId('article-insert-text').click();
  await expect(dialog).toBeHidden();
  await expect(draft).toHaveValue(
    new RegExp(`^Hi Hannah,\\n\\n${TITLE}\\n\\nWhen the Okta sign-in page loops back`)
  );
  await expect(draft).toHaveValue(/ohjausmetatiedosto\.$/);

  // A link from the suggestion, at the caret (the end of the draft).
  await draft.press('Control+End');
  await suggested.filter({ hasText: TITLE }).getByTestId('suggested-article-insert').click();
  await expect(draft).toHaveValue(
    new RegExp(`${TITLE}: http[^\\s]+/w/demo-workspace/kb/${articleId}$`)
  );

  // Both insertions are on the ticket, for reports to count.
  const inserted = page.locator('[data-testid="activity-entry"][data-kind="article-inserted"]');
  await expect(inserted).toHaveCount(2);
  await expect(inserted.filter({ hasText: "knowledge-base article's text" })).toHaveCount(1);
  await expect(inserted.filter({ hasText: 'a link to a knowledge-base article' })).toHaveCount(1);

  // Sent: the customer's mail holds the article's text.
  await page.getByTestId('composer-send').click();
  const reply = aino.ticket.entries('reply').last();
  await expect(reply).toContainText('Upload the new metadata under Settings');
  await expect(reply.getByTestId('delivery-state')).toHaveAttribute('data-state', 'sent', {
    timeout: 30_000
  });
  const mail = smtp.received.find((m) => m.raw.includes('Hi Hannah'));
  if (!mail) throw new Error('The reply did not reach the SMTP receiver.');
  const parsed = await simpleParser(mail.raw);
  expect(parsed.text).toContain(TITLE);
  expect(parsed.text).toContain('ask one user to try: ohjausmetatiedosto.');

  // Offline: the header's search finds the article by a word deep in its body, and opens it.
  await aino.board.goto();
  await expect(aino.board.syncStatus()).toHaveAttribute('data-pending', '0');
  await aino.context.setOffline(true);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-state', 'offline');
  const box = page.getByTestId('global-search-input');
  await box.click();
  await box.fill('ohjausmetatiedosto');
  const option = page
    .getByTestId('global-search-results')
    .locator('[data-testid="global-search-option"][data-kind="article"]');
  await expect(option).toHaveCount(1);
  await expect(option).toContainText(TITLE);
  await expect(option.getByTestId('global-search-excerpt').locator('mark')).toHaveText(
    'ohjausmetatiedosto'
  );
  // The ticket whose reply now holds the word is found too (tickets come first): the arrow
  // keys go to the article, Enter opens it.
  for (let i = 0; i < 20 && (await option.getAttribute('aria-selected')) !== 'true'; i++) {
    await box.press('ArrowDown');
  }
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/kb/${articleId}$`));
  await expect(page.getByTestId('article-title')).toHaveValue(TITLE);
});
