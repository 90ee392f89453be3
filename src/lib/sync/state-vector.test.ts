import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { covers, decodeStateVector, isConfirmed } from './state-vector';

describe('covers', () => {
  it('holds when the server has every client at least as far', () => {
    expect(
      covers(
        new Map([
          [1, 5],
          [2, 3]
        ]),
        new Map([
          [1, 5],
          [2, 1]
        ])
      )
    ).toBe(true);
    expect(covers(new Map([[1, 5]]), new Map())).toBe(true);
  });

  it('fails when the server lacks a client or is behind on one', () => {
    expect(covers(new Map([[1, 5]]), new Map([[1, 6]]))).toBe(false);
    expect(covers(new Map([[1, 5]]), new Map([[2, 1]]))).toBe(false);
  });
});

describe('isConfirmed', () => {
  it('follows the server state vector as it catches up with local edits', () => {
    const local = new Y.Doc();
    const server = new Y.Doc();
    expect(isConfirmed(local, null)).toBe(true);
    local.getText('t').insert(0, 'hello');
    expect(isConfirmed(local, null)).toBe(false);
    expect(isConfirmed(local, Y.encodeStateVector(server))).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    expect(isConfirmed(local, Y.encodeStateVector(server))).toBe(true);
    local.getText('t').insert(5, '!');
    expect(isConfirmed(local, Y.encodeStateVector(server))).toBe(false);
  });

  it('treats garbage as not confirming anything', () => {
    const local = new Y.Doc();
    local.getMap('m').set('a', 1);
    expect(decodeStateVector(new Uint8Array([255, 255, 255]))).toBeNull();
    expect(isConfirmed(local, new Uint8Array([255, 255, 255]))).toBe(false);
  });
});
