/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Baton's service worker: makes the app itself available offline (the data is in IndexedDB).
 *
 * - Install: precache the app shell (an HTML page of the client-rendered app) and every
 *   versioned build asset and static file, in a cache named after the build version.
 * - Activate: delete caches of older versions.
 * - Navigations: network first, so a deploy shows at once; offline, the cached shell, which
 *   boots the app and reads tickets from IndexedDB.
 * - Build assets and static files: cache first (they are immutable per version).
 * - `/api/` and `/sync/` are never cached or answered from a cache.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `baton-${version}`;
const SHELL = '/__baton-shell';
const ASSETS = new Set([...build, ...files]);

function bypass(url: URL): boolean {
  return (
    url.pathname.startsWith('/api/') ||
    url.pathname.startsWith('/sync/') ||
    url.pathname === '/sync'
  );
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...ASSETS]);
      // Every page renders in the browser (ssr = false), so any page's HTML is the shell.
      const shell = await fetch('/sign-in', { credentials: 'same-origin' });
      if (shell.ok) await cache.put(SHELL, shell);
      await sw.skipWaiting();
    })()
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== CACHE) await caches.delete(key);
      }
      await sw.clients.claim();
    })()
  );
});

async function navigate(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.headers.get('content-type')?.includes('text/html')) {
      await cache.put(SHELL, response.clone());
    }
    return response;
  } catch (error) {
    const shell = await cache.match(SHELL);
    if (shell) return shell;
    throw error;
  }
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
