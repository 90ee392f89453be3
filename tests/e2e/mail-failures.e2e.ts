/**
 * The "could not import" page end to end (#13 item 1): a message the mailbox delivers with no
 * sender anywhere is not dropped; an admin finds it from the mailbox page, downloads the raw
 * message as it arrived, and retries it.
 */
import { readFileSync } from 'node:fs';
import { test as base, expect } from './fixtures';
import { startBaton } from './server';
import { startDovecot, type DovecotServer } from '../mail-servers/dovecot';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver';
import * as fx from '../mail-servers/fixtures';

const MAILBOX = '/api/workspaces/demo-workspace/mail/mailbox';

let imap: DovecotServer;
let smtp: SmtpReceiver;

const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  baton: async ({}, use) => {
    const baton = await startBaton({ env: { BATON_MAIL_POLL_MS: '500' } });
    await use(baton);
    await baton.stop();
  }
});

test.beforeAll(async () => {
  [imap, smtp] = await Promise.all([
    startDovecot([{ user: 'support', password: 'support-pass' }]),
    startSmtpReceiver()
  ]);
});

test.afterAll(async () => {
  await Promise.all([imap?.stop(), smtp?.stop()]);
});

test('a message with no sender is kept for admins: listed, downloadable, retried', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const saved = await aino.page.request.put(MAILBOX, {
    data: {
      settings: fx.mailboxSettings(imap, smtp, 'support'),
      imapSecret: 'support-pass',
      smtpSecret: 'x'
    }
  });
  expect(saved.status()).toBe(200);

  const raw = Buffer.from(
    [
      `To: ${fx.SUPPORT}`,
      'Subject: Written by nobody at all',
      'Message-ID: <e2e-nobody@example.fi>',
      'Date: Tue, 05 Mar 2024 10:00:00 +0200',
      '',
      'Who wrote this?',
      ''
    ].join('\r\n')
  );
  await imap.append('support', raw);

  // From the mailbox page to the list; the page asks the server once when it opens.
  await aino.page.goto('/w/demo-workspace/mailbox');
  await aino.page.getByTestId('mail-failures-link').click();
  const item = aino.page.getByTestId('mail-failure');
  await expect(async () => {
    await aino.page.reload();
    await expect(item).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(item.getByTestId('mail-failure-subject')).toHaveText('Written by nobody at all');
  await expect(item.getByTestId('mail-failure-reason')).toHaveText('Names no sender to answer');

  // The raw message, byte for byte.
  const [download] = await Promise.all([
    aino.page.waitForEvent('download'),
    item.getByTestId('mail-failure-download').click()
  ]);
  const path = await download.path();
  expect(readFileSync(path).equals(raw)).toBe(true);

  // A retry with the same rules keeps it, and says so.
  await item.getByTestId('mail-failure-retry').click();
  await expect(aino.page.getByText('Still could not import it')).toBeVisible();
  await expect(item).toContainText('Tried 2 times');
});
