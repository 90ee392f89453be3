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

describe('entering the app after sign-in', () => {
  it('navigates in place in the page’s language, and loads afresh into another', async () => {
    const { enterApp } = await import('./after-sign-in');
    const { setLocale } = await import('$lib/i18n/runtime');
    const calls: string[] = [];
    const navigate = async (path: string) => void calls.push(`navigate ${path}`);
    const load = (path: string) => void calls.push(`load ${path}`);
    setLocale('en');
    await enterApp('/w/ws/board', null, navigate, load);
    await enterApp('/w/ws/board', 'en', navigate, load);
    await enterApp('/w/ws/triage', 'fi', navigate, load);
    expect(calls).toEqual(['navigate /w/ws/board', 'navigate /w/ws/board', 'load /w/ws/triage']);
  });
});
