import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChecked, type RejectReason, type UpdateVerdict } from './update-check';
import type { DocRef } from './doc-names';
import { addedSince } from './added-content';
import {
  addTag,
  addThreadEntry,
  assign,
  assignNumber,
  readTicket,
  removeTag,
  setDelivery,
  setPriority,
  setStatus,
  signHandover,
  ticketParts
} from './ticket';
import { indexParts, putCustomer, putMember, putSummary } from './workspace-index';
import { SYSTEM_ACTOR } from './schema';
import { defaultCalendar } from './business-calendar';
import { recordRouting } from './routing';
import {
  T0,
  WORKSPACE_ID,
  makeActor,
  makeCustomer,
  makeMember,
  makeSummary,
  makeThreadEntry,
  makeTicketDoc
} from './testing/factories';
import { Rng } from './testing/prng';
import { copyOf, updateFrom } from './testing/replicas';

const ticketRef = (ticketId: string): DocRef => ({ kind: 'ticket', ticketId });
const indexRef: DocRef = { kind: 'index', workspaceId: WORKSPACE_ID };

/** Checks `update` against a fresh scratch copy of `live`, as the relay does. */
function check(
  live: Y.Doc,
  ref: DocRef,
  update: Uint8Array,
  options: { byServer?: boolean } = {}
): UpdateVerdict {
  return applyChecked(copyOf(live), ref, update, options);
}

function reasonOf(verdict: UpdateVerdict): RejectReason | 'accepted' {
  return verdict.ok ? 'accepted' : verdict.reason;
}

/** A created ticket as the server stores it. */
function liveTicket() {
  const { doc, fields, actor } = makeTicketDoc({
    tags: ['vpn'],
    firstMessage: { kind: 'inbound', body: 'It is broken.', author: makeActor() }
  });
  return { live: copyOf(doc), ref: ticketRef(fields.id), fields, actor };
}

