import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { addThreadEntry, readTicketFields } from '../../src/lib/domain/ticket.ts';
import { databasePath } from '../../server/storage.ts';
import {
  cleanupAfterEach,
  AINO,
  closedWithin,
  connect,
  devPrincipal,
  newTicket,
  rawClient,
  startBaton,
  storedRows,
  synced,
  tempDir,
  ticketId,
  until,
  type RunningBaton
} from './helpers.ts';

describe('a stored row that does not decode', () => {
  const cleanups = cleanupAfterEach();

  it('makes the document unavailable and is never overwritten or compacted', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const id = ticketId('corrupt');
    const name = ticketDocName(id);
    const first = await startBaton(dir.path);
    const doc = new Y.Doc();
    const provider = connect(first.syncUrl, name, doc);
    await synced(provider, 'client');
    newTicket(doc, { id });
    addThreadEntry(doc, 'note', 'Before the damage', AINO, Date.now());
    await until(() => readTicketFields(doc)?.number !== null, 'the ticket is numbered');
    provider.destroy();
    await first.stop();

    // Damage one log row in place, as a disk or a bad tool might.
    const db = new Database(databasePath(dir.path));
    const row = db
      .prepare<[string], { seq: number }>(
        'SELECT seq FROM doc_updates WHERE name = ? ORDER BY seq LIMIT 1'
      )
      .get(name);
    const snapshotRow = db
      .prepare<[string], { n: number }>('SELECT count(*) AS n FROM doc_snapshots WHERE name = ?')
      .get(name);
    if (snapshotRow && snapshotRow.n > 0) {
      db.prepare('UPDATE doc_snapshots SET data = ? WHERE name = ?').run(
        Buffer.from([0xde, 0xad, 0xbe, 0xef, 0xff]),
        name
      );
    } else {
      db.prepare('UPDATE doc_updates SET data = ? WHERE seq = ?').run(
        Buffer.from([0xde, 0xad, 0xbe, 0xef, 0xff]),
        row?.seq
      );
    }
    db.close();
    const damaged = storedRows(dir.path, name);

    const second: RunningBaton = await startBaton(dir.path, { compactEveryMs: 100 });
    cleanups.push(() => second.stop());
    const client = rawClient(second.port, name);
    expect(await closedWithin(client, 'the relay reports the document unavailable')).toEqual({
      code: 1011,
      reason: 'document-unavailable'
    });
    const result = await second.baton.services.batchSync(
      await devPrincipal(second.baton, AINO.id),
      { v: 1, docs: [{ name, stateVector: '' }] }
    );
    expect((result.body as { docs: { ok: boolean; reason?: string }[] }).docs[0]).toMatchObject({
      ok: false,
      reason: 'unavailable'
    });
    // A client that still has the ticket offline tries to write it back: refused, nothing stored.
    const fresh = new Y.Doc();
    newTicket(fresh, { id });
    const writer = connect(second.syncUrl, name, fresh);
    cleanups.push(() => writer.destroy());
    await until(
      () => second.baton.docs.unavailableReason(name) !== null,
      'the document is marked unavailable'
    );
    second.baton.docs.compactAll();
    await second.stop();
    expect(storedRows(dir.path, name)).toEqual(damaged);
    expect(second.baton.docs.stats().unavailableDocs).toBe(1);
  });
});
