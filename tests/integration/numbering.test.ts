import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { readTicketFields, setStatus, ticketParts } from '../../src/lib/domain/ticket.ts';
import { indexParts, putSummary, summarizeDoc } from '../../src/lib/domain/workspace-index.ts';
import {
  cleanupAfterEach,
  AINO,
  MADS,
  WORKSPACE,
  closedWithin,
  connect,
  newTicket,
  rawClient,
  startBaton,
  storedRows,
  syncMessage,
  synced,
  tempDir,
  ticketId,
  until,
  type RunningBaton
} from './helpers.ts';

describe('ticket numbering and index projection', () => {
  const cleanups = cleanupAfterEach();
  async function start(): Promise<{ relay: RunningBaton; dir: string }> {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startBaton(dir.path);
    cleanups.push(() => relay.stop());
    return { relay, dir: dir.path };
  }
  const track = (p: WebsocketProvider) => {
    cleanups.push(() => p.destroy());
    return p;
  };

  it('numbers tickets created offline at the same time, and corrects their summaries', async () => {
    const { relay } = await start();
    // Two agents, offline, each create a ticket and write an optimistic summary to their index.
    const agents = [AINO, MADS].map((actor, i) => {
      const id = ticketId(`offline-${i}`);
      const ticket = new Y.Doc();
      newTicket(ticket, { id, subject: `Offline ticket ${i}` }, actor);
      const index = new Y.Doc();
      const summary = summarizeDoc(ticket);
      if (!summary) throw new Error('no summary');
      putSummary(index, { ...summary, subject: `Stale subject ${i}` });
      return { actor, id, ticket, index };
    });
    // Both come online at once.
    for (const agent of agents) {
      track(connect(relay.syncUrl, ticketDocName(agent.id), agent.ticket, agent.actor.id));
      track(connect(relay.syncUrl, indexDocName(WORKSPACE), agent.index, agent.actor.id));
    }
    for (const agent of agents) {
      await until(
        () => readTicketFields(agent.ticket)?.number !== null,
        `ticket ${agent.id} gets a number`
      );
    }
    const numbers = agents
      .map((a) => readTicketFields(a.ticket)?.number ?? 0)
      .sort((x, y) => x - y);
    expect(numbers).toEqual([41, 42]);

    for (const agent of agents) {
      for (const viewer of agents) {
        await until(() => {
          const summary = indexParts(viewer.index).tickets.get(agent.id);
          const fields = readTicketFields(agent.ticket);
          return summary?.number === fields?.number && summary?.subject === fields?.subject;
        }, `${viewer.actor.name}'s index shows the corrected summary of ${agent.id}`);
      }
    }
  });

  it('corrects a summary a client writes that disagrees with the ticket', async () => {
    const { relay } = await start();
    const id = ticketId('wrong');
    const ticket = new Y.Doc();
    const index = new Y.Doc();
    const pt = track(connect(relay.syncUrl, ticketDocName(id), ticket));
    const pi = track(connect(relay.syncUrl, indexDocName(WORKSPACE), index));
    await synced(pt, 'ticket');
    await synced(pi, 'index');
    newTicket(ticket, { id, subject: 'Real subject' });
    await until(() => indexParts(index).tickets.get(id)?.number === 41, 'index has ticket #41');
    setStatus(ticket, 'pending', AINO, Date.now());
    await until(
      () => indexParts(index).tickets.get(id)?.status === 'pending',
      'index follows the status'
    );

    const current = indexParts(index).tickets.get(id);
    if (!current) throw new Error('no summary');
    putSummary(index, { ...current, subject: 'Forged subject', status: 'solved' });
    await until(
      () => indexParts(index).tickets.get(id)?.subject === 'Real subject',
      'the forged summary is corrected'
    );
    expect(indexParts(index).tickets.get(id)?.status).toBe('pending');
  });

  it('refuses a client that sets the number itself', async () => {
    const { relay, dir } = await start();
    const id = ticketId('self-numbered');
    const name = ticketDocName(id);
    const ticket = new Y.Doc();
    const pt = track(connect(relay.syncUrl, name, ticket));
    await synced(pt, 'ticket');
    newTicket(ticket, { id });
    await until(() => readTicketFields(ticket)?.number === 41, 'the ticket is #41');
    const rows = storedRows(dir, name).log.length;

    const evil = new Y.Doc();
    Y.applyUpdate(evil, Y.encodeStateAsUpdate(ticket));
    const sv = Y.encodeStateVector(evil);
    ticketParts(evil).fields.set('number', 1);
    const client = rawClient(relay.port, name);
    await client.opened;
    client.send(syncMessage(2, Y.encodeStateAsUpdate(evil, sv)));
    const closed = await closedWithin(client, 'the relay refuses the self-set number');
    expect(closed.code).toBe(4422);
    expect(closed.reason).toMatch(/^server-owned: /);
    expect(storedRows(dir, name).log.length).toBe(rows);
    expect(readTicketFields(ticket)?.number).toBe(41);

    // A new ticket that arrives already numbered is refused as well.
    const other = new Y.Doc();
    const otherId = ticketId('pre-numbered');
    newTicket(other, { id: otherId });
    ticketParts(other).fields.set('number', 7);
    const second = rawClient(relay.port, ticketDocName(otherId));
    await second.opened;
    second.send(syncMessage(2, Y.encodeStateAsUpdate(other)));
    expect((await closedWithin(second, 'the relay refuses a pre-numbered ticket')).code).toBe(4422);
    expect(storedRows(dir, ticketDocName(otherId)).log).toHaveLength(0);
  });

  it('gives the same number again after a restart (idempotent allocation)', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = await startBaton(dir.path);
    const id = ticketId('same');
    expect(first.baton.storage.ticketNumber(id, WORKSPACE)).toBe(41);
    expect(first.baton.storage.ticketNumber(id, WORKSPACE)).toBe(41);
    await first.stop();
    // The number was allocated but the ticket never got it (as after a crash): it gets #41.
    const second = await startBaton(dir.path);
    cleanups.push(() => second.stop());
    const ticket = new Y.Doc();
    const pt = track(connect(second.syncUrl, ticketDocName(id), ticket));
    await synced(pt, 'ticket');
    newTicket(ticket, { id });
    await until(
      () => readTicketFields(ticket)?.number === 41,
      'the ticket gets the number allocated before'
    );
    expect(second.baton.storage.ticketNumber(ticketId('next'), WORKSPACE)).toBe(42);
  });
});
