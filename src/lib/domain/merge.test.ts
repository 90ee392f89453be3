import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  COPIES_ROOT,
  MERGE_ROOT,
  MergeError,
  followMerges,
  mergeTickets,
  mergeUndoable,
  readMergeState,
  settleMerges,
  splitTicket,
  splitUndoable,
  threadView,
  undoMerge,
  undoSplit,
  type MergePointer
} from './merge';
import { applyChecked } from './update-check';
import { authorshipProblem } from './authorship';
import { parseDocName, ticketDocName } from './doc-names';
import {
  addTag,
  addThreadEntry,
  assignNumber,
  readTicket,
  readThread,
  readTicketFields,
  setPriority
} from './ticket';
import { summarize } from './workspace-index';
import { SYSTEM_ACTOR } from './schema';
import { MINUTE, T0, makeActor, makeTicketDoc, testId } from './testing/factories';

const agent = makeActor({ id: 'member-agent1', name: 'Aino' });
const customer = makeActor({ id: 'customer-0001', name: 'Customer One' });

function ticketWith(
  subject: string,
  messages: string[],
  options: { number?: number; tags?: string[]; requesterId?: string } = {}
) {
  const { doc, fields } = makeTicketDoc(
    {
      subject,
      tags: options.tags ?? [],
      requesterId: options.requesterId ?? null,
      firstMessage: { kind: 'inbound', body: messages[0] ?? 'Hello', author: customer }
    },
    agent,
    T0
  );
  messages
    .slice(1)
    .forEach((body, i) => addThreadEntry(doc, 'note', body, agent, T0 + (i + 1) * MINUTE));
  if (options.number) assignNumber(doc, options.number, SYSTEM_ACTOR, T0);
  return { doc, id: fields.id };
}

