/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Baton's service worker: makes the app itself available offline (the data is in IndexedDB).
 *
 * - Install: precache the app shell (an HTML page of the client-rendered app) and every
 *   versioned build asset and static file, in a cache named after the build version. The
 *   build exists once per language (`src/lib/i18n/client-build.ts`): the worker precaches the
 *   copy of the language the pages last told it (`{ type: 'locale' }`, kept across versions),
 *   and a page in another language has that copy cached when it says so.
 * - Updates: the first worker activates at once. A later one (a new deploy) installs and then
 *   waits, so that a page never runs against assets of two versions; the page shows "Update
 *   available — reload", and on the user's word posts `{ type: 'skip-waiting' }`; the page
 *   reloads when the new worker takes control (`controllerchange`).
 * - Activate: delete caches of older versions; claim open pages. A page that navigated while
 *   the worker activated, and so was not claimed, asks for it (`{ type: 'claim' }`).
 * - Navigations: network first, so a deploy shows at once; offline (or after a few seconds
 *   without an answer: a train, a ferry), the cached shell, which boots the app and reads
 *   tickets from IndexedDB. SvelteKit writes asset paths relative to the page (`./_app/…`
 *   at the top level, `../../_app/…` deeper), so the shell is always taken from a top-level
 *   page and made root-relative before it is served for a deeper one.
 * - Build assets and static files: cache first (they are immutable per version).
 * - `/api/` and `/sync/` are never cached or answered from a cache.
 * - Static routes (Chromium's `InstallEvent.addRoutes`): everything but navigations is answered
 *   without waking the worker — the API and non-GET requests by the network, the build assets
 *   and static files from the cache. Besides saving a worker start per request, this
 *   is what lets an update take over when asked: Chromium swaps workers only once the old one
 *   is idle, and a page that keeps fetching through it (its lazy chunks, its sync requests)
 *   could hold the new worker back for minutes. Browsers without routes use the handler below,
 *   which answers the same way.
 */
import { build, files, version } from '$service-worker';
import { inLocaleBuild } from '$lib/i18n/client-build';
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '$lib/i18n/locales';
import { notificationsTitle } from '$lib/i18n/messages/notifications';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `baton-${version}`;
const SHELL = '/__baton-shell';
/** What outlives a version: the language the pages are in. */
const PREFS = 'baton-prefs';
const LOCALE_KEY = '/__baton-locale';
const ASSETS = new Set([
  ...LOCALES.flatMap((l) => build.map((p) => inLocaleBuild(p, l))),
  ...files
]);

/** The API and the relay: never cached or answered from a cache. */
const NETWORK_ONLY = ['/api/', '/sync/'];

function bypass(url: URL): boolean {
  return NETWORK_ONLY.some((prefix) => url.pathname.startsWith(prefix)) || url.pathname === '/sync';
}

/** Chromium's static routing (not in TypeScript's lib yet): the parts of it used here. */
interface RouterRule {
  condition: { urlPattern?: string; requestMethod?: string; or?: RouterRule['condition'][] };
  source: 'network' | 'cache';
}
type RoutedInstallEvent = ExtendableEvent & {
  addRoutes?: (rules: RouterRule[]) => Promise<void>;
};

const ROUTES: RouterRule[] = [
  {
    condition: { or: NETWORK_ONLY.map((prefix) => ({ urlPattern: `${prefix}*` })) },
    source: 'network'
  },
  // Only GET is answered by the handler; a worker woken for a POST would do nothing.
  {
    condition: {
      or: ['POST', 'PUT', 'PATCH', 'DELETE'].map((requestMethod) => ({ requestMethod }))
    },
    source: 'network'
  },
  // Precached, per version; a miss (an older page after a takeover) goes to the network.
  {
    condition: {
      or: [
        { urlPattern: '/_app/immutable/*' },
        ...files.map((path) => ({ urlPattern: path.replace(/[:*?+(){}\\]/g, '\\$&') }))
      ]
    },
    source: 'cache'
  }
];

sw.addEventListener('install', (event) => {
  // Routes can only be added during install; an older Chromium refusing a rule is not fatal.
  (event as RoutedInstallEvent)
    .addRoutes?.(ROUTES)
    .catch((error: unknown) => console.warn('Static routes not added', error));
  event.waitUntil(
    (async () => {
      await precache(await storedLocale());
      // Nothing controls the pages yet: no reason to wait. An update waits for the user.
      if (!sw.registration.active) await sw.skipWaiting();
    })()
  );
});

async function storedLocale(): Promise<Locale> {
  const stored = await (await caches.open(PREFS)).match(LOCALE_KEY);
  const locale = stored ? await stored.text() : '';
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** The build's copy in `locale`, the static files and the shell in that language. */
async function precache(locale: Locale): Promise<void> {
  const cache = await caches.open(CACHE);
  await cache.addAll([...build.map((path) => inLocaleBuild(path, locale)), ...files]);
  // Every page renders in the browser (ssr = false), so any page's HTML is the shell.
  // Without cookies: a signed-in page carries its member's identity, the shell nobody's; its
  // language (and the build copy it loads) is asked for with `Accept-Language`.
  const shell = await fetch('/sign-in', {
    credentials: 'omit',
    headers: { 'accept-language': locale }
  });
  if (shell.ok) await cache.put(SHELL, shell);
  await (await caches.open(PREFS)).put(LOCALE_KEY, new Response(locale));
}

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== CACHE && key !== PREFS) await caches.delete(key);
      }
      await sw.clients.claim();
    })()
  );
});

