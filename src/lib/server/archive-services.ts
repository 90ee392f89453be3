/**
 * The seam between SvelteKit's endpoint and Baton's archive (`server/archive`), registered like
 * `search-services.ts`. The endpoint authorizes first (`authorizeWorkspace`, any member); the
 * service answers that workspace only.
 */
import { serviceSlot } from './service-slot';

export interface ArchiveResult {
  status: number;
  body: unknown;
}

export interface ArchiveServices {
  /** `params`: the request's query parameters as they came (validated by the service). */
  list(workspaceId: string, memberId: string, params: URLSearchParams): Promise<ArchiveResult>;
}

const slot = serviceSlot<ArchiveServices>('archive-services', 'archive services');
export const registerArchiveServices = slot.register;
export const getArchiveServices = slot.get;

/** A service's answer as the endpoint's response (never cached: it is one member's view). */
export function archiveResponse(result: ArchiveResult): Response {
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { 'cache-control': 'no-store', 'content-type': 'application/json' }
  });
}
