/**
 * What the server keeps out of the workspace index: summaries of tickets that do not exist
 * (phantoms), and members' email addresses.
 *
 * Phantoms: a summary whose ticket is registered in another workspace goes at once; one whose
 * ticket is unknown goes after a grace period (short here), so that a ticket created offline,
 * whose summary may reach the server before the ticket does, keeps its summary — and gets it
 * back if the ticket arrives only after the grace period.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { setSubject } from '../../src/lib/domain/ticket.ts';
import {
  indexParts,
  putMember,
  putSummary,
  readIndex,
  summarizeDoc
} from '../../src/lib/domain/workspace-index.ts';
import type { TicketSummary } from '../../src/lib/domain/schema.ts';
import { SqliteStorage } from '../../server/storage.ts';
import {
  AINO,
  WORKSPACE,
  cleanupAfterEach,
  newTicket,
  startBaton,
  tempDir,
  ticketId,
  until,
  type RunningBaton
} from './helpers.ts';

const GRACE_MS = 400;

/** Appends to the stored index with no check, as an older Baton could have stored it. */
async function appendStored(dataDir: string, update: Uint8Array): Promise<void> {
  const storage = await SqliteStorage.open(dataDir);
  try {
    storage.append(INDEX, update);
  } finally {
    storage.close();
  }
}
const INDEX = indexDocName(WORKSPACE);
const WRITER = { memberId: AINO.id, workspaceId: '' };

describe('the index holds no phantom summaries', () => {
  const cleanups = cleanupAfterEach();
  async function start(dir = tempDir()): Promise<RunningBaton> {
    cleanups.push(dir.remove);
    const relay = await startBaton(dir.path, {}, { phantomGraceMs: GRACE_MS });
    cleanups.push(() => relay.stop());
    return relay;
  }

  /** A ticket made offline: its document and the summary the client wrote for it. */
  function offlineTicket(label: string): { id: string; ticket: Y.Doc; summary: TicketSummary } {
    const id = ticketId(label);
    const ticket = new Y.Doc();
    newTicket(ticket, { id, subject: `Offline ${label}` });
    const summary = summarizeDoc(ticket);
    if (!summary) throw new Error('no summary');
    return { id, ticket, summary };
  }

  function writeSummary(relay: RunningBaton, summary: TicketSummary): void {
    const local = new Y.Doc();
    putSummary(local, summary);
    const verdict = relay.baton.docs.applyFromClient(INDEX, Y.encodeStateAsUpdate(local), WRITER);
    expect(verdict).toMatchObject({ ok: true });
  }

  function writeTicket(relay: RunningBaton, id: string, ticket: Y.Doc): void {
    const verdict = relay.baton.docs.applyFromClient(
      ticketDocName(id),
      Y.encodeStateAsUpdate(ticket),
      WRITER
    );
    expect(verdict).toMatchObject({ ok: true });
  }

  const listed = (relay: RunningBaton, id: string) =>
    relay.baton.docs.read(INDEX, (doc) => indexParts(doc).tickets.has(id)) === true;

  it('removes a summary whose ticket never arrives, after the grace period', async () => {
    const relay = await start();
    const phantom = offlineTicket('phantom');
    writeSummary(relay, phantom.summary);
    expect(listed(relay, phantom.id)).toBe(true);
    await until(() => !listed(relay, phantom.id), 'the phantom summary is removed');
  });

  it('removes at once a summary of a ticket that belongs to another workspace', async () => {
    const relay = await start();
    const foreign = offlineTicket('foreign');
    relay.baton.storage.registerDocument(ticketDocName(foreign.id), 'another-workspace', 0);
    const held = relay.baton.docs.hold(INDEX);
    cleanups.push(() => (held.ok ? held.release() : undefined));
    writeSummary(relay, foreign.summary);
    // Long before the grace period would be over.
    const written = Date.now();
    await until(() => !listed(relay, foreign.id), 'the foreign summary is removed');
    expect(Date.now() - written).toBeLessThan(GRACE_MS);
  });

  it('keeps the summary of a ticket made offline, whichever document arrives first', async () => {
    const relay = await start();
    const held = relay.baton.docs.hold(INDEX);
    cleanups.push(() => (held.ok ? held.release() : undefined));
    const summaryFirst = offlineTicket('summary-first');
    const ticketFirst = offlineTicket('ticket-first');
    const control = offlineTicket('control');
    writeSummary(relay, control.summary);
    writeSummary(relay, summaryFirst.summary);
    writeTicket(relay, ticketFirst.id, ticketFirst.ticket);
    writeTicket(relay, summaryFirst.id, summaryFirst.ticket);
    writeSummary(relay, ticketFirst.summary);
    // The control phantom, written at the same time, shows that the grace period is over.
    await until(() => !listed(relay, control.id), 'the control phantom is removed');
    expect(listed(relay, summaryFirst.id)).toBe(true);
    expect(listed(relay, ticketFirst.id)).toBe(true);
  });

  it('gives a summary back when its ticket arrives after the grace period', async () => {
    const relay = await start();
    const held = relay.baton.docs.hold(INDEX);
    cleanups.push(() => (held.ok ? held.release() : undefined));
    const late = offlineTicket('late');
    writeSummary(relay, late.summary);
    await until(() => !listed(relay, late.id), 'the summary without its ticket is removed');
    setSubject(late.ticket, 'Edited offline meanwhile', AINO, Date.now());
    writeTicket(relay, late.id, late.ticket);
    await until(
      () =>
        relay.baton.docs.read(
          INDEX,
          (doc) => readIndex(doc).tickets.find((t) => t.id === late.id)?.subject
        ) === 'Edited offline meanwhile',
      'the ticket’s projection writes its summary again'
    );
  });

  it('removes phantoms an index already held when it loads', async () => {
    const dir = tempDir();
    const first = await startBaton(dir.path, {}, { phantomGraceMs: GRACE_MS });
    const old = offlineTicket('stored-phantom');
    // Stored by an older Baton: straight into the log, with no check.
    await first.stop();
    const local = new Y.Doc();
    putSummary(local, old.summary);
    await appendStored(dir.path, Y.encodeStateAsUpdate(local));
    const relay = await start(dir);
    const held = relay.baton.docs.hold(INDEX);
    cleanups.push(() => (held.ok ? held.release() : undefined));
    expect(listed(relay, old.id)).toBe(true);
    await until(() => !listed(relay, old.id), 'the stored phantom is removed after loading');
    // The demo tickets, all registered, stay.
    expect(relay.baton.docs.read(INDEX, (doc) => readIndex(doc).tickets.length)).toBeGreaterThan(
      10
    );
  });
});

