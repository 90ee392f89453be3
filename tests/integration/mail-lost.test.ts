/**
 * Mail that never goes missing (#13 items 1–9): messages that were lost, hidden or mislabelled,
 * each written here the way the mail program or server that sends it writes it, delivered to
 * the real Dovecot (IMAP APPEND) where the class involves IMAP, or handed to the ingestor where
 * it is about reading one message. Documents are read from the running Baton.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { SYSTEM_ACTOR } from '../../src/lib/domain/schema.ts';
import { setStatus } from '../../src/lib/domain/ticket.ts';
import { readIndex } from '../../src/lib/domain/workspace-index.ts';
import { startDovecot, type DovecotServer } from '../mail-servers/dovecot.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver.ts';
import { SUPPORT, mailboxSettings } from '../mail-servers/fixtures.ts';
import { PROCESSED_KEYWORD } from '../../server/mail/imap-worker.ts';
import type { MailRules } from '../../server/mail/mailbox.ts';
import { WORKSPACE, startBaton, tempDir, until, type RunningBaton } from './helpers.ts';
import { delivery, replyAsAgent, summaries, ticket, ticketBySubject } from './mail-helpers.ts';

const USERS = Array.from({ length: 8 }, (_, i) => ({ user: `lost${i}`, password: `pw-${i}` }));
let imap: DovecotServer;
let smtp: SmtpReceiver;
let nextUser = 0;
const userFor = () => USERS[nextUser++ % USERS.length]?.user ?? 'lost0';

beforeAll(async () => {
  [imap, smtp] = await Promise.all([startDovecot(USERS), startSmtpReceiver()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([imap?.stop(), smtp?.stop()]);
});

interface Running {
  relay: RunningBaton;
  dataDir: string;
  stop(): Promise<void>;
}
const running: Running[] = [];
afterEach(async () => {
  for (const b of running.splice(0)) await b.stop();
});

/** A Baton whose demo workspace reads `user`'s mailbox (none when `null`). */
async function mailBaton(
  user: string | null,
  options: { rules?: Partial<MailRules>; maxMessageBytes?: number } = {}
): Promise<Running> {
  const dir = tempDir();
  const relay = await startBaton(dir.path, {
    mail: {
      secretKey: Buffer.alloc(32, 7),
      pollMs: 300,
      maxAttachmentBytes: 64 * 1024,
      maxMessageBytes: options.maxMessageBytes ?? 50 * 1024 * 1024,
      retryBaseMs: 50,
      maxAttempts: 3,
      allowPrivateHosts: true
    }
  });
  const settings = mailboxSettings(imap, smtp, user ?? 'lost0');
  await relay.baton.mail.configure(WORKSPACE, {
    settings: {
      ...settings,
      enabled: user !== null,
      rules: { ...settings.rules, ...options.rules }
    },
    imapSecret: USERS.find((u) => u.user === user)?.password ?? 'unused',
    smtpSecret: 'smtp-pass'
  });
  const b = {
    relay,
    dataDir: dir.path,
    async stop() {
      await relay.stop();
      dir.remove();
    }
  };
  running.push(b);
  return b;
}

const CRLF = '\r\n';
/** A message as bytes: header lines (strings or raw bytes) and a body. */
function message(
  head: (string | Buffer)[],
  body: string | Buffer = 'Hello, my VPN drops.'
): Buffer {
  const parts: Buffer[] = [];
  for (const line of head) {
    parts.push(typeof line === 'string' ? Buffer.from(line, 'utf8') : line, Buffer.from(CRLF));
  }
  parts.push(Buffer.from(CRLF));
  parts.push(typeof body === 'string' ? Buffer.from(body.replace(/\n/g, CRLF), 'utf8') : body);
  parts.push(Buffer.from(CRLF));
  return Buffer.concat(parts);
}
const base = (subject: string, id: string | null, extra: string[] = []) => [
  `To: Support <${SUPPORT}>`,
  `Subject: ${subject}`,
  'Date: Tue, 05 Mar 2024 10:00:00 +0200',
  ...(id ? [`Message-ID: ${id}`] : []),
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  ...extra
];
const live = {
  mode: 'live' as const,
  ownAddresses: [SUPPORT],
  reopenDays: 14
};