describe('merging a ticket into another', () => {
  it('gives the target the source’s messages (marked as copies), tags and requester, and closes the source', () => {
    const a = ticketWith('Printer jammed', ['It jams', 'Checked the tray'], {
      number: 1,
      tags: ['printer'],
      requesterId: 'customer-0001'
    });
    const b = ticketWith('Printer still jammed', ['Again!'], { number: 2, tags: ['floor3'] });
    const op = mergeTickets(a.doc, b.doc, agent, T0 + HOURS(1));

    const source = readTicketFields(a.doc);
    expect(source?.status).toBe('closed');
    expect(readMergeState(a.doc).mergedInto).toMatchObject({
      targetId: b.id,
      targetLabel: '#2',
      op
    });

    const target = readTicket(b.doc);
    expect(target?.tags).toEqual(['floor3', 'printer']);
    const state = readMergeState(b.doc);
    expect(state.mergedFrom).toMatchObject([
      { sourceId: a.id, sourceLabel: '#1', requesterId: 'customer-0001' }
    ]);
    const view = threadView(readThread(b.doc), state);
    expect(view.map((v) => [v.entry.body, v.origin?.label ?? null])).toEqual([
      // Same time as the target's own first message: the ticket's own comes first.
      ['Again!', null],
      ['It jams', '#1'],
      ['Checked the tray', '#1']
    ]);
    // The source's own thread is untouched; the target's thread proper too (copies are apart).
    expect(readThread(b.doc).map((e) => e.body)).toEqual(['Again!']);
    // Both sides log it.
    expect(readTicket(a.doc)?.activity.at(-1)).toMatchObject({
      kind: 'merge',
      from: 'into',
      to: b.id
    });
    expect(readTicket(b.doc)?.activity.at(-1)).toMatchObject({
      kind: 'merge',
      from: 'from',
      to: a.id
    });
    // The index shows where the source went.
    expect(summarize(readTicket(a.doc)!).mergedInto).toBe(b.id);
    expect(summarize(readTicket(b.doc)!).mergedInto).toBeUndefined();
  });

  it('refuses itself, another workspace, a ticket already merged, and a merged target', () => {
    const a = ticketWith('A', ['a'], { number: 1 });
    const b = ticketWith('B', ['b'], { number: 2 });
    const c = ticketWith('C', ['c'], { number: 3 });
    const problem = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof MergeError ? error.problem : String(error);
      }
      return null;
    };
    expect(problem(() => mergeTickets(a.doc, a.doc, agent, T0))).toBe('same-ticket');
    const other = makeTicketDoc({ workspaceId: 'ws-other-000001' }, agent, T0);
    expect(problem(() => mergeTickets(a.doc, other.doc, agent, T0))).toBe('other-workspace');
    mergeTickets(a.doc, b.doc, agent, T0 + 1);
    expect(problem(() => mergeTickets(a.doc, c.doc, agent, T0 + 2))).toBe('already-merged');
    expect(problem(() => mergeTickets(c.doc, a.doc, agent, T0 + 2))).toBe('target-merged');
  });

  it('brings along what the source had merged in itself (a chain made one after the other)', () => {
    const a = ticketWith('A', ['from a'], { number: 1 });
    const b = ticketWith('B', ['from b'], { number: 2 });
    const c = ticketWith('C', ['from c'], { number: 3 });
    mergeTickets(a.doc, b.doc, agent, T0 + HOURS(1));
    mergeTickets(b.doc, c.doc, agent, T0 + HOURS(2));
    const view = threadView(readThread(c.doc), readMergeState(c.doc));
    expect(view.map((v) => [v.entry.body, v.origin?.label ?? null])).toEqual([
      ['from c', null],
      ['from b', '#2'],
      ['from a', '#1']
    ]);
    // A copy of a copy still names the ticket it was written in.
    expect(view.find((v) => v.entry.body === 'from a')?.origin?.ticketId).toBe(a.id);
  });

  it('undoes while nothing else has changed: the source opens as it was, the target drops copies and tags', () => {
    const a = ticketWith('A', ['a'], { number: 1, tags: ['vip'] });
    const b = ticketWith('B', ['b'], { number: 2 });
    setPriority(a.doc, 'high', agent, T0 + 1);
    const statusBefore = readTicketFields(a.doc)?.status;
    const op = mergeTickets(a.doc, b.doc, agent, T0 + HOURS(1));
    expect(mergeUndoable(a.doc, b.doc, op)).toBe(true);
    undoMerge(a.doc, b.doc, op, agent, T0 + HOURS(1) + MINUTE);

    expect(readTicketFields(a.doc)?.status).toBe(statusBefore);
    expect(readTicketFields(a.doc)?.solvedAt).toBeNull();
    expect(readMergeState(a.doc).mergedInto).toBeNull();
    const target = readMergeState(b.doc);
    expect(target.mergedFrom).toEqual([]);
    expect(threadView(readThread(b.doc), target).map((v) => v.entry.body)).toEqual(['b']);
    expect(readTicket(b.doc)?.tags).toEqual([]);
    expect(mergeUndoable(a.doc, b.doc, op)).toBe(false);
    expect(summarize(readTicket(a.doc)!).mergedInto).toBeUndefined();
  });

  it('keeps a tag the target had before the merge when undoing', () => {
    const a = ticketWith('A', ['a'], { number: 1, tags: ['vip', 'printer'] });
    const b = ticketWith('B', ['b'], { number: 2, tags: ['printer'] });
    const op = mergeTickets(a.doc, b.doc, agent, T0 + HOURS(1));
    undoMerge(a.doc, b.doc, op, agent, T0 + HOURS(2));
    expect(readTicket(b.doc)?.tags).toEqual(['printer']);
  });

  it('cannot be undone once something else happened on either ticket', () => {
    const a = ticketWith('A', ['a'], { number: 1 });
    const b = ticketWith('B', ['b'], { number: 2 });
    const op = mergeTickets(a.doc, b.doc, agent, T0 + HOURS(1));
    addThreadEntry(b.doc, 'note', 'Looked into it', agent, T0 + HOURS(2));
    expect(mergeUndoable(a.doc, b.doc, op)).toBe(false);
    expect(() => undoMerge(a.doc, b.doc, op, agent, T0 + HOURS(3))).toThrow(MergeError);
    expect(readTicketFields(a.doc)?.status).toBe('closed');

    const c = ticketWith('C', ['c'], { number: 3 });
    const d = ticketWith('D', ['d'], { number: 4 });
    const op2 = mergeTickets(c.doc, d.doc, agent, T0 + HOURS(1));
    addTag(c.doc, 'late', agent, T0 + HOURS(2));
    expect(mergeUndoable(c.doc, d.doc, op2)).toBe(false);
  });
});