describe('the index holds no email addresses', () => {
  const cleanups = cleanupAfterEach();

  it('a client cannot write an email into a member profile', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startBaton(dir.path);
    cleanups.push(() => relay.stop());
    const local = new Y.Doc();
    const live = relay.baton.docs.read(INDEX, (doc) => Y.encodeStateAsUpdate(doc));
    if (live) Y.applyUpdate(local, live);
    const before = Y.encodeStateVector(local);
    const own = readIndex(local).members.get(AINO.id);
    if (!own) throw new Error('no profile for Aino');
    indexParts(local).members.set(AINO.id, { ...own, email: 'aino@example.test' } as typeof own);
    const verdict = relay.baton.docs.applyFromClient(
      INDEX,
      Y.encodeStateAsUpdate(local, before),
      WRITER
    );
    expect(verdict.ok).toBe(false);
    expect(
      relay.baton.docs.read(INDEX, (doc) =>
        JSON.stringify(indexParts(doc).members.get(AINO.id)).includes('@')
      )
    ).toBe(false);
  });

  it('emails an index already held are removed when it loads, and reach no client', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = await startBaton(dir.path);
    // An index written before profiles lost their email: straight into the log, no check.
    const local = new Y.Doc();
    const live = first.baton.docs.read(INDEX, (doc) => Y.encodeStateAsUpdate(doc));
    if (live) Y.applyUpdate(local, live);
    const before = Y.encodeStateVector(local);
    const profile = readIndex(local).members.get(AINO.id);
    if (!profile) throw new Error('no profile for Aino');
    indexParts(local).members.set(AINO.id, {
      ...profile,
      email: 'aino.private@example.test'
    } as typeof profile);
    putMember(local, { ...profile, id: 'member-plain', name: 'Plain Profile' });
    await first.stop();
    await appendStored(dir.path, Y.encodeStateAsUpdate(local, before));

    const relay = await startBaton(dir.path);
    cleanups.push(() => relay.stop());
    const state = relay.baton.docs.read(INDEX, (doc) => Y.encodeStateAsUpdate(doc));
    if (!state) throw new Error('the index does not load');
    expect(Buffer.from(state).includes('aino.private@example.test')).toBe(false);
    const client = new Y.Doc();
    Y.applyUpdate(client, state);
    const members = readIndex(client).members;
    expect(members.get(AINO.id)?.name).toBe(profile.name);
    expect(members.get('member-plain')?.name).toBe('Plain Profile');
    for (const value of indexParts(client).members.values()) {
      expect(Object.keys(value)).not.toContain('email');
    }
  });
});
