import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { DOC_CAPS, applyChecked, type RejectReason, type UpdateVerdict } from './update-check';
import type { DocRef } from './doc-names';
import { addThreadEntry, readTicket, ticketParts, TICKET_ROOTS } from './ticket';
import { T0, makeActor, makeThreadEntry, makeTicketDoc } from './testing/factories';
import { handMadeUpdate, wrongKindUpdate, WRONG_KINDS } from './testing/bad-updates';
import { copyOf, updateFrom } from './testing/replicas';

const ticketRef = (ticketId: string): DocRef => ({ kind: 'ticket', ticketId });

function reasonOf(verdict: UpdateVerdict): RejectReason | 'accepted' {
  return verdict.ok ? 'accepted' : verdict.reason;
}

function liveTicket() {
  const { doc, fields, actor } = makeTicketDoc({
    firstMessage: { kind: 'inbound', body: 'It is broken.', author: makeActor() }
  });
  doc.getText('draft').insert(0, 'Dear customer');
  return { live: copyOf(doc), ref: ticketRef(fields.id), actor };
}

const check = (live: Y.Doc, ref: DocRef, update: Uint8Array) =>
  applyChecked(copyOf(live), ref, update);

describe('applyChecked: the kind of content in each root', () => {
  it.each([
    ['a string into the thread', 'thread', 'string', 'schema'],
    ['a string into the activity', 'activity', 'string', 'schema'],
    ['a JSON entry into the draft', 'draft', 'json', 'schema'],
    ['a JSON entry into the handover', 'handover', 'json', 'schema'],
    ['a keyed entry on the thread', 'thread', 'keyed', 'wrong-root-type'],
    ['a keyed entry on the draft', 'draft', 'keyed', 'wrong-root-type'],
    ['a string into the fields map', 'ticket', 'string', 'wrong-root-type'],
    ['a nested map in the thread', 'thread', 'nested', 'unsupported-content'],
    ['formatted text in the draft', 'draft', 'format', 'unsupported-content'],
    ['an embed in the handover', 'handover', 'embed', 'unsupported-content'],
    ['binary in the activity', 'activity', 'binary', 'unsupported-content'],
    ['a sub-document in the thread', 'thread', 'subdoc', 'unsupported-content']
  ] as const)('refuses %s', (_, root, kind, reason) => {
    const { live, ref } = liveTicket();
    for (const atStart of [false, true]) {
      const update = wrongKindUpdate(live, root, kind, { atStart });
      expect([atStart, reasonOf(check(live, ref, update))]).toEqual([atStart, reason]);
    }
  });

  it('refuses every wrong kind in every root of a ticket', () => {
    const { live, ref } = liveTicket();
    const accepted: string[] = [];
    for (const [root, type] of Object.entries(TICKET_ROOTS)) {
      for (const kind of WRONG_KINDS) {
        // The right kind for the root is not abuse: JSON in an array, a string in a text.
        if ((type === 'array' && kind === 'json') || (type === 'text' && kind === 'string'))
          continue;
        if (type === 'map' && kind === 'keyed') continue;
        const verdict = check(live, ref, wrongKindUpdate(live, root, kind));
        if (verdict.ok) accepted.push(`${kind} in ${root}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('refuses a string inserted and deleted again by the same update', () => {
    const { live, ref } = liveTicket();
    // Without garbage collection, the replica sends the string itself, then its deletion.
    const replica = new Y.Doc({ gc: false });
    replica.getText('thread');
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live));
    const before = Y.encodeStateVector(replica);
    replica.transact(() => {
      replica.getText('thread').insert(0, 'gone');
      replica.getText('thread').delete(0, 4);
    });
    expect(reasonOf(check(live, ref, Y.encodeStateAsUpdate(replica, before)))).toBe('schema');
  });

  it('refuses JSON strings (ContentJSON), an old encoding of values', () => {
    const { live, ref } = liveTicket();
    const update = handMadeUpdate([
      {
        client: 424242,
        info: 2,
        root: 'thread',
        content: (e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarString(e, '{"id":"x"}');
        }
      }
    ]);
    expect(reasonOf(check(live, ref, update))).toBe('unsupported-content');
  });

  it('refuses keys longer than 200 characters', () => {
    const { live, ref } = liveTicket();
    const update = updateFrom(live, (c) => ticketParts(c).tags.set('x'.repeat(201), true));
    expect(reasonOf(check(live, ref, update))).toBe('schema');
  });

  it('still accepts what the app writes: notes, typing, deleting, tags', () => {
    const { live, ref, actor } = liveTicket();
    const updates = [
      updateFrom(live, (c) => addThreadEntry(c, 'note', 'Called them back.', actor, T0 + 1)),
      updateFrom(live, (c) => ticketParts(c).draft.insert(4, 'dear ')),
      updateFrom(live, (c) => ticketParts(c).draft.delete(0, 4)),
      updateFrom(live, (c) => ticketParts(c).handover.insert(0, 'Waiting for logs. ✅ 🙂'))
    ];
    for (const update of updates)
      expect(check(live, ref, update)).toMatchObject({ ok: true, changed: true });
  });
});

describe('applyChecked: damaged updates', () => {
  const draftStruct = {
    client: 900001,
    info: 4,
    root: 'draft',
    content: (e: encoding.Encoder) => encoding.writeVarString(e, 'hi')
  };

  it('accepts the hand-made update when it is whole (the control)', () => {
    const { live, ref } = liveTicket();
    expect(check(live, ref, handMadeUpdate([draftStruct]))).toMatchObject({
      ok: true,
      changed: true
    });
  });

  it('refuses a skip with stray flag bits, which applyUpdate ignores but would not load', () => {
    const { live, ref } = liveTicket();
    const damagedSkip = {
      client: 900002,
      info: 10 | 0b100000,
      content: (e: encoding.Encoder) => encoding.writeVarUint(e, 1)
    };
    const update = handMadeUpdate([damagedSkip, draftStruct]);
    // What Yjs alone does with it: applies the text and skips the damage...
    const plain = copyOf(live);
    Y.applyUpdate(plain, update);
    expect(ticketParts(plain).draft.toString()).toBe('hiDear customer');
    // ...but the stored row would not load again (the server decodes stored rows strictly).
    expect(() => Y.decodeUpdate(update)).toThrow();
    expect(reasonOf(check(live, ref, update))).toBe('undecodable');
  });

  it('refuses bytes after the end of an update', () => {
    const { live, ref } = liveTicket();
    const update = handMadeUpdate([draftStruct]);
    const padded = new Uint8Array([...update, 0, 0]);
    expect(reasonOf(check(live, ref, padded))).toBe('undecodable');
  });

  it('refuses every truncation of an edit as undecodable or as missing parts', () => {
    const { live, ref, actor } = liveTicket();
    const update = updateFrom(live, (c) => addThreadEntry(c, 'note', 'A long note', actor, T0 + 1));
    for (let length = 1; length < update.length; length++) {
      const verdict = check(live, ref, update.slice(0, length));
      expect([length, verdict.ok]).toEqual([length, false]);
    }
  });
});

describe('applyChecked: caps per document', () => {
  it(`refuses messages past ${DOC_CAPS.threadEntries} in a ticket`, () => {
    const { live, ref, actor } = liveTicket();
    const filler = Array.from({ length: DOC_CAPS.threadEntries - 2 }, () =>
      makeThreadEntry({ body: 'x' })
    );
    ticketParts(live).thread.push(filler);
    expect(ticketParts(live).thread.length).toBe(DOC_CAPS.threadEntries - 1);
    const last = updateFrom(live, (c) => addThreadEntry(c, 'note', 'The last one', actor, T0 + 1));
    const scratch = copyOf(live);
    expect(applyChecked(scratch, ref, last)).toMatchObject({ ok: true, changed: true });
    Y.applyUpdate(live, last);
    const over = updateFrom(live, (c) => addThreadEntry(c, 'note', 'One too many', actor, T0 + 2));
    const verdict = applyChecked(scratch, ref, over);
    expect(reasonOf(verdict)).toBe('too-large');
    expect(verdict.ok ? '' : verdict.detail).toMatch(/5,000 messages/);
  });

  it(`refuses activity past ${DOC_CAPS.activityEntries} entries`, () => {
    const { live, ref, actor } = liveTicket();
    const activity = ticketParts(live).activity;
    const filler = Array.from({ length: DOC_CAPS.activityEntries - activity.length }, () => ({
      at: T0,
      actorId: actor.id,
      kind: 'note' as const
    }));
    activity.push(filler);
    const update = updateFrom(live, (c) => addThreadEntry(c, 'note', 'More', actor, T0 + 1));
    expect(reasonOf(check(live, ref, update))).toBe('too-large');
  });

  it(`refuses growth past ${DOC_CAPS.bytes.ticket / 1024 / 1024} MB, measured incrementally, and still lets the ticket shrink`, () => {
    const { live, ref, actor } = liveTicket();
    const body = 'x'.repeat(100_000);
    // Up to 50 kB under the cap, as the server would hold it.
    const entries = Math.floor(DOC_CAPS.bytes.ticket / 100_200) - 1;
    const thread = ticketParts(live).thread;
    thread.push(Array.from({ length: entries }, () => makeThreadEntry({ body })));
    let room = DOC_CAPS.bytes.ticket - Y.encodeStateAsUpdate(live).byteLength - 50_000;
    let extra = 0;
    while (room > 300) {
      const length = Math.min(100_000, room - 300);
      thread.push([makeThreadEntry({ body: 'y'.repeat(length) })]);
      room -= length + 300;
      extra++;
    }
    const scratch = copyOf(live);
    const small = updateFrom(live, (c) => ticketParts(c).draft.insert(0, 'Hi! '));
    expect(applyChecked(scratch, ref, small)).toMatchObject({ ok: true, changed: true });
    Y.applyUpdate(live, small);
    // The next ones are measured from the running estimate, not by encoding the ticket again.
    const big = updateFrom(live, (c) => addThreadEntry(c, 'note', body, actor, T0 + 1));
    const verdict = applyChecked(scratch, ref, big);
    expect(reasonOf(verdict)).toBe('too-large');
    expect(verdict.ok ? '' : verdict.detail).toMatch(/This ticket is full \(20 MB at most\)/);
    const shrink = updateFrom(live, (c) => ticketParts(c).draft.delete(0, 4));
    expect(check(live, ref, shrink)).toMatchObject({ ok: true, changed: true });
    expect(readTicket(live)?.thread.length).toBe(entries + extra + 1);
  });
});
