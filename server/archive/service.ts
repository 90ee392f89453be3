/**
 * The archive's service behind `GET /api/workspaces/<ws>/archive` (`contract/archive.ts`): the
 * query checked (known parameters only, each at most once; a refusal names the field), a rate
 * limit per member and workspace, then one page of that workspace's rows. The endpoint has
 * authorized the member in the workspace before this runs.
 */
import { errorBody } from '../../src/lib/contract/errors.ts';
import { ARCHIVE_RATE, ArchiveQuery, type ArchiveAnswer } from '../../src/lib/contract/archive.ts';
import type { ArchiveResult, ArchiveServices } from '../../src/lib/server/archive-services.ts';
import { RateLimiter } from '../accounts/rate-limit.ts';
import type { Clock } from '../config.ts';
import type { ArchiveStore } from './store.ts';

export function createArchiveServices(store: ArchiveStore, clock: Clock): ArchiveServices {
  const limiter = new RateLimiter(clock);
  return {
    async list(workspaceId, memberId, params): Promise<ArchiveResult> {
      const repeated = [...new Set(params.keys())].find((key) => params.getAll(key).length > 1);
      const parsed = ArchiveQuery.safeParse(Object.fromEntries(params));
      if (!parsed.success || repeated !== undefined) {
        const issue = parsed.success ? null : parsed.error.issues[0];
        const unknownKey = issue && 'keys' in issue ? issue.keys[0] : undefined;
        const field = repeated ?? String(issue?.path[0] ?? unknownKey ?? 'query');
        const why = repeated !== undefined ? 'given twice' : (issue?.message ?? 'invalid');
        return { status: 400, body: errorBody('invalid-request', `${field}: ${why}`) };
      }
      const reservation = limiter.reserve([
        { key: `archive:${workspaceId}:${memberId}`, limit: ARCHIVE_RATE }
      ]);
      if (!reservation.ok) {
        return {
          status: 429,
          body: errorBody(
            'rate-limited',
            'Too many archive requests; wait a moment.',
            reservation.retryAfterMs
          )
        };
      }
      const { customer, q, after, limit } = parsed.data;
      const page = store.list(workspaceId, { customer, q, after, limit });
      const body: ArchiveAnswer = {
        tickets: page.tickets.map((t) => ({
          id: t.ticketId,
          number: t.number,
          ref: t.ref,
          subject: t.subject,
          status: t.status,
          requesterId: t.requesterId,
          closedAt: t.closedAt
        })),
        next: page.next
      };
      return { status: 200, body };
    }
  };
}
