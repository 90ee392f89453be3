import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addedValues, addedSince, itemsAddedSince, utf8Length } from './added-content';

function copy(doc: Y.Doc): Y.Doc {
  const out = new Y.Doc();
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc));
  return out;
}

const entry = (id: string) => ({ id, kind: 'note' });

describe('what a change added, from the struct store', () => {
  it('counts only the new part of an item merged into an older one (typing on)', () => {
    const writer = new Y.Doc();
    writer.getArray('thread').push([entry('e0')]);
    const live = copy(writer);
    const before = Y.encodeStateVector(writer);
    writer.getArray('thread').push([entry('e1')]);
    const after = copy(live);
    Y.applyUpdate(after, Y.encodeStateAsUpdate(writer, before));
    // Yjs merged e1 into e0's item: one struct, two values, one of them new.
    const structs = after.store.clients.get(writer.clientID) ?? [];
    expect(structs).toHaveLength(1);
    expect(itemsAddedSince(live, after).flatMap(addedValues)).toEqual([entry('e1')]);
    expect(addedSince(live, after).entries).toBe(1);
  });

  it('counts every piece of a new item split by another new one in the same update', () => {
    const live = new Y.Doc();
    live.getArray('thread');
    const a = copy(live);
    a.getArray('thread').push([entry('a1'), entry('a2'), entry('a3')]);
    const b = copy(a);
    b.getArray('thread').insert(1, [entry('b1')]);
    const update = Y.mergeUpdates([
      Y.encodeStateAsUpdate(a),
      Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
    ]);
    const after = copy(live);
    Y.applyUpdate(after, update);
    expect(after.getArray('thread').toJSON()).toEqual([
      entry('a1'),
      entry('b1'),
      entry('a2'),
      entry('a3')
    ]);
    const values = itemsAddedSince(live, after).flatMap(addedValues);
    expect(values).toHaveLength(4);
    expect(addedSince(live, after).entries).toBe(4);
  });

  it('measures strings by their UTF-8 length', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('äö')).toBe(4);
    expect(utf8Length('✅')).toBe(3);
    expect(utf8Length('🙂')).toBe(4);
  });
});
