/** The index projection as JSON for the snapshot cache (see `index-view.svelte.ts`). */
import { MemberProfile, type CustomerSummary, type TicketSummary } from '$lib/domain/schema';
import { compareByPriority } from '$lib/domain/urgency';
import type { IndexSnapshot } from '$lib/domain/workspace-index';

interface CachedSnapshot {
  tickets: TicketSummary[];
  customers: CustomerSummary[];
  members: MemberProfile[];
}

/**
 * The cached JSON, if it still has the expected shape (it is our own, but may be old) and
 * holds tickets. A cache without tickets was written before the index's first sync (a first
 * visit that closed early): shown, it would paint an empty workspace while the real index loads.
 */
export function parseCachedSnapshot(json: string | null): IndexSnapshot | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Partial<CachedSnapshot> | null;
    if (
      !value ||
      !Array.isArray(value.tickets) ||
      !Array.isArray(value.customers) ||
      !Array.isArray(value.members) ||
      value.tickets.length === 0
    ) {
      return null;
    }
    return {
      tickets: value.tickets,
      customers: new Map(value.customers.map((c) => [c.id, c])),
      // Profiles are few, and a cache written before a schema change holds their old shape
      // (working hours before #12): read each as the index would.
      members: new Map(
        value.members.flatMap((m) => {
          const profile = MemberProfile.safeParse(m);
          return profile.success ? [[profile.data.id, profile.data] as const] : [];
        })
      )
    };
  } catch {
    return null;
  }
}

/**
 * The tickets are kept in the board's default order (most urgent, then oldest first): a cold
 * start sorts them into columns before its first paint, and a sort of 10,000 tickets that are
 * already in order is one pass instead of a full sort.
 */
export function serializeSnapshot(snapshot: IndexSnapshot): string {
  const plain: CachedSnapshot = {
    tickets: [...snapshot.tickets].sort(compareByPriority),
    customers: [...snapshot.customers.values()],
    members: [...snapshot.members.values()]
  };
  return JSON.stringify(plain);
}
