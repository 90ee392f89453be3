import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { onlyAddsNotes } from './note-check';
import { addTag, addThreadEntry, setPriority, setStatus, ticketParts } from './ticket';
import { T0, MINUTE, makeActor, makeTicketDoc } from './testing/factories';
import { wrongKindUpdate, type WrongKind } from './testing/bad-updates';

function copy(doc: Y.Doc): Y.Doc {
  const out = new Y.Doc();
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc));
  return out;
}

describe('onlyAddsNotes (the light agent rule)', () => {
  const agent = makeActor();
  const light = makeActor({ id: 'light-agent-1', name: 'Lee Light' });

  it('accepts an internal note with its activity entry and updatedAt', () => {
    const before = makeTicketDoc().doc;
    const after = copy(before);
    addThreadEntry(after, 'note', 'Customer called again.', light, T0 + 5 * MINUTE);
    expect(onlyAddsNotes(before, after)).toBe(true);
  });

  it('accepts a note that lands before an entry it had not seen yet', () => {
    const before = makeTicketDoc().doc;
    const lightCopy = copy(before);
    addThreadEntry(before, 'reply', 'We are on it.', agent, T0 + MINUTE);
    addThreadEntry(lightCopy, 'note', 'Seen it.', light, T0 + MINUTE);
    const after = copy(before);
    Y.applyUpdate(after, Y.encodeStateAsUpdate(lightCopy, Y.encodeStateVector(before)));
    expect(ticketParts(after).thread.length).toBe(2);
    expect(onlyAddsNotes(before, after)).toBe(true);
  });

  it('refuses public replies, field changes, tags, drafts and handovers', () => {
    const cases: ((doc: Y.Doc) => void)[] = [
      (doc) => addThreadEntry(doc, 'reply', 'Dear customer…', light, T0 + MINUTE),
      (doc) => setStatus(doc, 'solved', light, T0 + MINUTE),
      (doc) => setPriority(doc, 'urgent', light, T0 + MINUTE),
      (doc) => addTag(doc, 'vip', light, T0 + MINUTE),
      (doc) => ticketParts(doc).draft.insert(0, 'Hello'),
      (doc) => ticketParts(doc).handover.insert(0, 'Over to you')
    ];
    for (const change of cases) {
      const before = makeTicketDoc().doc;
      const after = copy(before);
      change(after);
      expect(onlyAddsNotes(before, after)).toBe(false);
    }
  });

  it('refuses a note together with another change', () => {
    const before = makeTicketDoc().doc;
    const after = copy(before);
    addThreadEntry(after, 'note', 'And closing it.', light, T0 + MINUTE);
    setStatus(after, 'closed', light, T0 + MINUTE);
    expect(onlyAddsNotes(before, after)).toBe(false);
  });

  it('accepts no change at all', () => {
    const before = makeTicketDoc().doc;
    expect(onlyAddsNotes(before, copy(before))).toBe(true);
  });

  it('refuses content that is not a string in the draft or the handover (unseen by toString)', () => {
    const kinds: WrongKind[] = ['json', 'embed', 'nested', 'binary'];
    for (const root of ['draft', 'handover']) {
      for (const kind of kinds) {
        const before = makeTicketDoc().doc;
        const after = copy(before);
        Y.applyUpdate(after, wrongKindUpdate(before, root, kind));
        // Plain text comparison sees nothing: the text's string is the same.
        expect(after.getText(root).toString()).toBe(before.getText(root).toString());
        expect([root, kind, onlyAddsNotes(before, after)]).toEqual([root, kind, false]);
      }
    }
  });

  it('refuses a note-like entry in the fields map or elsewhere', () => {
    const before = makeTicketDoc().doc;
    const after = copy(before);
    Y.applyUpdate(after, wrongKindUpdate(before, 'handoverMeta', 'json'));
    expect(onlyAddsNotes(before, after)).toBe(false);
  });

  it('does not trip over invalid items already in the thread', () => {
    const before = makeTicketDoc().doc;
    ticketParts(before).thread.push([null as never, 'text' as never]);
    const after = copy(before);
    addThreadEntry(after, 'note', 'Still fine.', light, T0 + MINUTE);
    expect(onlyAddsNotes(before, after)).toBe(true);
  });
});
