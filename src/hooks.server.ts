import type { Handle } from '@sveltejs/kit';
import { getAccountServices } from '$lib/server/account-services';
import { getServices, type Identity } from '$lib/server/services';
import { ME_PLACEHOLDER, injectMe } from '$lib/shared/me-bootstrap';
import { clientAddress, setSessionCookie } from '$lib/server/session-cookie';
import { refuseFormRequest } from '$lib/server/http';

// The security headers of every response (nosniff, frame and referrer policy…) are set by the
// Node entry, for static files too: `$lib/server/security-headers.ts`.

export const handle: Handle = async ({ event, resolve }) => {
  // Before anything else: a state-changing API call a form on another site could make.
  const refused = refuseFormRequest(event.request, event.url.pathname);
  if (refused) return refused;
  const found = await getServices().identify(event.request, clientAddress(event));
  if (found?.renewedSession) {
    // The session's sliding expiry moved: send the cookie again with the new lifetime.
    setSessionCookie(event, found.renewedSession.token, found.renewedSession.expiresAt);
  }
  if (found) {
    const { renewedSession: _renewed, ...identity } = found;
    event.locals.identity = identity;
  } else {
    event.locals.identity = null;
  }
  const response = await resolve(event, {
    transformPageChunk: ({ html }) =>
      html.includes(ME_PLACEHOLDER) ? withMe(html, event.locals.identity) : html
  });
  const html = response.headers.get('content-type')?.startsWith('text/html') ?? false;
  if (html && !response.headers.has('cache-control')) {
    // A page may carry its member's identity (below): never for a shared cache.
    try {
      response.headers.set('cache-control', 'private, no-cache');
    } catch {
      // Some responses (e.g. redirects from fetch) have immutable headers.
    }
  }
  return response;
};

/** The page with its member's `/api/me` answer in it (see `me-bootstrap.ts`), or without. */
async function withMe(html: string, identity: Identity | null): Promise<string> {
  const me = identity ? await getAccountServices().me(identity) : null;
  return injectMe(html, me?.status === 200 ? me.body : null);
}
