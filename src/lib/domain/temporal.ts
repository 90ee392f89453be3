/**
 * Temporal, for business time (`business-calendar.ts`): the platform's own where it has one
 * (Chromium and Firefox do), else the polyfill, installed once at start by `loadTemporal` —
 * in the browser before the app starts (`hooks.client.ts`), on the server before Baton is
 * made (`server/baton.ts`), in tests by the test setup. So a browser with Temporal never
 * downloads the polyfill, and every copy of this module (the server bundles its own) finds the
 * same global.
 */
import type { Temporal } from 'temporal-polyfill';

type TemporalApi = typeof Temporal;

function installed(): TemporalApi | undefined {
  return (globalThis as { Temporal?: TemporalApi }).Temporal;
}

/** Installs the polyfill as the global `Temporal` unless the platform has one. */
export async function loadTemporal(): Promise<void> {
  if (!installed()) await import('temporal-polyfill/global');
}

export function temporal(): TemporalApi {
  const api = installed();
  if (!api) throw new Error('Temporal is not loaded: call loadTemporal() at start.');
  return api;
}