describe('applyChecked on a ticket: honest updates', () => {
  it('accepts a creation and then reports the same update again as unchanged', () => {
    const { doc, fields } = makeTicketDoc({
      tags: ['vpn', 'access'],
      firstMessage: { kind: 'inbound', body: 'Hello', author: makeActor() }
    });
    const scratch = new Y.Doc();
    const update = Y.encodeStateAsUpdate(doc);
    expect(applyChecked(scratch, ticketRef(fields.id), update)).toMatchObject({
      ok: true,
      changed: true
    });
    expect(readTicket(scratch)).toEqual(readTicket(doc));
    expect(applyChecked(scratch, ticketRef(fields.id), update)).toEqual({
      ok: true,
      changed: false
    });
  });

  it('accepts every operation the domain functions make', () => {
    const { live, ref, actor } = liveTicket();
    const steps: [string, (client: Y.Doc) => void][] = [
      ['status', (c) => setStatus(c, 'pending', actor, T0 + 1)],
      ['priority', (c) => setPriority(c, 'urgent', actor, T0 + 2)],
      ['assign', (c) => assign(c, actor.id, actor, T0 + 3)],
      ['tag added', (c) => addTag(c, 'Billing', actor, T0 + 4)],
      ['tag removed', (c) => removeTag(c, 'vpn', actor, T0 + 5)],
      ['reply', (c) => addThreadEntry(c, 'reply', 'On it', actor, T0 + 6)],
      ['inbound', (c) => addThreadEntry(c, 'inbound', 'Thanks', makeActor(), T0 + 7)],
      ['draft', (c) => ticketParts(c).draft.insert(0, 'Dear customer, ')],
      ['draft edit', (c) => ticketParts(c).draft.delete(0, 5)],
      ['handover', (c) => ticketParts(c).handover.insert(0, 'Call back at 9.')],
      ['sign handover', (c) => signHandover(c, makeActor().id, actor, T0 + 8)],
      ['solve', (c) => setStatus(c, 'solved', actor, T0 + 9)]
    ];
    for (const [name, step] of steps) {
      const update = updateFrom(live, step);
      expect([name, check(live, ref, update)]).toMatchObject([name, { ok: true, changed: true }]);
      Y.applyUpdate(live, update);
    }
    expect(readTicket(live)?.fields).toMatchObject({ status: 'solved', priority: 'urgent' });
  });

  it('says what an accepted update added, each value once, as the write guard reads it', () => {
    const { doc: live, fields, actor } = makeTicketDoc();
    // Two notes and a keystroke in one update: Yjs merges the second note's item into the
    // first once the update is in, so the values are read while it is applied.
    const update = updateFrom(live, (c) => {
      addThreadEntry(c, 'note', 'First', actor, T0 + 1);
      addThreadEntry(c, 'note', 'Second', actor, T0 + 2);
      ticketParts(c).draft.insert(0, 'Hi');
    });
    const scratch = copyOf(live);
    const verdict = applyChecked(scratch, ticketRef(fields.id), update);
    if (!verdict.ok || !verdict.changed) throw new Error('the update was not accepted');
    const valuesIn = (root: string) =>
      verdict.added.additions.filter((a) => a.root === root).flatMap((a) => a.values);
    expect(valuesIn('thread').map((entry) => (entry as { body: string }).body)).toEqual([
      'First',
      'Second'
    ]);
    expect(valuesIn('draft')).toEqual(['Hi']);
    // The same as comparing the two copies afterwards, which the guard no longer does.
    const since = addedSince(live, scratch);
    expect(verdict.added.entries).toBe(since.entries);
    expect(verdict.added.entries).toBe(valuesIn('thread').length + valuesIn('activity').length);
    expect(since.additions.flatMap((a) => a.values)).toEqual(
      verdict.added.additions.flatMap((a) => a.values)
    );
    expect(verdict.added.bytes).toBeGreaterThan(0);
  });

  it('lets the server, and only the server, set the number', () => {
    const { live, ref } = liveTicket();
    const update = updateFrom(live, (c) => assignNumber(c, 1042, SYSTEM_ACTOR, T0 + 1));
    expect(reasonOf(check(live, ref, update))).toBe('server-owned');
    expect(check(live, ref, update, { byServer: true })).toMatchObject({ ok: true, changed: true });
  });

  it('lets only the server log a service-level breach', () => {
    const { live, ref } = liveTicket();
    const update = updateFrom(live, (c) =>
      ticketParts(c).activity.push([
        { at: T0 + 1, actorId: SYSTEM_ACTOR.id, kind: 'sla-breach', from: 'firstReply', to: T0 }
      ])
    );
    expect(reasonOf(check(live, ref, update))).toBe('server-owned');
    expect(check(live, ref, update, { byServer: true })).toMatchObject({ ok: true, changed: true });
  });

  it('lets only the server record which service level applies', () => {
    const { live, ref, actor } = liveTicket();
    for (const actorId of [SYSTEM_ACTOR.id, actor.id]) {
      const update = updateFrom(live, (c) =>
        ticketParts(c).activity.push([
          { at: T0 + 1, actorId, kind: 'sla-policy', from: 'lenient', to: 'Lenient' }
        ])
      );
      expect(reasonOf(check(live, ref, update))).toBe('server-owned');
    }
    const byServer = updateFrom(live, (c) =>
      ticketParts(c).activity.push([
        { at: T0 + 1, actorId: SYSTEM_ACTOR.id, kind: 'sla-policy', from: 'urgent', to: 'Urgent' }
      ])
    );
    expect(check(live, ref, byServer, { byServer: true })).toMatchObject({
      ok: true,
      changed: true
    });
  });

  it("lets only the server log routing's reason for an assignment", () => {
    const { live, ref, actor } = liveTicket();
    // Also under the writer's own name: "assigned by routing" is never a member's to claim.
    for (const actorId of [SYSTEM_ACTOR.id, actor.id]) {
      const update = updateFrom(live, (c) =>
        ticketParts(c).activity.push([
          { at: T0 + 1, actorId, kind: 'routed', from: 'round-robin', to: 'finnish' }
        ])
      );
      expect(reasonOf(check(live, ref, update))).toBe('server-owned');
    }
    const byServer = updateFrom(live, (c) =>
      recordRouting(c, 'member-aino', { mode: 'round-robin', skills: ['finnish'] }, T0 + 1)
    );
    expect(check(live, ref, byServer, { byServer: true })).toMatchObject({
      ok: true,
      changed: true
    });
  });

  it('refuses a client that changes a number the server gave', () => {
    const { live, ref } = liveTicket();
    assignNumber(live, 7, SYSTEM_ACTOR, T0 + 1);
    const update = updateFrom(live, (c) => ticketParts(c).fields.set('number', 8));
    expect(reasonOf(check(live, ref, update))).toBe('server-owned');
  });
});