function customerOf(relay: RunningBaton, id: string | null) {
  return relay.baton.docs.read(indexDocName(WORKSPACE), (doc) =>
    id ? readIndex(doc).customers.get(id) : undefined
  );
}

async function flags(user: string): Promise<Map<string, Set<string>>> {
  const client = await imap.client(user);
  try {
    await client.mailboxOpen('INBOX');
    const messages = await client.fetchAll('1:*', { flags: true, envelope: true, uid: true });
    return new Map(
      messages.map((m) => [m.envelope?.messageId ?? `uid-${m.uid}`, m.flags ?? new Set<string>()])
    );
  } finally {
    await client.logout();
  }
}

describe('#13.1 a message without a usable sender is never dropped', () => {
  it('makes a ticket from Reply-To, from Sender, or from Return-Path when From has no address', async () => {
    const user = userFor();
    const { relay } = await mailBaton(user);
    await imap.append(
      user,
      message([
        'From: undisclosed-recipients:;',
        'Reply-To: Hanna Korhonen <hanna@example.fi>',
        ...base('Only a Reply-To', '<l1@example.fi>')
      ])
    );
    await imap.append(
      user,
      message([
        'Sender: Mads Jensen <mads@example.dk>',
        ...base('Only a Sender', '<l2@example.dk>')
      ])
    );
    await imap.append(
      user,
      message([
        'Return-Path: <ops@example.se>',
        'From: <>',
        ...base('Only a Return-Path', '<l3@example.se>')
      ])
    );
    for (const [subject, email] of [
      ['Only a Reply-To', 'hanna@example.fi'],
      ['Only a Sender', 'mads@example.dk'],
      ['Only a Return-Path', 'ops@example.se']
    ] as const) {
      const summary = await ticketBySubject(relay, subject);
      expect(customerOf(relay, summary.requesterId)?.email).toBe(email);
    }
  });

  it('holds a message with no sender at all, and one over the size limit, for admins: raw download and retry', async () => {
    const user = userFor();
    const { relay } = await mailBaton(user, { maxMessageBytes: 64 * 1024 });
    const nobody = message(base('Nobody wrote this', '<nobody@example.fi>'));
    const huge = message(
      ['From: Hanna <hanna@example.fi>', ...base('A huge message', '<huge@example.fi>')],
      'x'.repeat(100 * 1024)
    );
    await imap.append(user, nobody);
    await imap.append(user, huge);
    await until(() => relay.baton.mail.held.list(WORKSPACE).length === 2, 'both are held');
    const held = relay.baton.mail.held.list(WORKSPACE);
    expect(held.map((h) => [h.subject, h.reason]).sort()).toEqual([
      ['A huge message', 'too-large'],
      ['Nobody wrote this', 'no-sender']
    ]);
    // The bytes an admin downloads are the bytes the mailbox delivered.
    const services = relay.baton.mail.services();
    for (const row of held) {
      const raw = await services.heldRaw(WORKSPACE, row.id);
      const delivered = row.reason === 'too-large' ? huge : nobody;
      expect(Buffer.from(raw ?? []).equals(delivered)).toBe(true);
    }
    // Held is visible, so the mailbox may call them processed now.
    await until(async () => {
      const f = await flags(user);
      return ['<nobody@example.fi>', '<huge@example.fi>'].every((id) =>
        f.get(id)?.has(PROCESSED_KEYWORD)
      );
    }, 'both are flagged after they were held');
    expect(summaries(relay).some((t) => t.subject === 'Nobody wrote this')).toBe(false);
    // A retry that still cannot import keeps it, with one more try.
    const nobodyRow = held.find((h) => h.reason === 'no-sender');
    const retried = await services.retryHeld(WORKSPACE, nobodyRow?.id ?? '');
    expect(retried.body).toMatchObject({ outcome: 'held', reason: 'no-sender' });
    expect(relay.baton.mail.held.get(WORKSPACE, nobodyRow?.id ?? '')?.tries).toBe(2);
  });

  it('never flags a message processed before it is somewhere a person can see', async () => {
    const user = userFor();
    const b = await mailBaton(user);
    let failedPasses = 0;
    const off = b.relay.baton.mail.onPassError(() => failedPasses++);
    // The "could not import" folder cannot be written: a file where the folder should be.
    const heldDir = join(b.dataDir, 'held');
    rmSync(heldDir, { recursive: true, force: true });
    writeFileSync(heldDir, 'not a folder');
    await imap.append(user, message(base('Nobody, while the disk is broken', '<nb2@example.fi>')));
    // More passes than the tries before a message is held as failing: holding fails too.
    await until(() => failedPasses >= 5, 'five passes failed on the message', 20_000);
    expect((await flags(user)).get('<nb2@example.fi>')?.has(PROCESSED_KEYWORD)).toBe(false);
    expect(b.relay.baton.mail.held.list(WORKSPACE)).toHaveLength(0);
    // The disk is repaired: the message is held, and only then flagged.
    rmSync(heldDir, { force: true });
    await until(
      () => b.relay.baton.mail.held.list(WORKSPACE).length === 1,
      'the message is held',
      10_000
    );
    await until(
      async () => (await flags(user)).get('<nb2@example.fi>')?.has(PROCESSED_KEYWORD) === true,
      'the held message is flagged'
    );
    off();
  });
});

