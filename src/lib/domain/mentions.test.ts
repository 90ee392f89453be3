import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  insertMention,
  matchMembers,
  mentionQuery,
  mentionedMembers,
  mentionsIn,
  threadMentionProblem
} from './mentions';
import { addThreadEntry, readThread, ticketParts } from './ticket';
import { applyChecked } from './update-check';
import { T0, makeActor, makeThreadEntry, makeTicketDoc } from './testing/factories';

const aino = { id: 'member-aino-01', name: 'Aino Virtanen' };
const mads = { id: 'member-mads-01', name: 'Mads Nielsen' };
const maya = { id: 'member-maya-01', name: 'Maya Thompson' };
const ole = { id: 'member-ole-001', name: 'Ole Åberg' };
const members = [aino, mads, maya, ole];

function copyOf(source: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}

describe('mentionQuery (the @word under the caret)', () => {
  it('finds an @ at the start, after a space or a bracket, up to the caret', () => {
    expect(mentionQuery('@ma', 3)).toEqual({ start: 0, query: 'ma' });
    expect(mentionQuery('Ask @Mads N about it', 11)).toEqual({ start: 4, query: 'Mads N' });
    expect(mentionQuery('(@ai', 4)).toEqual({ start: 1, query: 'ai' });
    expect(mentionQuery('hello @', 7)).toEqual({ start: 6, query: '' });
  });

  it('is not a mention inside an email address, across lines or when long', () => {
    expect(mentionQuery('mail mads@example.com', 21)).toBeNull();
    expect(mentionQuery('@mads\nmore', 10)).toBeNull();
    expect(mentionQuery(`@${'x'.repeat(41)}`, 42)).toBeNull();
    expect(mentionQuery('no at sign', 5)).toBeNull();
  });
});

describe('matchMembers', () => {
  it('puts names that start with the query before names with a word that does', () => {
    expect(matchMembers(members, 'ma').map((m) => m.name)).toEqual([
      'Mads Nielsen',
      'Maya Thompson'
    ]);
    expect(matchMembers(members, 'ni').map((m) => m.id)).toEqual([mads.id]);
  });

  it('ignores case and accents, leaves the writer out and lists everyone for ""', () => {
    expect(matchMembers(members, 'aberg').map((m) => m.id)).toEqual([ole.id]);
    expect(matchMembers(members, '', { exclude: aino.id }).map((m) => m.id)).toEqual([
      mads.id,
      maya.id,
      ole.id
    ]);
  });
});

describe('insertMention and mentionsIn', () => {
  it('replaces the query with @Name and a space, caret after it', () => {
    const text = 'Can @ma look at this?';
    const query = mentionQuery(text, 7);
    expect(query).not.toBeNull();
    if (!query) return;
    const done = insertMention(text, query, 7, mads);
    expect(done.text).toBe('Can @Mads Nielsen look at this?');
    expect(done.caret).toBe('Can @Mads Nielsen '.length);
  });

  it('keeps the picked members whose @Name is still in the text, once each', () => {
    const body = '@Mads Nielsen and @Mads Nielsen again';
    expect(mentionsIn(body, [mads, maya, mads])).toEqual([mads.id]);
    expect(mentionsIn('nobody now', [mads])).toEqual([]);
  });

  it('tells the mentioned members who may read the ticket, never the writer', () => {
    const note = { authorId: aino.id, mentions: [mads.id, aino.id, 'stranger-000001'] };
    expect(mentionedMembers(note, (id) => id !== 'stranger-000001')).toEqual([mads.id]);
    expect(mentionedMembers({ authorId: aino.id }, () => true)).toEqual([]);
  });
});

describe('mentions in the ticket document', () => {
  it('stores a note’s mentions as ids and reads them back', () => {
    const { doc } = makeTicketDoc();
    addThreadEntry(doc, 'note', '@Mads Nielsen can you check?', aino, T0, {
      mentions: [mads.id]
    });
    expect(readThread(doc).at(-1)?.mentions).toEqual([mads.id]);
  });

  it('refuses mentions on a reply when written and when checked on the server', () => {
    const { doc } = makeTicketDoc();
    expect(() => addThreadEntry(doc, 'reply', 'Hi', aino, T0, { mentions: [mads.id] })).toThrow(
      /Only an internal note/
    );
    expect(threadMentionProblem(makeThreadEntry({ kind: 'reply', mentions: [mads.id] }))).toMatch(
      /Only an internal note/
    );
  });

  it('the update check refuses garbage mentions and accepts a good one', () => {
    const { doc } = makeTicketDoc();
    const ref = { kind: 'ticket' as const, ticketId: ticketParts(doc).fields.get('id') as string };
    const author = makeActor({ id: aino.id, name: aino.name });
    const send = (mentions: unknown, kind = 'note') => {
      const client = copyOf(doc);
      const sv = Y.encodeStateVector(client);
      ticketParts(client).thread.push([
        { ...makeThreadEntry({ kind: 'note', authorId: author.id }), kind, mentions } as never
      ]);
      return applyChecked(copyOf(doc), ref, Y.encodeStateAsUpdate(client, sv));
    };
    expect(send([mads.id])).toMatchObject({ ok: true, changed: true });
    for (const bad of [
      [mads.id, mads.id],
      ['Not An Id!'],
      'member-mads-01',
      Array.from({ length: 21 }, (_, i) => `member-${String(i).padStart(6, '0')}`),
      [42],
      null
    ]) {
      const verdict = send(bad);
      expect(verdict.ok, JSON.stringify(bad)).toBe(false);
      if (!verdict.ok) expect(verdict.reason).toBe('schema');
    }
    const onReply = send([mads.id], 'reply');
    expect(onReply.ok).toBe(false);
  });
});
