import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SIDE_CAPS,
  SideConversationError,
  addSideParticipants,
  mayPostIn,
  newSideMembers,
  participantsIn,
  mayStartSideConversation,
  postSideMessage,
  readSideConversations,
  sideAudiences,
  sideParts,
  startSideConversation
} from './side-conversation';
import { applyChecked, type UpdateVerdict } from './update-check';
import { onlyAddsNotes } from './note-check';
import { authorshipProblem } from './authorship';
import { ticketParts } from './ticket';
import { MINUTE, T0, makeActor, makeTicketDoc } from './testing/factories';
import { wrongKindUpdate } from './testing/bad-updates';

const aino = makeActor({ id: 'member-aino-01', name: 'Aino Virtanen' });
const mads = makeActor({ id: 'member-mads-01', name: 'Mads Nielsen' });
const expert = makeActor({ id: 'member-expert1', name: 'Eeva Expert' });
const outsider = makeActor({ id: 'member-other1', name: 'Otto Other' });

function copyOf(source: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}

function ticketWithConversation() {
  const { doc } = makeTicketDoc({}, aino);
  const id = startSideConversation(
    doc,
    { subject: 'Is this a firmware bug?', participantIds: [expert.id], body: 'Eeva, have a look?' },
    aino,
    T0 + MINUTE
  );
  return {
    doc,
    id,
    ref: { kind: 'ticket' as const, ticketId: ticketParts(doc).fields.get('id') as string }
  };
}

/** `change` made on a client copy of `live`, checked on a scratch copy as the server does. */
function check(live: Y.Doc, ticketId: string, change: (client: Y.Doc) => void) {
  const client = copyOf(live);
  const sv = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, sv);
  const scratch = copyOf(live);
  const verdict: UpdateVerdict = applyChecked(scratch, { kind: 'ticket', ticketId }, update);
  return { verdict, scratch };
}

describe('side conversations in the ticket document', () => {
  it('starts a conversation with its first message and takes answers', () => {
    const { doc, id } = ticketWithConversation();
    postSideMessage(doc, id, 'Yes: update to 4.2.', expert, T0 + 2 * MINUTE);
    const [view] = readSideConversations(doc);
    expect(view?.conversation.subject).toBe('Is this a firmware bug?');
    expect(view?.participants).toEqual([aino.id, expert.id]);
    expect(view?.messages.map((m) => [m.authorName, m.body])).toEqual([
      ['Aino Virtanen', 'Eeva, have a look?'],
      ['Eeva Expert', 'Yes: update to 4.2.']
    ]);
  });

  it('refuses an empty subject, nobody to talk with, an empty message, an unknown conversation', () => {
    const { doc } = makeTicketDoc({}, aino);
    const start = (subject: string, participantIds: string[], body: string) => () =>
      startSideConversation(doc, { subject, participantIds, body }, aino, T0);
    expect(start(' ', [mads.id], 'Hi')).toThrow(SideConversationError);
    expect(start('Help', [aino.id], 'Hi')).toThrow(/whom/);
    expect(start('Help', [mads.id], '   ')).toThrow(/Write a message/);
    expect(() => postSideMessage(doc, 'no-such-conversation', 'Hi', aino, T0)).toThrow(
      /not on the ticket/
    );
    expect(sideParts(doc).conversations.size).toBe(0);
    expect(sideParts(doc).messages.length).toBe(0);
  });

  it('merges messages written offline by two members, in the same order everywhere', () => {
    const { doc, id } = ticketWithConversation();
    const one = copyOf(doc);
    const two = copyOf(doc);
    postSideMessage(one, id, 'From the train', mads, T0 + 3 * MINUTE);
    postSideMessage(two, id, 'From the lab', expert, T0 + 3 * MINUTE);
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    const bodies = (d: Y.Doc) => readSideConversations(d)[0]?.messages.map((m) => m.body);
    expect(bodies(one)).toEqual(bodies(two));
    expect(bodies(one)).toHaveLength(3);
  });

  it('who writes: agents anywhere, a light agent only where named, viewers nowhere', () => {
    const { doc, id } = ticketWithConversation();
    const conversation = readSideConversations(doc).find(
      (v) => v.conversation.id === id
    )?.participants;
    expect(conversation).toBeDefined();
    if (!conversation) return;
    expect(mayStartSideConversation('agent')).toBe(true);
    expect(mayStartSideConversation('light-agent')).toBe(false);
    expect(mayStartSideConversation('viewer')).toBe(false);
    expect(mayPostIn('agent', mads.id, conversation)).toBe(true);
    expect(mayPostIn('light-agent', expert.id, conversation)).toBe(true);
    expect(mayPostIn('light-agent', outsider.id, conversation)).toBe(false);
    expect(mayPostIn('viewer', expert.id, conversation)).toBe(false);
    expect(mayPostIn(null, expert.id, conversation)).toBe(false);
  });
});