describe('#13.2 and 3: duplicates', () => {
  it('a list copy ignored first does not stop the direct copy from becoming a ticket', async () => {
    const user = userFor();
    const { relay } = await mailBaton(user);
    const from = 'From: Hanna Korhonen <hanna@example.fi>';
    await imap.append(
      user,
      message([
        from,
        ...base('Sent to the list and to you', '<listcopy@example.fi>', [
          'Precedence: list',
          'List-Id: IT people <it-people.lists.example.fi>',
          'List-Post: <mailto:it-people@lists.example.fi>'
        ])
      ])
    );
    await until(
      () => relay.baton.mail.store.message(WORKSPACE, '<listcopy@example.fi>') !== null,
      'the list copy is recorded'
    );
    expect(relay.baton.mail.store.message(WORKSPACE, '<listcopy@example.fi>')?.state).toBe(
      'ignored'
    );
    await imap.append(
      user,
      message([from, ...base('Sent to the list and to you', '<listcopy@example.fi>')])
    );
    const summary = await ticketBySubject(relay, 'Sent to the list and to you');
    expect(ticket(relay, summary.id)?.thread).toHaveLength(1);
  });

  it('a message without Message-ID reaching the inbox through two aliases is one ticket', async () => {
    const user = userFor();
    const { relay } = await mailBaton(user);
    const copy = (alias: string, hop: string) =>
      message([
        `Return-Path: <hanna@example.fi>`,
        `Delivered-To: ${alias}`,
        `Received: from ${hop} (${hop} [192.0.2.${alias.length}]) by mx.baton.test; Tue, 05 Mar 2024 10:00:0${alias.length % 10} +0200`,
        'From: Hanna Korhonen <hanna@example.fi>',
        ...base('No id, two aliases', null).map((l) =>
          l.startsWith('To:') ? `To: ${SUPPORT}, help@baton.test` : l
        )
      ]);
    await imap.append(user, copy(SUPPORT, 'relay-a.example.fi'));
    await imap.append(user, copy('help@baton.test', 'relay-b.example.fi'));
    await until(async () => {
      const f = await flags(user);
      return f.size === 2 && [...f.values()].every((set) => set.has(PROCESSED_KEYWORD));
    }, 'both copies were processed');
    const tickets = summaries(relay).filter((t) => t.subject === 'No id, two aliases');
    expect(tickets).toHaveLength(1);
    expect(ticket(relay, tickets[0]?.id ?? '')?.thread).toHaveLength(1);
  });
});

