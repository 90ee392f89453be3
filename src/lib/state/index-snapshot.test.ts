import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTicket, readTicket } from '$lib/domain/ticket';
import { putCustomer, putSummary, readIndex, summarize } from '$lib/domain/workspace-index';
import { parseCachedSnapshot, serializeSnapshot } from './index-snapshot';

describe('index snapshot cache format', () => {
  it('round-trips what readIndex gives', () => {
    const index = new Y.Doc();
    const ticket = new Y.Doc();
    createTicket(
      ticket,
      { workspaceId: 'demo-workspace', subject: 'Printer on fire' },
      { id: 'member-aino', name: 'Aino' },
      1
    );
    const read = readTicket(ticket);
    if (!read) throw new Error('no ticket');
    putSummary(index, summarize(read));
    putCustomer(index, { id: 'customer-a', name: 'Ann', email: 'ann@example.com' });
    const snapshot = readIndex(index);
    const back = parseCachedSnapshot(serializeSnapshot(snapshot));
    expect(back?.tickets).toEqual(snapshot.tickets);
    expect(back?.customers.get('customer-a')).toEqual({
      id: 'customer-a',
      name: 'Ann',
      email: 'ann@example.com'
    });
    expect(back?.members.size).toBe(0);
  });

  it('shows nothing from a cache written before the index had tickets', () => {
    const empty = serializeSnapshot(readIndex(new Y.Doc()));
    expect(parseCachedSnapshot(empty)).toBeNull();
    expect(parseCachedSnapshot('{"tickets":')).toBeNull();
  });

  it('keeps the tickets in the board order, so a cold start sorts them in one pass', () => {
    const index = new Y.Doc();
    const priorities = ['low', 'urgent', 'normal', 'high', 'urgent'] as const;
    priorities.forEach((priority, i) => {
      const ticket = new Y.Doc();
      createTicket(
        ticket,
        { workspaceId: 'demo-workspace', subject: `Ticket ${i}`, priority },
        { id: 'member-aino', name: 'Aino' },
        i + 1
      );
      const read = readTicket(ticket);
      if (!read) throw new Error('no ticket');
      putSummary(index, { ...summarize(read), createdAt: 1_000 - i });
    });
    const snapshot = readIndex(index);
    const liveOrder = snapshot.tickets.map((t) => t.id);
    const back = parseCachedSnapshot(serializeSnapshot(snapshot));
    expect(back?.tickets.map((t) => [t.priority, t.createdAt])).toEqual([
      ['urgent', 996],
      ['urgent', 999],
      ['high', 997],
      ['normal', 998],
      ['low', 1_000]
    ]);
    // The live snapshot the pages show is not reordered.
    expect(snapshot.tickets.map((t) => t.id)).toEqual(liveOrder);
  });

  it('reads nothing from a missing or damaged cache', () => {
    expect(parseCachedSnapshot(null)).toBeNull();
    expect(parseCachedSnapshot('{')).toBeNull();
    expect(parseCachedSnapshot('null')).toBeNull();
    expect(
      parseCachedSnapshot(JSON.stringify({ tickets: {}, customers: [], members: [] }))
    ).toBeNull();
  });
});
