/**
 * The headers every response of Baton carries: pages, the API, static files, the service worker
 * and the manifest alike. They are set in one place, the Node entry (`server/main.ts`), on each
 * response before adapter-node's handler runs; a response that sets one of them itself keeps
 * its own (the mail frame's `x-frame-options: SAMEORIGIN`). The Content-Security-Policy of
 * pages comes from `kit.csp` in svelte.config.js, so that SvelteKit can add the hashes of its
 * inline bootstrap script.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'cross-origin-opener-policy': 'same-origin'
};