describe('applyChecked on a ticket: structure', () => {
  it.each([
    ['empty', new Uint8Array([])],
    ['one byte', new Uint8Array([1])],
    ['all ones', new Uint8Array(32).fill(255)],
    ['JSON text', new TextEncoder().encode('{"ticket":{"status":"open"}}')]
  ])('refuses %s bytes as undecodable', (_, bytes) => {
    const { live, ref } = liveTicket();
    expect(reasonOf(check(live, ref, bytes))).toBe('undecodable');
  });

  it('refuses random bytes as undecodable (seeded)', () => {
    const { live, ref } = liveTicket();
    for (let seed = 1; seed <= 200; seed++) {
      const rng = new Rng(seed);
      const bytes = rng.bytes(rng.int(2, 300));
      // Zero state updates and an empty delete set is a valid (empty) update.
      if (bytes[0] === 0) bytes[0] = 1 + rng.int(0, 254);
      expect([seed, reasonOf(check(live, ref, bytes))]).toEqual([seed, 'undecodable']);
    }
  });

  it('refuses every truncation of a valid update as undecodable', () => {
    const { doc, fields } = makeTicketDoc({
      tags: ['vpn'],
      firstMessage: { kind: 'inbound', body: 'Hello there', author: makeActor() }
    });
    const update = Y.encodeStateAsUpdate(doc);
    const verdicts = new Set<string>();
    for (let length = 0; length < update.length; length++) {
      const verdict = applyChecked(new Y.Doc(), ticketRef(fields.id), update.slice(0, length));
      verdicts.add(reasonOf(verdict));
    }
    expect([...verdicts]).toEqual(['undecodable']);
  });

  it.each([
    ['a Y.Map inside the fields', (c: Y.Doc) => ticketParts(c).fields.set('subject', new Y.Map())],
    ['a Y.Array in the thread', (c: Y.Doc) => ticketParts(c).thread.push([new Y.Array() as never])],
    ['a Y.Text as a tag value', (c: Y.Doc) => ticketParts(c).tags.set('x', new Y.Text() as never)],
    ['an embed in the draft', (c: Y.Doc) => ticketParts(c).draft.insertEmbed(0, { img: 'x' })],
    ['bold text in the draft', (c: Y.Doc) => ticketParts(c).draft.insert(0, 'hi', { bold: true })],
    [
      'formatting existing handover text',
      (c: Y.Doc) => {
        ticketParts(c).handover.insert(0, 'hello');
        ticketParts(c).handover.format(0, 5, { italic: true });
      }
    ],
    ['binary in the fields', (c: Y.Doc) => ticketParts(c).fields.set('blob', new Uint8Array([1]))],
    ['a sub-document', (c: Y.Doc) => ticketParts(c).fields.set('doc', new Y.Doc())]
  ])('refuses %s as unsupported-content', (_, change) => {
    const { live, ref } = liveTicket();
    expect(reasonOf(check(live, ref, updateFrom(live, change)))).toBe('unsupported-content');
  });

  it('refuses a root the ticket document does not have', () => {
    const { live, ref } = liveTicket();
    expect(
      reasonOf(
        check(
          live,
          ref,
          updateFrom(live, (c) => c.getMap('evil').set('a', 1))
        )
      )
    ).toBe('unknown-root');
    expect(
      reasonOf(
        check(
          live,
          ref,
          updateFrom(live, (c) => c.getText('notes').insert(0, 'x'))
        )
      )
    ).toBe('unknown-root');
  });

  it.each([
    ['array items in the fields map', (c: Y.Doc) => c.getArray('ticket').push(['x'])],
    ['array items in the tags map', (c: Y.Doc) => c.getArray('tags').push(['x'])],
    ['a key in the thread array', (c: Y.Doc) => c.getMap('thread').set('x', 1)],
    ['a key in the draft text', (c: Y.Doc) => c.getMap('draft').set('x', 'y')]
  ])('refuses %s as wrong-root-type', (_, change) => {
    // A fresh client that never defined the roots, as a hostile one would be.
    const { live, ref } = liveTicket();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(live));
    const before = Y.encodeStateVector(client);
    change(client);
    expect(reasonOf(check(live, ref, Y.encodeStateAsUpdate(client, before)))).toBe(
      'wrong-root-type'
    );
  });

  it('refuses an update whose dependencies the server has not seen', () => {
    const { doc, fields, actor } = makeTicketDoc();
    const creation = Y.encodeStateAsUpdate(doc);
    const second = updateFrom(doc, (c) => setStatus(c, 'open', actor, T0 + 1));
    const scratch = new Y.Doc();
    expect(reasonOf(applyChecked(scratch, ticketRef(fields.id), second))).toBe(
      'missing-dependencies'
    );
    // In order, both are fine.
    const inOrder = new Y.Doc();
    expect(applyChecked(inOrder, ticketRef(fields.id), creation).ok).toBe(true);
    expect(applyChecked(inOrder, ticketRef(fields.id), second).ok).toBe(true);
  });

  it('refuses a deletion of content the server has not seen', () => {
    const { live, ref } = liveTicket();
    const client = copyOf(live);
    ticketParts(client).draft.insert(0, 'unsent words');
    const before = Y.encodeStateVector(client);
    ticketParts(client).draft.delete(0, 7);
    const deletionOnly = Y.encodeStateAsUpdate(client, before);
    expect(reasonOf(check(live, ref, deletionOnly))).toBe('missing-dependencies');
  });
});

