/**
 * The archive against the real server: the worker moves closed tickets past the window out of
 * the index into its table, at most once and losing nothing across restarts; the ticket stays
 * openable over the relay and findable by server search; the index projection keeps it out
 * while it stays done — also when an offline client writes back the summary it still held — and
 * brings it back when it is reopened, by an agent or by the customer's mail (real Dovecot).
 *
 * The server runs on a clock the test moves (the worker's `now`); tickets are written by
 * clients at real time, so moving the server's clock 91 days on makes them due.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { SYSTEM_ACTOR, type TicketStatus } from '../../src/lib/domain/schema.ts';
import { readTicket, setStatus, setSubject } from '../../src/lib/domain/ticket.ts';
import { indexParts, putSummary, summarizeDoc } from '../../src/lib/domain/workspace-index.ts';
import { putSettingsRecord } from '../../src/lib/domain/settings.ts';
import type { TicketSummary } from '../../src/lib/domain/schema.ts';
import { startDovecot, type DovecotServer } from '../mail-servers/dovecot.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver.ts';
import * as fx from '../mail-servers/fixtures.ts';
import {
  AINO,
  WORKSPACE,
  cleanupAfterEach,
  connect,
  newTicket,
  startBaton,
  synced,
  tempDir,
  ticketId,
  until,
  type RunningBaton
} from './helpers.ts';
import { mailboxSettings } from './mail-helpers.ts';

const DAY = 24 * 3_600_000;
const INDEX = indexDocName(WORKSPACE);
const WRITER = { memberId: AINO.id, workspaceId: '' };

/** The server's clock, moved by the test. */
function testClock() {
  let now = Date.now();
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    }
  };
}

/** A ticket written by a client (the batch sync's path) in `status`, done at `at`. */
function clientTicket(
  relay: RunningBaton,
  label: string,
  status: TicketStatus,
  at = Date.now()
): { id: string; doc: Y.Doc } {
  const id = ticketId(label);
  const doc = new Y.Doc();
  newTicket(doc, { id, subject: `Archive ${label}` });
  if (status !== 'new') setStatus(doc, status, AINO, at);
  send(relay, ticketDocName(id), doc);
  return { id, doc };
}

/** Sends what `doc` holds that the server's copy lacks, as a client update. */
function send(relay: RunningBaton, name: string, doc: Y.Doc): void {
  const server = relay.baton.docs.read(name, (d) => Y.encodeStateVector(d));
  const update = Y.encodeStateAsUpdate(doc, server ?? undefined);
  expect(relay.baton.docs.applyFromClient(name, update, WRITER)).toMatchObject({ ok: true });
}

const listed = (relay: RunningBaton, id: string) =>
  relay.baton.docs.read(INDEX, (doc) => indexParts(doc).tickets.has(id)) === true;