function HOURS(n: number): number {
  return n * 60 * MINUTE;
}

describe('concurrent merges of one pair, in one document', () => {
  it('A→B while B→A: the earlier merge applies on both, the later is not applied and settled', () => {
    const a = ticketWith('A', ['a'], { number: 1 });
    const b = ticketWith('B', ['b'], { number: 2 });
    // Two replicas of each, offline from each other.
    const a2 = new Y.Doc();
    const b2 = new Y.Doc();
    Y.applyUpdate(a2, Y.encodeStateAsUpdate(a.doc));
    Y.applyUpdate(b2, Y.encodeStateAsUpdate(b.doc));
    const first = mergeTickets(a.doc, b.doc, agent, T0 + HOURS(1));
    const other = makeActor({ id: 'member-agent2', name: 'Bo' });
    const second = mergeTickets(b2, a2, other, T0 + HOURS(1) + MINUTE);
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(a2));
    Y.applyUpdate(a2, Y.encodeStateAsUpdate(a.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(b2));
    Y.applyUpdate(b2, Y.encodeStateAsUpdate(b.doc));

    for (const doc of [a.doc, a2]) {
      const state = readMergeState(doc);
      expect(state.mergedInto?.op).toBe(first);
      expect(state.notApplied.map((r) => r.op)).toEqual([second]);
      expect(state.copies).toEqual([]);
    }
    for (const doc of [b.doc, b2]) {
      const state = readMergeState(doc);
      expect(state.mergedInto).toBeNull();
      expect(state.overruled.map((r) => r.op)).toEqual([second]);
      expect(state.mergedFrom.map((r) => r.op)).toEqual([first]);
    }
    // B was closed by the merge that lost: settling gives it back its status, once.
    expect(readTicketFields(b.doc)?.status).toBe('closed');
    expect(settleMerges(b.doc, agent, T0 + HOURS(2))).toBe(true);
    expect(readTicketFields(b.doc)?.status).toBe('new');
    expect(readMergeState(b.doc).overruled).toEqual([]);
    expect(readMergeState(b.doc).mergedFrom.map((r) => r.op)).toEqual([first]);
    expect(settleMerges(b.doc, agent, T0 + HOURS(2))).toBe(false);
    // The merge that applies still holds on A.
    expect(readTicketFields(a.doc)?.status).toBe('closed');
  });
});

describe('following merges across tickets', () => {
  const pointers =
    (entries: Record<string, [string, number]>) =>
    (id: string): MergePointer | null => {
      const p = entries[id];
      return p ? { targetId: p[0], at: p[1], op: `op-${id}-0000` } : null;
    };

  it('follows a chain to the last ticket', () => {
    const of = pointers({ a: ['b', 1], b: ['c', 2] });
    expect(followMerges('a', of)).toBe('c');
    expect(followMerges('b', of)).toBe('c');
    expect(followMerges('c', of)).toBe('c');
  });

  it('breaks a cycle at its latest merge, the same from every ticket in it', () => {
    const of = pointers({ a: ['b', 1], b: ['c', 3], c: ['a', 2], x: ['a', 0] });
    // b→c is the latest: b is where the chain ends, from anywhere.
    for (const start of ['a', 'b', 'c', 'x']) expect(followMerges(start, of)).toBe('b');
  });
});