describe('applyChecked on a ticket: content rules', () => {
  it.each([
    ['an unknown status', (c: Y.Doc) => ticketParts(c).fields.set('status', 'exploded')],
    ['a numeric priority', (c: Y.Doc) => ticketParts(c).fields.set('priority', 5)],
    ['an empty subject', (c: Y.Doc) => ticketParts(c).fields.set('subject', '  ')],
    ['a bad assignee id', (c: Y.Doc) => ticketParts(c).fields.set('assigneeId', 'Bad Id')],
    ['a negative time', (c: Y.Doc) => ticketParts(c).fields.set('updatedAt', -1)],
    ['a deleted field', (c: Y.Doc) => ticketParts(c).fields.delete('subject')],
    ['an unknown field', (c: Y.Doc) => ticketParts(c).fields.set('payload', 'x'.repeat(1000))],
    [
      'a thread entry without a body',
      (c: Y.Doc) => {
        const { body: _body, ...entry } = makeThreadEntry();
        ticketParts(c).thread.push([entry as never]);
      }
    ],
    ['a thread entry that is a string', (c: Y.Doc) => ticketParts(c).thread.push(['hi' as never])],
    [
      'an activity of an unknown kind',
      (c: Y.Doc) =>
        ticketParts(c).activity.push([
          { at: T0, actorId: 'agent-0000001', kind: 'deleted-everything' } as never
        ])
    ],
    ['an uppercase tag', (c: Y.Doc) => ticketParts(c).tags.set('Billing', true)],
    ['a tag with a space', (c: Y.Doc) => ticketParts(c).tags.set('two words', true)],
    ['a tag that is not true', (c: Y.Doc) => ticketParts(c).tags.set('x', 'yes' as never)],
    [
      'a 51st tag',
      (c: Y.Doc) => {
        for (let i = 0; i < 50; i++) ticketParts(c).tags.set(`t${i}`, true);
      }
    ],
    ['a key over 200 characters', (c: Y.Doc) => ticketParts(c).tags.set('k'.repeat(201), true)],
    ['a broken handover meta', (c: Y.Doc) => ticketParts(c).handoverMeta.set('updatedAt', 'soon')],
    [
      'an unknown handover meta key',
      (c: Y.Doc) => {
        signHandover(c, null, makeActor(), T0 + 1);
        ticketParts(c).handoverMeta.set('extra', 'x');
      }
    ]
  ])('refuses %s as schema', (_, change) => {
    const { live, ref } = liveTicket();
    expect(reasonOf(check(live, ref, updateFrom(live, change)))).toBe('schema');
  });

  it.each([
    ['a thread entry', (c: Y.Doc) => ticketParts(c).thread.delete(0, 1)],
    ['an activity entry', (c: Y.Doc) => ticketParts(c).activity.delete(0, 1)],
    [
      'a thread entry, replaced by a forgery',
      (c: Y.Doc) => {
        ticketParts(c).thread.delete(0, 1);
        ticketParts(c).thread.insert(0, [makeThreadEntry({ body: 'I never said that' })]);
      }
    ]
  ])('refuses deleting %s as append-only', (_, change) => {
    const { live, ref } = liveTicket();
    expect(reasonOf(check(live, ref, updateFrom(live, change)))).toBe('append-only');
    expect(reasonOf(check(live, ref, updateFrom(live, change), { byServer: true }))).toBe(
      'append-only'
    );
  });

  it('refuses a client that creates a ticket with a number', () => {
    const { doc, fields } = makeTicketDoc();
    ticketParts(doc).fields.set('number', 1);
    expect(
      reasonOf(applyChecked(new Y.Doc(), ticketRef(fields.id), Y.encodeStateAsUpdate(doc)))
    ).toBe('server-owned');
  });

  it('refuses moving a ticket to another workspace, even from the server', () => {
    const { live, ref } = liveTicket();
    const update = updateFrom(live, (c) =>
      ticketParts(c).fields.set('workspaceId', 'ws-other-0001')
    );
    expect(reasonOf(check(live, ref, update))).toBe('server-owned');
    expect(reasonOf(check(live, ref, update, { byServer: true }))).toBe('server-owned');
  });

  it('refuses a ticket whose id is not the document name', () => {
    const { doc } = makeTicketDoc({ id: 'ticket-aaaaaaaa' });
    const update = Y.encodeStateAsUpdate(doc);
    expect(reasonOf(applyChecked(new Y.Doc(), ticketRef('ticket-bbbbbbbb'), update))).toBe(
      'id-mismatch'
    );
    const { live, ref } = liveTicket();
    const rename = updateFrom(live, (c) => ticketParts(c).fields.set('id', 'ticket-cccccccc'));
    expect(reasonOf(check(live, ref, rename))).toBe('id-mismatch');
  });

  it('refuses writing to an empty ticket document without creating the ticket', () => {
    const empty = new Y.Doc();
    const ref = ticketRef('ticket-empty-01');
    expect(
      reasonOf(
        check(
          empty,
          ref,
          updateFrom(empty, (c) => ticketParts(c).draft.insert(0, 'hi'))
        )
      )
    ).toBe('not-a-ticket');
    expect(
      reasonOf(
        check(
          empty,
          ref,
          updateFrom(empty, (c) => ticketParts(c).thread.push([makeThreadEntry()]))
        )
      )
    ).toBe('not-a-ticket');
  });

  it('caps the draft at 100,000 and the handover at 20,000 characters', () => {
    const { live, ref } = liveTicket();
    const draft = (length: number) =>
      updateFrom(live, (c) => ticketParts(c).draft.insert(0, 'x'.repeat(length)));
    const handover = (length: number) =>
      updateFrom(live, (c) => ticketParts(c).handover.insert(0, 'x'.repeat(length)));
    expect(check(live, ref, draft(100_000))).toMatchObject({ ok: true, changed: true });
    expect(reasonOf(check(live, ref, draft(100_001)))).toBe('too-large');
    expect(check(live, ref, handover(20_000))).toMatchObject({ ok: true, changed: true });
    expect(reasonOf(check(live, ref, handover(20_001)))).toBe('too-large');
  });
});

