/**
 * The archive: solved and closed tickets that have been done for longer than the workspace's
 * window leave the workspace index (`ws/<id>/index`), so that the index — which every device
 * loads whole — stays as small as the workspace's active work, however many years of tickets
 * lie behind it. Their documents (`t/<id>`) stay: an archived ticket opens as before, server
 * search finds it, and the server keeps a row per archived ticket (number, subject, requester,
 * when it was done) for the customer's history (`server/archive/`).
 *
 * Which tickets are due (`archiveDue`): status solved or closed, done (`solvedAt`, or the last
 * update for a ticket that carries none) at least `afterDays` days before now. The window is
 * counted in whole days of elapsed time, not business time: it is housekeeping, not a promise
 * to a customer.
 *
 * What brings a ticket back (`staysArchived`): any open status. A customer's mail to an
 * archived solved ticket reopens it (`ticket-status.ts`'s reopen rule), an agent who sets it
 * back to open from the ticket page does too; its summary is then written into the index again.
 * Anything else — an edit to its tags, a note — leaves it archived, and a summary of it that an
 * offline device still holds and writes back is removed by the server.
 *
 * Settings (the settings document's `archive` root, owners and admins): one record, keyed
 * `archive`: on/off and the window in days (default on, 90 days).
 */
import { z } from 'zod';
import { isSolvedStatus, isTicketStatus } from './ticket-status';
import type { TicketStatus } from './schema';

export const ARCHIVE_SETTINGS_ID = 'archive';
export const MIN_ARCHIVE_DAYS = 1;
export const MAX_ARCHIVE_DAYS = 3650;
const DAY = 24 * 3_600_000;

export const ArchiveSettingsRecord = z.strictObject({
  id: z.literal(ARCHIVE_SETTINGS_ID),
  enabled: z.boolean(),
  /** Days after a ticket was solved or closed before it leaves the index. */
  afterDays: z.number().int().min(MIN_ARCHIVE_DAYS).max(MAX_ARCHIVE_DAYS)
});
export type ArchiveSettingsRecord = z.infer<typeof ArchiveSettingsRecord>;

export const DEFAULT_ARCHIVE_SETTINGS: ArchiveSettingsRecord = {
  id: ARCHIVE_SETTINGS_ID,
  enabled: true,
  afterDays: 90
};

/** The `archive` root's record as a plain value (missing or invalid: the default). */
export function archiveSettingsOf(records: Iterable<[string, unknown]>): ArchiveSettingsRecord {
  for (const [key, value] of records) {
    if (key !== ARCHIVE_SETTINGS_ID) continue;
    const parsed = ArchiveSettingsRecord.safeParse(value);
    if (parsed.success) return parsed.data;
  }
  return DEFAULT_ARCHIVE_SETTINGS;
}

/** What the archive reads of a summary (or of a ticket's fields). */
export interface ArchiveCandidate {
  status: TicketStatus;
  solvedAt: number | null;
  updatedAt: number;
}

/** When a done ticket counts as done from: `solvedAt`, else its last update. */
export function doneAt(ticket: ArchiveCandidate): number {
  return ticket.solvedAt ?? ticket.updatedAt;
}

/** Whether a ticket is due to leave the index at `now` under `settings`. */
export function archiveDue(
  ticket: ArchiveCandidate,
  now: number,
  settings: ArchiveSettingsRecord
): boolean {
  if (!settings.enabled || !isSolvedStatus(ticket.status)) return false;
  return doneAt(ticket) <= now - settings.afterDays * DAY;
}

/** Whether an archived ticket in this status stays out of the index (an open one comes back). */
export function staysArchived(status: TicketStatus): boolean {
  return isSolvedStatus(status);
}

/**
 * The ids of the index's summaries that are due, oldest done first, at most `limit`.
 * `summaries` are the index's raw values (what a client wrote): anything that does not look
 * like a summary is skipped, not archived.
 */
export function dueForArchive(
  summaries: Iterable<[string, unknown]>,
  now: number,
  settings: ArchiveSettingsRecord,
  limit = Infinity
): string[] {
  if (!settings.enabled) return [];
  const due: { id: string; at: number }[] = [];
  for (const [id, value] of summaries) {
    const candidate = candidateOf(value);
    if (candidate && archiveDue(candidate, now, settings)) due.push({ id, at: doneAt(candidate) });
  }
  due.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return due.slice(0, limit).map((d) => d.id);
}

function candidateOf(value: unknown): ArchiveCandidate | null {
  if (typeof value !== 'object' || value === null) return null;
  const { status, solvedAt, updatedAt } = value as Record<string, unknown>;
  if (!isTicketStatus(status) || typeof updatedAt !== 'number') return null;
  if (solvedAt === undefined || solvedAt === null) return { status, solvedAt: null, updatedAt };
  return typeof solvedAt === 'number' ? { status, solvedAt, updatedAt } : null;
}
