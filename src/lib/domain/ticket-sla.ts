/**
 * A ticket's service level: the policy that applies to it now (the first, in order, whose
 * conditions hold for its current fields), that policy's calendar, and the clocks
 * (`slaClocks`) computed from the ticket's own history. The browser's ticket page, the
 * summary the index carries and the server's index projection all go through here, so they
 * agree on which policy applies and when each clock is due.
 *
 * What the index carries (`TicketDue`) is the running clock due first and its warning
 * instant. Neither depends on `now`: a running clock's deadline is its start plus its target
 * in business (or wall-clock) time, shifted by the pauses already over; a clock paused now has
 * no deadline. So a summary changes only when its ticket (or the settings) changes, and lists
 * colour the timer from these two instants and the ticking clock (`riskAt`).
 */
import type * as Y from 'yjs';
import { readTicket, ticketParts, type Ticket } from './ticket';
import { SYSTEM_ACTOR, type ActivityEntry } from './schema';
// Types only: settings.ts imports the index's view ids, and the index imports this module.
import type { Settings, SlaPolicyRecord } from './settings';
import type { BusinessCalendar } from './business-calendar';
import {
  matchPolicy,
  nextDeadline,
  slaClocks,
  WALL_CLOCK,
  type SlaClock,
  type SlaHistory
} from './sla';

/**
 * What a ticket's SLA reads besides the ticket: the settings' policies and calendars, and the
 * requester's organisation (the index's customers), which a policy's conditions may name.
 * Without `organisationOf` no organisation condition holds. Like Zendesk's, a policy is chosen
 * again whenever the ticket changes: moving a customer to another organisation applies to
 * their tickets from their next change on.
 */
export type SlaSettings = Pick<Settings, 'slaPolicies' | 'calendars'> & {
  organisationOf?: (customerId: string) => string | null;
};

export interface TicketSla {
  policy: SlaPolicyRecord;
  clocks: SlaClock[];
}

/** What the index carries about a ticket's service level and deadlines. */
export interface TicketDue {
  slaPolicyId: string;
  nextDueAt?: number;
  dueWarnAt?: number;
}

export function slaHistory(ticket: Ticket): SlaHistory {
  return {
    createdAt: ticket.fields.createdAt,
    status: ticket.fields.status,
    thread: ticket.thread,
    activity: ticket.activity
  };
}

/** The policy and clocks of a ticket at `now`; `null` when no policy applies. */
export function ticketSla(ticket: Ticket, settings: SlaSettings, now: number): TicketSla | null {
  const policy = policyFor(ticket, settings);
  if (!policy) return null;
  return {
    policy,
    clocks: slaClocks(slaHistory(ticket), policy, calendarOf(policy, settings), now)
  };
}

/** The first policy, in order, whose conditions the ticket's current fields meet. */
function policyFor(ticket: Ticket, settings: SlaSettings): SlaPolicyRecord | null {
  const { fields } = ticket;
  return matchPolicy(settings.slaPolicies, {
    priority: fields.priority,
    channel: fields.channel,
    tags: ticket.tags,
    requesterId: fields.requesterId,
    organisation: fields.requesterId
      ? (settings.organisationOf?.(fields.requesterId) ?? null)
      : null
  });
}

/** A policy whose calendar is gone counts wall-clock time (as `calendarFor`). */
function calendarOf(policy: SlaPolicyRecord, settings: SlaSettings): BusinessCalendar {
  return settings.calendars.get(policy.calendarId) ?? WALL_CLOCK;
}

/**
 * The policy that applies and the running deadline due first, for the ticket's summary;
 * `null` when no policy applies.
 */
export function ticketDue(ticket: Ticket, settings: SlaSettings): TicketDue | null {
  const policy = policyFor(ticket, settings);
  if (!policy) return null;
  // Deadlines do not depend on `now` (see the header); its last change is as good as any.
  const due = nextDeadline(
    slaHistory(ticket),
    policy,
    calendarOf(policy, settings),
    ticket.fields.updatedAt
  );
  return due
    ? { slaPolicyId: policy.id, nextDueAt: due.dueAt, dueWarnAt: due.warnAt }
    : { slaPolicyId: policy.id };
}

/** The policy id last recorded in the ticket's activity (`sla-policy`); `null` for none. */
export function recordedSlaPolicy(activity: readonly ActivityEntry[]): string | null {
  for (let i = activity.length - 1; i >= 0; i--) {
    const entry = activity[i];
    if (entry?.kind === 'sla-policy') return typeof entry.from === 'string' ? entry.from : null;
  }
  return null;
}

/**
 * Records in the ticket's activity, as the system actor, the policy that applies now when it
 * is not the one recorded last: when a policy first matches, and whenever a change to the
 * ticket (or to the policies) makes another one apply, or none. Returns whether it wrote.
 */
export function recordSlaPolicy(doc: Y.Doc, settings: SlaSettings, now: number): boolean {
  const ticket = readTicket(doc);
  if (!ticket) return false;
  const policy = ticketSla(ticket, settings, now)?.policy ?? null;
  if ((policy?.id ?? null) === recordedSlaPolicy(ticket.activity)) return false;
  const entry: ActivityEntry = {
    at: now,
    actorId: SYSTEM_ACTOR.id,
    kind: 'sla-policy',
    from: policy?.id ?? null,
    to: policy ? policy.name.slice(0, 300) : null
  };
  ticketParts(doc).activity.push([entry]);
  return true;
}

/**
 * Logs each breached clock of the ticket in its activity, as the system actor, once per clock
 * (a clock is its metric and its start: every next-reply cycle is a clock of its own). Returns
 * the metrics it logged, and the earliest future deadline of a clock still running and not
 * breached (when to look again), or `null`.
 */
export function recordSlaBreaches(
  doc: Y.Doc,
  settings: SlaSettings,
  now: number
): { logged: string[]; nextCheckAt: number | null } {
  const ticket = readTicket(doc);
  const sla = ticket ? ticketSla(ticket, settings, now) : null;
  if (!ticket || !sla) return { logged: [], nextCheckAt: null };
  const known = new Set(
    ticket.activity
      .filter((entry) => entry.kind === 'sla-breach')
      .map((entry) => `${String(entry.from)}@${String(entry.to)}`)
  );
  const logged: string[] = [];
  let nextCheckAt: number | null = null;
  const parts = ticketParts(doc);
  doc.transact(() => {
    for (const clock of sla.clocks) {
      if (clock.state !== 'breached') {
        if (clock.stoppedAt === null && clock.dueAt !== null && clock.dueAt > now)
          nextCheckAt = nextCheckAt === null ? clock.dueAt : Math.min(nextCheckAt, clock.dueAt);
        continue;
      }
      if (known.has(`${clock.metric}@${clock.startedAt}`)) continue;
      const entry: ActivityEntry = {
        at: now,
        actorId: SYSTEM_ACTOR.id,
        kind: 'sla-breach',
        from: clock.metric,
        to: clock.startedAt
      };
      parts.activity.push([entry]);
      logged.push(clock.metric);
    }
  });
  return { logged, nextCheckAt };
}