describe('the update check and the write guard’s rules', () => {
  it('accepts a conversation and a message', () => {
    const { doc, ref } = ticketWithConversation();
    const id = readSideConversations(doc)[0]?.conversation.id ?? '';
    const { verdict } = check(doc, ref.ticketId, (c) =>
      postSideMessage(c, id, 'More detail', mads, T0 + 5 * MINUTE)
    );
    expect(verdict).toMatchObject({ ok: true, changed: true });
    const started = check(doc, ref.ticketId, (c) =>
      startSideConversation(
        c,
        { subject: 'Second', participantIds: [mads.id], body: 'Hi' },
        aino,
        T0
      )
    );
    expect(started.verdict).toMatchObject({ ok: true, changed: true });
  });

  it('refuses a rewritten or removed conversation, a removed message, garbage', () => {
    const { doc, id, ref } = ticketWithConversation();
    const record = sideParts(doc).conversations.get(id) as Record<string, unknown>;
    const cases: [string, (c: Y.Doc) => void, string][] = [
      [
        'rewrite',
        (c) => sideParts(c).conversations.set(id, { ...record, participantIds: [outsider.id] }),
        'append-only'
      ],
      ['remove', (c) => sideParts(c).conversations.delete(id), 'append-only'],
      ['remove message', (c) => sideParts(c).messages.delete(0, 1), 'append-only'],
      [
        'wrong key',
        (c) => sideParts(c).conversations.set('other-key-0001', { ...record }),
        'id-mismatch'
      ],
      [
        'bad record',
        (c) => sideParts(c).conversations.set('new-conv-0001', { id: 'new-conv-0001' }),
        'schema'
      ],
      [
        'extra key',
        (c) =>
          sideParts(c).conversations.set('new-conv-0002', {
            ...record,
            id: 'new-conv-0002',
            secret: 1
          }),
        'schema'
      ],
      [
        'twice',
        (c) =>
          sideParts(c).conversations.set('new-conv-0003', {
            ...record,
            id: 'new-conv-0003',
            participantIds: [mads.id, mads.id]
          }),
        'schema'
      ],
      [
        'orphan',
        (c) =>
          sideParts(c).messages.push([
            {
              id: 'message-000001',
              conversationId: 'nowhere-00001',
              authorId: mads.id,
              authorName: 'Mads',
              body: 'x',
              createdAt: T0
            }
          ]),
        'schema'
      ],
      [
        'empty body',
        (c) =>
          sideParts(c).messages.push([
            {
              id: 'message-000002',
              conversationId: id,
              authorId: mads.id,
              authorName: 'Mads',
              body: ' ',
              createdAt: T0
            }
          ]),
        'schema'
      ],
      [
        'double mention',
        (c) =>
          sideParts(c).messages.push([
            {
              id: 'message-000003',
              conversationId: id,
              authorId: mads.id,
              authorName: 'Mads',
              body: 'x',
              createdAt: T0,
              mentions: [aino.id, aino.id]
            }
          ]),
        'schema'
      ],
      ['not an object', (c) => sideParts(c).messages.push(['hello' as never]), 'schema'],
      [
        'huge',
        (c) =>
          sideParts(c).messages.push([
            {
              id: 'message-000004',
              conversationId: id,
              authorId: mads.id,
              authorName: 'Mads',
              body: 'x'.repeat(20_001),
              createdAt: T0
            }
          ]),
        'schema'
      ]
    ];
    for (const [name, change, reason] of cases) {
      const { verdict } = check(doc, ref.ticketId, change);
      expect([name, verdict.ok ? 'ok' : verdict.reason]).toEqual([name, reason]);
    }
  });

  it('refuses text or nested content in the side roots', () => {
    const { doc, ref } = ticketWithConversation();
    for (const root of ['sideConversations', 'sideMessages']) {
      const update = wrongKindUpdate(doc, root, 'nested');
      const verdict = applyChecked(copyOf(doc), ref, update);
      expect([root, verdict.ok]).toEqual([root, false]);
    }
  });

  it('a light agent: a message where named passes, elsewhere or anything else does not', () => {
    const { doc, id, ref } = ticketWithConversation();
    const other = startSideConversation(
      doc,
      { subject: 'Agents only', participantIds: [mads.id], body: 'Between us' },
      aino,
      T0
    );
    const answer = check(doc, ref.ticketId, (c) => postSideMessage(c, id, 'It is', expert, T0));
    expect(answer.verdict.ok).toBe(true);
    expect(onlyAddsNotes(doc, answer.scratch, expert.id)).toBe(true);
    expect(authorshipProblem(doc, answer.scratch, expert.id)).toBeNull();
    // Without knowing the writer, the old rule holds: notes only.
    expect(onlyAddsNotes(doc, answer.scratch)).toBe(false);

    const elsewhere = check(doc, ref.ticketId, (c) => postSideMessage(c, other, 'Hi', expert, T0));
    expect(elsewhere.verdict.ok).toBe(true);
    expect(onlyAddsNotes(doc, elsewhere.scratch, expert.id)).toBe(false);

    const notNamed = check(doc, ref.ticketId, (c) =>
      postSideMessage(c, id, 'Me too', outsider, T0)
    );
    expect(onlyAddsNotes(doc, notNamed.scratch, outsider.id)).toBe(false);

    const started = check(doc, ref.ticketId, (c) =>
      startSideConversation(
        c,
        { subject: 'Mine', participantIds: [mads.id], body: 'Hi' },
        expert,
        T0
      )
    );
    expect(onlyAddsNotes(doc, started.scratch, expert.id)).toBe(false);

    const withDraft = check(doc, ref.ticketId, (c) => {
      postSideMessage(c, id, 'And the reply', expert, T0);
      ticketParts(c).draft.insert(0, 'Dear customer');
    });
    expect(onlyAddsNotes(doc, withDraft.scratch, expert.id)).toBe(false);
  });

  it('messages and conversations are signed by their writer', () => {
    const { doc, id, ref } = ticketWithConversation();
    const forged = check(doc, ref.ticketId, (c) => postSideMessage(c, id, 'As Aino', aino, T0));
    expect(authorshipProblem(doc, forged.scratch, mads.id)).toMatch(/signed by the member/);
    const started = check(doc, ref.ticketId, (c) =>
      startSideConversation(c, { subject: 'x', participantIds: [expert.id], body: 'Hi' }, aino, T0)
    );
    expect(authorshipProblem(doc, started.scratch, mads.id)).toMatch(/signed by the member/);
    expect(authorshipProblem(doc, started.scratch, aino.id)).toBeNull();
  });
});

