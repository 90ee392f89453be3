import { describe, expect, it } from 'vitest';
import { colorFor, peersFrom } from './presence-peers';

const user = (id: string, name: string) => ({ id, name, color: colorFor(id) });

describe('peersFrom', () => {
  it('lists other members once each, typing if any of their tabs types', () => {
    const states = new Map<number, unknown>([
      [1, { user: user('member-aino', 'Aino'), typing: false }],
      [2, { user: user('member-maya', 'Maya'), typing: false }],
      [3, { user: user('member-maya', 'Maya'), typing: true }],
      [4, { user: user('member-joy', 'Joy') }]
    ]);
    expect(peersFrom(states, 1, 'member-aino')).toEqual([
      {
        memberId: 'member-joy',
        name: 'Joy',
        color: colorFor('member-joy'),
        typing: false,
        writing: null
      },
      {
        memberId: 'member-maya',
        name: 'Maya',
        color: colorFor('member-maya'),
        typing: true,
        writing: null
      }
    ]);
  });

  it('tells who is writing a reply or a note; a reply on any tab counts first', () => {
    const states = new Map<number, unknown>([
      [1, { user: user('member-aino', 'Aino') }],
      [2, { user: user('member-maya', 'Maya'), writing: 'reply' }],
      [3, { user: user('member-maya', 'Maya'), writing: 'note' }],
      [4, { user: user('member-joy', 'Joy'), writing: 'note' }],
      [5, { user: user('member-mads', 'Mads'), writing: 'the text itself' }]
    ]);
    expect(peersFrom(states, 1, 'member-aino').map((p) => [p.name, p.writing])).toEqual([
      ['Joy', 'note'],
      ['Maya', 'reply']
    ]);
  });

  it('leaves out our own other tabs and states that are not ours to trust', () => {
    const states = new Map<number, unknown>([
      [1, { user: user('member-aino', 'Aino') }],
      [2, { user: user('member-aino', 'Aino'), typing: true }],
      [5, { user: { id: 'x'.repeat(500), name: 'Evil', color: 'red' } }],
      [6, { typing: true }],
      [7, null],
      [8, 'garbage']
    ]);
    expect(peersFrom(states, 1, 'member-aino')).toEqual([]);
  });

  it('shows nobody, typing or not, while this client is offline', () => {
    const states = new Map<number, unknown>([
      [1, { user: user('member-aino', 'Aino') }],
      [2, { user: user('member-maya', 'Maya'), typing: true }]
    ]);
    expect(peersFrom(states, 1, 'member-aino', false)).toEqual([]);
    expect(peersFrom(states, 1, 'member-aino', true)).toHaveLength(1);
  });
});

describe('colorFor', () => {
  it('gives a member the same colour everywhere', () => {
    expect(colorFor('member-aino')).toBe(colorFor('member-aino'));
    expect(colorFor('member-aino')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
