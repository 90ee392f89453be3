/** Turns an account service's answer into a response, setting or clearing the session cookie. */
import { json, type RequestEvent } from '@sveltejs/kit';
import type { AccountResult, RequestInfo } from './account-services';
import { errorResponse, readJson } from './http';
import { negotiateLocale } from '$lib/i18n/locales';
import { clearSessionCookie, clientAddress, setSessionCookie } from './session-cookie';

export function respond(
  event: Pick<RequestEvent, 'cookies' | 'request' | 'url'>,
  result: AccountResult
): Response {
  if (result.session === 'clear') clearSessionCookie(event);
  else if (result.session) setSessionCookie(event, result.session.token, result.session.expiresAt);
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (result.status === 204) return new Response(null, { status: 204, headers });
  return json(result.body, { status: result.status, headers });
}

export function requestInfo(
  event: Pick<RequestEvent, 'url' | 'getClientAddress' | 'request'>
): RequestInfo {
  return {
    ip: clientAddress(event),
    origin: event.url.origin,
    locale: negotiateLocale(event.request.headers.get('accept-language'))
  };
}

/** A small JSON body (account forms are tiny); an error response when it is not one. */
export async function smallJson(
  request: Request
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  return readJson(request, 16 * 1024);
}

export function signInFirst(): Response {
  return errorResponse(401, 'not-signed-in', 'Sign in first.');
}