/** A ticket with an agent's reply that went out; returns its ids and the reply's Message-ID. */
async function ticketWithSentReply(relay: RunningBaton, subject: string, id: string) {
  const out = await relay.baton.mail.ingestor.ingest(
    WORKSPACE,
    message(['From: Hanna Korhonen <hanna@example.fi>', ...base(subject, id)]),
    live
  );
  if (out.action !== 'created') throw new Error(out.action);
  const entryId = replyAsAgent(relay, out.ticketId, 'Please try the new client.');
  await until(() => delivery(relay, out.ticketId, entryId)?.state === 'sent', 'the reply is sent');
  const messageId = delivery(relay, out.ticketId, entryId)?.messageId ?? '';
  return { ticketId: out.ticketId, entryId, messageId };
}

describe('#13.4 automatic replies', () => {
  it('Exchange, Gmail, Apple and Zimbra out-of-office replies never reopen a solved ticket nor count as the customer', async () => {
    const user = userFor();
    const { relay } = await mailBaton(user);
    const sent = await ticketWithSentReply(relay, 'Solved soon', '<ooo-t@example.fi>');
    relay.baton.docs.change(ticketDocName(sent.ticketId), (doc) =>
      setStatus(doc, 'solved', SYSTEM_ACTOR, Date.now())
    );
    const reply = (subject: string, id: string, markers: string[]) =>
      message([
        'From: Hanna Korhonen <hanna@example.fi>',
        ...base(subject, id, [`In-Reply-To: ${sent.messageId}`, ...markers])
      ]);
    const replies = [
      // Exchange / Microsoft 365, without Auto-Submitted.
      reply('Automatic reply: Solved soon', '<ooo-ex@example.fi>', [
        'X-Auto-Response-Suppress: All',
        `X-MS-Exchange-Inbox-Rules-Loop: hanna@example.fi`,
        'X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent'
      ]),
      reply('Automaattinen vastaus: Solved soon', '<ooo-ex2@example.fi>', [
        'X-Auto-Response-Suppress: All',
        'Auto-Submitted: auto-generated'
      ]),
      reply('Out of Office Re: Solved soon', '<ooo-gm@example.fi>', [
        'Auto-Submitted: auto-replied'
      ]),
      reply('Re: Solved soon', '<ooo-ap@example.fi>', ['X-Autoreply: yes']),
      reply('Re: Solved soon', '<ooo-zm@example.fi>', [
        'Auto-Submitted: auto-replied (zimbra; vacation)',
        'Precedence: bulk'
      ])
    ];
    for (const raw of replies) await imap.append(user, raw);
    await until(
      () =>
        [
          '<ooo-ex@example.fi>',
          '<ooo-ex2@example.fi>',
          '<ooo-gm@example.fi>',
          '<ooo-ap@example.fi>',
          '<ooo-zm@example.fi>'
        ].every((id) => relay.baton.mail.store.message(WORKSPACE, id)?.state === 'written'),
      'every auto-reply is on the ticket'
    );
    const t = ticket(relay, sent.ticketId);
    expect(t?.fields.status).toBe('solved');
    const automatic = t?.thread.filter((e) => e.mail?.automatic) ?? [];
    expect(automatic).toHaveLength(5);
    for (const entry of automatic) {
      expect(entry.kind).toBe('note');
      expect(entry.authorId).toBe(SYSTEM_ACTOR.id);
    }
    expect(t?.thread.filter((e) => e.kind === 'inbound')).toHaveLength(1);
    // An out-of-office that answers nothing Baton knows starts no ticket.
    const stray = await relay.baton.mail.ingestor.ingest(
      WORKSPACE,
      message([
        'From: Someone <someone@example.fi>',
        ...base('Automatic reply: hello', '<ooo-stray@example.fi>', [
          'X-MS-Exchange-Inbox-Rules-Loop: someone@example.fi'
        ])
      ]),
      live
    );
    expect(stray).toEqual({ action: 'ignored', reason: 'auto-reply' });
  });
});

