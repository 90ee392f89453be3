/**
 * Replies that reach someone, against the real SMTP receiver (`smtp-server`) and Dovecot:
 * a reply that can go nowhere is marked failed with its reason (never silently unsent) and
 * goes out once it can; the mailbox flag members read follows the mailbox; attachments and
 * the member's signature arrive with the mail; a ticket opened in the app for a new customer
 * is answered by email and the customer's answer threads into it through the ingest path.
 * The endpoints are called as SvelteKit runs them, with garbage too.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { simpleParser } from 'mailparser';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { readSettings } from '../../src/lib/domain/settings.ts';
import { addThreadEntry, setRequester } from '../../src/lib/domain/ticket.ts';
import { mergeTickets } from '../../src/lib/domain/merge.ts';
import { putCustomer } from '../../src/lib/domain/workspace-index.ts';
import type { MailAttachment } from '../../src/lib/domain/schema.ts';
import { startDovecot, type DovecotServer } from '../mail-servers/dovecot.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver.ts';
import * as fx from '../mail-servers/fixtures.ts';
import { AINO, WORKSPACE, newTicket, ticketId, until, type RunningBaton } from './helpers.ts';
import {
  delivery,
  header,
  mailboxSettings,
  startMailBaton,
  ticket,
  type MailBaton
} from './mail-helpers.ts';

const USERS = [
  { user: 'replies0', password: 'pass-0' },
  { user: 'replies1', password: 'pass-1' }
];
let imap: DovecotServer;
let smtp: SmtpReceiver;

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
async function mailBaton(user: string | null) {
  const b = await startMailBaton(imap, smtp, user);
  running.push(b);
  return b.relay;
}

const live = { mode: 'live' as const, ownAddresses: [fx.SUPPORT], reopenDays: 14 };

/** A change made on a client copy and sent as a client update (the relay's and batch's path). */
function asClient(relay: RunningBaton, name: string, change: (doc: Y.Doc) => void): void {
  const client = new Y.Doc();
  const state = relay.baton.docs.read(name, (doc) => Y.encodeStateAsUpdate(doc));
  if (state) Y.applyUpdate(client, state);
  const before = Y.encodeStateVector(client);
  change(client);
  const verdict = relay.baton.docs.applyFromClient(name, Y.encodeStateAsUpdate(client, before), {
    memberId: AINO.id,
    workspaceId: WORKSPACE
  });
  if (!verdict.ok) throw new Error(`Refused: ${verdict.reason} ${verdict.detail}`);
}

/** A ticket made by an agent in the app, with a customer (by email) as its requester or none. */
function appTicket(relay: RunningBaton, customerEmail: string | null): string {
  const id = ticketId('reply');
  let customerId: string | null = null;
  if (customerEmail) {
    customerId = `customer-${id}`.slice(0, 64);
    asClient(relay, indexDocName(WORKSPACE), (doc) =>
      putCustomer(doc, { id: customerId ?? '', name: 'Pekka Puhelin', email: customerEmail })
    );
  }
  asClient(relay, ticketDocName(id), (doc) =>
    newTicket(doc, { id, subject: `Called in ${id}`, requesterId: customerId })
  );
  return id;
}

function reply(
  relay: RunningBaton,
  id: string,
  body: string,
  attachments?: MailAttachment[]
): string {
  let entryId = '';
  asClient(relay, ticketDocName(id), (doc) => {
    entryId = addThreadEntry(doc, 'reply', body, AINO, Date.now(), {
      ...(attachments ? { attachments } : {})
    }).id;
  });
  return entryId;
}

const received = (text: string) => smtp.received.filter((m) => m.raw.includes(text));
const services = (relay: RunningBaton) => relay.baton.mail.services();

