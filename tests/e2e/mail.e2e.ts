/**
 * The email channel end to end, against real servers started here: Dovecot for IMAP and
 * `smtp-server` as the customer's side of SMTP. An admin connects the mailbox in the UI; a
 * message APPENDed to the mailbox becomes a ticket; the reply typed in the browser reaches the
 * SMTP receiver with the threading headers; the customer's answer joins the same ticket.
 */
import { test as base, expect } from './fixtures';
import { startBaton } from './server';
import { MailboxPage, MailThread, cardWithSubject } from './pages';
import { startDovecot, type DovecotServer } from '../mail-servers/dovecot';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver';
import * as fx from '../mail-servers/fixtures';

/** The demo workspace's endpoints: every workspace endpoint names its workspace. */
const WS_API = '/api/workspaces/demo-workspace';
const MAILBOX = `${WS_API}/mail/mailbox`;
/** What a reply the SMTP server accepted says of itself (#13.10). */
const SENT = 'Sent: accepted by the mail server';

let imap: DovecotServer;
let smtp: SmtpReceiver;

// The same fixtures, with a Baton that polls the mailbox often (IDLE is the fast path; polling
// is the fallback) and retries sending quickly.
const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  baton: async ({}, use) => {
    const baton = await startBaton({
      env: { BATON_MAIL_POLL_MS: '1000', BATON_MAIL_RETRY_BASE_MS: '200' }
    });
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

function header(raw: Buffer, name: string): string | null {
  const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t]+.*)*)`, 'im').exec(head);
  return match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim() ?? null;
}

test('mail in, reply out, answer in: one ticket', async ({ agent }) => {
  const aino = await agent('Aino Virtanen');

  // The admin connects the mailbox and tests it.
  const mailbox = new MailboxPage(aino.page);
  await mailbox.openFromNav();
  await mailbox.fill({
    address: fx.SUPPORT,
    imap: { host: imap.host, port: imap.port, user: 'support', password: 'support-pass' },
    smtp: { host: smtp.host, port: smtp.port, user: 'baton', password: 'smtp-pass' }
  });
  const result = await mailbox.testConnection();
  await expect(result).toContainText('IMAP: Connected');
  await expect(result).toContainText('accepts us');
  await mailbox.save();

  // A customer writes.
  const subject = 'Printer in Helsinki office is offline';
  await imap.append(
    'support',
    fx.plain({
      subject,
      messageId: '<e2e-first@example.fi>',
      body: 'Hei,\nthe printer on the 3rd floor shows "offline". Äkkiä, kiitos!\n\nHanna'
    })
  );

  // It becomes a ticket on the board.
  await aino.board.goto();
  const card = cardWithSubject(aino.board, subject);
  await expect(card).toBeVisible({ timeout: 20_000 });
  await card.click();
  await aino.ticket.waitUntilLoaded();
  await expect(aino.ticket.entries('inbound')).toContainText(['Äkkiä, kiitos!']);
  // The server numbers the ticket; the reply's subject carries that number.
  await expect(aino.page.getByTestId('ticket-ref')).toHaveText(/^#\d+$/);
  const label = (await aino.page.getByTestId('ticket-ref').textContent())?.trim() ?? '';

  // The agent replies in the browser; the customer receives it, threaded.
  await aino.ticket.sendReply('We restarted the print server. Does it work now?');
  await expect
    .poll(() => smtp.received.filter((m) => m.raw.includes('restarted the print server')).length, {
      message: 'the reply reaches the SMTP receiver',
      timeout: 20_000
    })
    .toBe(1);
  const sent = smtp.received.find((m) => m.raw.includes('restarted the print server'));
  const raw = sent?.raw ?? Buffer.alloc(0);
  expect(sent?.to).toEqual([fx.CUSTOMER]);
  expect(header(raw, 'In-Reply-To')).toBe('<e2e-first@example.fi>');
  expect(header(raw, 'References')).toContain('<e2e-first@example.fi>');
  expect(header(raw, 'Subject')).toBe(`Re: ${subject} [${label}]`);
  const replyId = header(raw, 'Message-ID') ?? '';
  expect(replyId).toMatch(/^<baton\.[a-z0-9]+@baton\.test>$/);
  await expect(new MailThread(aino.page).deliveryStates()).toHaveText([SENT]);

  // The customer answers (Gmail style); it joins the same ticket.
  await imap.append(
    'support',
    fx.gmailReply({
      subject: `Re: ${subject} [${label}]`,
      messageId: '<e2e-answer@example.fi>',
      inReplyTo: replyId,
      references: ['<e2e-first@example.fi>', replyId],
      body: 'Yes, it prints again. Thanks!'
    })
  );
  await expect(aino.ticket.entries('inbound')).toHaveCount(2, { timeout: 20_000 });
  await expect(aino.ticket.entries('inbound').nth(1)).toContainText('Yes, it prints again.');

  // Offline (on the ferry): the send is held on the device (the text stays in her draft) until
  // the ticket is up to date with the server and nobody replied meanwhile; then it goes into
  // the thread and out, once.
  await aino.context.setOffline(true);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-state', 'offline');
  await aino.ticket.sendReply('Great, closing this one. Written offline.');
  await expect(aino.page.getByTestId('composer-held')).toBeVisible();
  await expect(aino.ticket.replyDraft()).toHaveValue('Great, closing this one. Written offline.');
  expect(smtp.received.filter((m) => m.raw.includes('Written offline')).length).toBe(0);
  await aino.context.setOffline(false);
  await expect(aino.ticket.entries('reply')).toHaveCount(2);
  await expect(aino.page.getByTestId('composer-held')).toHaveCount(0);
  await expect
    .poll(() => smtp.received.filter((m) => m.raw.includes('Written offline')).length, {
      message: 'the offline reply is sent after reconnecting',
      timeout: 20_000
    })
    .toBe(1);
  await expect(new MailThread(aino.page).deliveryStates()).toHaveText([SENT, SENT]);
  const offlineReply = smtp.received.find((m) => m.raw.includes('Written offline'))?.raw;
  expect(header(offlineReply ?? Buffer.alloc(0), 'In-Reply-To')).toBe('<e2e-answer@example.fi>');

  // The agent sets To and CC by hand: the reply goes to exactly those addresses.
  await aino.page.getByTestId('composer-recipients').locator('summary').click();
  await aino.page.getByTestId('composer-to').fill('not an address');
  await aino.ticket.replyDraft().fill('Copying your IT lead as asked.');
  await aino.page.getByTestId('composer-send').click();
  await expect(aino.page.getByTestId('composer-recipients-error')).toContainText(
    'is not an email address'
  );
  await expect(aino.ticket.entries('reply')).toHaveCount(2);
  await aino.page.getByTestId('composer-to').fill(fx.CUSTOMER);
  await aino.page.getByTestId('composer-cc').fill('it-lead@example.fi');
  await aino.page.getByTestId('composer-send').click();
  await expect
    .poll(() => smtp.received.filter((m) => m.raw.includes('Copying your IT lead')).length, {
      message: 'the reply with recipients reaches the SMTP receiver',
      timeout: 20_000
    })
    .toBe(1);
  const copied = smtp.received.find((m) => m.raw.includes('Copying your IT lead'));
  expect(copied?.to.slice().sort()).toEqual([fx.CUSTOMER, 'it-lead@example.fi'].sort());
  expect(header(copied?.raw ?? Buffer.alloc(0), 'Cc')).toBe('it-lead@example.fi');

  // Not a second ticket: one card on the board.
  await aino.board.goto();
  await expect(cardWithSubject(aino.board, subject)).toHaveCount(1);
});

test('customer HTML runs no script, remote images wait for a click, files only for members', async ({
  agent,
  baton,
  browser
}) => {
  const aino = await agent('Aino Virtanen');
  // Connected through the API this time (the UI path is the test above).
  const saved = await aino.page.request.put(MAILBOX, {
    data: {
      settings: fx.mailboxSettings(imap, smtp, 'support'),
      imapSecret: 'support-pass',
      smtpSecret: 'x'
    }
  });
  expect(saved.status()).toBe(200);
  expect(JSON.stringify(await saved.json())).not.toContain('support-pass');

  const tracker: string[] = [];
  await aino.context.route('https://tracker.example/**', (route) => {
    tracker.push(route.request().url());
    return route.fulfill({
      status: 200,
      contentType: 'image/gif',
      body: Buffer.from('R0lGODlhAQABAAAAACw=', 'base64')
    });
  });
  let dialogs = 0;
  aino.page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });

  const subject = 'Screenshot of the error';
  await imap.append('support', fx.hostileHtml({ subject, messageId: '<e2e-html@example.fi>' }));
  await aino.board.goto();
  await cardWithSubject(aino.board, subject).click({ timeout: 20_000 });
  await aino.ticket.waitUntilLoaded();

  const frame = aino.page.frameLocator('[data-testid="mail-html"]');
  await expect(frame.locator('p')).toContainText('Screenshot below');
  const inline = frame.locator('img[alt="screenshot"]');
  await expect(inline).toHaveJSProperty('naturalWidth', 1); // the inline image, from the blob store
  expect(await frame.locator('script, iframe, form, [onclick], [onerror]').count()).toBe(0);
  expect(tracker).toEqual([]);
  await aino.page.getByTestId('mail-show-images').click();
  await expect
    .poll(() => tracker.length, { message: 'the remote image loads after the click' })
    .toBeGreaterThan(0);
  expect(dialogs).toBe(0);

  // The blob: right type, nosniff; only for signed-in members.
  const src = (await inline.getAttribute('src')) ?? '';
  expect(src).toMatch(/^\/api\/workspaces\/demo-workspace\/blobs\/[a-f0-9]{64}$/);
  const blob = await aino.page.request.get(src);
  expect(blob.status()).toBe(200);
  expect(blob.headers()['content-type']).toBe('image/png');
  expect(blob.headers()['x-content-type-options']).toBe('nosniff');
  expect(blob.headers()['content-disposition']).toMatch(/^inline/);
  const stranger = await browser.newContext({ baseURL: baton.url });
  try {
    expect((await stranger.request.get(src)).status()).toBe(401);
    expect((await stranger.request.get(MAILBOX)).status()).toBe(401);
  } finally {
    await stranger.close();
  }

  // Garbage at the mail endpoints: clear errors, nothing saved.
  const put = (data: string) =>
    aino.page.request.put(MAILBOX, {
      data,
      headers: { 'content-type': 'application/json' }
    });
  expect((await put('{not json')).status()).toBe(400);
  const invalid = await put(JSON.stringify({ settings: { address: 'nope', imap: {}, smtp: {} } }));
  expect(invalid.status()).toBe(400);
  expect(await invalid.json()).toMatchObject({ error: { reason: 'invalid-request' } });
  expect((await aino.page.request.get(`${WS_API}/blobs/${'0'.repeat(64)}`)).status()).toBe(404);
  expect((await aino.page.request.get(`${WS_API}/blobs/..%2F..%2Fbaton.sqlite`)).status()).toBe(
    404
  );
  expect((await aino.page.request.get(`${WS_API}/mail/import/nope`)).status()).toBe(404);
  const after = await aino.page.request.get(MAILBOX);
  expect(await after.json()).toMatchObject({ mailbox: { settings: { address: fx.SUPPORT } } });
});

test('an mbox export imports with progress; answered threads close; the customer page lists them', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const thread = [
    fx.plain({
      subject: 'Invoice address changed',
      messageId: '<imp-a1@example.fi>',
      date: 'Mon, 01 Jan 2024 09:00:00 +0000'
    }),
    fx.plain({
      from: `Support <${fx.SUPPORT}>`,
      to: fx.CUSTOMER,
      subject: 'Re: Invoice address changed',
      messageId: '<imp-a2@baton.test>',
      inReplyTo: '<imp-a1@example.fi>',
      date: 'Mon, 01 Jan 2024 10:00:00 +0000',
      body: 'Updated, thanks.'
    }),
    fx.plain({
      subject: 'Still waiting for the refund',
      messageId: '<imp-b1@example.fi>',
      date: 'Tue, 02 Jan 2024 09:00:00 +0000'
    })
  ];
  const mbox = Buffer.concat(
    thread.flatMap((raw) => [
      Buffer.from('From - Mon Jan  1 09:00:00 2024\n'),
      raw,
      Buffer.from('\n')
    ])
  );

  // The import treats mail from the support address as ours: connect the mailbox first.
  expect(
    (
      await aino.page.request.put(MAILBOX, {
        data: {
          settings: fx.mailboxSettings({ host: '127.0.0.1', port: 1 }, smtp, 'x', {
            smtp: {
              host: smtp.host,
              port: smtp.port,
              security: 'none',
              user: '',
              auth: 'password'
            },
            enabled: false
          })
        }
      })
    ).status()
  ).toBe(200);

  await aino.page.goto('/w/demo-workspace/mailbox/import');
  await aino.page.getByTestId('mail-import-files').setInputFiles({
    name: 'outlook-export.mbox',
    mimeType: 'application/mbox',
    buffer: mbox
  });
  await aino.page.getByTestId('mail-import-start').click();
  await expect(aino.page.getByTestId('mail-import-progress')).toBeVisible();
  await expect(aino.page.getByTestId('mail-import-status')).toContainText('3 of 3 messages', {
    timeout: 20_000
  });
  await expect(aino.page.getByTestId('mail-import-status')).toContainText('Done');
  await expect(aino.page.getByTestId('mail-import-progress')).toHaveJSProperty('value', 1);

  await aino.board.goto();
  await expect(
    aino.board
      .column('closed')
      .getByTestId('ticket-card')
      .filter({ hasText: 'Invoice address changed' })
  ).toHaveCount(1);
  await expect(
    aino.board
      .column('new')
      .getByTestId('ticket-card')
      .filter({ hasText: 'Still waiting for the refund' })
  ).toHaveCount(1);

  // The customer's page: both tickets, from the sender link on a message.
  await cardWithSubject(aino.board, 'Still waiting for the refund').click();
  await aino.ticket.waitUntilLoaded();
  await aino.page.getByTestId('mail-from').first().click();
  await expect(aino.page.getByTestId('customer-name')).toHaveText('Hanna Korhonen');
  await expect(aino.page.getByTestId('customer-email')).toHaveText(fx.CUSTOMER);
  await expect(aino.page.getByTestId('customer-ticket')).toHaveCount(2);
  // Imported history is never mailed.
  expect(smtp.received.some((m) => m.raw.includes('Updated, thanks.'))).toBe(false);
});
