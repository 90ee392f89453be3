/**
 * Shifts in the browser: handing tickets over at the end of one, reading what changed at the
 * start of the next, and the two marks that say when the member was last on.
 *
 * The marks (`endedAt`: "end my shift" was done; `seenAt`: the start-of-shift digest was
 * marked read) are the member's own, kept on this device under their prefix like their view
 * preferences (`sync/local-data.ts`), so sign-out removes them. On another device the digest
 * starts from the end of the member's previous shift by their working hours instead
 * (`lastOnSince`), which is what "since I was last on" means when nothing was recorded.
 *
 * A handover is one edit per ticket through `WorkspaceSession.editOffscreen` — the handover
 * note is signed for the receiver (or for nobody) and the ticket assigned to them (or to
 * nobody: back to the queue) in one transaction — so it works offline on the copies kept on
 * this device and merges on reconnect like any other change. Tickets are handed over side by
 * side; one that fails does not stop the others.
 */
import { ticketDocName } from '$lib/domain/doc-names';
import { assign, readTicketFields, signHandover } from '$lib/domain/ticket';
import { isOpenStatus } from '$lib/domain/ticket-status';
import {
  lastOnSince,
  shiftDigest,
  ticketChangesSince,
  type TicketChanges
} from '$lib/domain/shift-changes';
import type { MemberProfile, TicketSummary } from '$lib/domain/schema';
import { memberPrefix } from '$lib/sync/local-data';
import { browserStorage, safeSet, type KeyValueStorage } from '$lib/sync/storage';
import type { TicketEdit } from './ticket-actions';
import type { WorkspaceSession } from './workspace-session.svelte';
import { previousShiftEnd } from './shift-team';

export interface ShiftMarks {
  endedAt: number | null;
  seenAt: number | null;
}

const NO_MARKS: ShiftMarks = { endedAt: null, seenAt: null };

function mark(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** When the member last ended a shift and last read the digest, in this workspace. */
export class ShiftRecord {
  #marks = $state.raw<ShiftMarks>(NO_MARKS);
  readonly #storage: KeyValueStorage | null;
  readonly #key: string;

  constructor(deps: { memberId: string; workspaceId: string; storage?: KeyValueStorage | null }) {
    this.#storage = deps.storage === undefined ? browserStorage() : deps.storage;
    this.#key = `${memberPrefix(deps.memberId)}shift:${deps.workspaceId}`;
    this.#load();
  }

  get marks(): ShiftMarks {
    return this.#marks;
  }

  recordEnd(now: number): void {
    this.#marks = { ...this.#marks, endedAt: now };
    this.#save();
  }

  recordSeen(now: number): void {
    this.#marks = { ...this.#marks, seenAt: now };
    this.#save();
  }

  /** Since when to read changes for a member with `profile` (their hours), at `now`. */
  since(profile: MemberProfile | undefined, now: number): number {
    return lastOnSince({
      now,
      shiftEndedAt: this.#marks.endedAt ?? undefined,
      seenAt: this.#marks.seenAt ?? undefined,
      scheduledEnd: profile ? previousShiftEnd(profile, now) : null
    });
  }

  #load(): void {
    try {
      const raw: unknown = JSON.parse(this.#storage?.getItem(this.#key) ?? 'null');
      if (typeof raw !== 'object' || raw === null) return;
      const { endedAt, seenAt } = raw as Record<string, unknown>;
      this.#marks = { endedAt: mark(endedAt), seenAt: mark(seenAt) };
    } catch {
      // Unreadable: as if nothing was recorded.
    }
  }

  #save(): void {
    if (this.#storage) safeSet(this.#storage, this.#key, JSON.stringify(this.#marks));
  }

  reset(): void {
    this.#marks = NO_MARKS;
    this.#storage?.removeItem(this.#key);
  }
}

/** Whom a ticket goes to: a member's id, or `null` for the queue. */
export interface HandoverPlan {
  ticketId: string;
  to: string | null;
}

/** The one edit of a handover: the note signed for the receiver, the ticket assigned to them. */
export function handOverEdit(to: string | null): TicketEdit<void> {
  return (doc, actor, now) =>
    doc.transact(() => {
      signHandover(doc, to, actor, now);
      assign(doc, to, actor, now);
    });
}

export interface HandoverOutcome {
  done: string[];
  /** Not on this device and no connection to fetch them. */
  unavailable: string[];
  failed: { ticketId: string; error: unknown }[];
}

/** Hands the tickets over, side by side; each one's fate is reported. */
export async function handOver(
  ws: WorkspaceSession,
  plans: readonly HandoverPlan[]
): Promise<HandoverOutcome> {
  const outcome: HandoverOutcome = { done: [], unavailable: [], failed: [] };
  await Promise.all(
    plans.map(async (plan) => {
      try {
        const result = await ws.editOffscreen(plan.ticketId, handOverEdit(plan.to));
        if (result) outcome.done.push(plan.ticketId);
        else outcome.unavailable.push(plan.ticketId);
      } catch (error) {
        outcome.failed.push({ ticketId: plan.ticketId, error });
      }
    })
  );
  return outcome;
}

/** The member's open tickets, as the index has them (most urgent first is the caller's). */
export function myOpenTickets(ws: WorkspaceSession) {
  return ws.index.snapshot.tickets.filter(
    (t) => t.assigneeId === ws.actor.id && isOpenStatus(t.status)
  );
}

interface DigestState {
  /** A first reading has finished. */
  loaded: boolean;
  since: number | null;
  changes: TicketChanges[];
  /** Tickets that concern the member but are not on this device (offline). */
  missing: number;
}

/** How many ticket documents the digest reads at most (the most recently updated first). */
const MAX_DIGEST_TICKETS = 200;

/**
 * The tickets whose documents the digest reads: the member's now, and any whose handover
 * note was signed since (handed to them, or taken from them), most recently updated first.
 */
export function digestCandidates(
  tickets: readonly TicketSummary[],
  memberId: string,
  since: number
): TicketSummary[] {
  return tickets
    .filter((t) => t.assigneeId === memberId || (t.hasHandover && t.updatedAt > since))
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, MAX_DIGEST_TICKETS);
}

