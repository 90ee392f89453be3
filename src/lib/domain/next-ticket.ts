/**
 * The next ticket: which ticket a member takes next, and how two members who take the same
 * ticket at the same moment — online, or offline and merged later — settle who keeps it.
 *
 * The queue. A member's queue is the workspace's tickets that wait for work (`new` or `open`;
 * pending and on-hold ones wait for someone else) and that the member may take: unassigned or
 * already theirs, and allowed by the workspace's routing (`mayTake`, skills). It is ordered by
 * the earliest SLA due time (tickets without a running clock after those with one), then the
 * priority, then the age (oldest first); the id breaks the last tie, so every replica agrees.
 * It is read from the index's summaries, so it needs no ticket document.
 *
 * The claim. Taking a ticket writes, in one transaction of the ticket document, the assignee
 * (through `assign`, so the activity and `updatedAt` move with it) and a claim record in the
 * `claims` map. Yjs keeps one value per map key and picks, among concurrent writes, the one
 * of the larger client id: deterministic, but arbitrary, and it would leave both agents
 * believing they have the ticket until they looked. So each write of the assignee field is
 * identified by its Yjs id (`client:clock`, a *version*), and the record names both the
 * version it wrote (`write`, also its key in the map) and the version it was written on top of
 * (`basis`: what the member saw when the ticket was free). Yjs records that same link — each
 * write of a map key keeps the id of the value it replaced as its `origin` — so the writes of
 * the assignee form a tree, identical on every replica once they hold the same updates.
 *
 * Settling. Two claims race when they share a basis (neither member had seen the other's). The
 * winner of a race is the claim pressed first (`at`), then the smaller member id — not the
 * order in which updates arrived, nor the clock alone. A claim drops out of the race when
 * somebody already acted on top of it (a later write of the assignee whose origin is the
 * claim's write, other than a settling write): the ticket moved on from it, e.g. its winner
 * handed it over, so it no longer holds the ticket. `resolveClaims` reads the merged document:
 * from the assignee's current write it walks back over settling writes; if it lands on a claim,
 * the ticket belongs to the winner of that claim's race, and when the field shows someone else
 * a member's replica puts the winner back (`settleClaims`), marked as a settling write in the
 * same map (`kind: 'settle'`) so that later resolutions walk over it. Every replica that holds
 * the same updates computes the same holder, every settling write writes that holder, and the
 * member whose claim lost sees `lost` from `claimOutcome` and is told. When the assignee's
 * current write is not a claim (someone assigned the ticket by hand, or routing did), the plain
 * write stands as Yjs merged it, and a claim it beat is lost.
 *
 * Trust. A record is checked by the server (`claimProblem`, run by the update check): its key is
 * its write, the write is an assignee value on top of the basis it names, the value is the
 * member (or, settling, the member settled for), and the record is written once; the write guard
 * checks that `memberId` is the writer (`authorship.ts`), and light agents and viewers cannot
 * change the assignee at all. `at` is the writer's clock: a member could backdate a claim to win
 * races, which gains nothing they could not do by assigning the ticket to themselves.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { Id, Timestamp, type Actor, type TicketStatus, type TicketSummary } from './schema';
import { assign, readTicketFields, ticketParts, TicketError } from './ticket';
import { compareByPriority, compareDue } from './urgency';

// ---------------------------------------------------------------------------------------------
// The queue

/** Statuses that wait for an agent's work; pending and on-hold wait for someone else. */
export const QUEUE_STATUSES: ReadonlySet<TicketStatus> = new Set<TicketStatus>(['new', 'open']);

/** Whether the member may take this ticket, beyond "unassigned or mine" (skills, routing). */
export type MayTake = (ticket: TicketSummary) => boolean;

export interface QueueOptions {
  /** The workspace's routing rule; every ticket when absent. */
  mayTake?: MayTake;
  /** Tickets to leave out (the one on screen, one just lost to a colleague). */
  skip?: ReadonlySet<string>;
}

/** The queue's order: the earliest SLA due time, then priority, then the oldest, then the id. */
export function compareQueue(a: TicketSummary, b: TicketSummary): number {
  return compareDue(a, b) || compareByPriority(a, b);
}

