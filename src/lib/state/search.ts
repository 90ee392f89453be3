/** The search box of the board, the lists and the triage list. */
import type { TicketSummary } from '$lib/domain/schema';

/**
 * Whether a ticket matches what was typed in a search box: `#12` (or `12`) matches ticket
 * numbers starting with those digits, `P-AB12` a provisional reference, anything else the
 * subject (every word, in any order, case-insensitive).
 */
export function matchesQuery(t: TicketSummary, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  const digits = /^#?(\d+)$/.exec(q)?.[1];
  if (digits !== undefined && t.number !== null && String(t.number).startsWith(digits)) {
    return true;
  }
  if (q.startsWith('#')) return false;
  if (t.ref.toLowerCase().startsWith(q)) return true;
  const subject = t.subject.toLowerCase();
  return q.split(/\s+/).every((word) => subject.includes(word));
}
