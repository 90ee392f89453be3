import type { Handle } from '@sveltejs/kit';
import { getAccountServices } from '$lib/server/account-services';
import { getServices } from '$lib/server/services';
import type { Principal } from '$lib/server/principal';
import { ME_PLACEHOLDER, injectMe } from '$lib/contract/me-bootstrap';
import { clientAddress, setSessionCookie } from '$lib/server/session-cookie';
import { refuseFormRequest } from '$lib/server/http';
import { isLocale, localeOf, negotiateLocale, type Locale } from '$lib/i18n/locales';
import { LOCALE_COOKIE } from '$lib/state/language';
import { inLocaleBuild } from '$lib/i18n/client-build';

/** Where `src/app.html` wants the page's language: the member's choice, else the browser's. */
const LANG_PLACEHOLDER = '%baton.lang%';

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
    const { renewedSession: _renewed, ...principal } = found;
    event.locals.principal = principal;
  } else {
    event.locals.principal = null;
  }
  // The page's member (its `/api/me` answer), asked once per page, for the identity block and
  // the page's language.
  let me: Promise<unknown> | null = null;
  const page: { locale: Locale | null } = { locale: null };
  const principal = event.locals.principal;
  const response = await resolve(event, {
    transformPageChunk: async ({ html }) => {
      if (!html.includes(ME_PLACEHOLDER) && !html.includes(LANG_PLACEHOLDER)) return html;
      const body = await (me ??= meOf(principal));
      const lang =
        chosenLocale(body) ??
        localeOf(event.cookies.get(LOCALE_COOKIE) ?? '') ??
        negotiateLocale(event.request.headers.get('accept-language'));
      // The page's scripts come from its language's copy of the build (client-build.ts);
      // before the member's block goes in, so nothing a member typed is rewritten.
      page.locale = lang;
      return injectMe(inLocaleBuild(html.replaceAll(LANG_PLACEHOLDER, lang), lang), body);
    }
  });
  const html = response.headers.get('content-type')?.startsWith('text/html') ?? false;
  // SvelteKit also names the page's scripts in a `Link: …; rel=modulepreload` header.
  const link = html ? response.headers.get('link') : null;
  if (link && page.locale) {
    try {
      response.headers.set('link', inLocaleBuild(link, page.locale));
    } catch {
      // Immutable headers (see below): the preload hints stay; the page still loads.
    }
  }
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

/** The member's `/api/me` answer (see `me-bootstrap.ts`), or `null` when nobody is signed in. */
async function meOf(principal: Principal | null): Promise<unknown> {
  const me = principal ? await getAccountServices().me(principal) : null;
  return me?.status === 200 ? me.body : null;
}

/** The language the member chose, from their `/api/me` answer; `null` if none. */
function chosenLocale(me: unknown): Locale | null {
  const locale: unknown = typeof me === 'object' && me !== null ? Reflect.get(me, 'locale') : null;
  return isLocale(locale) ? locale : null;
}
