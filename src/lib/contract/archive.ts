/**
 * The archive's endpoint, written once for the server and the browser.
 *
 *   GET /api/workspaces/<ws>/archive?customer=<id>&q=<words>&after=<cursor>&limit=<n>
 *       the workspace's archived tickets (closed ones that left the index), newest done first,
 *       one page at a time; `customer` narrows to one requester (their history), `q` to a
 *       ticket number or words of the subject, `after` is the `next` of the page before.
 *
 * Bounds: every parameter at most once and none other (a refusal names the field); `q` at most
 * 200 characters, `limit` 1–100 (default 25); a member asks at most `ARCHIVE_RATE` times per
 * window. Any member reads their own workspace's archive (every role reads every ticket).
 */
import { z } from 'zod';
import { Id } from '../domain/schema';
import { workspacePath } from './endpoints';

export const ARCHIVE_PAGE = { default: 25, max: 100 } as const;
export const ARCHIVE_RATE = { max: 60, windowMs: 10_000 } as const;

export const ArchiveQuery = z.strictObject({
  customer: Id.optional(),
  q: z.string().trim().max(200, 'q is over 200 characters').optional(),
  after: z
    .string()
    .max(200, 'after is not a cursor')
    .regex(/^\d{1,16}\.[a-z0-9-]{1,64}$/, 'after is not a cursor')
    .optional(),
  limit: z.coerce.number().int().min(1).max(ARCHIVE_PAGE.max).default(ARCHIVE_PAGE.default)
});
export type ArchiveQuery = z.infer<typeof ArchiveQuery>;
export type ArchiveQueryInput = z.input<typeof ArchiveQuery>;

export const ArchivedTicketRow = z.object({
  id: z.string(),
  number: z.number().nullable(),
  ref: z.string(),
  subject: z.string(),
  status: z.string(),
  requesterId: z.string().nullable(),
  closedAt: z.number()
});
export type ArchivedTicketRow = z.infer<typeof ArchivedTicketRow>;

export const ArchiveAnswer = z.object({
  tickets: z.array(ArchivedTicketRow).max(ARCHIVE_PAGE.max),
  next: z.string().nullable()
});
export type ArchiveAnswer = z.infer<typeof ArchiveAnswer>;

export function archivePath(workspaceId: string, query: ArchiveQueryInput = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return workspacePath(workspaceId, `/archive${search ? `?${search}` : ''}`);
}
