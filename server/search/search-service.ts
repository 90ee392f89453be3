/**
 * The server search's service behind `GET /api/workspaces/<ws>/search`: the query checked
 * (`contract/search.ts`: one parameter `q`, 1–200 characters; anything else refused naming the
 * field), a rate limit per member and workspace, then the store asked for that workspace only.
 * The endpoint has authorized the member in the workspace before this runs.
 */
import { errorBody } from '../../src/lib/contract/errors.ts';
import { SEARCH_LIMIT, SEARCH_RATE, SearchQuery } from '../../src/lib/contract/search.ts';
import type { SearchResult, SearchServices } from '../../src/lib/server/search-services.ts';
import { RateLimiter } from '../accounts/rate-limit.ts';
import type { Clock } from '../config.ts';
import type { SearchStore } from './search-store.ts';

export function createSearchServices(store: SearchStore, clock: Clock): SearchServices {
  const limiter = new RateLimiter(clock);
  return {
    async search(workspaceId, memberId, params): Promise<SearchResult> {
      const parsed = SearchQuery.safeParse(Object.fromEntries(params));
      const repeated = [...new Set(params.keys())].find((key) => params.getAll(key).length > 1);
      if (!parsed.success || repeated !== undefined) {
        const issue = parsed.success ? null : parsed.error.issues[0];
        const unknownKey = issue && 'keys' in issue ? issue.keys[0] : undefined;
        const field = repeated ?? String(issue?.path[0] ?? unknownKey ?? 'q');
        const why = repeated !== undefined ? 'given twice' : (issue?.message ?? 'invalid');
        return { status: 400, body: errorBody('invalid-request', `${field}: ${why}`) };
      }
      const reservation = limiter.reserve([
        { key: `search:${workspaceId}:${memberId}`, limit: SEARCH_RATE }
      ]);
      if (!reservation.ok) {
        return {
          status: 429,
          body: errorBody(
            'rate-limited',
            'Too many searches; wait a moment.',
            reservation.retryAfterMs
          )
        };
      }
      const hits = await store.search(workspaceId, parsed.data.q, SEARCH_LIMIT);
      return { status: 200, body: { hits } };
    }
  };
}