describe('no reply is silently unsent', () => {
  it('marks a reply written without a mailbox as failed, and sends it once one is connected', async () => {
    const relay = await mailBaton(null);
    const id = appTicket(relay, 'waiting@example.fi');
    const entryId = reply(relay, id, 'Written before the mailbox.');
    await until(
      () => delivery(relay, id, entryId)?.reason === 'no-mailbox',
      'the reply marked as waiting for a mailbox'
    );
    expect(delivery(relay, id, entryId)?.state).toBe('failed');
    const flag = () =>
      relay.baton.docs.read(settingsDocName(WORKSPACE), (doc) => readSettings(doc).mailbox);
    expect(flag() ?? { connected: false }).toMatchObject({ connected: false });
    // A retry before a mailbox exists says why it still cannot go.
    const early = await services(relay).retryReply(WORKSPACE, id, entryId);
    expect(early.status).toBe(409);
    expect(JSON.stringify(early.body)).toContain('no-mailbox');

    await relay.baton.mail.configure(WORKSPACE, {
      settings: mailboxSettings(imap, smtp, 'replies0'),
      imapSecret: 'pass-0',
      smtpSecret: 'smtp-pass'
    });
    // Members learn it from the settings document (no secret in it).
    await until(() => flag()?.connected === true, 'the mailbox flag in the settings');
    expect(flag()).toEqual({ connected: true, address: fx.SUPPORT });
    await until(() => delivery(relay, id, entryId)?.state === 'sent', 'sent once connected');
    const mails = received('Written before the mailbox.');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual(['waiting@example.fi']);
  });

  it('marks a reply with nobody to send to as failed, and sends it after the requester is set and it is retried', async () => {
    const relay = await mailBaton('replies1');
    const id = appTicket(relay, null);
    const entryId = reply(relay, id, 'Nobody to send this to yet.');
    await until(
      () => delivery(relay, id, entryId)?.reason === 'no-recipient',
      'the reply marked as having no recipient'
    );
    const refused = await services(relay).retryReply(WORKSPACE, id, entryId);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain('no-recipient');
    expect(received('Nobody to send this to yet.')).toHaveLength(0);

    asClient(relay, indexDocName(WORKSPACE), (doc) =>
      putCustomer(doc, { id: `later-${id}`.slice(0, 64), name: 'Later', email: 'later@example.fi' })
    );
    asClient(relay, ticketDocName(id), (doc) =>
      setRequester(doc, `later-${id}`.slice(0, 64), AINO, Date.now())
    );
    const retried = await services(relay).retryReply(WORKSPACE, id, entryId);
    expect(retried).toEqual({ status: 200, body: { queued: true } });
    await until(() => delivery(relay, id, entryId)?.state === 'sent', 'sent after the retry');
    expect(received('Nobody to send this to yet.').map((m) => m.to)).toEqual([
      ['later@example.fi']
    ]);
    // Sent once: a second retry is refused, not sent twice.
    expect((await services(relay).retryReply(WORKSPACE, id, entryId)).status).toBe(409);
    // Another workspace's id, an unknown reply: not found.
    expect((await services(relay).retryReply('other-workspace', id, entryId)).status).toBe(404);
    expect((await services(relay).retryReply(WORKSPACE, id, 'entry-nope')).status).toBe(404);
  });
});

describe('attachments and the signature', () => {
  it('sends the uploaded files and the member’s signature with the reply', async () => {
    const relay = await mailBaton('replies0');
    const pdf = Buffer.from('%PDF-1.4\n% a tiny test file\n');
    const uploaded = await services(relay).putReplyAttachment(WORKSPACE, {
      name: 'C:\\fakepath\\invoice 42.pdf',
      type: 'application/pdf',
      data: new Uint8Array(pdf)
    });
    expect(uploaded.status).toBe(201);
    const attachment = (uploaded.body as { attachment: MailAttachment }).attachment;
    expect(attachment).toMatchObject({ name: 'invoice 42.pdf', type: 'application/pdf' });
    // The member's own signature, stored as plain text.
    const saved = await services(relay).putSignature(WORKSPACE, AINO.id, {
      signature: 'Aino Virtanen\nBaton Support\n\n\n'
    });
    expect(saved).toEqual({
      status: 200,
      body: { signature: 'Aino Virtanen\nBaton Support' }
    });

    const id = appTicket(relay, 'files@example.fi');
    const entryId = reply(relay, id, 'The invoice is attached.', [attachment]);
    await until(() => delivery(relay, id, entryId)?.state === 'sent', 'the reply is sent');
    const [mail] = received('The invoice is attached.');
    if (!mail) throw new Error('not received');
    const parsed = await simpleParser(mail.raw);
    expect(parsed.text).toContain('The invoice is attached.');
    expect(parsed.text).toContain('Aino Virtanen\nBaton Support');
    // The signature sits above Baton's footer ("-- " then the ticket).
    expect(parsed.text?.indexOf('Baton Support')).toBeLessThan(parsed.text?.indexOf('\n-- ') ?? 0);
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['invoice 42.pdf', 'application/pdf']
    ]);
    expect(parsed.attachments[0]?.content.equals(pdf)).toBe(true);
  });

  it('refuses garbage uploads and signatures with a clear reason, and never mails a file another workspace stored', async () => {
    const relay = await mailBaton('replies1');
    const put = (name: string, type: string, data: Uint8Array) =>
      services(relay).putReplyAttachment(WORKSPACE, { name, type, data });
    expect((await put('empty.txt', 'text/plain', new Uint8Array())).status).toBe(400);
    const huge = await put('huge.bin', 'application/octet-stream', new Uint8Array(8 * 1024 * 1024));
    expect(huge.status).toBe(413);
    const odd = await put('x', 'text/html"; <script>', new Uint8Array([1, 2, 3]));
    expect(odd.status).toBe(201);
    expect((odd.body as { attachment: MailAttachment }).attachment.type).toBe(
      'application/octet-stream'
    );
    for (const body of [
      null,
      42,
      'text',
      [],
      {},
      { signature: 42 },
      { signature: 'x'.repeat(2001) },
      { signature: 'ok', extra: 1 }
    ]) {
      const answer = await services(relay).putSignature(WORKSPACE, AINO.id, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(answer.body)).toContain('invalid-request');
    }
    expect(await services(relay).getSignature(WORKSPACE, AINO.id)).toEqual({
      status: 200,
      body: { signature: '' }
    });

    // A file stored for another workspace: the reply is not mailed with it, and says why.
    const elsewhere = relay.baton.mail.blobs.put('other-ws', Buffer.from('secret'), 'text/plain');
    const id = appTicket(relay, 'nosy@example.fi');
    const entryId = reply(relay, id, 'With a file that is not ours.', [
      { name: 'secret.txt', type: 'text/plain', size: 6, blob: elsewhere, inline: false }
    ]);
    await until(
      () => delivery(relay, id, entryId)?.reason === 'attachment-missing',
      'the reply failed for its attachment'
    );
    expect(received('With a file that is not ours.')).toHaveLength(0);
  });
});