describe('the archive worker', () => {
  const cleanups = cleanupAfterEach();
  async function start(dir = tempDir(), clock = testClock()) {
    cleanups.push(dir.remove);
    const relay = await startBaton(dir.path, {}, { clock });
    cleanups.push(() => relay.stop());
    return { relay, clock, dir };
  }

  it('moves closed and solved tickets past the window out of the index, and only those', async () => {
    const { relay, clock } = await start();
    const closed = clientTicket(relay, 'closed', 'closed');
    const solved = clientTicket(relay, 'solved', 'solved');
    const open = clientTicket(relay, 'open', 'open');
    const pending = clientTicket(relay, 'pending', 'pending');
    for (const t of [closed, solved, open, pending])
      await until(() => listed(relay, t.id), `${t.id} in the index`);
    clock.advance(91 * DAY);
    const recent = clientTicket(relay, 'recent', 'closed', clock.now() - 10 * DAY);
    await until(() => listed(relay, recent.id), 'the recent one in the index');

    const archived = relay.baton.archive.worker.sweep(WORKSPACE);
    expect(archived).toBeGreaterThanOrEqual(2);
    for (const t of [closed, solved]) {
      expect(listed(relay, t.id), `${t.id} left the index`).toBe(false);
      expect(relay.baton.archive.store.get(t.id)).toMatchObject({
        ticketId: t.id,
        workspaceId: WORKSPACE,
        subject: readTicket(t.doc)?.fields.subject,
        closedAt: readTicket(t.doc)?.fields.solvedAt
      });
      // The document itself is untouched.
      expect(
        relay.baton.docs.read(ticketDocName(t.id), (doc) => readTicket(doc)?.fields.status)
      ).toBe(readTicket(t.doc)?.fields.status);
    }
    for (const t of [open, pending, recent]) {
      expect(listed(relay, t.id), `${t.id} stays`).toBe(true);
      expect(relay.baton.archive.store.has(t.id)).toBe(false);
    }
    // Nothing open is ever archived (the demo's tickets included).
    const rows = relay.baton.archive.store.list(WORKSPACE, { limit: 500 }).tickets;
    expect(rows.every((r) => r.status === 'closed' || r.status === 'solved')).toBe(true);
    // A second sweep finds nothing more.
    expect(relay.baton.archive.worker.sweep(WORKSPACE)).toBe(0);
  });

  it('keeps an archived ticket openable over the relay and findable by server search', async () => {
    const { relay, clock } = await start();
    const closed = clientTicket(relay, 'findable', 'closed');
    await until(() => listed(relay, closed.id), 'in the index');
    clock.advance(91 * DAY);
    relay.baton.archive.worker.sweep(WORKSPACE);
    expect(listed(relay, closed.id)).toBe(false);

    const local = new Y.Doc();
    const provider = connect(relay.syncUrl, ticketDocName(closed.id), local);
    cleanups.push(() => provider.destroy());
    await synced(provider, 'the archived ticket');
    expect(readTicket(local)?.fields.subject).toBe('Archive findable');

    const hits = await relay.baton.search.store.search(WORKSPACE, 'findable', 20);
    expect(hits.map((h) => h.id)).toContain(closed.id);
  });

  it('sweeps by itself when the window is changed in the settings', async () => {
    const swept: number[] = [];
    const dir = tempDir();
    cleanups.push(dir.remove);
    const clock = testClock();
    const relay = await startBaton(
      dir.path,
      {},
      { clock, archiveSwept: (_ws, archived) => void swept.push(archived) }
    );
    cleanups.push(() => relay.stop());
    const closed = clientTicket(relay, 'window', 'closed');
    await until(() => listed(relay, closed.id), 'in the index');
    clock.advance(10 * DAY);
    const settings = new Y.Doc();
    expect(
      putSettingsRecord(settings, 'archive', { id: 'archive', enabled: true, afterDays: 7 })
    ).toBeNull();
    send(relay, `ws/${WORKSPACE}/settings`, settings);
    await until(() => !listed(relay, closed.id), 'the ticket leaves the index');
    expect(relay.baton.archive.store.has(closed.id)).toBe(true);
  });

  it('keeps an archived ticket out when its document changes, and brings it back when reopened', async () => {
    const { relay, clock } = await start();
    const t = clientTicket(relay, 'edited', 'solved');
    await until(() => listed(relay, t.id), 'in the index');
    clock.advance(91 * DAY);
    relay.baton.archive.worker.sweep(WORKSPACE);
    expect(listed(relay, t.id)).toBe(false);

    setSubject(t.doc, 'Archive edited later', AINO, Date.now());
    send(relay, ticketDocName(t.id), t.doc);
    await until(
      () => relay.baton.archive.store.get(t.id)?.subject === 'Archive edited later',
      'the archive row follows the document'
    );
    expect(listed(relay, t.id)).toBe(false);

    setStatus(t.doc, 'open', AINO, Date.now());
    send(relay, ticketDocName(t.id), t.doc);
    await until(() => listed(relay, t.id), 'the reopened ticket is back in the index');
    expect(relay.baton.archive.store.has(t.id)).toBe(false);
    // Solved again: it stays in the index until the window has passed again.
    setStatus(t.doc, 'solved', AINO, clock.now());
    send(relay, ticketDocName(t.id), t.doc);
    await until(
      () =>
        relay.baton.docs.read(INDEX, (d) => indexParts(d).tickets.get(t.id)?.status) === 'solved',
      'solved again'
    );
    expect(relay.baton.archive.worker.sweep(WORKSPACE)).toBe(0);
    expect(listed(relay, t.id)).toBe(true);
  });

  it('does not let an offline client bring back the summary it still held', async () => {
    const { relay, clock } = await start();
    const edited = clientTicket(relay, 'stale-edited', 'closed');
    const untouched = clientTicket(relay, 'stale-untouched', 'closed');
    const open = clientTicket(relay, 'stale-open', 'open');
    const local = new Y.Doc();
    const provider = connect(relay.syncUrl, INDEX, local);
    cleanups.push(() => provider.destroy());
    await synced(provider, 'the index');
    const has = (id: string) => indexParts(local).tickets.has(id);
    await until(
      () => has(edited.id) && has(untouched.id) && has(open.id),
      'the client holds the summaries'
    );

    provider.disconnect();
    clock.advance(91 * DAY);
    relay.baton.archive.worker.sweep(WORKSPACE);
    expect(listed(relay, edited.id)).toBe(false);

    // Offline, the client edits the summaries it still holds, the way the board writes them.
    const stale = indexParts(local).tickets.get(edited.id) as TicketSummary;
    putSummary(local, { ...stale, priority: 'urgent', tags: ['offline'] });
    const openSummary = indexParts(local).tickets.get(open.id) as TicketSummary;
    putSummary(local, { ...openSummary, priority: 'high' });
    provider.connect();
    await synced(provider, 'the index again');

    await until(
      () => !has(edited.id) && !has(untouched.id),
      'the archived summaries are gone on the client too'
    );
    expect(listed(relay, edited.id)).toBe(false);
    expect(listed(relay, untouched.id)).toBe(false);
    expect(relay.baton.archive.store.has(edited.id)).toBe(true);
    // The open ticket's summary is corrected from its document, as always (not removed).
    await until(
      () =>
        relay.baton.docs.read(INDEX, (d) => indexParts(d).tickets.get(open.id)?.priority) ===
        summarizeDoc(open.doc)?.priority,
      'the open summary corrected from its document'
    );
    expect(listed(relay, open.id)).toBe(true);
  });

  it('archives at most once and loses nothing across a restart, also after a crash between its two steps', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const clock = testClock();
    const first = await startBaton(dir.path, {}, { clock });
    const done = clientTicket(first, 'before-restart', 'closed');
    const crashed = clientTicket(first, 'crashed-between', 'closed');
    await until(() => listed(first, done.id) && listed(first, crashed.id), 'both in the index');
    clock.advance(91 * DAY);
    first.baton.archive.worker.sweep(WORKSPACE);
    const before = first.baton.archive.store.get(done.id);
    expect(before).not.toBeNull();
    // The state a crash after the row was stored and before the index changed leaves behind:
    // the row taken out and written again by hand, the summary put back by the server.
    const row = first.baton.archive.store.get(crashed.id);
    if (!row) throw new Error('the crashed ticket was not archived');
    const summary = first.baton.docs.read(ticketDocName(crashed.id), (d) => summarizeDoc(d));
    if (!summary) throw new Error('no summary');
    first.baton.docs.change(INDEX, (doc) => void indexParts(doc).tickets.set(crashed.id, summary));
    expect(listed(first, crashed.id)).toBe(true);
    const rowsBefore = first.baton.archive.store.count(WORKSPACE);
    await first.stop();

    clock.advance(DAY);
    const swept: number[] = [];
    const second = await startBaton(
      dir.path,
      {},
      { clock, archiveSwept: (_ws, archived) => void swept.push(archived) }
    );
    cleanups.push(() => second.stop());
    // The index's load wakes the worker.
    const held = second.baton.docs.hold(INDEX);
    cleanups.push(() => (held.ok ? held.release() : undefined));
    await until(() => swept.length > 0 && !listed(second, crashed.id), 'the restart sweep');
    expect(second.baton.archive.store.count(WORKSPACE)).toBe(rowsBefore);
    expect(second.baton.archive.store.get(done.id)).toEqual(before);
    expect(second.baton.archive.store.get(crashed.id)).toEqual(row);
    expect(listed(second, done.id)).toBe(false);
    // Both documents are still there.
    for (const id of [done.id, crashed.id]) {
      expect(second.baton.docs.read(ticketDocName(id), (d) => readTicket(d)?.fields.id)).toBe(id);
    }
    expect(second.baton.archive.worker.sweep(WORKSPACE)).toBe(0);
  });
});