describe('splitting messages off', () => {
  it('copies the chosen messages into a new ticket, linked both ways, and marks them in the original', () => {
    const a = ticketWith('Two problems', ['Printer jams', 'Also: my VPN drops', 'Note'], {
      number: 7,
      requesterId: 'customer-0001'
    });
    const vpn = readThread(a.doc)[1]!;
    const created = new Y.Doc();
    const { op, ticketId } = splitTicket(a.doc, created, [vpn.id], agent, T0 + HOURS(1), {
      subject: 'VPN drops'
    });
    const fields = readTicketFields(created)!;
    expect(fields).toMatchObject({
      id: ticketId,
      subject: 'VPN drops',
      requesterId: 'customer-0001'
    });
    const newState = readMergeState(created);
    expect(newState.splitFrom).toMatchObject({ op, ticketId: a.id, ticketLabel: '#7' });
    expect(
      threadView(readThread(created), newState).map((v) => [v.entry.body, v.origin?.label])
    ).toEqual([['Also: my VPN drops', '#7']]);
    const original = threadView(readThread(a.doc), readMergeState(a.doc));
    expect(original.map((v) => [v.entry.body, v.splitTo?.ticketId ?? null])).toEqual([
      ['Printer jams', null],
      ['Also: my VPN drops', ticketId],
      ['Note', null]
    ]);
    expect(readTicket(created)?.activity.at(-1)).toMatchObject({
      kind: 'split',
      from: 'from',
      to: a.id
    });
    expect(readTicket(a.doc)?.activity.at(-1)).toMatchObject({
      kind: 'split',
      from: 'to',
      to: ticketId
    });
  });

  it('refuses no messages or a message of another ticket', () => {
    const a = ticketWith('A', ['a']);
    expect(() => splitTicket(a.doc, new Y.Doc(), [], agent, T0)).toThrow(MergeError);
    expect(() => splitTicket(a.doc, new Y.Doc(), [testId('entry')], agent, T0)).toThrow(MergeError);
  });

  it('undoes while nothing else changed (the number the server gives does not count)', () => {
    const a = ticketWith('A', ['one', 'two'], { number: 1 });
    const created = new Y.Doc();
    const entry = readThread(a.doc)[1]!;
    const { op } = splitTicket(a.doc, created, [entry.id], agent, T0 + HOURS(1));
    assignNumber(created, 2, SYSTEM_ACTOR, T0 + HOURS(1) + 1);
    expect(splitUndoable(a.doc, created, op)).toBe(true);
    undoSplit(a.doc, created, op, agent, T0 + HOURS(2));
    expect(readTicketFields(created)?.status).toBe('closed');
    expect(
      threadView(readThread(a.doc), readMergeState(a.doc)).every((v) => v.splitTo === null)
    ).toBe(true);
    expect(readMergeState(created).copies).toEqual([]);
  });

  it('cannot be undone after a reply on the new ticket', () => {
    const a = ticketWith('A', ['one', 'two'], { number: 1 });
    const created = new Y.Doc();
    const { op } = splitTicket(a.doc, created, [readThread(a.doc)[0]!.id], agent, T0);
    addThreadEntry(created, 'note', 'On it', agent, T0 + MINUTE);
    expect(splitUndoable(a.doc, created, op)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// The server's side: the update check and the write guard

function checked(
  doc: Y.Doc,
  ticketId: string,
  change: (scratch: Y.Doc) => void,
  writer = agent.id
) {
  const ref = parseDocName(ticketDocName(ticketId))!;
  const live = new Y.Doc();
  Y.applyUpdate(live, Y.encodeStateAsUpdate(doc));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, before);
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
  const verdict = applyChecked(scratch, ref, update);
  if (!verdict.ok) return `${verdict.reason}: ${verdict.detail}`;
  return authorshipProblem(live, scratch, writer) ?? 'ok';
}

describe('the update check on merges and splits', () => {
  it('accepts an honest merge on both documents and an honest split', () => {
    const a = ticketWith('A', ['a'], { number: 1 });
    const b = ticketWith('B', ['b'], { number: 2 });
    let targetCopy: Y.Doc | null = null;
    expect(
      checked(a.doc, a.id, (sa) => {
        targetCopy = new Y.Doc();
        Y.applyUpdate(targetCopy, Y.encodeStateAsUpdate(b.doc));
        mergeTickets(sa, targetCopy, agent, T0 + MINUTE);
      })
    ).toBe('ok');
    expect(
      checked(b.doc, b.id, (sb) => {
        const sourceCopy = new Y.Doc();
        Y.applyUpdate(sourceCopy, Y.encodeStateAsUpdate(a.doc));
        mergeTickets(sourceCopy, sb, agent, T0 + MINUTE);
      })
    ).toBe('ok');
    expect(
      checked(a.doc, a.id, (sa) => {
        splitTicket(sa, new Y.Doc(), [readThread(sa)[0]!.id], agent, T0 + MINUTE);
      })
    ).toBe('ok');
  });

  it('refuses a merge signed by someone else, a rewritten or removed record, and garbage', () => {
    const a = ticketWith('A', ['a'], { number: 1 });
    const b = ticketWith('B', ['b'], { number: 2 });
    // Signed by another member.
    expect(
      checked(a.doc, a.id, (sa) =>
        mergeTickets(sa, copyOf(b.doc), makeActor({ id: 'member-other' }), T0)
      )
    ).toMatch(/signed|activity log/);
    // Merged for real, then tampered with.
    mergeTickets(a.doc, b.doc, agent, T0 + MINUTE);
    const key = [...a.doc.getMap(MERGE_ROOT).keys()][0]!;
    expect(checked(a.doc, a.id, (sa) => sa.getMap(MERGE_ROOT).delete(key))).toMatch(/^append-only/);
    expect(
      checked(a.doc, a.id, (sa) =>
        sa
          .getMap(MERGE_ROOT)
          .set(key, { ...(sa.getMap(MERGE_ROOT).get(key) as object), targetLabel: '#9' })
      )
    ).toMatch(/^append-only/);
    const garbage: [string, unknown][] = [
      ['into:abcdefgh1234', { kind: 'into' }],
      ['into:abcdefgh1234', 'text'],
      [
        'into:abcdefgh1234',
        {
          kind: 'into',
          op: 'zzzzzzzz9999',
          targetId: b.id,
          targetLabel: '#2',
          statusBefore: 'open',
          solvedAtBefore: null,
          actorId: agent.id,
          at: T0
        }
      ],
      [
        'into:abcdefgh1234',
        {
          kind: 'into',
          op: 'abcdefgh1234',
          targetId: a.id,
          targetLabel: '#1',
          statusBefore: 'open',
          solvedAtBefore: null,
          actorId: agent.id,
          at: T0
        }
      ],
      [
        'undo:abcdefgh1234:abcdefgh5678',
        {
          kind: 'undo',
          op: 'abcdefgh1234',
          undoId: 'abcdefgh5678',
          settled: false,
          actorId: agent.id,
          at: T0
        }
      ],
      [
        'from:abcdefgh1234',
        {
          kind: 'from',
          op: 'abcdefgh1234',
          sourceId: b.id,
          sourceLabel: '<script>',
          requesterId: null,
          tagsAdded: [],
          actorId: agent.id,
          at: T0
        }
      ]
    ];
    for (const [k, value] of garbage) {
      expect(
        checked(a.doc, a.id, (sa) => sa.getMap(MERGE_ROOT).set(k, value)),
        k
      ).toMatch(/^(schema|id-mismatch)/);
    }
    // A copy nobody's merge brought, and a removed copy.
    const copy = {
      id: 'copy-000000001',
      op: 'abcdefgh1234',
      fromTicketId: b.id,
      fromLabel: '#2',
      originalId: 'entry-00000001',
      kind: 'inbound',
      authorId: customer.id,
      authorName: 'X',
      body: 'forged',
      createdAt: T0,
      copiedBy: agent.id,
      copiedAt: T0
    };
    expect(checked(a.doc, a.id, (sa) => sa.getArray(COPIES_ROOT).push([copy]))).toMatch(/^schema/);
    expect(checked(b.doc, b.id, (sb) => sb.getArray(COPIES_ROOT).delete(0, 1))).toMatch(
      /^append-only/
    );
    expect(checked(b.doc, b.id, (sb) => sb.getArray(COPIES_ROOT).push(['text']))).toMatch(
      /^schema/
    );
    // A merge activity entry that names nothing.
    expect(
      checked(a.doc, a.id, (sa) =>
        sa
          .getArray('activity')
          .push([{ at: T0, actorId: agent.id, kind: 'merge', from: 'sideways', to: b.id }])
      )
    ).toMatch(/^schema/);
  });
});

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}
