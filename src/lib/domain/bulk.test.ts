import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  MAX_BULK_TICKETS,
  applyBulkAction,
  parseBulkAction,
  parseBulkTickets,
  tallyUndo,
  undoBulkChange,
  type BulkAction
} from './bulk';
import { applyBulkMacro, previewBulkMacro } from './bulk-macro';
import { customFieldsOf, RequiredFieldsError } from './custom-fields';
import { MacroRecord } from './macro';
import { addTag, readActivity, readTicketFields, setStatus, ticketParts } from './ticket';
import {
  makeActor,
  makeCustomer,
  makeMember,
  makeTicketDoc,
  T0,
  MINUTE
} from './testing/factories';
import { Rng } from './testing/prng';

const maya = makeActor({ id: 'agent-maya-0001', name: 'Maya Thompson' });
const mads = makeActor({ id: 'agent-mads-0002', name: 'Mads Jensen' });

function tickets(count: number, overrides: Parameters<typeof makeTicketDoc>[0] = {}) {
  return Array.from({ length: count }, () => makeTicketDoc(overrides, maya, T0).doc);
}

function action(value: unknown): BulkAction {
  const parsed = parseBulkAction(value);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.action;
}

/** Two replicas of a ticket that exchange everything (a colleague's device and ours). */
function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('bulk actions', () => {
  it('assigns a new ticket, opening it, logged in its activity; the undo puts both back', () => {
    const [doc] = tickets(1);
    if (!doc) throw new Error('no ticket');
    const change = applyBulkAction(doc, action({ kind: 'assign', assigneeId: mads.id }), maya, T0);
    expect(change?.fields).toEqual({
      assigneeId: { before: null, after: mads.id },
      status: { before: 'new', after: 'open' }
    });
    expect(readActivity(doc).some((e) => e.kind === 'assignee' && e.actorId === maya.id)).toBe(
      true
    );
    if (!change) throw new Error('no change');
    expect(undoBulkChange(doc, change, maya, T0 + MINUTE)).toEqual({
      undone: true,
      changedSince: false
    });
    const fields = readTicketFields(doc);
    expect([fields?.assigneeId, fields?.status]).toEqual([null, 'new']);
  });

  it('changes nothing and returns null when the ticket already is as asked', () => {
    const [doc] = tickets(1, { priority: 'high' });
    if (!doc) throw new Error('no ticket');
    const before = Y.encodeStateVector(doc);
    expect(applyBulkAction(doc, action({ kind: 'priority', priority: 'high' }), maya, T0)).toBe(
      null
    );
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('undoes only what nobody changed since, and counts the tickets a colleague changed', () => {
    const ours = tickets(3);
    const theirs = ours.map((doc) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      return copy;
    });
    const changes = ours.map((doc) =>
      applyBulkAction(doc, action({ kind: 'status', status: 'pending' }), maya, T0 + MINUTE)
    );
    ours.forEach((doc, i) => sync(doc, theirs[i] as Y.Doc));
    // A colleague solves the second ticket after the bulk action reached them.
    setStatus(theirs[1] as Y.Doc, 'solved', mads, T0 + 2 * MINUTE);
    ours.forEach((doc, i) => sync(doc, theirs[i] as Y.Doc));

    const results = ours.map((doc, i) => {
      const change = changes[i];
      if (!change) throw new Error('no change');
      return undoBulkChange(doc, change, maya, T0 + 3 * MINUTE);
    });
    expect(tallyUndo(results)).toEqual({ undone: 2, changedSince: 1 });
    expect(ours.map((doc) => readTicketFields(doc)?.status)).toEqual(['new', 'solved', 'new']);
    // The undo is an ordinary edit: the colleague's copies converge on it.
    ours.forEach((doc, i) => sync(doc, theirs[i] as Y.Doc));
    expect(theirs.map((doc) => readTicketFields(doc)?.status)).toEqual(['new', 'solved', 'new']);
  });

  it('a field already back where it was is no conflict', () => {
    const [doc] = tickets(1);
    if (!doc) throw new Error('no ticket');
    const change = applyBulkAction(doc, action({ kind: 'priority', priority: 'urgent' }), maya, T0);
    doc.getMap('ticket').set('priority', 'normal');
    if (!change) throw new Error('no change');
    expect(undoBulkChange(doc, change, maya, T0 + MINUTE)).toEqual({
      undone: false,
      changedSince: false
    });
  });

  it('adds and removes tags, and the undo gives the ticket its tags back', () => {
    const [doc] = tickets(1, { tags: ['login', 'vip'] });
    if (!doc) throw new Error('no ticket');
    const change = applyBulkAction(
      doc,
      action({ kind: 'tags', add: ['Billing', 'login'], remove: ['vip'] }),
      maya,
      T0
    );
    expect(change?.tagsAdded).toEqual(['billing']);
    expect(change?.tagsRemoved).toEqual(['vip']);
    expect([...ticketParts(doc).tags.keys()].sort()).toEqual(['billing', 'login']);
    if (!change) throw new Error('no change');
    undoBulkChange(doc, change, maya, T0 + MINUTE);
    expect([...ticketParts(doc).tags.keys()].sort()).toEqual(['login', 'vip']);
  });

  it('refuses, writing nothing, to solve a ticket with a required field empty or to pass 50 tags', () => {
    const definitions = customFieldsOf([
      [
        'order-number',
        {
          id: 'order-number',
          key: 'order_number',
          label: 'Order number',
          type: 'text',
          requiredOnSolve: true,
          archived: false
        }
      ]
    ]);
    const [doc] = tickets(1);
    if (!doc) throw new Error('no ticket');
    const before = Y.encodeStateVector(doc);
    expect(() =>
      applyBulkAction(doc, action({ kind: 'status', status: 'solved' }), maya, T0, definitions)
    ).toThrow(RequiredFieldsError);
    expect(Y.encodeStateVector(doc)).toEqual(before);

    for (let i = 0; i < 49; i++) addTag(doc, `tag-${i}`, maya, T0);
    const full = Y.encodeStateVector(doc);
    expect(() =>
      applyBulkAction(doc, action({ kind: 'tags', add: ['one', 'two'], remove: [] }), maya, T0)
    ).toThrow(/at most 50 tags/);
    expect(Y.encodeStateVector(doc)).toEqual(full);
  });
});

describe('bulk input', () => {
  it('names the field of each refusal', () => {
    const cases: [unknown, string][] = [
      [null, 'kind'],
      ['status', 'kind'],
      [{ kind: 'delete-everything' }, 'kind'],
      [{ kind: 'status', status: 'gone' }, 'status'],
      [{ kind: 'priority', priority: 7 }, 'priority'],
      [{ kind: 'assign', assigneeId: 'NOT AN ID' }, 'assigneeId'],
      [{ kind: 'assign' }, 'assigneeId'],
      [{ kind: 'tags', add: [], remove: [] }, 'add'],
      [{ kind: 'tags', add: ['has space'], remove: [] }, 'add.0'],
      [{ kind: 'tags', add: ['x'], remove: ['X'] }, 'remove'],
      [{ kind: 'status', status: 'open', extra: true }, 'kind']
    ];
    for (const [value, field] of cases) {
      const parsed = parseBulkAction(value);
      expect(parsed.ok, JSON.stringify(value)).toBe(false);
      if (!parsed.ok) expect(parsed.problem.field, JSON.stringify(value)).toBe(field);
    }
  });

  it('refuses ticket lists that are empty, too long or not ids; drops duplicates', () => {
    const id = 'ticket-0000-0001';
    expect(parseBulkTickets([])).toMatchObject({ ok: false, problem: { field: 'tickets' } });
    expect(parseBulkTickets('ticket-1')).toMatchObject({ ok: false });
    expect(parseBulkTickets([id, '../../etc'])).toMatchObject({ ok: false });
    expect(
      parseBulkTickets(Array.from({ length: MAX_BULK_TICKETS + 1 }, (_, i) => `ticket-${i}-x`))
    ).toMatchObject({ ok: false });
    expect(parseBulkTickets([id, id])).toEqual({ ok: true, ids: [id] });
  });

  it('never throws on seeded garbage, and what it accepts applies cleanly', () => {
    const rng = new Rng(1515);
    const kinds = ['assign', 'status', 'priority', 'tags', 'merge', '', 7];
    const junk = () =>
      rng.pick<unknown>([
        null,
        undefined,
        rng.word(),
        rng.int(-5, 5),
        [rng.word()],
        { toString: rng.word() },
        'open',
        'urgent',
        'agent-mads-0002'
      ]);
    let accepted = 0;
    for (let i = 0; i < 500; i++) {
      const value: Record<string, unknown> = { kind: rng.pick(kinds) };
      for (const key of ['status', 'priority', 'assigneeId', 'add', 'remove']) {
        if (rng.chance(0.4)) value[key] = junk();
      }
      const parsed = parseBulkAction(value);
      if (!parsed.ok) {
        expect(parsed.problem.field.length).toBeGreaterThan(0);
        continue;
      }
      accepted++;
      const [doc] = tickets(1);
      if (!doc) throw new Error('no ticket');
      applyBulkAction(doc, parsed.action, maya, T0);
      expect(readTicketFields(doc)).not.toBeNull();
    }
    expect(accepted).toBeGreaterThan(0);
  });
});

describe('a macro on many tickets', () => {
  const aino = makeCustomer({ id: 'customer-aino-01', name: 'Aino Virtanen' });
  const bo = makeCustomer({ id: 'customer-bo-0002', name: 'Bo Larsen' });
  const people = {
    agent: maya,
    customers: { [aino.id]: aino, [bo.id]: bo },
    members: { [maya.id]: makeMember({ id: maya.id, name: maya.name }) }
  };
  const macro = MacroRecord.parse({
    id: 'shipping-delay',
    name: 'Shipping delay',
    reply: 'Hi {{ requester.first_name | default: "there" }}, your parcel is on its way.',
    note: 'Checked with the courier.',
    actions: { status: 'pending', addTags: ['shipping'] }
  });

  it('previews counts over the selection and renders the reply for each ticket', () => {
    const docs = [
      makeTicketDoc({ requesterId: aino.id }, maya, T0).doc,
      makeTicketDoc({ requesterId: bo.id, tags: ['shipping'] }, maya, T0).doc
    ];
    const preview = previewBulkMacro(docs, macro, people);
    expect(preview).toMatchObject({ tickets: 2, changing: 2, replies: 2, failing: 0 });
    expect(preview.sampleReply).toBe('Hi Aino, your parcel is on its way.');
    expect(preview.skipsNote).toBe(true);
    const tagged = preview.changes.find((c) => c.change.kind === 'tag-added');
    expect(tagged?.tickets).toBe(1);

    const changes = docs.map((doc) => applyBulkMacro(doc, macro, people, T0 + MINUTE));
    expect(docs.map((doc) => ticketParts(doc).draft.toString())).toEqual([
      'Hi Aino, your parcel is on its way.',
      'Hi Bo, your parcel is on its way.'
    ]);
    // No note in the thread: notes are append-only and could not be undone.
    expect(docs.every((doc) => ticketParts(doc).thread.length === 0)).toBe(true);

    docs.forEach((doc, i) => {
      const change = changes[i];
      if (!change) throw new Error('no change');
      undoBulkChange(doc, change, maya, T0 + 2 * MINUTE);
    });
    expect(docs.map((doc) => ticketParts(doc).draft.toString())).toEqual(['', '']);
    expect(docs.map((doc) => readTicketFields(doc)?.status)).toEqual(['new', 'new']);
    expect(docs.map((doc) => ticketParts(doc).tags.has('shipping'))).toEqual([false, true]);
  });
});
