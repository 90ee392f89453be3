// Baton is local-first: every page renders in the browser from IndexedDB and the relay.
export const ssr = false;
export const prerender = false;
