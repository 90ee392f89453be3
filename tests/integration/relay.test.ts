import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { PresenceState } from '../../src/lib/contract/presence.ts';
import { addThreadEntry, readTicket, readTicketFields } from '../../src/lib/domain/ticket.ts';
import {
  cleanupAfterEach,
  AINO,
  MADS,
  connect,
  newTicket,
  startBaton,
  storedRows,
  synced,
  tempDir,
  ticketId,
  until,
  type RunningBaton
} from './helpers.ts';

describe('relay with the stock y-websocket client', () => {
  const cleanups = cleanupAfterEach();

  function track(provider: WebsocketProvider): WebsocketProvider {
    cleanups.push(() => provider.destroy());
    return provider;
  }

  async function start(dir: string, overrides = {}): Promise<RunningBaton> {
    const running = await startBaton(dir, overrides);
    cleanups.push(() => running.stop());
    return running;
  }

  it('two clients converge on a ticket, and the server numbers it', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await start(dir.path);
    const id = ticketId('converge');
    const name = ticketDocName(id);
    const a = new Y.Doc();
    const b = new Y.Doc();
    const pa = track(connect(relay.syncUrl, name, a, AINO.id));
    const pb = track(connect(relay.syncUrl, name, b, MADS.id));
    await synced(pa, 'client A');
    await synced(pb, 'client B');

    newTicket(a, { id, subject: 'VPN drops every hour' });
    await until(() => readTicketFields(b)?.subject === 'VPN drops every hour', 'B sees the ticket');
    addThreadEntry(b, 'note', 'Asked for the VPN client logs.', MADS, Date.now());
    await until(() => readTicket(a)?.thread.length === 1, 'A sees the note from B');
    await until(() => typeof readTicketFields(a)?.number === 'number', 'A sees the server number');
    await until(
      () => readTicketFields(b)?.number === readTicketFields(a)?.number,
      'B has the same number'
    );

    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
    expect(readTicket(a)).toEqual(readTicket(b));
    expect(readTicketFields(a)?.number).toBe(41); // the demo workspace holds #1–#40
  });

  it('propagates awareness and removes it when a client leaves', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await start(dir.path);
    const name = ticketDocName(ticketId('aware'));
    const a = new Y.Doc();
    const b = new Y.Doc();
    const pa = connect(relay.syncUrl, name, a, AINO.id);
    const pb = track(connect(relay.syncUrl, name, b, MADS.id));
    await synced(pa, 'client A');
    await synced(pb, 'client B');
    pa.awareness.setLocalStateField('user', { id: AINO.id, name: 'Aino', color: '#2563eb' });
    pa.awareness.setLocalStateField('typing', true);
    await until(
      () => PresenceState.safeParse(pb.awareness.getStates().get(a.clientID)).data?.typing === true,
      "B sees A's presence"
    );
    expect(pb.awareness.getStates().get(a.clientID)).toEqual({
      user: { id: AINO.id, name: 'Aino', color: '#2563eb' },
      typing: true
    });
    pa.destroy();
    await until(() => !pb.awareness.getStates().has(a.clientID), "A's presence is removed at B");
  });

  it('keeps everything across a restart, and compaction keeps the content', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const id = ticketId('restart');
    const name = ticketDocName(id);
    const first = await startBaton(dir.path);
    const a = new Y.Doc();
    const pa = connect(first.syncUrl, name, a);
    await synced(pa, 'client A');
    newTicket(a, { id, subject: 'Restart me' });
    for (let i = 0; i < 5; i++) addThreadEntry(a, 'reply', `Reply ${i}`, AINO, Date.now());
    await until(() => storedRows(dir.path, name).log.length >= 6, 'six updates are in the log');
    await until(() => readTicketFields(a)?.number !== null, 'the ticket is numbered');
    // No mailbox and no requester: the server marks each reply as not sent (#13.10).
    await until(
      () => Object.keys(readTicket(a)?.delivery ?? {}).length === 5,
      'the five replies have their delivery state'
    );
    pa.destroy();
    const before = readTicket(a);
    await first.stop();

    const second = await start(dir.path);
    const b = new Y.Doc();
    const pb = track(connect(second.syncUrl, name, b));
    await synced(pb, 'client B after restart');
    await until(() => readTicket(b)?.thread.length === 5, 'B sees all five replies after restart');
    expect(readTicket(b)).toEqual(before);

    second.baton.docs.compactAll();
    const rows = storedRows(dir.path, name);
    expect(rows.log).toHaveLength(0);
    expect(rows.snapshot).not.toBeNull();
    pb.destroy();
    await second.stop();

    const third = await start(dir.path);
    const c = new Y.Doc();
    const pc = track(connect(third.syncUrl, name, c));
    await synced(pc, 'client C after compaction');
    await until(
      () => readTicket(c)?.thread.length === 5,
      'C sees all five replies after compaction'
    );
    expect(readTicket(c)).toEqual(before);
  });

  it('compacts a long log in the background', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await start(dir.path, { compactThreshold: 10 });
    const id = ticketId('compact');
    const name = ticketDocName(id);
    const a = new Y.Doc();
    const pa = track(connect(relay.syncUrl, name, a));
    await synced(pa, 'client A');
    newTicket(a, { id });
    for (let i = 0; i < 30; i++) addThreadEntry(a, 'note', `Note ${i}`, AINO, Date.now());
    await until(() => storedRows(dir.path, name).snapshot !== null, 'a snapshot is written');
    await until(() => storedRows(dir.path, name).log.length <= 10, 'the log is compacted');
    // What is on disk alone (snapshot + remaining log) holds the whole thread.
    const fromDisk = () => {
      const reloaded = new Y.Doc();
      const { log, snapshot } = storedRows(dir.path, name);
      for (const row of [snapshot, ...log]) if (row) Y.applyUpdate(reloaded, row);
      return readTicket(reloaded)?.thread.map((e) => e.body) ?? [];
    };
    await until(() => fromDisk().length === 30, 'all 30 notes are on disk');
    expect(fromDisk()).toEqual(readTicket(a)?.thread.map((e) => e.body));
  });

  it('unloads idle documents after their last connection', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await start(dir.path, { unloadGraceMs: 50 });
    const id = ticketId('idle');
    const name = ticketDocName(id);
    const a = new Y.Doc();
    const pa = connect(relay.syncUrl, name, a);
    await synced(pa, 'client A');
    newTicket(a, { id });
    await until(() => readTicketFields(a)?.number !== null, 'the ticket is numbered');
    expect(relay.baton.docs.isLoaded(name)).toBe(true);
    expect(relay.baton.stats().connections).toBe(1);
    pa.destroy();
    await until(() => !relay.baton.docs.isLoaded(name), 'the ticket document is unloaded');
    await until(() => relay.baton.stats().loadedDocs === 0, 'no document stays loaded');
    expect(relay.baton.stats().connections).toBe(0);
    // Unloading compacted it: one snapshot, no log.
    expect(storedRows(dir.path, name).log).toHaveLength(0);
  });
});
