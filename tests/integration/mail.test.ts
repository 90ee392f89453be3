/**
 * The email channel against real servers: Dovecot (IMAP, started from a temp folder on a free
 * port) and `smtp-server` as the receiving end. Mail is delivered with IMAP APPEND; replies are
 * read back from the SMTP receiver; documents are read from the running Baton.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { SYSTEM_ACTOR } from '../../src/lib/domain/schema.ts';
import { setStatus } from '../../src/lib/domain/ticket.ts';
import { putCustomer, readIndex } from '../../src/lib/domain/workspace-index.ts';
import { mergeTickets } from '../../src/lib/domain/merge.ts';
import { databasePath } from '../../server/storage.ts';
import { startDovecot, type DovecotServer } from '../mail-servers/dovecot.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver.ts';
import * as fx from '../mail-servers/fixtures.ts';
import { PROCESSED_KEYWORD } from '../../server/mail/imap-worker.ts';
import { readMessages, splitMbox } from '../../server/mail/import.ts';
import { testImap, testSmtp } from '../../server/mail/mailbox.ts';
import { DEMO_CUSTOMERS, demoTicketId } from '../../server/demo/workspace.ts';
import { SecretBox } from '../../server/mail/secret-box.ts';
import * as Y from 'yjs';
import { AINO, WORKSPACE, newTicket, startBaton, tempDir, ticketId, until } from './helpers.ts';
import {
  delivery,
  header,
  mailboxSettings,
  replyAsAgent,
  startMailBaton,
  summaries,
  ticket,
  ticketBySubject,
  type MailBaton
} from './mail-helpers.ts';

const USERS = Array.from({ length: 12 }, (_, i) => ({
  user: `support${i}`,
  password: `pass-${i}`
}));
let imap: DovecotServer;
let smtp: SmtpReceiver;
let nextUser = 0;
const userFor = () => USERS[nextUser++ % USERS.length]?.user ?? 'support0';

beforeAll(async () => {
  [imap, smtp] = await Promise.all([startDovecot(USERS), startSmtpReceiver()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([imap?.stop(), smtp?.stop()]);
});

const running: MailBaton[] = [];
afterEach(async () => {
  for (const b of running.splice(0)) await b.stop();
});
async function mailBaton(overrides = {}, user: string | null = userFor()) {
  const b = await startMailBaton(imap, smtp, user, overrides);
  running.push(b);
  return b;
}
const sentTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
const live = { mode: 'live' as const, ownAddresses: [fx.SUPPORT], reopenDays: 14 };

describe('mail in: IMAP to tickets', () => {
  it('makes a ticket from a new message, links the customer, and flags the message', async () => {
    const user = userFor();
    const { relay } = await mailBaton({}, user);
    await imap.append(
      user,
      fx.plain({ subject: 'Printer prints blank pages', messageId: '<p1@example.fi>' })
    );
    const summary = await ticketBySubject(relay, 'Printer prints blank pages');
    expect(summary.channel).toBe('email');
    const customer = relay.baton.docs.read(indexDocName(WORKSPACE), (doc) =>
      readIndex(doc).customers.get(summary.requesterId ?? '')
    );
    expect(customer).toMatchObject({ name: 'Hanna Korhonen', email: fx.CUSTOMER });
    const t = ticket(relay, summary.id);
    expect(t?.thread).toHaveLength(1);
    expect(t?.thread[0]).toMatchObject({
      kind: 'inbound',
      authorId: customer?.id,
      body: 'Hello,\nmy VPN drops every hour.\n\nHanna'
    });
    expect(t?.thread[0]?.mail?.messageId).toBe('<p1@example.fi>');
    await until(
      () => (ticket(relay, summary.id)?.fields.number ?? null) !== null,
      'the ticket is numbered'
    );

    // The message is marked processed on the server.
    const client = await imap.client(user);
    try {
      await client.mailboxOpen('INBOX');
      await until(async () => {
        const [message] = await client.fetchAll('1:*', { flags: true });
        return message?.flags?.has(PROCESSED_KEYWORD) === true && message.flags.has('\\Seen');
      }, 'the message is flagged as processed');
    } finally {
      await client.logout();
    }
  });

  it('moves processed mail to the configured folder when asked to', async () => {
    const user = userFor();
    const { relay } = await mailBaton({ processed: 'move', moveTo: 'Processed' }, user);
    await imap.append(user, fx.plain({ subject: 'Move me', messageId: '<mv1@example.fi>' }));
    await ticketBySubject(relay, 'Move me');
    const client = await imap.client(user);
    try {
      await until(async () => {
        const inbox = await client.status('INBOX', { messages: true });
        const done = await client.status('Processed', { messages: true }).catch(() => null);
        return inbox !== false && inbox.messages === 0 && done !== false && done?.messages === 1;
      }, 'the message moved to Processed');
    } finally {
      await client.logout();
    }
  });

  it('ingests each Message-ID once, also when the server delivers it twice', async () => {
    const user = userFor();
    const { relay } = await mailBaton({}, user);
    const raw = fx.plain({ subject: 'Twice delivered', messageId: '<twice@example.fi>' });
    await imap.append(user, raw);
    await imap.append(user, raw);
    const summary = await ticketBySubject(relay, 'Twice delivered');
    let passes = 0;
    const off = relay.baton.mail.onPass(() => passes++);
    await until(() => passes >= 2, 'two more passes over the mailbox');
    off();
    expect(summaries(relay).filter((t) => t.subject === 'Twice delivered')).toHaveLength(1);
    expect(ticket(relay, summary.id)?.thread).toHaveLength(1);
  });

  it('retries a message whose ticket cannot be loaded, then leaves it for a person and goes on', async () => {
    const user = userFor();
    const { relay } = await mailBaton({}, user);
    const first = await relay.baton.mail.ingestor.ingest(
      WORKSPACE,
      fx.plain({ subject: 'Damaged later', messageId: '<dm1@example.fi>' }),
      live
    );
    if (first.action !== 'created') throw new Error(first.action);
    const name = ticketDocName(first.ticketId);
    await until(() => !relay.baton.docs.isLoaded(name), 'the ticket is unloaded');
    relay.baton.storage.append(name, Uint8Array.from([9, 9, 9, 255, 0]));
    await imap.append(
      user,
      fx.plain({
        subject: 'Re: Damaged later',
        messageId: '<dm2@example.fi>',
        inReplyTo: '<dm1@example.fi>'
      })
    );
    await imap.append(
      user,
      fx.plain({ subject: 'After the damaged one', messageId: '<dm3@example.fi>' })
    );
    await ticketBySubject(relay, 'After the damaged one');
    // The reply did not start a wrong thread, and stays unmarked in the mailbox.
    expect(
      summaries(relay).some((t) => t.subject === 'Damaged later' && t.id !== first.ticketId)
    ).toBe(false);
    expect(relay.baton.mail.store.message(WORKSPACE, '<dm2@example.fi>')).toBeNull();
    const client = await imap.client(user);
    try {
      await client.mailboxOpen('INBOX');
      const messages = await client.fetchAll('1:*', { flags: true, envelope: true });
      const flagged = (id: string) =>
        messages.find((m) => m.envelope?.messageId === id)?.flags?.has(PROCESSED_KEYWORD);
      expect(flagged('<dm2@example.fi>')).toBe(false);
      expect(flagged('<dm3@example.fi>')).toBe(true);
    } finally {
      await client.logout();
    }
  });

  it('finishes a message that was recorded but not written before a crash, with the same ids', async () => {
    const { relay } = await mailBaton({}, null);
    const mail = relay.baton.mail;
    // What a crash right after the record step leaves behind.
    mail.store.recordMessage(
      WORKSPACE,
      {
        messageId: '<crash@example.fi>',
        direction: 'in',
        ticketId: 'ticket-crashed-000001',
        entryId: 'entry-crashed-000001',
        newTicket: true,
        state: 'recorded'
      },
      Date.now()
    );
    const raw = fx.plain({ subject: 'Crash in the middle', messageId: '<crash@example.fi>' });
    const outcome = await mail.ingestor.ingest(WORKSPACE, raw, live);
    expect(outcome).toEqual({
      action: 'created',
      ticketId: 'ticket-crashed-000001',
      entryId: 'entry-crashed-000001'
    });
    expect(await mail.ingestor.ingest(WORKSPACE, raw, live)).toEqual({
      action: 'duplicate',
      ticketId: 'ticket-crashed-000001'
    });
    expect(ticket(relay, 'ticket-crashed-000001')?.thread.map((e) => e.id)).toEqual([
      'entry-crashed-000001'
    ]);
  });
});

describe('mail out: replies, threading, delivery state', () => {
  it('sends a reply once with threading headers, and the customer answer joins the ticket', async () => {
    const user = userFor();
    const { relay } = await mailBaton({}, user);
    await imap.append(
      user,
      fx.plain({
        subject: 'Cannot log in',
        messageId: '<login1@example.fi>',
        cc: 'Boss <boss@example.fi>'
      })
    );
    const summary = await ticketBySubject(relay, 'Cannot log in');
    await until(() => (ticket(relay, summary.id)?.fields.number ?? null) !== null, 'a number');
    const number = ticket(relay, summary.id)?.fields.number;

    const entryId = replyAsAgent(relay, summary.id, 'Please reset your password from the link.');
    await until(() => delivery(relay, summary.id, entryId)?.state === 'sent', 'the reply is sent');
    const sent = sentTo(fx.CUSTOMER).filter((m) => m.raw.includes('reset your password'));
    expect(sent).toHaveLength(1);
    const raw = sent[0]?.raw ?? Buffer.alloc(0);
    const messageId = header(raw, 'Message-ID');
    expect(messageId).toBe(`<baton.${entryId}@baton.test>`);
    expect(header(raw, 'In-Reply-To')).toBe('<login1@example.fi>');
    expect(header(raw, 'References')).toContain('<login1@example.fi>');
    expect(header(raw, 'Subject')).toBe(`Re: Cannot log in [#${number}]`);
    expect(header(raw, 'To')).toBe(fx.CUSTOMER);
    expect(header(raw, 'Cc')).toBe('boss@example.fi');
    expect(sent[0]?.to.sort()).toEqual(['boss@example.fi', fx.CUSTOMER].sort());

    // Gmail-style answer to our reply: joins the ticket, quoted history split off.
    await imap.append(
      user,
      fx.gmailReply({
        subject: `Re: Cannot log in [#${number}]`,
        messageId: '<login2@example.fi>',
        inReplyTo: messageId ?? '',
        references: ['<login1@example.fi>', messageId ?? '']
      })
    );
    await until(
      () => (ticket(relay, summary.id)?.thread.length ?? 0) === 3,
      'the answer joins the ticket'
    );
    const answer = ticket(relay, summary.id)?.thread[2];
    expect(answer).toMatchObject({ kind: 'inbound', body: 'It happened again this morning.' });
    expect(answer?.mail?.quoted).toContain('Please try the new client.');
    expect(answer?.mail?.html).toMatch(/^[a-f0-9]{64}$/);
    // Sent exactly once, even after more changes to the ticket.
    await relay.baton.mail.outbound.idle();
    expect(sentTo(fx.CUSTOMER).filter((m) => m.raw.includes('reset your password'))).toHaveLength(
      1
    );
  });

  it('never mails the demo workspace’s seeded replies when a mailbox is connected to it', async () => {
    const user = userFor();
    const { relay } = await mailBaton({}, user);
    await imap.append(user, fx.plain({ subject: 'Demo check', messageId: '<demo1@example.fi>' }));
    const summary = await ticketBySubject(relay, 'Demo check');
    const entryId = replyAsAgent(relay, summary.id, 'A real answer.');
    // The queue has run: the workspace's own reply went out.
    await until(() => delivery(relay, summary.id, entryId)?.state === 'sent', 'the reply is sent');
    const demoAddresses = DEMO_CUSTOMERS.map((c) => c.email).filter((e): e is string => !!e);
    expect(demoAddresses.length).toBeGreaterThan(0);
    expect(smtp.received.filter((m) => demoAddresses.some((a) => m.to.includes(a)))).toEqual([]);
    // Their replies are history: sent long ago, with no message of ours behind them.
    const seeded = delivery(
      relay,
      demoTicketId(1),
      ticket(relay, demoTicketId(1))?.thread.find((e) => e.kind === 'reply')?.id ?? ''
    );
    expect(seeded).toMatchObject({ state: 'sent', messageId: null });
  });

  it('writes Baton’s own words in a reply in the language the customer wrote in', async () => {
    const user = userFor();
    const { relay } = await mailBaton({}, user);
    await imap.append(
      user,
      fx.plain({
        subject: 'Lasku on väärin',
        messageId: '<lasku1@example.fi>',
        body: 'Hei,\nmarraskuun laskussa on kaksi kertaa sama rivi. Voitteko korjata sen?\n\nHanna'
      })
    );
    const summary = await ticketBySubject(relay, 'Lasku on väärin');
    await until(() => (ticket(relay, summary.id)?.fields.number ?? null) !== null, 'a number');
    const fields = ticket(relay, summary.id)?.fields;
    expect(fields?.language).toBe('fi');

    const entryId = replyAsAgent(relay, summary.id, 'Korjasimme laskun, uusi on liitteenä.');
    await until(() => delivery(relay, summary.id, entryId)?.state === 'sent', 'the reply is sent');
    const sent = sentTo(fx.CUSTOMER).find((m) => m.raw.includes(`baton.${entryId}@`));
    const text = (await simpleParser(sent?.raw ?? Buffer.alloc(0))).text ?? '';
    expect(text).toContain('Korjasimme laskun');
    expect(text).toContain(`Tiketti #${fields?.number}`);
    expect(text).toContain('Vastaa tähän viestiin');
    expect(text).not.toContain('Reply to this email');

    // An agent sets the customer's language by hand: it wins over the detected one.
    const requesterId = fields?.requesterId ?? '';
    relay.baton.docs.change(indexDocName(WORKSPACE), (doc) => {
      const customer = readIndex(doc).customers.get(requesterId);
      if (customer) putCustomer(doc, { ...customer, language: 'da' });
    });
    const second = replyAsAgent(relay, summary.id, 'Og på dansk.');
    await until(() => delivery(relay, summary.id, second)?.state === 'sent', 'the second reply');
    const danish = sentTo(fx.CUSTOMER).find((m) => m.raw.includes(`baton.${second}@`));
    const danishText = (await simpleParser(danish?.raw ?? Buffer.alloc(0))).text ?? '';
    expect(danishText).toContain(`Sag #${fields?.number} · Svar på denne mail`);
  });

  it('sends to the recipients the agent set', async () => {
    const { relay } = await mailBaton({}, userFor());
    const out = await relay.baton.mail.ingestor.ingest(
      WORKSPACE,
      fx.plain({ subject: 'Recipients', messageId: '<rc1@example.fi>' }),
      live
    );
    if (out.action !== 'created') throw new Error(out.action);
    const entryId = replyAsAgent(relay, out.ticketId, 'Looping in your IT desk.', {
      to: ['it-desk@example.fi'],
      cc: ['hanna.korhonen@example.fi']
    });
    await until(() => delivery(relay, out.ticketId, entryId)?.state === 'sent', 'sent');
    const sent = sentTo('it-desk@example.fi').at(-1);
    expect(header(sent?.raw ?? Buffer.alloc(0), 'To')).toBe('it-desk@example.fi');
    expect(header(sent?.raw ?? Buffer.alloc(0), 'Cc')).toBe('hanna.korhonen@example.fi');
  });

  it('does not mail replies on a ticket that has no customer address, and marks them failed', async () => {
    const { relay } = await mailBaton({}, userFor());
    const id = ticketId('internal');
    const client = new Y.Doc();
    newTicket(client, { id, subject: 'Internal: rotate the VPN keys' });
    const created = relay.baton.docs.applyFromClient(
      ticketDocName(id),
      Y.encodeStateAsUpdate(client),
      {
        memberId: AINO.id,
        workspaceId: WORKSPACE
      }
    );
    expect(created.ok).toBe(true);
    const sentBefore = smtp.received.length;
    const entryId = replyAsAgent(relay, id, 'Done, keys rotated.');
    await new Promise((resolve) => setImmediate(resolve));
    await relay.baton.mail.outbound.idle();
    // Never silently unsent (#13.10): kept as failed, with the reason, for a retry.
    expect(relay.baton.mail.store.outbox(entryId)).toMatchObject({
      state: 'failed',
      lastError: 'no-recipient'
    });
    await until(
      () => delivery(relay, id, entryId)?.reason === 'no-recipient',
      'the reply marked as having no recipient'
    );
    expect(delivery(relay, id, entryId)?.state).toBe('failed');
    expect(smtp.received.length).toBe(sentBefore);
  });

  it('retries a temporary refusal with backoff, and fails a permanent one with the reason', async () => {
    const { relay } = await mailBaton({}, userFor());
    const out = await relay.baton.mail.ingestor.ingest(
      WORKSPACE,
      fx.plain({ subject: 'Retry me', messageId: '<rt1@example.fi>' }),
      live
    );
    if (out.action !== 'created') throw new Error(out.action);
    smtp.refuseNext(1, 451, 'Greylisted, try again');
    const first = replyAsAgent(relay, out.ticketId, 'First answer');
    await until(
      () => delivery(relay, out.ticketId, first)?.state === 'sent',
      'sent on the second attempt'
    );
    expect(delivery(relay, out.ticketId, first)?.attempts).toBe(2);

    smtp.refuseNext(1, 550, 'Mailbox unavailable');
    const second = replyAsAgent(relay, out.ticketId, 'Second answer');
    await until(() => delivery(relay, out.ticketId, second)?.state === 'failed', 'failed');
    expect(delivery(relay, out.ticketId, second)?.reason).toMatch(/Mailbox unavailable/);
  });

  it('queues a reply written while the mailbox is unreachable and sends it after a restart', async () => {
    const dir = tempDir();
    let second: MailBaton | null = null;
    let receiverDown = false;
    try {
      const first = await startMailBaton(imap, smtp, userFor(), {}, dir.path);
      const out = await first.relay.baton.mail.ingestor.ingest(
        WORKSPACE,
        fx.plain({ subject: 'Across restarts', messageId: '<ar1@example.fi>' }),
        live
      );
      if (out.action !== 'created') throw new Error(out.action);
      await until(
        () => (ticket(first.relay, out.ticketId)?.fields.number ?? null) !== null,
        'a number'
      );
      await smtp.stop();
      receiverDown = true;
      const entryId = replyAsAgent(first.relay, out.ticketId, 'Sent after the restart');
      await until(
        () => (delivery(first.relay, out.ticketId, entryId)?.reason ?? '').startsWith('Retrying'),
        'a failed attempt'
      );
      await first.stop();
      smtp = await startSmtpReceiver();
      receiverDown = false;
      // The new receiver listens on another port: the admin updates the mailbox.
      const restarted = await startMailBaton(imap, smtp, null, {}, dir.path);
      second = restarted;
      const saved = restarted.relay.baton.mail.mailboxes.get(WORKSPACE);
      if (!saved) throw new Error('no mailbox');
      await restarted.relay.baton.mail.configure(WORKSPACE, {
        settings: { ...saved.settings, smtp: { ...saved.settings.smtp, port: smtp.port } }
      });
      restarted.relay.baton.mail.outbound.kick();
      await until(
        () => delivery(restarted.relay, out.ticketId, entryId)?.state === 'sent',
        'sent after the restart',
        10_000
      );
      expect(
        sentTo(fx.CUSTOMER).filter((m) => m.raw.includes('Sent after the restart'))
      ).toHaveLength(1);
    } finally {
      // Later tests need a receiver, whatever happened here.
      if (receiverDown) smtp = await startSmtpReceiver();
      await second?.stop();
      dir.remove();
    }
  });
});

describe('threading rules', () => {
  it('threads by the subject tag, never by the subject alone', async () => {
    const { relay } = await mailBaton({}, null);
    const ingest = (raw: Buffer) => relay.baton.mail.ingestor.ingest(WORKSPACE, raw, live);
    const first = await ingest(
      fx.plain({ subject: 'Billing question', messageId: '<b1@example.fi>' })
    );
    if (first.action !== 'created') throw new Error(first.action);
    await until(() => (ticket(relay, first.ticketId)?.fields.number ?? null) !== null, 'a number');
    const number = ticket(relay, first.ticketId)?.fields.number;
    // Outlook reply that lost its References but kept the tag.
    const tagged = await ingest(
      fx.outlookReply({
        subject: `RE: Billing question [#${number}]`,
        messageId: '<b2@example.fi>'
      })
    );
    expect(tagged).toMatchObject({ action: 'appended', ticketId: first.ticketId });
    expect(ticket(relay, first.ticketId)?.thread[1]?.body).toBe(
      'Still broken, sorry.\n\nBest regards\nHanna'
    );
    // Same subject, no tag, no references: a new ticket.
    const lookalike = await ingest(
      fx.plain({ subject: 'Re: Billing question', messageId: '<b3@example.fi>' })
    );
    expect(lookalike.action).toBe('created');
  });

  it('hands later mail to a merged ticket on to the ticket it was merged into', async () => {
    const { relay } = await mailBaton({}, null);
    const ingest = (raw: Buffer) => relay.baton.mail.ingestor.ingest(WORKSPACE, raw, live);
    const first = await ingest(fx.plain({ subject: 'Scanner', messageId: '<mg1@example.fi>' }));
    const second = await ingest(
      fx.plain({ subject: 'Scanner, again', messageId: '<mg2@example.fi>' })
    );
    if (first.action !== 'created' || second.action !== 'created') throw new Error('not created');
    await until(() => (ticket(relay, first.ticketId)?.fields.number ?? null) !== null, 'a number');
    const number = ticket(relay, first.ticketId)?.fields.number;
    // An agent merges the first into the second (on copies, as a browser would), sent to Baton.
    const names = [ticketDocName(first.ticketId), ticketDocName(second.ticketId)] as const;
    const [source, target] = names.map((name) => {
      const copy = new Y.Doc();
      relay.baton.docs.read(name, (doc) => Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc)));
      return copy;
    }) as [Y.Doc, Y.Doc];
    const sent = [source, target].map((doc, i) => ({
      doc,
      name: names[i] ?? '',
      vector: Y.encodeStateVector(doc)
    }));
    mergeTickets(source, target, AINO, Date.now());
    for (const { doc, name, vector } of sent) {
      const update = Y.encodeStateAsUpdate(doc, vector);
      relay.baton.docs.change(name, (live) => Y.applyUpdate(live, update));
    }
    // A reply to the first ticket's message, and one with its tag, land in the second.
    const byReference = await ingest(
      fx.plain({
        subject: 'Re: Scanner',
        messageId: '<mg3@example.fi>',
        inReplyTo: '<mg1@example.fi>'
      })
    );
    expect(byReference).toMatchObject({ action: 'appended', ticketId: second.ticketId });
    const byTag = await ingest(
      fx.plain({ subject: `Re: Scanner [#${number}]`, messageId: '<mg4@example.fi>' })
    );
    expect(byTag).toMatchObject({ action: 'appended', ticketId: second.ticketId });
    expect(ticket(relay, first.ticketId)?.thread).toHaveLength(1);
    expect(ticket(relay, first.ticketId)?.fields.status).toBe('closed');
    expect(ticket(relay, second.ticketId)?.thread).toHaveLength(3);
  });

  it('links mail to a customer already in the index by address, without a duplicate', async () => {
    const { relay } = await mailBaton({}, null);
    relay.baton.docs.change(indexDocName(WORKSPACE), (doc) =>
      putCustomer(doc, {
        id: 'customer-known-0001',
        name: 'Hanna K.',
        email: 'Hanna.Korhonen@example.fi'
      })
    );
    const out = await relay.baton.mail.ingestor.ingest(
      WORKSPACE,
      fx.plain({ subject: 'Known customer', messageId: '<kc1@example.fi>' }),
      live
    );
    if (out.action !== 'created') throw new Error(out.action);
    expect(ticket(relay, out.ticketId)?.fields.requesterId).toBe('customer-known-0001');
    const emails = relay.baton.docs.read(indexDocName(WORKSPACE), (doc) =>
      [...readIndex(doc).customers.values()].map((c) => c.email.toLowerCase())
    );
    expect(emails?.filter((e) => e === fx.CUSTOMER)).toHaveLength(1);
  });

  it('threads a reply from a CC’d person and an Apple Mail reply by References', async () => {
    const { relay } = await mailBaton({}, null);
    const ingest = (raw: Buffer) => relay.baton.mail.ingestor.ingest(WORKSPACE, raw, live);
    const first = await ingest(
      fx.plain({
        subject: 'Office move',
        messageId: '<om1@example.fi>',
        cc: 'Pekka <pekka@example.fi>'
      })
    );
    if (first.action !== 'created') throw new Error(first.action);
    const cc = await ingest(
      fx.plain({
        from: 'Pekka Virtanen <pekka@example.fi>',
        subject: 'Re: Office move',
        messageId: '<om2@example.fi>',
        inReplyTo: '<om1@example.fi>',
        references: ['<om1@example.fi>'],
        body: 'I can confirm the date.'
      })
    );
    expect(cc).toMatchObject({ action: 'appended', ticketId: first.ticketId });
    const apple = await ingest(
      fx.appleReply({
        subject: 'Re: Office move',
        messageId: '<om3@example.fi>',
        references: ['<om1@example.fi>', '<om2@example.fi>']
      })
    );
    expect(apple).toMatchObject({ action: 'appended', ticketId: first.ticketId });
    const thread = ticket(relay, first.ticketId)?.thread ?? [];
    expect(thread[1]?.authorName).toBe('Pekka Virtanen');
    expect(thread[2]?.body).toBe('Thanks, that fixed it!');
    expect(thread[2]?.mail?.quoted).toContain('Please try the new client.');
    const customers =
      relay.baton.docs.read(indexDocName(WORKSPACE), (doc) =>
        [...readIndex(doc).customers.values()].map((c) => c.email)
      ) ?? [];
    expect(customers).toContain('pekka@example.fi');
  });

  it('reopens solved tickets, closed ones within the window, and links a new ticket after it', async () => {
    const { relay } = await mailBaton({}, null);
    const ingest = (raw: Buffer) => relay.baton.mail.ingestor.ingest(WORKSPACE, raw, live);
    const setTicketStatus = (id: string, status: 'solved' | 'closed', at: number) =>
      relay.baton.docs.change(ticketDocName(id), (doc) => setStatus(doc, status, SYSTEM_ACTOR, at));

    const solved = await ingest(fx.plain({ subject: 'Solved one', messageId: '<s1@example.fi>' }));
    if (solved.action !== 'created') throw new Error(solved.action);
    setTicketStatus(solved.ticketId, 'solved', Date.now());
    expect(
      await ingest(
        fx.plain({
          subject: 'Re: Solved one',
          messageId: '<s2@example.fi>',
          inReplyTo: '<s1@example.fi>'
        })
      )
    ).toMatchObject({ action: 'appended', reopened: true });
    expect(ticket(relay, solved.ticketId)?.fields.status).toBe('open');

    const recent = await ingest(
      fx.plain({ subject: 'Closed recently', messageId: '<c1@example.fi>' })
    );
    if (recent.action !== 'created') throw new Error(recent.action);
    setTicketStatus(recent.ticketId, 'closed', Date.now() - 2 * 86_400_000);
    expect(
      await ingest(
        fx.plain({
          subject: 'Re: Closed recently',
          messageId: '<c2@example.fi>',
          inReplyTo: '<c1@example.fi>'
        })
      )
    ).toMatchObject({ action: 'appended', ticketId: recent.ticketId, reopened: true });
    expect(ticket(relay, recent.ticketId)?.fields.status).toBe('open');

    const old = await ingest(
      fx.plain({ subject: 'Closed long ago', messageId: '<o1@example.fi>' })
    );
    if (old.action !== 'created') throw new Error(old.action);
    relay.baton.docs.change(ticketDocName(old.ticketId), (doc) =>
      setStatus(doc, 'closed', SYSTEM_ACTOR, Date.now())
    );
    relay.baton.docs.change(ticketDocName(old.ticketId), (doc) =>
      doc.getMap('ticket').set('solvedAt', Date.now() - 30 * 86_400_000)
    );
    const followUp = await ingest(
      fx.plain({
        subject: 'Re: Closed long ago',
        messageId: '<o2@example.fi>',
        inReplyTo: '<o1@example.fi>'
      })
    );
    expect(followUp.action).toBe('created');
    if (followUp.action !== 'created') return;
    expect(ticket(relay, followUp.ticketId)?.thread[0]?.mail?.followUpOf).toBe(old.ticketId);
    expect(ticket(relay, old.ticketId)?.fields.status).toBe('closed');
  });
});

describe('loops and noise', () => {
  it('makes no ticket and sends no mail for auto-replies, bulk mail and mailer-daemon', async () => {
    const user = userFor();
    const { relay } = await mailBaton({}, user);
    const before = summaries(relay).length;
    const sentBefore = smtp.received.length;
    for (const kind of ['auto-submitted', 'precedence', 'x-autoreply', 'mailer-daemon'] as const) {
      await imap.append(user, fx.autoReply(kind, { messageId: `<auto-${kind}@example.fi>` }));
    }
    await imap.append(
      user,
      fx.plain({ subject: 'A real one after the noise', messageId: '<real@example.fi>' })
    );
    await ticketBySubject(relay, 'A real one after the noise');
    expect(summaries(relay).length).toBe(before + 1);
    expect(smtp.received.length).toBe(sentBefore);
    for (const kind of ['auto-submitted', 'precedence', 'x-autoreply', 'mailer-daemon']) {
      expect(relay.baton.mail.store.message(WORKSPACE, `<auto-${kind}@example.fi>`)?.state).toBe(
        'ignored'
      );
    }
  });

  it('attaches a bounce to the ticket of the reply that bounced and marks the reply failed', async () => {
    const { relay } = await mailBaton({}, userFor());
    const out = await relay.baton.mail.ingestor.ingest(
      WORKSPACE,
      fx.plain({ subject: 'Will bounce', messageId: '<wb1@example.fi>' }),
      live
    );
    if (out.action !== 'created') throw new Error(out.action);
    const entryId = replyAsAgent(relay, out.ticketId, 'This reply will bounce.');
    await until(() => delivery(relay, out.ticketId, entryId)?.state === 'sent', 'sent');
    const messageId = delivery(relay, out.ticketId, entryId)?.messageId ?? '';
    const bounced = await relay.baton.mail.ingestor.ingest(
      WORKSPACE,
      fx.bounce({ originalMessageId: messageId }),
      live
    );
    expect(bounced).toMatchObject({ action: 'bounce', ticketId: out.ticketId });
    const state = delivery(relay, out.ticketId, entryId);
    expect(state?.state).toBe('failed');
    expect(state?.reason).toMatch(/User unknown/);
    const note = ticket(relay, out.ticketId)?.thread.at(-1);
    expect(note).toMatchObject({ kind: 'note', authorId: SYSTEM_ACTOR.id });
    expect(note?.mail?.bounce?.entryId).toBe(entryId);
    expect(ticket(relay, out.ticketId)?.fields.status).not.toBe('new');
  });
});

describe('content', () => {
  it('decodes ISO-8859-1, ISO-8859-15, Windows-1252, UTF-8 and encoded headers', async () => {
    const { relay } = await mailBaton({}, null);
    const cases = [
      ['iso-8859-1', 'Hyvää päivää! Åse, Søren ja Æbleskiver.'],
      ['iso-8859-15', 'Hinta on 10 € ja Šárka kiittää.'],
      ['windows-1252', '“Päivää” — maksu 5 € – kiitos.'],
      ['utf-8', 'Hei! Tämä on ÄÖÅ æøå ÆØÅ.']
    ] as const;
    for (const [charset, text] of cases) {
      const out = await relay.baton.mail.ingestor.ingest(
        WORKSPACE,
        fx.eightBit({
          charset,
          text,
          subject: `Charset ${charset}`,
          messageId: `<cs-${charset}@example.fi>`
        }),
        live
      );
      if (out.action !== 'created') throw new Error(out.action);
      expect(ticket(relay, out.ticketId)?.thread[0]?.body).toBe(text);
    }
    const encoded = await relay.baton.mail.ingestor.ingest(
      WORKSPACE,
      fx.encodedHeaders({ messageId: '<enc@example.dk>' }),
      live
    );
    if (encoded.action !== 'created') throw new Error(encoded.action);
    const t = ticket(relay, encoded.ticketId);
    expect(t?.fields.subject).toBe('Kræver hjælp med løn');
    expect(t?.thread[0]?.authorName).toBe('Jørgen Sørensen');
  });

  it('sanitises HTML, stores inline images as blobs and blocks remote images', async () => {
    const b = await mailBaton({}, null);
    const out = await b.relay.baton.mail.ingestor.ingest(
      WORKSPACE,
      fx.hostileHtml({ subject: 'Hostile', messageId: '<h1@example.fi>' }),
      live
    );
    if (out.action !== 'created') throw new Error(out.action);
    const mail = ticket(b.relay, out.ticketId)?.thread[0]?.mail;
    expect(mail?.remoteImages).toBe(true);
    const image = mail?.attachments.find((a) => a.inline);
    expect(image).toMatchObject({ name: 'screenshot.png', type: 'image/png', inline: true });
    const html = readFileSync(
      join(b.dataDir, 'blobs', (mail?.html ?? '').slice(0, 2), mail?.html ?? ''),
      'utf8'
    );
    for (const bad of [
      '<script',
      'onclick',
      'onerror',
      'javascript:',
      '<iframe',
      '<form',
      '<style',
      'tracker.example/bg'
    ]) {
      expect(html).not.toContain(bad);
    }
    expect(html).toContain('data-remote-src="https://tracker.example/pixel.gif"');
    expect(html).not.toMatch(/ src="https:/);
    expect(html).toContain(`src="/api/blobs/${image?.blob}"`);
    expect(b.relay.baton.mail.blobs.get(WORKSPACE, image?.blob ?? '')?.type).toBe('image/png');
    expect(b.relay.baton.mail.blobs.get('another-workspace', image?.blob ?? '')).toBeNull();
  });

  it('lists an attachment over the limit without storing it; keeps one under it', async () => {
    const b = await mailBaton({}, null);
    const big = await b.relay.baton.mail.ingestor.ingest(
      WORKSPACE,
      fx.withAttachment({ size: 200 * 1024, subject: 'Big log', messageId: '<big@example.fi>' }),
      live
    );
    const small = await b.relay.baton.mail.ingestor.ingest(
      WORKSPACE,
      fx.withAttachment({
        size: 1000,
        filename: 'small.log',
        subject: 'Small log',
        messageId: '<small@example.fi>'
      }),
      live
    );
    if (big.action !== 'created' || small.action !== 'created') throw new Error('not created');
    expect(ticket(b.relay, big.ticketId)?.thread[0]?.mail?.attachments[0]).toMatchObject({
      name: 'vpn.log',
      blob: null,
      skipped: 'too-large'
    });
    const kept = ticket(b.relay, small.ticketId)?.thread[0]?.mail?.attachments[0];
    expect(kept?.blob).toMatch(/^[a-f0-9]{64}$/);
    expect(readFileSync(b.relay.baton.mail.blobs.pathOf(kept?.blob ?? '')).length).toBe(1000);
  });

  it('copes with a missing Message-ID, broken MIME and a forward', async () => {
    const { relay } = await mailBaton({}, null);
    const ingest = (raw: Buffer) => relay.baton.mail.ingestor.ingest(WORKSPACE, raw, live);
    const noId = fx.plain({ subject: 'No id', messageId: null });
    const first = await ingest(noId);
    expect(first.action).toBe('created');
    expect(await ingest(noId)).toMatchObject({ action: 'duplicate' });
    const broken = await ingest(
      fx.brokenMime({ subject: 'Broken MIME', messageId: '<br@example.fi>' })
    );
    if (broken.action !== 'created') throw new Error(broken.action);
    expect(ticket(relay, broken.ticketId)?.thread[0]?.body).toBe('The text part survives.');
    const fwd = await ingest(fx.forward({ messageId: '<fw@example.fi>' }));
    if (fwd.action !== 'created') throw new Error(fwd.action);
    const t = ticket(relay, fwd.ticketId);
    expect(t?.fields.subject).toBe('Invoice 2024-117 is wrong');
    expect(t?.thread[0]?.body).toContain('The invoice total does not match the order.');
  });

  it('refuses garbage with a reason and stores nothing', async () => {
    const { relay } = await mailBaton({}, null);
    const before = summaries(relay).length;
    const garbage = [
      Buffer.alloc(0),
      Buffer.from('not a message at all'),
      Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10, 0]),
      Buffer.from(`Subject: ${'x'.repeat(100_000)}\r\n\r\nno sender`),
      Buffer.from('From: <>\r\nSubject: empty sender\r\n\r\nbody')
    ];
    // Nothing becomes a ticket; what is more than nothing is kept for an admin (#13 item 1).
    for (const [i, raw] of garbage.entries()) {
      const out = await relay.baton.mail.ingestor.ingest(WORKSPACE, raw, live);
      expect(out.action).toBe(i === 0 ? 'ignored' : 'held');
    }
    expect(summaries(relay).length).toBe(before);
    expect(relay.baton.mail.held.list(WORKSPACE)).toHaveLength(garbage.length - 1);
  });
});

describe('mailbox settings', () => {
  it('keeps secrets encrypted at rest and explains failed connections', async () => {
    const user = userFor();
    const b = await mailBaton({}, user);
    const db = new Database(databasePath(b.dataDir), { readonly: true });
    try {
      const row = db
        .prepare<[], { settings: string; imap_secret: string }>(
          'SELECT settings, imap_secret FROM mail_mailboxes'
        )
        .get();
      const password = imap.users.find((u) => u.user === user)?.password ?? '';
      expect(row?.imap_secret).toMatch(/^v1\./);
      expect(`${row?.settings}${row?.imap_secret}`).not.toContain(password);
      expect(
        new SecretBox(Buffer.alloc(32, 8), false).open(row?.imap_secret ?? '', `${WORKSPACE}/imap`)
      ).toBeNull();
      expect(
        new SecretBox(Buffer.alloc(32, 7), false).open(row?.imap_secret ?? '', `${WORKSPACE}/imap`)
      ).toBe(password);
      const migrations = db.prepare('SELECT name FROM baton_migrations_mail').pluck().all();
      expect(migrations).toEqual([
        '0001-mail',
        '0002-held',
        '0003-signatures',
        '0004-mailboxes',
        '0005-oauth'
      ]);
    } finally {
      db.close();
    }
    const settings = mailboxSettings(imap, smtp, user);
    // Dovecot and the SMTP receiver listen on 127.0.0.1: allowed here as the operator would.
    const lan = { allowPrivate: true };
    expect(await testImap({ settings, imapSecret: 'wrong' }, lan)).toEqual({
      ok: false,
      reason: 'auth-failed',
      message: expect.stringMatching(/refused the user name and password/)
    });
    expect(
      await testImap(
        { settings: { ...settings, imap: { ...settings.imap, port: 1 } }, imapSecret: 'x' },
        lan
      )
    ).toMatchObject({ ok: false, reason: 'connection-refused' });
    expect(
      await testImap(
        {
          settings: { ...settings, imap: { ...settings.imap, folder: 'Nope' } },
          imapSecret: imap.users.find((u) => u.user === user)?.password ?? ''
        },
        lan
      )
    ).toMatchObject({ ok: false, reason: 'folder-not-found' });
    expect(
      await testImap(
        { settings, imapSecret: imap.users.find((u) => u.user === user)?.password ?? '' },
        lan
      )
    ).toMatchObject({ ok: true });
    const password = imap.users.find((u) => u.user === user)?.password ?? '';
    const imapWith = (change: Partial<typeof settings.imap>) => ({
      settings: { ...settings, imap: { ...settings.imap, ...change } },
      imapSecret: password
    });
    expect(await testImap(imapWith({ security: 'tls' }), lan)).toMatchObject({
      ok: false,
      reason: 'tls-failed'
    });
    expect(await testImap(imapWith({ security: 'starttls' }), lan)).toMatchObject({
      ok: false,
      reason: 'tls-failed'
    });
    expect(await testImap(imapWith({ auth: 'oauth2' }), lan)).toMatchObject({
      ok: false,
      reason: 'auth-method-unsupported'
    });
    expect(await testSmtp({ settings, smtpSecret: 'x' }, lan)).toMatchObject({ ok: true });
    expect(
      await testSmtp(
        {
          settings: { ...settings, smtp: { ...settings.smtp, host: 'no-such-host.invalid' } },
          smtpSecret: 'x'
        },
        lan
      )
    ).toEqual({ ok: false, reason: 'host-not-found', message: expect.any(String) });
  });

  it('connects to no loopback or private address unless the operator allows it (no port scan)', async () => {
    const user = userFor();
    const settings = mailboxSettings(imap, smtp, user);
    const password = imap.users.find((u) => u.user === user)?.password ?? '';
    const strict = { allowPrivate: false };
    const refused = { ok: false, reason: 'host-not-allowed', message: expect.any(String) };
    // The real Dovecot (open port), a closed port and a name that resolves to loopback: the
    // same answer for each, so nothing about the server's network shows.
    expect(await testImap({ settings, imapSecret: password }, strict)).toEqual(refused);
    expect(
      await testImap(
        { settings: { ...settings, imap: { ...settings.imap, port: 1 } }, imapSecret: password },
        strict
      )
    ).toEqual(refused);
    expect(
      await testImap(
        {
          settings: { ...settings, imap: { ...settings.imap, host: 'localhost' } },
          imapSecret: password
        },
        strict
      )
    ).toEqual(refused);
    expect(await testSmtp({ settings, smtpSecret: 'x' }, strict)).toEqual(refused);

    // Through the endpoint's service, on a Baton without the operator setting: refused too,
    // and the live watcher never connects either.
    const dir = tempDir();
    const running = await startBaton(dir.path);
    try {
      const answer = await running.baton.mail
        .services()
        .testMailbox(WORKSPACE, { settings, imapSecret: password, smtpSecret: 'x' });
      expect(answer).toEqual({ status: 200, body: { imap: refused, smtp: refused } });
      await running.baton.mail.configure(WORKSPACE, { settings, imapSecret: password });
      await until(
        () => running.baton.mail.watcherStatus(WORKSPACE)?.state === 'failed',
        'the watcher refuses the loopback host'
      );
      expect(running.baton.mail.watcherStatus(WORKSPACE)?.message).toMatch(/private, loopback/);
    } finally {
      await running.stop();
      dir.remove();
    }
  });
});

describe('import', () => {
  it('imports an mbox threaded like live mail; closes answered threads, leaves waiting ones open', async () => {
    const b = await mailBaton({}, null);
    const dir = join(b.dataDir, 'import');
    mkdirSync(dir);
    const mbox = [
      fx.plain({
        subject: 'Old answered',
        messageId: '<imp1@example.fi>',
        date: 'Mon, 01 Jan 2024 10:00:00 +0000'
      }),
      fx.plain({
        from: `Support <${fx.SUPPORT}>`,
        to: fx.CUSTOMER,
        subject: 'Re: Old answered',
        messageId: '<imp2@baton.test>',
        inReplyTo: '<imp1@example.fi>',
        date: 'Mon, 01 Jan 2024 12:00:00 +0000',
        body: 'From our side: fixed.'
      }),
      fx.plain({
        subject: 'Old waiting',
        messageId: '<imp3@example.fi>',
        date: 'Tue, 02 Jan 2024 10:00:00 +0000'
      })
    ]
      .map((raw) =>
        Buffer.concat([
          Buffer.from('From MAILER-DAEMON Mon Jan  1 10:00:00 2024\n'),
          raw,
          Buffer.from('\n')
        ])
      )
      .reduce((a, c) => Buffer.concat([a, c]));
    writeFileSync(join(dir, 'export.mbox'), mbox);
    writeFileSync(
      join(dir, 'single.eml'),
      fx.eightBit({
        charset: 'iso-8859-1',
        text: 'Hyvää päivää',
        subject: 'From an eml',
        messageId: '<eml1@example.fi>'
      })
    );
    expect(splitMbox(mbox)).toHaveLength(3);
    const messages = readMessages([dir]);
    expect(messages).toHaveLength(4);
    b.relay.baton.mail.startImport(WORKSPACE, messages, [fx.SUPPORT]);
    await until(
      () => summaries(b.relay).some((t) => t.subject === 'From an eml'),
      'the import ran'
    );
    const answered = await ticketBySubject(b.relay, 'Old answered');
    const waiting = await ticketBySubject(b.relay, 'Old waiting');
    await until(
      () => ticket(b.relay, answered.id)?.fields.status === 'closed',
      'the answered thread is closed'
    );
    const t = ticket(b.relay, answered.id);
    expect(t?.thread.map((e) => e.kind)).toEqual(['inbound', 'reply']);
    expect(delivery(b.relay, answered.id, t?.thread[1]?.id ?? '')?.state).toBe('sent');
    expect(ticket(b.relay, waiting.id)?.fields.status).toBe('new');
    // Imported history is never mailed out.
    await b.relay.baton.mail.outbound.idle();
    expect(smtp.received.some((m) => m.raw.includes('From our side: fixed.'))).toBe(false);
  });
});

describe('import from the command line', () => {
  // Two runs of the command-line importer, each a fresh `node --import tsx`: slow on a loaded
  // machine, hence the long timeout (nothing here measures speed).
  it('imports a folder into the data folder, and a second run changes nothing', async () => {
    const dir = tempDir();
    try {
      const input = join(dir.path, 'in');
      mkdirSync(input);
      writeFileSync(
        join(input, 'a.eml'),
        fx.plain({ subject: 'From the CLI', messageId: '<cli-a@example.fi>' })
      );
      writeFileSync(join(input, 'junk.eml'), Buffer.from('garbage'));
      const run = () =>
        spawnSync(
          process.execPath,
          ['--import', 'tsx', 'server/mail/import-cli.ts', '--workspace', WORKSPACE, input],
          {
            env: { ...process.env, BATON_DATA_DIR: join(dir.path, 'data') },
            encoding: 'utf8'
          }
        );
      const first = run();
      expect(first.status, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({
        total: 2,
        created: 1,
        ignored: 1
      });
      const second = run();
      expect(JSON.parse(second.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({
        created: 0,
        duplicates: 1
      });
    } finally {
      dir.remove();
    }
  }, 90_000);
});
