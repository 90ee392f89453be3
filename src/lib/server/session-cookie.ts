/**
 * The session cookie, per Lucia's guide: the random token, `HttpOnly` (no script reads it),
 * `SameSite=Lax` (not sent on cross-site subrequests; SvelteKit's origin check covers form
 * posts), `Secure` when the browser reached us over HTTPS, `Path=/`, and an expiry that
 * follows the session's sliding 30 days.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE } from './services';
import { isHttps } from './http';

type CookieEvent = Pick<RequestEvent, 'cookies' | 'request' | 'url'>;

export function setSessionCookie(event: CookieEvent, token: string, expiresAt: number): void {
  event.cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(event.request, event.url),
    expires: new Date(expiresAt)
  });
}

export function clearSessionCookie(event: CookieEvent): void {
  event.cookies.delete(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(event.request, event.url)
  });
}

/** The client's address for rate limits and the audit log; `null` when unknown. */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string | null {
  try {
    return event.getClientAddress();
  } catch {
    return null;
  }
}