describe('applyChecked on a ticket: email', () => {
  const mail = {
    messageId: '<a1@example.com>',
    from: 'hanna@example.com',
    fromName: 'Hanna',
    to: ['support@example.com'],
    cc: [],
    subject: 'VPN',
    date: T0,
    quoted: '',
    html: null,
    remoteImages: false,
    attachments: [],
    followUpOf: null,
    bounce: null
  };
  const sent = { state: 'sent', at: T0, attempts: 1, reason: null, messageId: '<r@x>' } as const;

  it('accepts a reply with recipients from a client', () => {
    const { live, ref, actor } = liveTicket();
    const update = updateFrom(live, (c) =>
      addThreadEntry(c, 'reply', 'Try again', actor, T0 + 1, {
        recipients: { to: ['hanna@example.com'], cc: ['boss@example.com'] }
      })
    );
    expect(reasonOf(check(live, ref, update))).toBe('accepted');
  });

  it('refuses an entry made from email unless the server writes it', () => {
    const { live, ref } = liveTicket();
    const update = updateFrom(live, (c) =>
      addThreadEntry(c, 'inbound', 'Forged', makeActor(), T0 + 1, { mail })
    );
    expect(reasonOf(check(live, ref, update))).toBe('server-owned');
    expect(reasonOf(check(live, ref, update, { byServer: true }))).toBe('accepted');
  });

  it('refuses recipients on a note, even when the domain check is bypassed', () => {
    const { live, ref, actor } = liveTicket();
    const update = updateFrom(live, (c) =>
      ticketParts(c).thread.push([
        {
          ...makeThreadEntry({ kind: 'note', authorId: actor.id }),
          recipients: { to: ['a@example.com'], cc: [] }
        }
      ])
    );
    expect(reasonOf(check(live, ref, update))).toBe('schema');
  });

  it('lets only the server write delivery states, and only valid ones', () => {
    const { live, ref } = liveTicket();
    const entryId = readTicket(live)?.thread[0]?.id ?? '';
    const forged = updateFrom(live, (c) => setDelivery(c, entryId, sent));
    expect(reasonOf(check(live, ref, forged))).toBe('server-owned');
    expect(reasonOf(check(live, ref, forged, { byServer: true }))).toBe('accepted');
    const bad = updateFrom(live, (c) =>
      ticketParts(c).delivery.set(entryId, { ...sent, state: 'delivered' } as never)
    );
    expect(reasonOf(check(live, ref, bad, { byServer: true }))).toBe('schema');
  });
});

