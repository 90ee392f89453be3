/**
 * Routing: the server gives unassigned tickets to whoever is on shift, as the system actor,
 * by the workspace's routing settings (`domain/routing.ts` decides; this worker only looks,
 * asks and writes).
 *
 * A sweep of a workspace reads its routing settings (nothing to do in manual mode), the index
 * (members, each one's open tickets, the queue of unassigned new and open tickets, most
 * urgent first) and each member's role, then walks the queue: for each ticket it reads the
 * ticket document itself (the summary may be stale: someone may have taken it), asks
 * `chooseAssignee` with the members available now (on shift, not away) and, when someone
 * fits, assigns the ticket and logs why (`recordRouting`), counting the new ticket against
 * their capacity for the rest of the sweep. Round-robin's turn is written into the settings
 * document once per sweep, so a restart continues where the last sweep stopped.
 *
 * When: a workspace is swept when its index loads, when its index changes (a new ticket, a
 * ticket solved or handed back frees capacity, a profile changes its hours), when its routing
 * settings change, and every `tickMs` for each workspace seen since the start (someone came on
 * shift; `now` comes from the injected clock, so a test moves time and waits for the next
 * tick). Sweeps of one workspace are coalesced to one per turn of the event loop.
 *
 * Idempotent: everything a sweep needs is in the documents, and a ticket that has an assignee
 * is never touched, so a sweep repeated — after a restart, or twice for one change — assigns
 * nothing twice. Between the ticket's write and the turn's write nothing else runs (both are
 * synchronous appends with SQLite).
 */
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { workspaceSweeps } from './workspace-sweeps.ts';
import type { CustomerLanguage } from '../../src/lib/domain/language.ts';
import type { Role } from '../../src/lib/domain/roles.ts';
import {
  chooseAssignee,
  mayRouteTo,
  openLoad,
  recordRouting,
  routingQueue,
  type RoutingCandidate
} from '../../src/lib/domain/routing.ts';
import { MemberProfile, type TicketSummary } from '../../src/lib/domain/schema.ts';
import {
  putSettingsRecord,
  readRouting,
  ROUTING_TURN_ID,
  type RoutingSettings
} from '../../src/lib/domain/settings.ts';
import { readTicketFields } from '../../src/lib/domain/ticket.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import { memberNow } from '../../src/lib/domain/working-hours.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';

export interface RoutingDeps {
  docs: DocManager;
  clock: Clock;
  /** The member's role in the workspace; `null` when they are not a member (any more). */
  roleOf(workspaceId: string, memberId: string): Role | null;
  /** How often every workspace seen is swept for members who came on shift (default 60 s). */
  tickMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** Told after each sweep what it assigned (tests wait on it to see that a sweep ran). */
  onSwept?: (workspaceId: string, routed: readonly Routed[]) => void;
}

interface TicketFacts {
  workspaceId: string;
  language: CustomerLanguage | null;
}

/** What one sweep assigned, for logs and tests. */
export interface Routed {
  ticketId: string;
  assigneeId: string;
}

export function startRouting(deps: RoutingDeps): () => void {
  const { docs, clock } = deps;
  const sweeps = workspaceSweeps(
    (workspaceId) => {
      // Swept first: an optional call would skip evaluating its arguments without a listener.
      const routed = sweep(workspaceId);
      deps.onSwept?.(workspaceId, routed);
    },
    (workspaceId, error) => deps.log?.(`Routing in ${workspaceId} failed`, error)
  );
  const schedule = sweeps.schedule;

  const sweep = (workspaceId: string): Routed[] => {
    const routing = docs.read(settingsDocName(workspaceId), readRouting);
    if (!routing || routing.mode === 'manual') return [];
    const index = docs.read(indexDocName(workspaceId), (doc) => {
      const { tickets, members } = indexParts(doc);
      const summaries = [...tickets.values()];
      return {
        queue: routingQueue(summaries),
        load: openLoad(summaries),
        members: [...members.values()]
      };
    });
    if (!index || index.queue.length === 0) return [];
    const now = clock.now();
    const candidates = index.members.map((member) =>
      candidate(member, deps.roleOf(workspaceId, member.id), index.load.get(member.id) ?? 0, now)
    );
    const routed = assignQueue(workspaceId, index.queue, candidates, routing, now);
    const last = routed.at(-1);
    if (routing.mode === 'round-robin' && last) {
      docs.change(settingsDocName(workspaceId), (doc) => {
        putSettingsRecord(doc, 'routing', {
          kind: 'turn',
          id: ROUTING_TURN_ID,
          lastMemberId: last.assigneeId,
          at: now
        });
      });
    }
    return routed;
  };

  // Ticket id → what routing needs of the ticket that never changes after its creation (its
  // workspace and the language of its first message), read from its document once; kept for
  // the tickets in the last queue only.
  const facts = new Map<string, TicketFacts | null>();
  const factsOf = (ticketId: string): TicketFacts | null => {
    let known = facts.get(ticketId);
    if (known === undefined) {
      known = docs.read(ticketDocName(ticketId), (doc) => {
        const fields = readTicketFields(doc);
        return fields
          ? { workspaceId: fields.workspaceId, language: fields.language ?? null }
          : null;
      });
      facts.set(ticketId, known);
    }
    return known;
  };

  const assignQueue = (
    workspaceId: string,
    queue: readonly TicketSummary[],
    candidates: RoutingCandidate[],
    routing: RoutingSettings,
    now: number
  ): Routed[] => {
    for (const id of facts.keys()) if (!queue.some((t) => t.id === id)) facts.delete(id);
    const routed: Routed[] = [];
    let settings = routing;
    for (const summary of queue) {
      // Nobody on shift has room: the rest of the queue waits for the next sweep.
      if (!candidates.some((c) => mayRouteTo(c, settings))) break;
      const ticket = factsOf(summary.id);
      // A summary for a ticket of another workspace (agents write summaries) is not routed.
      if (!ticket || ticket.workspaceId !== workspaceId) continue;
      const choice = chooseAssignee(
        { channel: summary.channel, tags: summary.tags, language: ticket.language },
        candidates,
        settings
      );
      if (choice.assigneeId === null) continue;
      const { assigneeId, reason } = choice;
      let assigned = false;
      // The document decides: a ticket someone took, or that is no longer waiting, is left.
      docs.change(ticketDocName(summary.id), (doc) => {
        assigned = recordRouting(doc, assigneeId, reason, now);
      });
      if (!assigned) continue;
      routed.push({ ticketId: summary.id, assigneeId });
      settings = { ...settings, lastMemberId: assigneeId };
      const taker = candidates.find((c) => c.member.id === assigneeId);
      if (taker) taker.openTickets++;
    }
    return routed;
  };

  const offLoad = docs.onLoad(({ ref }) => {
    if (ref.kind === 'index') schedule(ref.workspaceId);
  });
  const offChange = docs.onChange(({ ref, roots }) => {
    if (ref.kind === 'index') schedule(ref.workspaceId);
    else if (ref.kind === 'settings' && roots.has('routing')) schedule(ref.workspaceId);
  });
  const tick = setInterval(sweeps.scheduleAll, deps.tickMs ?? 60_000);
  tick.unref();

  return () => {
    sweeps.stop();
    offLoad();
    offChange();
    clearInterval(tick);
  };
}

function candidate(
  member: MemberProfile,
  role: Role | null,
  openTickets: number,
  now: number
): RoutingCandidate {
  return { member, role, available: memberNow(member, now).available, openTickets };
}