/**
 * The start-of-shift digest: reads the candidate ticket documents from this device — online,
 * after fetching the missing ones and bringing the kept ones up to date with the server — and
 * keeps what changed (`domain/shift-changes.ts`). Read again when the candidates change (the
 * index moves on while the page is open), the last reading winning.
 */
export class ShiftDigest {
  #state = $state.raw<DigestState>({ loaded: false, since: null, changes: [], missing: 0 });
  #run = 0;

  get loaded(): boolean {
    return this.#state.loaded;
  }
  get since(): number | null {
    return this.#state.since;
  }
  get changes(): TicketChanges[] {
    return this.#state.changes;
  }
  get missing(): number {
    return this.#state.missing;
  }

  async load(
    ws: WorkspaceSession,
    since: number,
    candidates: readonly TicketSummary[]
  ): Promise<void> {
    const run = ++this.#run;
    if (this.#state.since !== since) this.#state = { ...this.#state, since, loaded: false };
    const me = ws.actor.id;
    const names = candidates.map((t) => ticketDocName(t.id));
    if (ws.sync.status.online && names.length > 0) {
      try {
        await ws.sync.prefetch(names);
        await ws.sync.push(names);
      } catch (error) {
        console.warn('Could not fetch tickets for the shift digest', error);
      }
    }
    const found: (TicketChanges | null)[] = [];
    let missing = 0;
    for (const name of names) {
      const handle = ws.sync.pool.acquire(name, { live: false });
      try {
        await handle.whenLoaded;
        if (!readTicketFields(handle.doc)) missing++;
        else found.push(ticketChangesSince(handle.doc, since, me));
      } finally {
        handle.release();
      }
    }
    if (run !== this.#run) return;
    this.#state = { loaded: true, since, changes: shiftDigest(found), missing };
  }

  reset(): void {
    this.#run++;
    this.#state = { loaded: false, since: null, changes: [], missing: 0 };
  }
}
