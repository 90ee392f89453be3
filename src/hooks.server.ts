import type { Handle } from '@sveltejs/kit';
import { getAccountServices } from '$lib/server/account-services';
import { getServices, type Identity } from '$lib/server/services';
import { ME_PLACEHOLDER, injectMe } from '$lib/shared/me-bootstrap';
import { clientAddress, setSessionCookie } from '$lib/server/session-cookie';

// The Content-Security-Policy itself comes from `kit.csp` in svelte.config.js, so that
// SvelteKit can add nonces/hashes for its inline bootstrap script.
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'cross-origin-opener-policy': 'same-origin'
};

export const handle: Handle = async ({ event, resolve }) => {
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
  const headers = { ...SECURITY_HEADERS };
  if (response.headers.get('content-type')?.startsWith('text/html')) {
    // A page may carry its member's identity (below): never for a shared cache.
    headers['cache-control'] = 'private, no-cache';
  }
  for (const [name, value] of Object.entries(headers)) {
    // Some responses (e.g. redirects from fetch) have immutable headers.
    try {
      if (!response.headers.has(name)) response.headers.set(name, value);
    } catch {
      break;
    }
  }
  return response;
};

/** The page with its member's `/api/me` answer in it (see `me-bootstrap.ts`), or without. */
async function withMe(html: string, identity: Identity | null): Promise<string> {
  const me = identity ? await getAccountServices().me(identity) : null;
  return injectMe(html, me?.status === 200 ? me.body : null);
}