describe('#13.5 bounces', () => {
  const dsn = (original: string, action: string, folded: boolean, ownHeaders: string[] = []) => {
    const boundary = 'dsn-b';
    return message(
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.fi>',
        `To: ${SUPPORT}`,
        'Subject: Delivery Status Notification',
        'Date: Tue, 05 Mar 2024 10:05:00 +0200',
        `Message-ID: <dsn-${Math.random().toString(36).slice(2)}@mx.example.fi>`,
        ...ownHeaders,
        'MIME-Version: 1.0',
        `Content-Type: multipart/report; report-type=delivery-status;${CRLF} boundary="${boundary}"`
      ],
      [
        `--${boundary}`,
        'Content-Type: text/plain',
        '',
        'Delivery to the following recipient has been delayed.',
        `--${boundary}`,
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.fi',
        '',
        'Final-Recipient: rfc822; hanna@example.fi',
        `Action: ${action}`,
        `Status: ${action === 'delayed' ? '4.4.7' : '5.1.1'}`,
        `Diagnostic-Code: smtp; ${action === 'delayed' ? '451 4.4.7 Try again later' : '550 5.1.1 User unknown'}`,
        '',
        `--${boundary}`,
        'Content-Type: text/rfc822-headers',
        '',
        `From: Support <${SUPPORT}>`,
        'Subject: Re: Bounce me',
        ...(original === ''
          ? []
          : folded
            ? ['Message-ID:', ` ${original}`]
            : [`Message-ID: ${original}`]),
        '',
        `--${boundary}--`
      ].join('\n')
    );
  };

  it('a delayed report fails nothing; a folded Message-ID, the bounce’s own In-Reply-To and a qmail text bounce are matched', async () => {
    const { relay } = await mailBaton(userFor());
    const ingest = (raw: Buffer) => relay.baton.mail.ingestor.ingest(WORKSPACE, raw, live);

    const a = await ticketWithSentReply(relay, 'Bounce me', '<b-a@example.fi>');
    expect(await ingest(dsn(a.messageId, 'delayed', false))).toMatchObject({
      ticketId: a.ticketId
    });
    expect(delivery(relay, a.ticketId, a.entryId)?.state).toBe('sent');
    expect(ticket(relay, a.ticketId)?.thread.at(-1)?.mail?.bounce).toMatchObject({
      action: 'delayed'
    });

    const b = await ticketWithSentReply(relay, 'Bounce me too', '<b-b@example.fi>');
    await ingest(dsn(b.messageId, 'failed', true));
    expect(delivery(relay, b.ticketId, b.entryId)).toMatchObject({ state: 'failed' });
    expect(delivery(relay, b.ticketId, b.entryId)?.reason).toMatch(/User unknown/);

    const c = await ticketWithSentReply(relay, 'Bounce me three', '<b-c@example.fi>');
    await ingest(dsn('', 'failed', false, [`In-Reply-To: ${c.messageId}`]));
    expect(delivery(relay, c.ticketId, c.entryId)?.state).toBe('failed');

    const d = await ticketWithSentReply(relay, 'Bounce me four', '<b-d@example.fi>');
    const qmail = message(
      [
        'From: MAILER-DAEMON@mx.example.fi',
        `To: ${SUPPORT}`,
        'Subject: failure notice',
        'Date: Tue, 05 Mar 2024 10:05:00 +0200',
        'Message-ID: <qmail-1@mx.example.fi>'
      ],
      [
        'Hi. This is the qmail-send program at mx.example.fi.',
        "I'm afraid I wasn't able to deliver your message to the following addresses.",
        "This is a permanent error; I've given up. Sorry it didn't work out.",
        '',
        '<hanna@example.fi>:',
        'Sorry, no mailbox here by that name. (#5.1.1)',
        '',
        '--- Below this line is a copy of the message.',
        '',
        'Return-Path: <support@baton.test>',
        `From: Support <${SUPPORT}>`,
        'Subject: Re: Bounce me four',
        `Message-ID:${CRLF}\t${d.messageId}`,
        '',
        'Please try the new client.'
      ].join('\n')
    );
    expect(await ingest(qmail)).toMatchObject({ action: 'bounce', ticketId: d.ticketId });
    expect(delivery(relay, d.ticketId, d.entryId)).toMatchObject({ state: 'failed' });
    expect(delivery(relay, d.ticketId, d.entryId)?.reason).toMatch(/no mailbox here/);
  });
});

