import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readTicket, ticketParts } from '$lib/domain/ticket';
import { ticketChangesSince } from '$lib/domain/shift-changes';
import { HOUR, T0, makeActor, makeSummary, makeTicketDoc } from '$lib/domain/testing/factories';
import { memoryStorage } from '$lib/sync/storage';
import { digestCandidates, handOverEdit, ShiftRecord } from './shift.svelte';

const aino = makeActor({ id: 'member-aino', name: 'Aino Virtanen' });
const maya = makeActor({ id: 'member-maya', name: 'Maya Thompson' });

describe('handOverEdit', () => {
  it('signs the note for the receiver and assigns the ticket to them, in one change', () => {
    const { doc } = makeTicketDoc({ assigneeId: aino.id }, aino, T0);
    ticketParts(doc).handover.insert(0, 'Call the customer at 09:30.');
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    handOverEdit(maya.id)(doc, aino, T0 + HOUR);
    expect(updates).toHaveLength(1);
    const ticket = readTicket(doc);
    expect(ticket?.fields.assigneeId).toBe(maya.id);
    expect(ticket?.handoverMeta).toEqual({
      updatedBy: aino.id,
      updatedAt: T0 + HOUR,
      toMemberId: maya.id
    });
    const changes = ticketChangesSince(doc, T0 + 1, maya.id);
    expect(changes?.relation).toBe('handed-to-me');
    expect(changes?.handover?.text).toBe('Call the customer at 09:30.');
  });

  it('back to the queue: nobody is assigned and the note is for whoever takes it', () => {
    const { doc } = makeTicketDoc({ assigneeId: aino.id }, aino, T0);
    handOverEdit(null)(doc, aino, T0 + HOUR);
    const ticket = readTicket(doc);
    expect(ticket?.fields.assigneeId).toBeNull();
    expect(ticket?.handoverMeta?.toMemberId).toBeNull();
    // The one who handed it back reads it as taken from them.
    expect(ticketChangesSince(doc, T0 + 1, aino.id)?.relation).toBe('taken-from-me');
  });

  it('merges with an edit made meanwhile on another replica', () => {
    const { doc } = makeTicketDoc({ assigneeId: aino.id }, aino, T0);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    handOverEdit(maya.id)(doc, aino, T0 + HOUR);
    ticketParts(other).handover.insert(0, 'Written elsewhere. ');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(readTicket(other)?.fields.assigneeId).toBe(maya.id);
    expect(ticketParts(doc).handover.toString()).toBe(ticketParts(other).handover.toString());
  });
});

describe('ShiftRecord', () => {
  it('remembers the marks per member and workspace, and reads "since" from them', () => {
    const storage = memoryStorage();
    const record = new ShiftRecord({ memberId: aino.id, workspaceId: 'ws-1', storage });
    expect(record.since(undefined, T0 + 48 * HOUR)).toBe(T0 + 24 * HOUR);
    record.recordEnd(T0 + HOUR);
    record.recordSeen(T0 + 2 * HOUR);
    const again = new ShiftRecord({ memberId: aino.id, workspaceId: 'ws-1', storage });
    expect(again.marks).toEqual({ endedAt: T0 + HOUR, seenAt: T0 + 2 * HOUR });
    expect(again.since(undefined, T0 + 10 * HOUR)).toBe(T0 + 2 * HOUR);
    const someoneElse = new ShiftRecord({ memberId: maya.id, workspaceId: 'ws-1', storage });
    expect(someoneElse.marks).toEqual({ endedAt: null, seenAt: null });
    const otherWorkspace = new ShiftRecord({ memberId: aino.id, workspaceId: 'ws-2', storage });
    expect(otherWorkspace.marks.endedAt).toBeNull();
  });

  it('ignores a stored value that is not a time', () => {
    const storage = memoryStorage();
    storage.setItem('baton@member-aino:shift:ws-1', '{"endedAt":"yesterday","seenAt":-5}');
    const record = new ShiftRecord({ memberId: aino.id, workspaceId: 'ws-1', storage });
    expect(record.marks).toEqual({ endedAt: null, seenAt: null });
    storage.setItem('baton@member-aino:shift:ws-1', 'not json');
    expect(
      new ShiftRecord({ memberId: aino.id, workspaceId: 'ws-1', storage }).marks.endedAt
    ).toBeNull();
  });
});

describe('digestCandidates', () => {
  it('reads my tickets and those with a handover signed since, newest first', () => {
    const mine = makeSummary({ assigneeId: aino.id, updatedAt: T0 - HOUR });
    const handedAway = makeSummary({
      assigneeId: maya.id,
      hasHandover: true,
      updatedAt: T0 + HOUR
    });
    const oldHandover = makeSummary({
      assigneeId: maya.id,
      hasHandover: true,
      updatedAt: T0 - HOUR
    });
    const others = makeSummary({ assigneeId: maya.id, updatedAt: T0 + 2 * HOUR });
    const ids = digestCandidates([mine, handedAway, oldHandover, others], aino.id, T0).map(
      (t) => t.id
    );
    expect(ids).toEqual([handedAway.id, mine.id]);
  });
});