describe('applyChecked on the index', () => {
  function liveIndex() {
    const live = new Y.Doc();
    putSummary(live, makeSummary({ id: 'ticket-in-index' }));
    putMember(live, makeMember({ id: 'member-in-index' }));
    putCustomer(live, makeCustomer({ id: 'customer-in-index' }));
    return live;
  }

  it('accepts valid summaries, members and customers', () => {
    const live = liveIndex();
    expect(check(new Y.Doc(), indexRef, Y.encodeStateAsUpdate(live))).toMatchObject({
      ok: true,
      changed: true
    });
    const update = updateFrom(live, (c) => {
      putSummary(c, makeSummary({ id: 'ticket-in-index', status: 'solved', solvedAt: T0 }));
      putSummary(c, makeSummary({ id: 'ticket-with-due', nextDueAt: T0, dueWarnAt: T0 - 1 }));
      putMember(c, makeMember());
      putCustomer(c, makeCustomer());
    });
    expect(check(live, indexRef, update)).toMatchObject({ ok: true, changed: true });
  });

  it.each([
    [
      'a summary with an unknown status',
      (c: Y.Doc) =>
        indexParts(c).tickets.set('ticket-in-index', {
          ...makeSummary({ id: 'ticket-in-index' }),
          status: 'x'
        } as never)
    ],
    [
      'a summary with a key the schema does not know',
      (c: Y.Doc) =>
        indexParts(c).tickets.set('ticket-in-index', {
          ...makeSummary({ id: 'ticket-in-index' }),
          payload: 'x'.repeat(1000)
        } as never)
    ],
    [
      'a summary whose due time is not a time',
      (c: Y.Doc) =>
        indexParts(c).tickets.set('ticket-in-index', {
          ...makeSummary({ id: 'ticket-in-index' }),
          nextDueAt: 'tomorrow'
        } as never)
    ],
    [
      'a summary whose due time is null',
      (c: Y.Doc) =>
        indexParts(c).tickets.set('ticket-in-index', {
          ...makeSummary({ id: 'ticket-in-index' }),
          dueWarnAt: null
        } as never)
    ],
    [
      'a summary that is a string',
      (c: Y.Doc) => indexParts(c).tickets.set('ticket-x1234567', 'hi' as never)
    ],
    [
      'a summary without tags',
      (c: Y.Doc) => {
        const { tags: _tags, ...summary } = makeSummary({ id: 'ticket-no-tags' });
        indexParts(c).tickets.set('ticket-no-tags', summary as never);
      }
    ],
    [
      'a member in an unknown zone',
      (c: Y.Doc) =>
        indexParts(c).members.set('member-zone-01', {
          ...makeMember({ id: 'member-zone-01' }),
          timeZone: 'Mars/Base'
        })
    ],
    [
      'a customer without an email',
      (c: Y.Doc) =>
        indexParts(c).customers.set('customer-noemail', {
          id: 'customer-noemail',
          name: 'X'
        } as never)
    ]
  ])('refuses %s as schema', (_, change) => {
    const live = liveIndex();
    expect(reasonOf(check(live, indexRef, updateFrom(live, change)))).toBe('schema');
  });

  it.each([
    [
      'tickets',
      (c: Y.Doc) =>
        indexParts(c).tickets.set('ticket-key-000001', makeSummary({ id: 'ticket-other-0001' }))
    ],
    ['members', (c: Y.Doc) => indexParts(c).members.set('member-key-000001', makeMember())],
    ['customers', (c: Y.Doc) => indexParts(c).customers.set('customer-key-0001', makeCustomer())]
  ])('refuses %s stored under a key that is not their id', (_, change) => {
    const live = liveIndex();
    expect(reasonOf(check(live, indexRef, updateFrom(live, change)))).toBe('id-mismatch');
  });

  it.each([
    ['a summary', (c: Y.Doc) => indexParts(c).tickets.delete('ticket-in-index')],
    ['a member', (c: Y.Doc) => indexParts(c).members.delete('member-in-index')],
    ['a customer', (c: Y.Doc) => indexParts(c).customers.delete('customer-in-index')]
  ])('lets only the server delete %s', (_, change) => {
    const live = liveIndex();
    const update = updateFrom(live, change);
    expect(reasonOf(check(live, indexRef, update))).toBe('server-owned');
    expect(check(live, indexRef, update, { byServer: true })).toMatchObject({
      ok: true,
      changed: true
    });
  });

  it('refuses ticket roots in the index', () => {
    const live = liveIndex();
    expect(
      reasonOf(
        check(
          live,
          indexRef,
          updateFrom(live, (c) => c.getText('draft').insert(0, 'x'))
        )
      )
    ).toBe('unknown-root');
  });
});

describe('applyChecked on other documents', () => {
  it('refuses an article body written as plain text (rich text holds editor nodes)', () => {
    const doc = new Y.Doc();
    doc.getText('body').insert(0, 'How to reset a password');
    expect(
      reasonOf(
        applyChecked(
          new Y.Doc(),
          { kind: 'article', articleId: 'article-0001' },
          Y.encodeStateAsUpdate(doc)
        )
      )
    ).toBe('unsupported-content');
  });
});