describe('adding people to a side conversation later', () => {
  const lars = makeActor({ id: 'member-lars-01', name: 'Lars Berg' });

  it('adds them with an "added" line; they are in it from then; nobody new writes nothing', () => {
    const { doc, id } = ticketWithConversation();
    const added = addSideParticipants(doc, id, [lars.id, expert.id], aino, T0 + 3 * MINUTE);
    expect(added?.memberIds).toEqual([lars.id]);
    postSideMessage(doc, id, 'Lars, you know this printer', aino, T0 + 4 * MINUTE);
    const [view] = readSideConversations(doc);
    expect(view?.participants).toEqual([aino.id, expert.id, lars.id]);
    expect(participantsIn(doc, id)).toEqual([aino.id, expert.id, lars.id]);
    expect(
      view?.timeline.map((e) =>
        e.kind === 'message' ? e.message.body : `${e.addition.authorName} + ${e.addition.memberIds}`
      )
    ).toEqual(['Eeva, have a look?', `Aino Virtanen + ${lars.id}`, 'Lars, you know this printer']);
    expect(mayPostIn('light-agent', lars.id, view?.participants ?? [])).toBe(true);
    // Whom each entry concerns: the first message not Lars (he came later), the line only him.
    const audiences = sideAudiences(doc);
    const [firstMessage, line, after] = view?.timeline ?? [];
    expect(firstMessage?.kind === 'message' && audiences.get(firstMessage.message.id)).toEqual([
      aino.id,
      expert.id
    ]);
    expect(line?.kind === 'added' && audiences.get(line.addition.id)).toEqual([lars.id]);
    expect(after?.kind === 'message' && audiences.get(after.message.id)).toEqual([
      aino.id,
      expert.id,
      lars.id
    ]);

    const length = sideParts(doc).messages.length;
    expect(addSideParticipants(doc, id, [lars.id, aino.id], mads, T0)).toBeNull();
    expect(sideParts(doc).messages.length).toBe(length);
    expect(() => addSideParticipants(doc, 'no-such-conversation', [lars.id], aino, T0)).toThrow(
      /not on the ticket/
    );
    const crowd = Array.from({ length: SIDE_CAPS.members }, (_, i) => `member-crowd-${i + 10}`);
    expect(() => addSideParticipants(doc, id, crowd, aino, T0)).toThrow(/at most 40/);
  });

  it('two agents adding the same person offline converge to one participant and one line', () => {
    const { doc, id } = ticketWithConversation();
    const one = copyOf(doc);
    const two = copyOf(doc);
    addSideParticipants(one, id, [lars.id], aino, T0 + 3 * MINUTE);
    addSideParticipants(two, id, [lars.id, mads.id], mads, T0 + 3 * MINUTE);
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    const [a] = readSideConversations(one);
    const [b] = readSideConversations(two);
    expect(a?.participants.filter((m) => m === lars.id)).toHaveLength(1);
    expect(a?.participants.toSorted()).toEqual([aino.id, expert.id, lars.id, mads.id].toSorted());
    expect(b).toEqual(a);
    const lines = a?.timeline.filter((e) => e.kind === 'added') ?? [];
    // Both additions are kept in the log; Lars is named by the first only.
    expect(lines.flatMap((e) => (e.kind === 'added' ? e.addition.memberIds : []))).toEqual(
      expect.arrayContaining([lars.id, mads.id])
    );
    expect(
      lines
        .flatMap((e) => (e.kind === 'added' ? e.addition.memberIds : []))
        .filter((m) => m === lars.id)
    ).toHaveLength(1);
  });

  it('the update check accepts an addition and refuses bad ones, naming the field', () => {
    const { doc, id, ref } = ticketWithConversation();
    const ok = check(doc, ref.ticketId, (c) => addSideParticipants(c, id, [lars.id], aino, T0));
    expect(ok.verdict).toMatchObject({ ok: true, changed: true });
    expect([...newSideMembers(doc, ok.scratch)]).toEqual([lars.id]);

    const good = {
      id: 'addition-0001',
      kind: 'added',
      conversationId: id,
      authorId: aino.id,
      authorName: aino.name,
      memberIds: [lars.id],
      createdAt: T0
    };
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['a member twice', { ...good, memberIds: [lars.id, lars.id] }, /memberIds/],
      ['nobody', { ...good, memberIds: [] }, /memberIds/],
      ['a member id that is not an id', { ...good, memberIds: ['<script>'] }, /memberIds/],
      ['an unknown conversation', { ...good, conversationId: 'conversation-gone' }, /not on this/],
      ['a stray field', { ...good, role: 'admin' }, /side addition/],
      ['another kind', { ...good, kind: 'removed' }, /side addition/],
      ['no author name', { ...good, authorName: '' }, /authorName/]
    ];
    for (const [what, value, detail] of cases) {
      const { verdict } = check(doc, ref.ticketId, (c) => sideParts(c).messages.push([value]));
      expect(verdict.ok, what).toBe(false);
      if (!verdict.ok) expect(verdict.detail, what).toMatch(detail);
    }
    const removed = check(doc, ref.ticketId, (c) => {
      addSideParticipants(c, id, [lars.id], aino, T0);
    });
    const copy = copyOf(removed.scratch);
    const undo = check(copy, ref.ticketId, (c) => {
      const { messages } = sideParts(c);
      messages.delete(messages.length - 1, 1);
    });
    expect(undo.verdict.ok).toBe(false);
    // The starter's record names members too: the guard checks them the same way.
    const started = check(doc, ref.ticketId, (c) =>
      startSideConversation(c, { subject: 'x', participantIds: [mads.id], body: 'Hi' }, aino, T0)
    );
    expect([...newSideMembers(doc, started.scratch)]).toEqual([mads.id]);
  });

  it('who adds: agents; a light agent only to one they take part in; signed by the writer', () => {
    const { doc, id, ref } = ticketWithConversation();
    const other = startSideConversation(
      doc,
      { subject: 'Agents only', participantIds: [mads.id], body: 'Between us' },
      aino,
      T0
    );
    const byExpert = check(doc, ref.ticketId, (c) =>
      addSideParticipants(c, id, [lars.id], expert, T0)
    );
    expect(byExpert.verdict.ok).toBe(true);
    expect(onlyAddsNotes(doc, byExpert.scratch, expert.id)).toBe(true);
    expect(authorshipProblem(doc, byExpert.scratch, expert.id)).toBeNull();

    // Not in it: may not add anyone, themself included.
    const elsewhere = check(doc, ref.ticketId, (c) =>
      addSideParticipants(c, other, [expert.id], expert, T0)
    );
    expect(elsewhere.verdict.ok).toBe(true);
    expect(onlyAddsNotes(doc, elsewhere.scratch, expert.id)).toBe(false);
    const selfAndPost = check(doc, ref.ticketId, (c) => {
      addSideParticipants(c, other, [outsider.id], outsider, T0);
      postSideMessage(c, other, 'I am in now', outsider, T0);
    });
    expect(onlyAddsNotes(doc, selfAndPost.scratch, outsider.id)).toBe(false);

    const forged = check(doc, ref.ticketId, (c) => addSideParticipants(c, id, [lars.id], aino, T0));
    expect(authorshipProblem(doc, forged.scratch, mads.id)).toMatch(/signed by the member/);
  });
});
