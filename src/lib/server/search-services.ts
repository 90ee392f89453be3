/**
 * The seam between SvelteKit's endpoints and Baton's server search (`server/search`),
 * registered like `services.ts` (the two are bundled apart and cannot share module instances).
 * The endpoint authorizes first (`authorizeWorkspace`, any member: every role reads every
 * ticket of its workspace); the service searches that workspace only.
 */

export interface SearchResult {
  status: number;
  body: unknown;
}

export interface SearchServices {
  /** `params`: the request's query parameters as they came (validated by the service). */
  search(workspaceId: string, memberId: string, params: URLSearchParams): Promise<SearchResult>;
}

const KEY = Symbol.for('baton.search-services');
type Registry = { [KEY]?: SearchServices };

export function registerSearchServices(services: SearchServices): void {
  (globalThis as Registry)[KEY] = services;
}

export function getSearchServices(): SearchServices {
  const services = (globalThis as Registry)[KEY];
  if (!services) {
    throw new Error(
      'Baton search services are not registered: start Baton through server/main.ts.'
    );
  }
  return services;
}

/** A service's answer as the endpoint's response (never cached: it is one member's view). */
export function searchResponse(result: SearchResult): Response {
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { 'cache-control': 'no-store', 'content-type': 'application/json' }
  });
}