/** Whether a ticket is in the member's queue. */
export function inQueue(t: TicketSummary, memberId: string, options: QueueOptions = {}): boolean {
  return (
    QUEUE_STATUSES.has(t.status) &&
    (t.assigneeId === null || t.assigneeId === memberId) &&
    !options.skip?.has(t.id) &&
    (options.mayTake?.(t) ?? true)
  );
}

/** The member's queue, in order (for lists and tests; `nextInQueue` does not sort). */
export function queueOf(
  tickets: readonly TicketSummary[],
  memberId: string,
  options: QueueOptions = {}
): TicketSummary[] {
  return tickets.filter((t) => inQueue(t, memberId, options)).sort(compareQueue);
}

/** The top of the member's queue, in one pass over the summaries; `null` when it is empty. */
export function nextInQueue(
  tickets: readonly TicketSummary[],
  memberId: string,
  options: QueueOptions = {}
): TicketSummary | null {
  let best: TicketSummary | null = null;
  for (const t of tickets) {
    if (!inQueue(t, memberId, options)) continue;
    if (best === null || compareQueue(t, best) < 0) best = t;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Claim records

/** The Yjs id of one write of the assignee field, `client:clock`. */
export const AssigneeVersion = z
  .string()
  .max(30)
  .regex(/^\d{1,10}:\d{1,16}$/, 'a version is client:clock');

const ClaimFields = {
  /** Who wrote the record: the member who claimed, or who settled. */
  memberId: Id,
  /** When, by the writer's clock. */
  at: Timestamp,
  /** The assignee write this one replaced. */
  basis: AssigneeVersion,
  /** The assignee write this record made (also its key in the map). */
  write: AssigneeVersion
};

export const ClaimRecord = z.discriminatedUnion('kind', [
  /** A member took the ticket for themself. */
  z.strictObject({ kind: z.literal('claim'), ...ClaimFields }),
  /** A member's replica gave the ticket to the winner of a race (`for`). */
  z.strictObject({ kind: z.literal('settle'), ...ClaimFields, for: Id })
]);
export type ClaimRecord = z.infer<typeof ClaimRecord>;
export type Claim = Extract<ClaimRecord, { kind: 'claim' }>;

export const CLAIMS_ROOT = 'claims';

function claimsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(CLAIMS_ROOT);
}

/** The claim and settle records of a ticket, by their write; invalid ones are left out. */
export function readClaimRecords(doc: Y.Doc): Map<string, ClaimRecord> {
  const out = new Map<string, ClaimRecord>();
  for (const [key, value] of claimsMap(doc)) {
    const parsed = ClaimRecord.safeParse(value);
    if (parsed.success && parsed.data.write === key) out.set(key, parsed.data);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The writes of the assignee field, as Yjs keeps them

interface AssigneeWrite {
  version: string;
  /** The version it replaced; `null` for the ticket's first. */
  origin: string | null;
  item: Y.Item;
}

function versionOf(id: { client: number; clock: number }): string {
  return `${id.client}:${id.clock}`;
}

/**
 * Every write of the assignee field still known to the document, oldest first in Yjs' order
 * (the current value last). Overwritten values keep their id and origin after garbage
 * collection, so the tree survives; only their content is gone.
 */
function assigneeWrites(doc: Y.Doc): AssigneeWrite[] {
  const out: AssigneeWrite[] = [];
  let item: Y.Item | null = ticketParts(doc).fields._map.get('assigneeId') ?? null;
  while (item) {
    // Deleted writes of one client with consecutive clocks may have been merged into one item.
    for (let i = item.length - 1; i >= 0; i--) {
      const { client, clock } = item.id;
      out.push({
        version: `${client}:${clock + i}`,
        origin: i > 0 ? `${client}:${clock + i - 1}` : item.origin ? versionOf(item.origin) : null,
        item
      });
    }
    item = item.left;
  }
  return out.reverse();
}

/** The version of the assignee's current value; `null` before the ticket exists. */
function currentVersion(doc: Y.Doc): string | null {
  const item = ticketParts(doc).fields._map.get('assigneeId');
  return item
    ? versionOf({ client: item.id.client, clock: item.id.clock + item.length - 1 })
    : null;
}

/** What the claims of a ticket say, read from the document. */
export interface ClaimView {
  records: ReadonlyMap<string, ClaimRecord>;
  writes: readonly { version: string; origin: string | null }[];
  current: string | null;
  assigneeId: string | null;
}

export function claimView(doc: Y.Doc): ClaimView {
  return {
    records: readClaimRecords(doc),
    writes: assigneeWrites(doc).map(({ version, origin }) => ({ version, origin })),
    current: currentVersion(doc),
    assigneeId: readTicketFields(doc)?.assigneeId ?? null
  };
}

export interface ClaimResolution {
  /** Who has the ticket once the claims are settled. */
  holder: string | null;
  /** The claim that won the race the current value comes from, if it comes from one. */
  winner: Claim | null;
  /** The member the assignee field must be set to (it shows someone else); else `null`. */
  settleTo: string | null;
}

function earlier(a: Claim, b: Claim): boolean {
  return a.at !== b.at ? a.at < b.at : a.memberId < b.memberId;
}

/** Pure: who holds the ticket by the rules in the header, from a `claimView`. */
export function resolveClaims(view: ClaimView): ClaimResolution {
  const plain: ClaimResolution = { holder: view.assigneeId, winner: null, settleTo: null };
  const origins = new Map<string, string | null>();
  /** Versions some write other than a settling one was made on top of. */
  const actedOn = new Set<string>();
  for (const w of view.writes) {
    origins.set(w.version, w.origin);
    if (w.origin !== null && view.records.get(w.version)?.kind !== 'settle') actedOn.add(w.origin);
  }
  // From the current value back over settling writes to the write they settled.
  let at = view.current;
  const seen = new Set<string>();
  while (at !== null && view.records.get(at)?.kind === 'settle' && !seen.has(at)) {
    seen.add(at);
    at = origins.get(at) ?? null;
  }
  const landed = at === null ? undefined : view.records.get(at);
  if (landed?.kind !== 'claim' || !origins.has(landed.write)) return plain;
  let winner: Claim | null = null;
  for (const record of view.records.values()) {
    if (record.kind !== 'claim' || record.basis !== landed.basis) continue;
    // A claim nobody has written: it never reached this replica's tree (not possible for an
    // update that passed the check, but a record alone proves nothing).
    if (!origins.has(record.write)) continue;
    if (record.write !== landed.write && actedOn.has(record.write)) continue;
    if (winner === null || earlier(record, winner)) winner = record;
  }
  if (winner === null) return plain;
  return {
    holder: winner.memberId,
    winner,
    settleTo: view.assigneeId === winner.memberId ? null : winner.memberId
  };
}

export type ClaimOutcome =
  /** The claim is not in this document (yet). */
  | { kind: 'unknown' }
  /** The member has the ticket. */
  | { kind: 'held' }
  /** Somebody acted on the ticket after this claim: no race is left to tell about. */
  | { kind: 'moved-on' }
  /** Someone else has the ticket (`by`; `null` when it went back to the queue). */
  | { kind: 'lost'; by: string | null };

/** What became of the claim that made `write`, as every replica with these updates sees it. */
export function claimOutcome(view: ClaimView, write: string): ClaimOutcome {
  const claim = view.records.get(write);
  if (claim?.kind !== 'claim') return { kind: 'unknown' };
  const resolution = resolveClaims(view);
  if (resolution.holder === claim.memberId) return { kind: 'held' };
  const actedOn = view.writes.some(
    (w) => w.origin === write && view.records.get(w.version)?.kind !== 'settle'
  );
  if (actedOn) return { kind: 'moved-on' };
  return { kind: 'lost', by: resolution.holder };
}

// ---------------------------------------------------------------------------------------------
// Edits

export type ClaimAttempt =
  | { kind: 'claimed'; claim: Claim }
  /** Already the member's: nothing to claim, open it. */
  | { kind: 'already-mine' }
  /** The document knows better than the index: someone has it. */
  | { kind: 'taken'; by: string }
  /** The document knows better than the index: it no longer waits for work. */
  | { kind: 'not-waiting'; status: TicketStatus };

/** Takes the ticket for `actor`: assigns it to them and records the claim, in one transaction. */
export function claimTicket(doc: Y.Doc, actor: Actor, now: number): ClaimAttempt {
  const fields = readTicketFields(doc);
  if (!fields) throw new TicketError('not-a-ticket', 'This document holds no ticket yet.');
  if (fields.assigneeId === actor.id) return { kind: 'already-mine' };
  if (fields.assigneeId !== null) return { kind: 'taken', by: fields.assigneeId };
  if (!QUEUE_STATUSES.has(fields.status)) return { kind: 'not-waiting', status: fields.status };
  const made: { claim?: Claim } = {};
  doc.transact(() => {
    const basis = currentVersion(doc);
    assign(doc, actor.id, actor, now);
    const write = currentVersion(doc);
    if (basis === null || write === null) return;
    made.claim = { kind: 'claim', memberId: actor.id, at: now, basis, write };
    claimsMap(doc).set(write, made.claim);
  });
  if (!made.claim) throw new TicketError('invalid-ticket', 'The ticket has no assignee field.');
  return { kind: 'claimed', claim: made.claim };
}

/**
 * Puts the winner of a race back into the assignee field when it shows someone else, marked as
 * settling. Returns the member it gave the ticket to, or `null` when nothing needed doing.
 */
export function settleClaims(doc: Y.Doc, actor: Actor, now: number): string | null {
  const { settleTo } = resolveClaims(claimView(doc));
  if (settleTo === null) return null;
  doc.transact(() => {
    const basis = currentVersion(doc);
    if (!assign(doc, settleTo, actor, now)) return;
    const write = currentVersion(doc);
    if (basis === null || write === null) return;
    const record: ClaimRecord = {
      kind: 'settle',
      memberId: actor.id,
      at: now,
      basis,
      write,
      for: settleTo
    };
    claimsMap(doc).set(write, record);
  });
  return settleTo;
}

// ---------------------------------------------------------------------------------------------
// The server's check of a changed record (called by `update-check.ts` on the scratch copy)

/**
 * Why a claim record this update wrote (`value` under `key`, or a deletion when `value` is
 * `undefined`) is not acceptable, or `null`. `writes` is `assigneeWrites` of the same document,
 * computed once per update by the caller through `claimWrites`.
 */
export function claimProblem(
  doc: Y.Doc,
  key: string,
  writes: ReadonlyMap<string, AssigneeWrite>
): { reason: 'schema' | 'append-only' | 'id-mismatch'; detail: string } | null {
  const claims = claimsMap(doc);
  if (!claims.has(key)) return { reason: 'append-only', detail: 'Claims are kept.' };
  if (claims._map.get(key)?.left) {
    return { reason: 'append-only', detail: 'A claim is written once.' };
  }
  const parsed = ClaimRecord.safeParse(claims.get(key));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      reason: 'schema',
      detail: `claims: ${issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid'}`
    };
  }
  const record = parsed.data;
  if (record.write !== key)
    return { reason: 'id-mismatch', detail: 'claims: the key is the write.' };
  const write = writes.get(record.write);
  if (!write || write.origin !== record.basis) {
    return {
      reason: 'schema',
      detail: 'claims: a claim names the assignee it wrote and the one it replaced.'
    };
  }
  // An overwritten value's content is gone; the current one must be the member it names.
  if (!write.item.deleted) {
    const value: unknown = write.item.content.getContent()[0];
    const expected = record.kind === 'claim' ? record.memberId : record.for;
    if (value !== expected) {
      return { reason: 'schema', detail: 'claims: the assignee written is not the one named.' };
    }
  }
  return null;
}

/** The assignee's writes by version, for `claimProblem`. */
export function claimWrites(doc: Y.Doc): Map<string, AssigneeWrite> {
  return new Map(assigneeWrites(doc).map((w) => [w.version, w]));
}