sw.addEventListener('message', (event) => {
  const data: unknown = event.data;
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : null;
  if (type === 'skip-waiting') {
    event.waitUntil(sw.skipWaiting());
  } else if (type === 'claim') {
    // A page loaded while this worker activated, missed by the claim in `activate`.
    event.waitUntil(sw.clients.claim());
  } else if (type === 'locale') {
    // A page in this language: have its copy of the build and its shell for offline use.
    const locale = (data as { locale?: unknown }).locale;
    if (isLocale(locale)) {
      event.waitUntil(
        (async () => {
          if ((await storedLocale()) !== locale) await precache(locale);
        })()
      );
    }
  } else if (type === 'version') {
    // Which build this worker serves, for the update prompt's tests and for bug reports.
    event.ports[0]?.postMessage({ type: 'version', version });
  }
});

const NETWORK_TIMEOUT_MS = 4000;

async function shellFor(cache: Cache): Promise<Response | null> {
  const shell = await cache.match(SHELL);
  if (!shell) return null;
  const html = (await shell.text())
    .replaceAll('"./', '"/')
    .replaceAll('new URL(".", location)', 'new URL("/", location)');
  // The page's preload hints are relative too (`Link: <./_app/…>; rel=modulepreload`): made
  // root-relative like the HTML, or a deeper page preloads paths that do not exist.
  const headers = new Headers(shell.headers);
  const link = headers.get('link');
  if (link) headers.set('link', link.replaceAll('<./', '</'));
  return new Response(html, { status: 200, headers });
}

async function navigate(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<null>(
    (resolve) => (timer = setTimeout(() => resolve(null), NETWORK_TIMEOUT_MS))
  );
  try {
    const response = await Promise.race([fetch(request), slow]);
    if (response) return response;
  } catch {
    // Offline: fall through to the shell.
  } finally {
    clearTimeout(timer);
  }
  const shell = await shellFor(cache);
  return shell ?? fetch(request);
}

async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin || bypass(url)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
  } else if (ASSETS.has(url.pathname)) {
    event.respondWith(asset(request));
  }
});

// ---- Push notifications (server/notifications): the server writes the words in the member's
// language; the tag is the notification's key, so a message the server had to send again
// replaces the one shown instead of showing twice. Open pages reload their inbox.

function pushPayload(
  data: PushMessageData | null
): { key: string; title: string; body: string; url: string } | null {
  try {
    const value: unknown = data?.json();
    if (typeof value !== 'object' || value === null) return null;
    const { key, title, body, url } = value as Record<string, unknown>;
    if (typeof key !== 'string' || typeof title !== 'string' || typeof body !== 'string')
      return null;
    // Only a page of this app opens from a notification.
    const path =
      typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : '/';
    return { key, title, body, url: path };
  } catch {
    return null;
  }
}

sw.addEventListener('push', (event) => {
  event.waitUntil(
    (async () => {
      const payload = pushPayload(event.data);
      const title = payload?.title ?? notificationsTitle({ locale: await storedLocale() });
      await sw.registration.showNotification(title, {
        body: payload?.body ?? '',
        tag: payload?.key ?? 'baton',
        icon: '/icon-192.png',
        data: { url: payload?.url ?? '/' }
      });
      for (const client of await sw.clients.matchAll({ type: 'window' }))
        client.postMessage({ type: 'push' });
    })()
  );
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data: unknown = event.notification.data;
  const path =
    typeof data === 'object' && data !== null && typeof (data as { url?: unknown }).url === 'string'
      ? (data as { url: string }).url
      : '/';
  const target = new URL(path, sw.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => w.url === target) ?? windows[0];
      if (open) {
        const focused = await open.focus();
        if (focused.url !== target) await focused.navigate(target);
        return;
      }
      await sw.clients.openWindow(target);
    })()
  );
});
