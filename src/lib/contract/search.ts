/**
 * Server search, written once for the server and the browser.
 *
 *   GET /api/workspaces/<ws>/search?q=<words>   the best hits of the workspace (tickets,
 *                                               customers, articles), newest first per rank
 *
 * Bounds: `q` is 1–200 characters (a longer one is refused naming `q`, not cut, so nobody
 * believes a cut query was searched); a member asks at most `SEARCH_RATE` times per window.
 */
import { z } from 'zod';
import { workspacePath } from './endpoints';
import { MAX_QUERY_LENGTH } from '../search/answer';
import { SEARCH_GROUPS } from '../search/search-docs';

export const SEARCH_LIMIT = 20;
/** Queries per member and workspace in `SEARCH_RATE.windowMs` (typing is debounced first). */
export const SEARCH_RATE = { max: 60, windowMs: 10_000 } as const;

export const SearchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1, 'q is empty')
    .max(MAX_QUERY_LENGTH, `q is over ${MAX_QUERY_LENGTH} characters`)
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const ServerSearchHit = z.object({
  kind: z.enum(SEARCH_GROUPS),
  id: z.string(),
  title: z.string(),
  detail: z.string(),
  status: z.string(),
  updatedAt: z.number()
});
export type ServerSearchHit = z.infer<typeof ServerSearchHit>;

export const ServerSearchAnswer = z.object({ hits: z.array(ServerSearchHit).max(SEARCH_LIMIT) });
export type ServerSearchAnswer = z.infer<typeof ServerSearchAnswer>;

export function searchPath(workspaceId: string, q: string): string {
  return workspacePath(workspaceId, `/search?${new URLSearchParams({ q }).toString()}`);
}
