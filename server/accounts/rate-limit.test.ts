import { describe, expect, it } from 'vitest';
import { RateLimiter, addressKey } from './rate-limit.ts';

describe('addressKey', () => {
  it('counts an IPv6 client by its /64 and a mapped IPv4 address as itself', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey(null)).toBe('?');
    expect(addressKey('not an address')).toBe('?');
  });
});

describe('RateLimiter.reserve', () => {
  it('counts on every key or none, refunds only the window it counted in', () => {
    let now = 0;
    const limiter = new RateLimiter({ now: () => now });
    const a = { key: 'a', limit: { max: 2, windowMs: 1000 } };
    const b = { key: 'b', limit: { max: 1, windowMs: 1000 } };
    const first = limiter.reserve([a, b]);
    expect(first.ok).toBe(true);
    // b is full: nothing is counted on a either.
    expect(limiter.reserve([a, b])).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(limiter.reserve([a]).ok).toBe(true);
    expect(limiter.reserve([a]).ok).toBe(false);
    if (first.ok) first.refund(['b']);
    expect(limiter.reserve([b]).ok).toBe(true);
    now = 1000;
    const late = limiter.reserve([a]);
    if (late.ok) late.refund(['a']);
    if (first.ok) first.refund(['a']); // an old window's hit: the new window is untouched
    expect(limiter.reserve([a]).ok).toBe(true);
    expect(limiter.reserve([a]).ok).toBe(true);
    expect(limiter.reserve([a]).ok).toBe(false);
  });
});