describe('a ticket opened in the app for a new customer', () => {
  it('emails the agent’s first message, and the customer’s answer threads into the ticket', async () => {
    const relay = await mailBaton('replies0');
    const customer = 'walk-in@example.fi';
    const id = appTicket(relay, customer);
    const entryId = reply(relay, id, 'As promised on the phone: here are the steps.');
    await until(() => delivery(relay, id, entryId)?.state === 'sent', 'the first message is sent');
    const [mail] = received('As promised on the phone');
    if (!mail) throw new Error('not received');
    expect(mail.to).toEqual([customer]);
    const messageId = header(mail.raw, 'Message-ID');
    expect(messageId).toMatch(/^<baton\./);

    const answer = await relay.baton.mail.ingestor.ingest(
      WORKSPACE,
      fx.plain({
        from: `Pekka Puhelin <${customer}>`,
        subject: `Re: ${header(mail.raw, 'Subject') ?? ''}`,
        messageId: `<answer-${id}@example.fi>`,
        inReplyTo: messageId ?? '',
        references: [messageId ?? ''],
        body: 'Thanks, that worked.'
      }),
      live
    );
    expect(answer).toMatchObject({ action: 'appended', ticketId: id });
    const thread = ticket(relay, id)?.thread ?? [];
    expect(thread.map((e) => e.kind)).toEqual(['reply', 'inbound']);
    // The answer is the same customer's, not a new one.
    expect(thread[1]?.authorId).toBe(ticket(relay, id)?.fields.requesterId);
  });

  it('copies the requester of a merged ticket on the answer (their ticket lives on here)', async () => {
    const relay = await mailBaton('replies0');
    const first = appTicket(relay, 'first-asker@example.fi');
    const second = appTicket(relay, 'second-asker@example.fi');
    // The second customer's ticket is merged into the first's (as a browser does it).
    const copies = [first, second].map((id) => {
      const copy = new Y.Doc();
      relay.baton.docs.read(ticketDocName(id), (doc) =>
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
      );
      return { id, doc: copy, vector: Y.encodeStateVector(copy) };
    });
    const [target, source] = copies as [(typeof copies)[0], (typeof copies)[0]];
    mergeTickets(source.doc, target.doc, AINO, Date.now());
    for (const { id, doc, vector } of copies) {
      const verdict = relay.baton.docs.applyFromClient(
        ticketDocName(id),
        Y.encodeStateAsUpdate(doc, vector),
        { memberId: AINO.id, workspaceId: WORKSPACE }
      );
      if (!verdict.ok) throw new Error(`Refused: ${verdict.reason} ${verdict.detail}`);
    }
    const entryId = reply(relay, first, 'One answer for you both.');
    await until(() => delivery(relay, first, entryId)?.state === 'sent', 'the answer is sent');
    const [mail] = received('One answer for you both.');
    if (!mail) throw new Error('not received');
    expect(mail.to.sort()).toEqual(['first-asker@example.fi', 'second-asker@example.fi']);
    expect(header(mail.raw, 'To')).toBe('first-asker@example.fi');
    expect(header(mail.raw, 'Cc')).toBe('second-asker@example.fi');
  });

  it('lets a member take down a customer’s call as the first message, signed by the member', async () => {
    const relay = await mailBaton(null);
    const id = ticketId('call');
    asClient(relay, ticketDocName(id), (doc) =>
      newTicket(doc, {
        id,
        subject: 'Phone: printer offline',
        channel: 'phone',
        firstMessage: { kind: 'inbound', body: 'The printer says offline.', author: AINO }
      })
    );
    const stored = ticket(relay, id);
    expect(stored?.thread.map((e) => [e.kind, e.authorId])).toEqual([['inbound', AINO.id]]);
    expect(stored?.fields.channel).toBe('phone');
  });
});
