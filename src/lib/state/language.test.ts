import { createApi } from '$lib/api/client';
import { describe, expect, it } from 'vitest';
import { chooseLocale, DEVICE_LOCALE_KEY, LOCALE_COOKIE } from './language';

function harness(status = 200) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const stored = new Map<string, string>();
  const cookies: string[] = [];
  let reloads = 0;
  const api = createApi({
    fetch: async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(url), init });
      return status === 200
        ? Response.json(JSON.parse(String(init?.body)))
        : Response.json({ error: { reason: 'invalid-request', message: 'no' } }, { status });
    }
  });
  const deps = {
    saveForMember: async (locale: 'en' | 'fi' | 'da') => (await api.setLocale(locale)).ok,
    storage: { setItem: (key: string, value: string) => void stored.set(key, value) },
    setCookie: (cookie: string) => void cookies.push(cookie),
    reload: () => void reloads++
  };
  return { deps, calls, stored, cookies, reloads: () => reloads };
}

describe('choosing the language', () => {
  it('stores it with the member, on the device and in a cookie, then reloads', async () => {
    const h = harness();
    expect(await chooseLocale('fi', true, h.deps)).toBe(true);
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]?.url).toBe('/api/me/locale');
    expect(h.calls[0]?.init?.method).toBe('PUT');
    expect(JSON.parse(String(h.calls[0]?.init?.body))).toEqual({ locale: 'fi' });
    expect(h.stored.get(DEVICE_LOCALE_KEY)).toBe('fi');
    expect(h.cookies[0]).toMatch(new RegExp(`^${LOCALE_COOKIE}=fi; Path=/;`));
    expect(h.reloads()).toBe(1);
  });

  it('before sign-in, only on the device and in the cookie', async () => {
    const h = harness();
    expect(await chooseLocale('da', false, h.deps)).toBe(true);
    expect(h.calls).toHaveLength(0);
    expect(h.stored.get(DEVICE_LOCALE_KEY)).toBe('da');
    expect(h.reloads()).toBe(1);
  });

  it('does not reload into a language the server refused', async () => {
    const h = harness(400);
    expect(await chooseLocale('fi', true, h.deps)).toBe(false);
    expect(h.stored.size).toBe(0);
    expect(h.reloads()).toBe(0);
  });
});