describe('#13.6 charsets', () => {
  it('reads raw 8-bit GB2312 and Shift_JIS headers, mislabelled encoded words and undeclared bodies', async () => {
    const { relay } = await mailBaton(null);
    const ingest = async (raw: Buffer) => {
      const out = await relay.baton.mail.ingestor.ingest(WORKSPACE, raw, live);
      if (out.action !== 'created') throw new Error(out.action);
      return ticket(relay, out.ticketId);
    };
    const gb = await ingest(
      message(
        [
          Buffer.concat([
            Buffer.from('From: '),
            iconv.encode('张伟', 'gb2312'),
            Buffer.from(' <zw@example.cn>')
          ]),
          Buffer.concat([Buffer.from('Subject: '), iconv.encode('打印机坏了，请帮忙', 'gb2312')]),
          'Message-ID: <gb@example.cn>',
          'Content-Type: text/plain; charset=gb2312'
        ],
        iconv.encode('我的打印机坏了。', 'gb2312')
      )
    );
    expect(gb?.fields.subject).toBe('打印机坏了，请帮忙');
    expect(gb?.thread[0]?.authorName).toBe('张伟');
    expect(gb?.thread[0]?.body).toBe('我的打印机坏了。');

    const japanese =
      'プリンターが壊れました。修理をお願いします。印刷するとページが真っ白になります。';
    const sj = await ingest(
      message(
        [
          Buffer.concat([
            Buffer.from('From: '),
            iconv.encode('田中', 'shift_jis'),
            Buffer.from(' <tanaka@example.jp>')
          ]),
          Buffer.concat([Buffer.from('Subject: '), iconv.encode('プリンターの故障', 'shift_jis')]),
          'Message-ID: <sj@example.jp>'
        ],
        iconv.encode(japanese, 'shift_jis')
      )
    );
    expect(sj?.fields.subject).toBe('プリンターの故障');
    expect(sj?.thread[0]?.authorName).toBe('田中');
    expect(sj?.thread[0]?.body).toBe(japanese);

    const wrongLabel = await ingest(
      message(
        [
          `From: =?iso-8859-1?B?${Buffer.from('Jörgen Sørensen', 'utf8').toString('base64')}?= <j@example.dk>`,
          `Subject: =?windows-1252?Q?${[...Buffer.from('Lønnen er forkert', 'utf8')].map((b) => (b > 127 ? `=${b.toString(16).toUpperCase()}` : b === 32 ? '_' : String.fromCharCode(b))).join('')}?=`,
          'Message-ID: <wl@example.dk>'
        ],
        'Hej.'
      )
    );
    expect(wrongLabel?.fields.subject).toBe('Lønnen er forkert');
    expect(wrongLabel?.thread[0]?.authorName).toBe('Jörgen Sørensen');

    const finnish =
      'Hyvää päivää! Tulostin ei tulosta mitään, ja näytössä lukee "virhe". Äläkä unohda öljyä.';
    const undeclared = await ingest(
      message(
        ['From: Hanna <hanna@example.fi>', 'Subject: Tulostin', 'Message-ID: <ud@example.fi>'],
        iconv.encode(finnish, 'latin1')
      )
    );
    expect(undeclared?.thread[0]?.body).toBe(finnish);
  });
});

