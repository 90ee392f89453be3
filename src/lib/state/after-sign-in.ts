/** Where to go once signed in: a safe local `next` (an invitation), else the app. */
import type { Locale } from '$lib/i18n/locales';
import { getLocale } from '$lib/i18n/runtime';
import { landingRoute } from './landing';

/** Only same-site paths: `/invite/…`, never `//evil.example` or `https://…`. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  return next;
}

export function landingPath(workspaceId: string): string {
  return landingRoute().replace('[workspace]', encodeURIComponent(workspaceId));
}

/**
 * Enters the app at `path` once signed in. The page speaks the language it started in; when
 * the member chose another (on another device), the app is loaded afresh in theirs instead of
 * navigated to in place.
 */
export async function enterApp(
  path: string,
  memberLocale: Locale | null,
  navigate: (path: string) => Promise<void>,
  load: (path: string) => void
): Promise<void> {
  if (memberLocale !== null && memberLocale !== getLocale()) load(path);
  else await navigate(path);
}
