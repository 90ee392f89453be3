/**
 * The seam between SvelteKit's endpoints and Baton's server search (`server/search`),
 * registered like `services.ts` (the two are bundled apart and cannot share module instances).
 * The endpoint authorizes first (`authorizeWorkspace`, any member: every role reads every
 * ticket of its workspace); the service searches that workspace only.
 */
import { serviceSlot } from './service-slot';

export interface SearchResult {
  status: number;
  body: unknown;
}

export interface SearchServices {
  /** `params`: the request's query parameters as they came (validated by the service). */
  search(workspaceId: string, memberId: string, params: URLSearchParams): Promise<SearchResult>;
}

const slot = serviceSlot<SearchServices>('search-services', 'search services');
export const registerSearchServices = slot.register;
export const getSearchServices = slot.get;

/** A service's answer as the endpoint's response (never cached: it is one member's view). */
export function searchResponse(result: SearchResult): Response {
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { 'cache-control': 'no-store', 'content-type': 'application/json' }
  });
}