describe('#13.7 everything the customer sent is shown', () => {
  it('keeps separate text parts beside the HTML, and reads a body without boundary lines', async () => {
    const b = await mailBaton(null);
    const ingest = async (raw: Buffer) => {
      const out = await b.relay.baton.mail.ingestor.ingest(WORKSPACE, raw, live);
      if (out.action !== 'created') throw new Error(out.action);
      return ticket(b.relay, out.ticketId);
    };
    const mixed = await ingest(
      message(
        [
          'From: Hanna <hanna@example.fi>',
          'Subject: Three parts',
          'Message-ID: <mixed@example.fi>',
          'Content-Type: multipart/mixed; boundary="m"'
        ],
        [
          '--m',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'First, the error code is E42.',
          '--m',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<p>Here is <b>the screenshot</b> text.</p>',
          '--m',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'And last: it started on Monday.',
          '--m--'
        ].join('\n')
      )
    );
    // What the agent sees: the HTML frame, which must carry every part.
    const hash = mixed?.thread[0]?.mail?.html ?? '';
    const shown = await b.relay.baton.mail
      .services()
      .entryHtml(WORKSPACE, mixed?.fields.id ?? '', mixed?.thread[0]?.id ?? '', false);
    expect(hash).not.toBe('');
    for (const words of ['the error code is E42', 'the screenshot', 'it started on Monday']) {
      expect(shown).toContain(words);
      expect(mixed?.thread[0]?.body).toContain(words.replace(/<\/?b>/g, ''));
    }
    const noBoundary = await ingest(
      message(
        [
          'From: Hanna <hanna@example.fi>',
          'Subject: No boundary lines',
          'Message-ID: <nob@example.fi>',
          'Content-Type: multipart/mixed; boundary="never-used"'
        ],
        'The printer on floor 3 is out of toner.'
      )
    );
    expect(noBoundary?.thread[0]?.body).toBe('The printer on floor 3 is out of toner.');
  });
});

describe('#13.8 the customer’s address, or the agent decides', () => {
  it('does not guess an address out of words, and flags the ticket for the agent', async () => {
    const { relay } = await mailBaton(null);
    const ingest = async (from: string, subject: string, id: string) => {
      const out = await relay.baton.mail.ingestor.ingest(
        WORKSPACE,
        message([`From: ${from}`, ...base(subject, id)]),
        live
      );
      if (out.action !== 'created') throw new Error(out.action);
      return {
        t: ticket(relay, out.ticketId),
        summary: summaries(relay).find((s) => s.id === out.ticketId)
      };
    };
    const unclear = await ingest(
      '"name" <power quadrant system@example.com>',
      'Unclear sender',
      '<u1@example.com>'
    );
    expect(unclear.t?.fields.requesterId).toBeNull();
    expect(unclear.t?.thread[0]?.mail?.senderDoubt).toMatchObject({
      reason: 'unclear-from',
      candidates: expect.arrayContaining(['system@example.com'])
    });
    const customers = relay.baton.docs.read(indexDocName(WORKSPACE), (doc) => [
      ...readIndex(doc).customers.values()
    ]);
    expect(customers?.some((c) => c.email === 'system@example.com')).toBe(false);

    const bare = await ingest('Hanna Korhonen hanna@example.fi', 'Bare words', '<u2@example.fi>');
    expect(bare.t?.thread[0]?.mail?.senderDoubt?.candidates).toEqual(['hanna@example.fi']);
    expect(bare.t?.fields.requesterId).toBeNull();

    // The standard forms are certain, whatever the display name says.
    const plain = await ingest(
      '"hanna@example.fi" <mallory@example.net>',
      'Odd name',
      '<u3@example.net>'
    );
    expect(plain.t?.thread[0]?.mail?.senderDoubt).toBeUndefined();
    expect(customerOf(relay, plain.t?.fields.requesterId ?? null)?.email).toBe(
      'mallory@example.net'
    );
  });
});