describe('applyChecked on the settings document', () => {
  const settingsRef: DocRef = { kind: 'settings', workspaceId: WORKSPACE_ID };
  const calendar = {
    id: 'helsinki',
    name: 'Helsinki office',
    ...defaultCalendar('Europe/Helsinki')
  };
  const policy = {
    id: 'urgent',
    name: 'Urgent tickets',
    position: 1,
    conditions: { priorities: ['urgent'] },
    targets: { firstReply: { minutes: 60, time: 'business' } },
    calendarId: 'helsinki',
    warnAtPercent: 75,
    pauseStatuses: ['pending']
  };
  const view = {
    id: 'my-urgent',
    name: 'My urgent tickets',
    base: 'mine',
    filter: { priority: 'urgent', assignee: null, tag: null },
    sort: 'age',
    position: 2
  };
  const cannedReply = { id: 'thanks', name: 'Thanks', body: 'Thank you for writing to us.' };

  /** An admin's update that writes `record` under its id into `root`, on `live`. */
  function write(root: string, record: { id: string } | unknown, key?: string, live = new Y.Doc()) {
    const id = key ?? (record as { id: string }).id;
    return check(
      live,
      settingsRef,
      updateFrom(live, (doc) => doc.getMap(root).set(id, record))
    );
  }

  it('accepts a valid record in each root: calendars, SLA policies, views, canned replies', () => {
    expect(write('calendars', calendar)).toMatchObject({ ok: true, changed: true });
    expect(write('slaPolicies', policy)).toMatchObject({ ok: true, changed: true });
    expect(write('views', view)).toMatchObject({ ok: true, changed: true });
    expect(write('cannedReplies', cannedReply)).toMatchObject({ ok: true, changed: true });
  });

  it('accepts the records the app writes today (a view with a name only)', () => {
    // The shape the authorization matrix test writes for an admin.
    expect(reasonOf(write('views', { id: 'view-admin', name: 'admin' }))).toBe('accepted');
    expect(reasonOf(write('views', { ...view, id: 'by-due', sort: 'due' }))).toBe('accepted');
  });

  it('refuses a root the settings do not define, also one the old layout allowed', () => {
    for (const root of ['routingRules', 'businessHours', 'secrets']) {
      const verdict = write(root, { id: 'x-1', name: 'Anything' });
      expect(reasonOf(verdict), root).toBe('unknown-root');
    }
    // Automations are a root now (#15.8): a record that is not a rule is refused by its schema.
    expect(reasonOf(write('automations', { id: 'x-1', name: 'Anything' }))).toBe('schema');
  });

  it('refuses a record with a key its schema does not name, naming it', () => {
    const verdict = write('views', { ...view, colour: 'red' });
    expect(reasonOf(verdict)).toBe('schema');
    expect(verdict.ok ? '' : verdict.detail).toMatch(/^views: .*colour/);
    // The loose layout let an admin put anything beside an id and a name.
    expect(
      reasonOf(write('slaPolicies', { id: 'sla-1', name: 'Default', firstReplyMinutes: 60 }))
    ).toBe('schema');
    expect(reasonOf(write('cannedReplies', { ...cannedReply, script: '<script>' }))).toBe('schema');
  });

  it('refuses a record that fails its schema, naming the field', () => {
    const noTargets = write('slaPolicies', { ...policy, targets: {} });
    expect(noTargets).toEqual({
      ok: false,
      reason: 'schema',
      detail: 'slaPolicies: targets: a policy needs at least one target'
    });
    expect(reasonOf(write('calendars', { ...calendar, timeZone: 'Europe/Atlantis' }))).toBe(
      'schema'
    );
    expect(reasonOf(write('views', { ...view, sort: 'random' }))).toBe('schema');
    // What the service-levels page could be made to send wrong.
    const overlapping = {
      ...calendar,
      week: {
        ...calendar.week,
        tue: [
          ['09:00', '13:00'],
          ['12:00', '17:00']
        ]
      }
    };
    expect(write('calendars', overlapping)).toMatchObject({
      reason: 'schema',
      detail: expect.stringContaining('week.tue: intervals overlap') as string
    });
    expect(reasonOf(write('calendars', { ...calendar, holidays: ['2026-02-30'] }))).toBe('schema');
    expect(reasonOf(write('slaPolicies', { ...policy, warnAtPercent: 100 }))).toBe('schema');
    expect(reasonOf(write('slaPolicies', { ...policy, pauseStatuses: ['solved'] }))).toBe('schema');
    expect(
      reasonOf(
        write('slaPolicies', {
          ...policy,
          targets: { firstReply: { minutes: 0, time: 'business' } }
        })
      )
    ).toBe('schema');
    expect(reasonOf(write('cannedReplies', { id: 'empty', name: 'No text' }))).toBe('schema');
    expect(reasonOf(write('views', 'just a string', 'view-1'))).toBe('schema');
  });

  it('refuses a record stored under a key that is not its id', () => {
    expect(reasonOf(write('views', view, 'someone-elses-view'))).toBe('id-mismatch');
  });

  describe('the routing root', () => {
    const assignment = { kind: 'assignment', id: 'assignment', mode: 'round-robin', capacity: 5 };
    const rule = {
      kind: 'skill-rule',
      id: 'finnish',
      name: 'Finnish speakers',
      position: 1,
      when: { languages: ['fi'] },
      skills: ['finnish']
    };
    const turn = { kind: 'turn', id: 'round-robin', lastMemberId: 'member-aino', at: 1 };

    it('accepts the assignment mode and skill rules', () => {
      expect(write('routing', assignment)).toMatchObject({ ok: true, changed: true });
      expect(write('routing', { ...assignment, mode: 'manual', capacity: null })).toMatchObject({
        ok: true,
        changed: true
      });
      expect(write('routing', rule)).toMatchObject({ ok: true, changed: true });
      expect(
        reasonOf(
          write('routing', { ...rule, id: 'vip', when: { channels: ['email'], tags: ['vip'] } })
        )
      ).toBe('accepted');
    });

    it('refuses each bad field, naming it', () => {
      const cases: [unknown, string][] = [
        [{ ...assignment, mode: 'random' }, 'routing: mode: '],
        [{ ...assignment, capacity: 0 }, 'routing: capacity: '],
        [{ ...assignment, capacity: 2.5 }, 'routing: capacity: '],
        [{ ...assignment, capacity: '5' }, 'routing: capacity: '],
        [{ ...assignment, colour: 'red' }, 'routing: '],
        [{ ...rule, when: {} }, 'routing: when: a rule needs at least one condition'],
        [
          { ...rule, when: { languages: [] } },
          'routing: when: a rule needs at least one condition'
        ],
        [{ ...rule, when: { languages: ['klingon'] } }, 'routing: when.languages.0: '],
        [{ ...rule, when: { channels: ['pigeon'] } }, 'routing: when.channels.0: '],
        [{ ...rule, when: { tags: ['two words'] } }, 'routing: when.tags.0: '],
        [{ ...rule, when: { languages: ['fi'], weather: 'rain' } }, 'routing: when: '],
        [{ ...rule, skills: [] }, 'routing: skills: a rule needs at least one skill'],
        [{ ...rule, skills: ['a,b'] }, 'routing: skills.0: '],
        [{ ...rule, name: '   ' }, 'routing: name: '],
        [{ ...rule, position: Infinity }, 'routing: position: '],
        [{ ...rule, kind: 'wish' }, 'routing: kind: '],
        [{ id: 'finnish', name: 'No kind' }, 'routing: kind: ']
      ];
      for (const [record, detail] of cases) {
        const verdict = write('routing', record, 'finnish');
        expect(verdict, JSON.stringify(record)).toMatchObject({ ok: false, reason: 'schema' });
        expect(verdict.ok ? '' : verdict.detail, JSON.stringify(record)).toContain(detail);
      }
      // A skill rule cannot take the assignment record's key.
      expect(reasonOf(write('routing', { ...rule, id: 'assignment' }))).toBe('schema');
      expect(reasonOf(write('routing', assignment, 'other'))).toBe('id-mismatch');
      expect(reasonOf(write('routing', rule, 'someone-elses'))).toBe('id-mismatch');
      for (const garbage of [null, 42, 'round-robin', [assignment], { kind: null }]) {
        expect(reasonOf(write('routing', garbage, 'assignment')), String(garbage)).toBe('schema');
      }
    });

    it("refuses an admin's write or removal of the round-robin turn (the server keeps it)", () => {
      expect(write('routing', turn)).toMatchObject({ ok: false, reason: 'server-owned' });
      expect(
        reasonOf(
          check(
            new Y.Doc(),
            settingsRef,
            updateFrom(new Y.Doc(), (doc) => doc.getMap('routing').set('round-robin', turn)),
            { byServer: true }
          )
        )
      ).toBe('accepted');
      const live = new Y.Doc();
      live.getMap('routing').set(turn.id, turn);
      const removal = updateFrom(live, (doc) => doc.getMap('routing').delete(turn.id));
      expect(reasonOf(check(live, settingsRef, removal))).toBe('server-owned');
    });
  });

  it('lets an admin change and remove records', () => {
    const live = new Y.Doc();
    live.getMap('views').set(view.id, view);
    live.getMap('cannedReplies').set(cannedReply.id, cannedReply);
    expect(reasonOf(write('views', { ...view, name: 'Renamed' }, view.id, live))).toBe('accepted');
    const removal = updateFrom(live, (doc) => doc.getMap('cannedReplies').delete(cannedReply.id));
    expect(reasonOf(check(live, settingsRef, removal))).toBe('accepted');
  });
});