describe('reopened by the customer’s mail', () => {
  let imap: DovecotServer;
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    [imap, smtp] = await Promise.all([
      startDovecot([{ user: 'archive', password: 'archive-pass' }]),
      startSmtpReceiver()
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([imap?.stop(), smtp?.stop()]);
  });
  const cleanups = cleanupAfterEach();

  it('brings an archived solved ticket back into the index when the customer writes again', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const clock = testClock();
    const relay = await startBaton(
      dir.path,
      {
        mail: {
          secretKey: Buffer.alloc(32, 7),
          pollMs: 300,
          maxAttachmentBytes: 64 * 1024,
          retryBaseMs: 50,
          maxAttempts: 3,
          allowPrivateHosts: true
        }
      },
      { clock }
    );
    cleanups.push(() => relay.stop());
    await relay.baton.mail.configure(WORKSPACE, {
      settings: mailboxSettings(imap, smtp, 'archive'),
      imapSecret: 'archive-pass',
      smtpSecret: 'smtp-pass'
    });
    await imap.append(
      'archive',
      fx.plain({ subject: 'Archived VPN', messageId: '<arc1@example.fi>' })
    );
    let id = '';
    await until(
      () => {
        const found = relay.baton.docs.read(INDEX, (doc) =>
          [...indexParts(doc).tickets.values()].find((t) => t.subject === 'Archived VPN')
        );
        id = found?.id ?? '';
        return id !== '';
      },
      'the mailed ticket in the index',
      15_000
    );
    relay.baton.docs.change(ticketDocName(id), (doc) => {
      setStatus(doc, 'solved', SYSTEM_ACTOR, Date.now());
    });
    await until(
      () => relay.baton.docs.read(INDEX, (d) => indexParts(d).tickets.get(id)?.status) === 'solved',
      'the index says solved'
    );
    clock.advance(91 * DAY);
    relay.baton.archive.worker.sweep(WORKSPACE);
    expect(listed(relay, id)).toBe(false);
    expect(relay.baton.archive.store.get(id)?.requesterId).toBeTruthy();

    await imap.append(
      'archive',
      fx.plain({
        subject: 'Re: Archived VPN',
        messageId: '<arc2@example.fi>',
        inReplyTo: '<arc1@example.fi>',
        references: ['<arc1@example.fi>'],
        body: 'It is back again.'
      })
    );
    await until(() => listed(relay, id), 'the reopened ticket is back in the index', 15_000);
    expect(relay.baton.docs.read(INDEX, (d) => indexParts(d).tickets.get(id)?.status)).toBe('open');
    expect(relay.baton.archive.store.has(id)).toBe(false);
  });
});