describe('#13.9 contact forms, customers’ ticket systems and team lists', () => {
  it('makes the Reply-To the requester of a no-reply form, hears auto-generated mail and listed lists', async () => {
    const { relay } = await mailBaton(null, { rules: { heardLists: ['team.customer.example'] } });
    const ingest = (raw: Buffer) =>
      relay.baton.mail.ingestor.ingest(WORKSPACE, raw, {
        ...live,
        rules: relay.baton.mail.mailboxes.get(WORKSPACE)?.settings.rules
      });
    const form = await ingest(
      message([
        'From: Website <noreply@shop.example>',
        'Reply-To: Liisa Laine <liisa@example.fi>',
        ...base('Contact form: where is my order?', '<form1@shop.example>')
      ])
    );
    if (form.action !== 'created') throw new Error(form.action);
    const requester = customerOf(relay, ticket(relay, form.ticketId)?.fields.requesterId ?? null);
    expect(requester).toMatchObject({ email: 'liisa@example.fi', name: 'Liisa Laine' });

    const theirDesk = await ingest(
      message([
        'From: Acme Service Desk <servicedesk@acme.example>',
        ...base('[ACME-123] Your request was updated', '<acme-123@acme.example>', [
          'Auto-Submitted: auto-generated'
        ])
      ])
    );
    expect(theirDesk.action).toBe('created');

    const list = (id: string, listId: string) =>
      message([
        'From: Pekka <pekka@customer.example>',
        ...base(`Team question ${id}`, `<${id}@customer.example>`, [
          'Precedence: list',
          `List-Id: <${listId}>`
        ])
      ]);
    expect((await ingest(list('tl1', 'team.customer.example'))).action).toBe('created');
    expect(await ingest(list('tl2', 'announce.other.example'))).toEqual({
      action: 'ignored',
      reason: 'list'
    });
  });

  it('follows the mailbox’s rules when they say otherwise, and refuses bad rules naming the field', async () => {
    const { relay } = await mailBaton(null, {
      rules: { replyTo: 'never', autoGenerated: 'ignore', listMail: 'hear' }
    });
    const rules = relay.baton.mail.mailboxes.get(WORKSPACE)?.settings.rules;
    const ingest = (raw: Buffer) =>
      relay.baton.mail.ingestor.ingest(WORKSPACE, raw, { ...live, rules });
    const form = await ingest(
      message([
        'From: Website <noreply@shop.example>',
        'Reply-To: Liisa Laine <liisa@example.fi>',
        ...base('Form, Reply-To ignored', '<form2@shop.example>')
      ])
    );
    if (form.action !== 'created') throw new Error(form.action);
    expect(customerOf(relay, ticket(relay, form.ticketId)?.fields.requesterId ?? null)?.email).toBe(
      'noreply@shop.example'
    );
    expect(
      await ingest(
        message([
          'From: Acme <servicedesk@acme.example>',
          ...base('Their desk', '<acme-2@acme.example>', ['Auto-Submitted: auto-generated'])
        ])
      )
    ).toEqual({ action: 'ignored', reason: 'auto-generated' });
    expect(
      (
        await ingest(
          message([
            'From: Pekka <pekka@customer.example>',
            ...base('Any list', '<al@customer.example>', ['List-Id: <any.customer.example>'])
          ])
        )
      ).action
    ).toBe('created');

    const services = relay.baton.mail.services();
    const saved = relay.baton.mail.mailboxes.get(WORKSPACE)?.settings;
    for (const [rules, field] of [
      [{ replyTo: 'sometimes' }, 'settings.rules.replyTo'],
      [{ heardLists: ['not a list!'] }, 'settings.rules.heardLists.0'],
      [{ listMail: 'hear', extra: true }, 'settings.rules']
    ] as const) {
      const answer = await services.putMailbox(WORKSPACE, {
        settings: { ...saved, rules: { ...saved?.rules, ...rules } }
      });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain(field);
    }
    expect(relay.baton.mail.mailboxes.get(WORKSPACE)?.settings.rules).toEqual(rules);
  });
});
