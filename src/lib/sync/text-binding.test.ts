import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, transformIndex, type TextDelta } from './text-binding';

function apply(before: string, edit: ReturnType<typeof diffText>): string {
  return before.slice(0, edit.index) + edit.insert + before.slice(edit.index + edit.remove);
}

describe('diffText', () => {
  it('finds a single insert, delete or replacement', () => {
    expect(diffText('hello world', 'hello, world', 6)).toEqual({
      index: 5,
      remove: 0,
      insert: ','
    });
    expect(diffText('hello, world', 'hello world', 5)).toEqual({ index: 5, remove: 1, insert: '' });
    expect(diffText('hello world', 'hello there', 11)).toEqual({
      index: 6,
      remove: 5,
      insert: 'there'
    });
  });

  it('uses the caret to place an ambiguous edit', () => {
    // Typing "a" into "aa": at the end (caret 3) or at the start (caret 1).
    expect(diffText('aa', 'aaa', 3)).toEqual({ index: 2, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    // Deleting one of "aaa" with the caret left at 1.
    expect(diffText('aaa', 'aa', 1)).toEqual({ index: 1, remove: 1, insert: '' });
  });

  it('always explains the change exactly', () => {
    const cases: [string, string, number][] = [
      ['', 'abc', 3],
      ['abc', '', 0],
      ['abcabc', 'abXabc', 3],
      ['line one\nline two', 'line one\nline 2', 15],
      ['😀😀', '😀x😀', 3]
    ];
    for (const [before, after, caret] of cases) {
      expect(apply(before, diffText(before, after, caret))).toBe(after);
    }
  });
});

describe('transformIndex', () => {
  it('moves a caret after text inserted or deleted before it, and not for edits after it', () => {
    const insertBefore: TextDelta = [{ retain: 2 }, { insert: 'XYZ' }];
    expect(transformIndex(5, insertBefore)).toBe(8);
    expect(transformIndex(1, insertBefore)).toBe(1);
    const deleteBefore: TextDelta = [{ retain: 1 }, { delete: 2 }];
    expect(transformIndex(5, deleteBefore)).toBe(3);
    // A deletion that spans the caret leaves it where the deletion began.
    expect(transformIndex(2, deleteBefore)).toBe(1);
  });

  it('keeps a local caret in place while a co-author types above it (real Yjs deltas)', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    mine.getText('draft').insert(0, 'Hello. Thanks for waiting.');
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    const caret = 'Hello. Thanks'.length;
    let moved = -1;
    mine.getText('draft').observe((event) => {
      moved = transformIndex(caret, event.delta as TextDelta);
    });
    theirs.getText('draft').insert(0, 'Hi Ann! ');
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(mine)));
    const text = mine.getText('draft').toString();
    expect(text.slice(0, moved)).toBe('Hi Ann! Hello. Thanks');
  });
});
