import { describe, expect, it } from 'vitest';
import { PRESENCE_LIMITS, PresenceState } from './presence';

const user = { id: 'member-aino', name: 'Aino Virtanen', color: '#2563eb' };
const accepts = (state: unknown) => PresenceState.safeParse(state).success;

describe('PresenceState', () => {
  it('accepts what the app writes: the stock client’s empty state, user, typing', () => {
    expect(accepts({})).toBe(true);
    expect(accepts({ user })).toBe(true);
    expect(accepts({ user, typing: true })).toBe(true);
  });

  it('accepts the cursor and viewing fields later features write', () => {
    expect(accepts({ user, cursor: { anchor: 3, head: 12 } })).toBe(true);
    expect(accepts({ user, cursor: { anchor: 'AQLk2r8BAA==', head: 'AQLk2r8BAQ==' } })).toBe(true);
    expect(accepts({ user, cursor: null, viewing: 'draft' })).toBe(true);
  });

  it('refuses any other key, at the top or inside user and cursor', () => {
    expect(accepts({ user, payload: 'x' })).toBe(false);
    expect(accepts({ user: { ...user, admin: true } })).toBe(false);
    expect(accepts({ cursor: { anchor: 1, head: 2, extra: 3 } })).toBe(false);
    // JSON.parse makes `__proto__` an own key; strict parsing must see it like any other.
    expect(accepts(JSON.parse('{"__proto__": {"polluted": true}}'))).toBe(false);
  });

  it('refuses wrong types, oversized strings and colours that are not hex', () => {
    for (const state of [
      null,
      'garbage',
      [user],
      { typing: 'yes' },
      { user: { ...user, id: '' } },
      { user: { ...user, id: 'x'.repeat(65) } },
      { user: { ...user, name: 'n'.repeat(121) } },
      { user: { ...user, color: 'red' } },
      { user: { ...user, color: 'url(https://evil.example/x)' } },
      { cursor: { anchor: -1, head: 0 } },
      { cursor: { anchor: 1.5, head: 0 } },
      { cursor: { anchor: 'a'.repeat(257), head: 0 } },
      { cursor: { anchor: '<script>', head: 0 } },
      { viewing: 'v'.repeat(129) }
    ]) {
      expect(accepts(state), JSON.stringify(state)).toBe(false);
    }
  });

  it('keeps every valid state far below the byte cap', () => {
    const largest = {
      user: { id: 'i'.repeat(64), name: '\u{1F600}'.repeat(60), color: '#00000000' },
      typing: false,
      cursor: { anchor: 'A'.repeat(256), head: 'B'.repeat(256) },
      viewing: 'v'.repeat(128)
    };
    expect(accepts(largest)).toBe(true);
    const bytes = new TextEncoder().encode(JSON.stringify(largest)).byteLength;
    expect(bytes).toBeLessThan(PRESENCE_LIMITS.maxStateBytes);
  });
});
