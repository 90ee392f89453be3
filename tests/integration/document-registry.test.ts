/**
 * The document registry decides which workspace a ticket belongs to, without its document:
 * every stored ticket is registered (client-created ones by the write guard before they are
 * stored, the demo seed before it stores, mail-created ones by the projection worker, and at
 * start whatever an older Baton left unregistered), so the batch sync refuses or answers made-up
 * ticket ids without loading a single document.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { createTicket, readTicketFields } from '../../src/lib/domain/ticket.ts';
import { databasePath } from '../../server/storage.ts';
import { person, team, type Person, type Team } from './auth-helpers.ts';
import { startBaton, tempDir, until, type RunningBaton } from './helpers.ts';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Ticket document names stored in SQLite that the registry does not know. */
function unregisteredStored(dataDir: string): string[] {
  const db = new Database(databasePath(dataDir), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], { name: string }>(
        `SELECT DISTINCT name FROM (SELECT name FROM doc_updates UNION SELECT name FROM doc_snapshots)
         WHERE name LIKE 't/%' AND name NOT IN (SELECT name FROM documents)`
      )
      .all()
      .map((row) => row.name);
  } finally {
    db.close();
  }
}

describe('batch sync decides access from the registry before loading anything', () => {
  let dir: ReturnType<typeof tempDir>;
  let relay: RunningBaton;
  let t: Team;
  let homeless: Person;
  let loads = 0;
  let made = 0;

  beforeAll(async () => {
    dir = tempDir();
    relay = await startBaton(dir.path);
    t = team(relay.baton);
    homeless = person(relay.baton, null, 'homeless');
    relay.baton.docs.onLoad(() => loads++);
  });

  afterAll(async () => {
    await relay.stop();
    dir.remove();
  });

  async function batchOf(who: Person, names: string[]) {
    const request = new Request('http://127.0.0.1/api/sync', {
      method: 'POST',
      headers: { cookie: who.cookie }
    });
    const identity = await relay.baton.services.identify(request, '127.0.0.1');
    if (!identity) throw new Error('not signed in');
    const { renewedSession: _renewed, ...plain } = identity;
    const result = await relay.baton.services.batchSync(plain, {
      v: 1,
      docs: names.map((name) => ({ name, stateVector: '' }))
    });
    const body = result.body as { docs: { ok: boolean; reason?: string; update?: string }[] };
    return body.docs;
  }

  /** Tickets of the team's workspace, stored, registered and unloaded again. */
  async function storedTickets(count: number): Promise<string[]> {
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = `registered-${process.pid}-${(made += 1)}`;
      const doc = new Y.Doc();
      createTicket(
        doc,
        { id, workspaceId: t.workspaceId, subject: 'Stored', channel: 'web' },
        { id: t.owner.id, name: t.owner.name },
        Date.now()
      );
      const verdict = relay.baton.docs.applyFromClient(
        ticketDocName(id),
        Y.encodeStateAsUpdate(doc),
        { memberId: t.owner.id, workspaceId: '' }
      );
      expect(verdict).toMatchObject({ ok: true });
      names.push(ticketDocName(id));
    }
    await until(
      () => names.every((name) => !relay.baton.docs.isLoaded(name)),
      'the stored tickets are unloaded'
    );
    return names;
  }

  const randomNames = (n: number) =>
    Array.from({ length: n }, () => ticketDocName(`random-${crypto.randomUUID()}`));

  it('a member in no workspace: every id refused, no document loaded', async () => {
    const stored = await storedTickets(5);
    const names = [...randomNames(95), ...stored];
    loads = 0;
    const docs = await batchOf(homeless, names);
    expect(docs).toHaveLength(100);
    expect(docs.every((d) => !d.ok && d.reason === 'forbidden')).toBe(true);
    expect(loads).toBe(0);
    expect(relay.baton.stats().loadedDocs).toBeLessThanOrEqual(1);
  });

  it('a member of another workspace: made-up ids read as empty, others’ tickets refused, no load', async () => {
    const stored = await storedTickets(5);
    const random = randomNames(95);
    loads = 0;
    const docs = await batchOf(t.stranger, [...random, ...stored]);
    expect(loads).toBe(0);
    // Nothing is stored under a made-up id: the answer is the empty document.
    for (const d of docs.slice(0, 95)) {
      expect(d.ok).toBe(true);
      const local = new Y.Doc();
      Y.applyUpdate(local, Buffer.from(d.update ?? '', 'base64'));
      expect(local.share.size).toBe(0);
    }
    expect(docs.slice(95).every((d) => !d.ok && d.reason === 'forbidden')).toBe(true);
    // The team's own agent still reads its tickets (those are loaded: they are stored).
    const own = await batchOf(t.byRole.get('agent') ?? t.owner, stored);
    expect(own.every((d) => d.ok)).toBe(true);
    expect(loads).toBe(stored.length);
  });

  it('a creating update through the batch binds the ticket before it is stored', async () => {
    const id = `batch-created-${process.pid}`;
    const doc = new Y.Doc();
    createTicket(
      doc,
      { id, workspaceId: t.workspaceId, subject: 'Via batch', channel: 'web' },
      { id: t.owner.id, name: t.owner.name },
      Date.now()
    );
    const request = new Request('http://127.0.0.1/api/sync', {
      method: 'POST',
      headers: { cookie: t.owner.cookie }
    });
    const identity = await relay.baton.services.identify(request, '127.0.0.1');
    if (!identity) throw new Error('not signed in');
    const { renewedSession: _renewed, ...plain } = identity;
    await relay.baton.services.batchSync(plain, {
      v: 1,
      docs: [{ name: ticketDocName(id), stateVector: '', update: b64(Y.encodeStateAsUpdate(doc)) }]
    });
    // Synchronously, not on the projection worker's next turn.
    expect(relay.baton.storage.documentWorkspace(ticketDocName(id))).toBe(t.workspaceId);
  });
});

describe('every stored ticket is registered', () => {
  it('the demo seed, and a ticket an older Baton stored without registering it', async () => {
    const dir = tempDir();
    try {
      let relay = await startBaton(dir.path);
      expect(unregisteredStored(dir.path)).toEqual([]);
      // What an older Baton (or a crash between storing and registering) left behind.
      const id = `legacy-${process.pid}`;
      const doc = new Y.Doc();
      createTicket(
        doc,
        { id, workspaceId: 'demo-workspace', subject: 'Legacy', channel: 'web' },
        { id: 'member-aino', name: 'Aino Virtanen' },
        Date.now()
      );
      relay.baton.storage.append(ticketDocName(id), Y.encodeStateAsUpdate(doc));
      await relay.stop();
      expect(unregisteredStored(dir.path)).toEqual([ticketDocName(id)]);

      relay = await startBaton(dir.path);
      try {
        expect(unregisteredStored(dir.path)).toEqual([]);
        expect(relay.baton.storage.documentWorkspace(ticketDocName(id))).toBe('demo-workspace');
        expect(relay.baton.docs.read(ticketDocName(id), (d) => readTicketFields(d)?.subject)).toBe(
          'Legacy'
        );
      } finally {
        await relay.stop();
      }
    } finally {
      dir.remove();
    }
  });
});
