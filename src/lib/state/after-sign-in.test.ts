import { describe, expect, it } from 'vitest';
import { safeNext } from './after-sign-in';

describe('safeNext', () => {
  it('keeps local paths only', () => {
    expect(safeNext('/invite/abc')).toBe('/invite/abc');
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
