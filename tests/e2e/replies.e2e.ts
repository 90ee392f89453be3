/**
 * Replies that reach someone, end to end: a public reply that would reach nobody is refused in
 * the composer before it is written, with the way out; with a mailbox connected, a reply with
 * an attachment and the member's signature arrives at the SMTP receiver (`smtp-server`, started
 * here) with both.
 */
import { simpleParser } from 'mailparser';
import { test as base, expect } from './fixtures';
import { startBaton } from './server';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver';
import { mailboxSettings } from '../mail-servers/fixtures';

const MAILBOX = '/api/workspaces/demo-workspace/mail/mailbox';

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

test('a reply that would reach nobody is refused before it is written, with the way out', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  await aino.ticket.open('#3');
  const replies = aino.ticket.entries('reply');
  const before = await replies.count();

  await aino.ticket.sendReply('This would go nowhere: no mailbox is connected.');
  const refusal = aino.page.getByTestId('composer-refusal');
  await expect(refusal).toBeVisible();
  await expect(aino.page.getByTestId('composer-refusal-mailbox')).toContainText(
    'no mailbox is connected'
  );
  // Nothing was written: the thread is as it was, and the draft keeps the text.
  await expect(replies).toHaveCount(before);
  await expect(aino.ticket.replyDraft()).toHaveValue(/would go nowhere/);

  // The way out, for an admin: the mailbox page, one click away.
  await aino.page.getByTestId('composer-connect-mailbox').click();
  await expect(aino.page.getByTestId('mailbox-settings')).toBeVisible();
});

test('a reply with an attachment arrives at the SMTP receiver with it and the signature', async ({
  agent
}) => {
  // Three servers' worth of steps on a shared machine: more than the default minute.
  test.setTimeout(120_000);
  const aino = await agent('Aino Virtanen');

  // The member's signature, on the profile.
  await aino.page.goto('/w/demo-workspace/profile');
  const signature = aino.page.getByTestId('signature-text');
  await expect(signature).toBeEnabled();
  await signature.fill('Aino Virtanen\nBaton Support, Helsinki');
  await aino.page.getByTestId('signature-save').click();
  await expect(aino.page.getByText('Signature saved.')).toBeVisible();

  // An admin connects the mailbox (the IMAP side is not used here: nothing listens there).
  const saved = await aino.page.request.put(MAILBOX, {
    data: {
      settings: mailboxSettings({ host: '127.0.0.1', port: 9 }, smtp, 'support'),
      imapSecret: 'unused',
      smtpSecret: 'smtp-pass'
    }
  });
  expect(saved.ok()).toBe(true);

  await aino.board.goto();
  await aino.ticket.open('#3');
  await expect(aino.page.getByTestId('composer')).toHaveAttribute('data-mailbox', 'connected');
  await aino.page.getByTestId('composer-mode-reply').click();
  await aino.ticket.replyDraft().fill('The log you asked for is attached.');
  await aino.page.getByTestId('composer-file-input').setInputFiles({
    name: 'vpn-log.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('10:00 tunnel up\n11:00 tunnel down\n')
  });
  await expect(aino.page.getByTestId('composer-attachment')).toHaveText(/vpn-log\.txt/);

  // A file over the limit is refused with the reason, and the other stays.
  await aino.page.getByTestId('composer-file-input').setInputFiles({
    name: 'huge.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(8 * 1024 * 1024)
  });
  await expect(aino.page.getByTestId('composer-attachment-error')).toContainText('too large');
  await expect(aino.page.getByTestId('composer-attachment')).toHaveCount(1);

  await aino.page.getByTestId('composer-send').click();
  const reply = aino.ticket.entries('reply').last();
  await expect(reply).toContainText('The log you asked for is attached.');
  await expect(reply.getByTestId('mail-attachment')).toContainText('vpn-log.txt');
  await expect(reply.getByTestId('delivery-state')).toHaveAttribute('data-state', 'sent', {
    timeout: 20_000
  });

  const mail = smtp.received.find((m) => m.raw.includes('The log you asked for is attached.'));
  if (!mail) throw new Error('The reply did not reach the SMTP receiver.');
  const parsed = await simpleParser(mail.raw);
  expect(parsed.text).toContain('Baton Support, Helsinki');
  expect(parsed.attachments.map((a) => a.filename)).toEqual(['vpn-log.txt']);
  expect(parsed.attachments[0]?.content.toString()).toBe('10:00 tunnel up\n11:00 tunnel down\n');
});
