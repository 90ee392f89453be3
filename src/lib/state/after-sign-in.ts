/** Where to go once signed in: a safe local `next` (an invitation), else the app. */
import { landingRoute } from './landing';

/** Only same-site paths: `/invite/…`, never `//evil.example` or `https://…`. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  return next;
}

export function landingPath(workspaceId: string): string {
  return landingRoute().replace('[workspace]', encodeURIComponent(workspaceId));
}
