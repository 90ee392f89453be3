/**
 * Away periods: when a member's vacation or out-of-office period starts, the server hands
 * their open tickets to the period's substitute, or back to the queue, as the system actor
 * (`domain/away-handover.ts` decides per ticket and logs it in the ticket's activity).
 *
 * A sweep of a workspace reads the members in its index and picks those inside a period at the
 * injected clock's `now`. Nothing else is read when nobody is away. For each of them it walks
 * the index's summaries for their open tickets and hands each over in its own document (the
 * document decides: the summary may be stale). The substitute is used only while they can take
 * the ticket: still a member with a role that works tickets, not away themselves; otherwise
 * the ticket goes back to the queue (where routing, if on, gives it to someone on shift).
 *
 * When: a workspace is swept when its index loads or changes (a profile gains a period that
 * has already begun, a ticket is assigned), at the start of the next period the worker knows
 * of (a timer), and every `tickMs` for each workspace seen (the timer's safety net, and how a
 * test with a fake clock moves time). Sweeps are coalesced to one per workspace and turn.
 *
 * Once per period: the ticket's own activity says whether it was handed over for this period,
 * so a repeated sweep or a restart changes nothing (see `away-handover.ts`); a memo of the
 * tickets done spares loading them again in this process.
 */
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { workspaceSweeps } from './workspace-sweeps.ts';
import { handOverForAway, type AwayHandoverResult } from '../../src/lib/domain/away-handover.ts';
import { may, type Role } from '../../src/lib/domain/roles.ts';
import { MemberProfile, type AwayPeriod } from '../../src/lib/domain/schema.ts';
import { isOpenStatus } from '../../src/lib/domain/ticket-status.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import { awayAt } from '../../src/lib/domain/working-hours.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';

export interface AwayReassignDeps {
  docs: DocManager;
  clock: Clock;
  /** The member's role in the workspace; `null` when they are not a member (any more). */
  roleOf(workspaceId: string, memberId: string): Role | null;
  /** How often every workspace seen is swept (default 60 s); tests shorten it. */
  tickMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** Told after each sweep what it handed over (tests wait on it). */
  onSwept?: (workspaceId: string, moved: readonly AwayMove[]) => void;
}

/** One ticket a sweep handed over. */
export interface AwayMove {
  ticketId: string;
  memberId: string;
  periodId: string;
  result: Exclude<AwayHandoverResult, 'unchanged'>;
  to: string | null;
}

/** `setTimeout` holds at most about 24.8 days; a later start is looked at again then. */
const MAX_DELAY = 2 ** 31 - 1;

export function startAwayReassign(deps: AwayReassignDeps): () => void {
  const { docs, clock } = deps;
  /** `<period id>:<ticket id>` looked at while the period runs (cleared when it ends). */
  const done = new Set<string>();
  let timer: { at: number; handle: ReturnType<typeof setTimeout> } | null = null;
  const sweeps = workspaceSweeps(
    (workspaceId) => {
      const moved = sweep(workspaceId);
      deps.onSwept?.(workspaceId, moved);
    },
    (workspaceId, error) => deps.log?.(`Away handover in ${workspaceId} failed`, error)
  );
  const schedule = sweeps.schedule;

  /** Wakes the worker at the next period start it knows of (the earliest wins). */
  const wakeAt = (at: number) => {
    if (sweeps.stopped || (timer && timer.at <= at)) return;
    if (timer) clearTimeout(timer.handle);
    const delay = Math.min(MAX_DELAY, Math.max(0, at - clock.now()));
    const handle = setTimeout(() => {
      timer = null;
      sweeps.scheduleAll();
    }, delay);
    handle.unref();
    timer = { at, handle };
  };

  const mayTake = (workspaceId: string, member: MemberProfile | undefined, now: number) =>
    member !== undefined &&
    may(deps.roleOf(workspaceId, member.id), 'change-tickets') &&
    awayAt(member, now) === null;

  const sweep = (workspaceId: string): AwayMove[] => {
    const now = clock.now();
    const found = docs.read(indexDocName(workspaceId), (doc) => {
      const { members, tickets } = indexParts(doc);
      const profiles = new Map<string, MemberProfile>();
      for (const value of members.values()) {
        const parsed = MemberProfile.safeParse(value);
        if (parsed.success) profiles.set(parsed.data.id, parsed.data);
      }
      const away = new Map<string, AwayPeriod>();
      let next = Number.POSITIVE_INFINITY;
      for (const profile of profiles.values()) {
        const period = awayAt(profile, now);
        if (period) away.set(profile.id, period);
        for (const p of profile.away) if (p.from > now) next = Math.min(next, p.from);
      }
      const owned: { ticketId: string; memberId: string }[] = [];
      if (away.size > 0) {
        for (const summary of tickets.values()) {
          const assignee = summary?.assigneeId;
          if (assignee && away.has(assignee) && isOpenStatus(summary.status)) {
            owned.push({ ticketId: summary.id, memberId: assignee });
          }
        }
      }
      return { profiles, away, next, owned };
    });
    if (!found) return [];
    if (Number.isFinite(found.next)) wakeAt(found.next);
    const running = new Set([...found.away.values()].map((p) => p.id));
    for (const key of done) if (!running.has(key.slice(0, key.indexOf(':')))) done.delete(key);
    const moved: AwayMove[] = [];
    for (const { ticketId, memberId } of found.owned) {
      const period = found.away.get(memberId);
      if (!period) continue;
      const key = `${period.id}:${ticketId}`;
      if (done.has(key)) continue;
      const substitute =
        period.substituteId !== null &&
        mayTake(workspaceId, found.profiles.get(period.substituteId), now)
          ? period.substituteId
          : null;
      let result: AwayHandoverResult = 'unchanged';
      let inWorkspace = false;
      docs.change(ticketDocName(ticketId), (doc) => {
        // A summary may name a ticket of another workspace (agents write summaries).
        inWorkspace = doc.getMap('ticket').get('workspaceId') === workspaceId;
        if (inWorkspace) result = handOverForAway(doc, memberId, period, substitute, now);
      });
      done.add(key);
      if (result !== 'unchanged') {
        moved.push({ ticketId, memberId, periodId: period.id, result, to: substitute });
      }
    }
    return moved;
  };

  const offLoad = docs.onLoad(({ ref }) => {
    if (ref.kind === 'index') schedule(ref.workspaceId);
  });
  const offChange = docs.onChange(({ ref }) => {
    if (ref.kind === 'index') schedule(ref.workspaceId);
  });
  const tick = setInterval(sweeps.scheduleAll, deps.tickMs ?? 60_000);
  tick.unref();

  return () => {
    sweeps.stop();
    offLoad();
    offChange();
    clearInterval(tick);
    if (timer) clearTimeout(timer.handle);
  };
}
