/**
 * Routing: who gets a new ticket. Pure functions over plain data, used by the server's routing
 * worker (`server/workers/routing.ts`) and by anything in the browser that asks "may this agent
 * take this ticket" (the next-ticket action).
 *
 * 1. A ticket needs skills: every skill rule of the workspace whose conditions all hold for the
 *    ticket (its channel, its tags, the language of its first message) adds its skills
 *    (`requiredSkills`). An agent may take the ticket when they have every one of them
 *    (`mayTake`); skills compare without regard to case.
 * 2. Who is a candidate (`chooseAssignee`): members whose role does full ticket work (owners,
 *    admins, agents — never light agents or viewers), who are available now (on shift, not
 *    away: the caller decides with `working-hours.ts`), who have the skills, and who hold fewer
 *    open tickets than the workspace's capacity.
 * 3. Which candidate, by the workspace's mode:
 *    - manual: nobody (routing is off);
 *    - round-robin: members take turns in the order of their ids; the turn is the first
 *      candidate whose id comes after the last member routing picked (`lastMemberId`), wrapping
 *      round. A member who is off shift or full is passed over, and their turn is not kept;
 *    - least-loaded: the candidate with the fewest open tickets; a tie goes to the lower id.
 *    Ids order the same on every machine, so the same inputs always give the same answer.
 *
 * The waiting queue (`routingQueue`) is the unassigned new and open tickets, most urgent
 * first in triage's order (`urgency.ts`: due first, then priority, then the oldest), so when
 * capacity frees the ticket that has waited with the most at stake goes first.
 */
import type * as Y from 'yjs';
import { assign, readTicketFields, ticketParts } from './ticket';
import { isOpenStatus } from './ticket-status';
import { compareUrgency } from './urgency';
import type { CustomerLanguage } from './language';
import type { Role } from './roles';
import type { RoutingMode, RoutingSettings, SkillRuleRecord } from './settings';
import {
  SYSTEM_ACTOR,
  type ActivityEntry,
  type MemberProfile,
  type TicketChannel,
  type TicketSummary
} from './schema';

/** What routing looks at on a ticket: a summary of the index, or the ticket's own fields. */
export interface RoutableTicket {
  channel: TicketChannel;
  tags: readonly string[];
  /** The language of the customer's first message, when known. */
  language?: CustomerLanguage | null | undefined;
}

const normalise = (skill: string) => skill.trim().toLowerCase();

function ruleHolds(rule: SkillRuleRecord, ticket: RoutableTicket): boolean {
  const { channels, tags, languages } = rule.when;
  if (channels && channels.length > 0 && !channels.includes(ticket.channel)) return false;
  if (tags && tags.length > 0) {
    const own = new Set(ticket.tags.map(normalise));
    if (!tags.some((tag) => own.has(normalise(tag)))) return false;
  }
  if (languages && languages.length > 0) {
    if (!ticket.language || !languages.includes(ticket.language)) return false;
  }
  return true;
}

/** The skills a ticket needs: those of every rule that holds, lowercase, sorted, once each. */
export function requiredSkills(
  ticket: RoutableTicket,
  rules: readonly SkillRuleRecord[]
): string[] {
  const skills = new Set<string>();
  for (const rule of rules) {
    if (ruleHolds(rule, ticket)) for (const skill of rule.skills) skills.add(normalise(skill));
  }
  return [...skills].sort();
}

/** Whether `member` has every one of `skills`. */
export function hasSkills(
  member: Pick<MemberProfile, 'skills'>,
  skills: readonly string[]
): boolean {
  const own = new Set(member.skills.map(normalise));
  return skills.every((skill) => own.has(normalise(skill)));
}

/** Whether `member` has the skills the workspace's rules ask of `ticket`. */
export function mayTake(
  member: Pick<MemberProfile, 'skills'>,
  ticket: RoutableTicket,
  settings: Pick<RoutingSettings, 'rules'>
): boolean {
  return hasSkills(member, requiredSkills(ticket, settings.rules));
}

/** Roles routing gives tickets to: those who do full ticket work (`roles.ts`). */
export function routesTo(role: Role | null): boolean {
  return role === 'owner' || role === 'admin' || role === 'agent';
}

/** A member as routing weighs them. */
export interface RoutingCandidate {
  member: Pick<MemberProfile, 'id' | 'skills'>;
  role: Role | null;
  /** On shift and not away, now. */
  available: boolean;
  /** Open tickets assigned to them now. */
  openTickets: number;
}

/** Whether routing may give the candidate a ticket now, skills aside: role, shift, capacity. */
export function mayRouteTo(
  candidate: RoutingCandidate,
  settings: Pick<RoutingSettings, 'capacity'>
): boolean {
  return (
    routesTo(candidate.role) &&
    candidate.available &&
    (settings.capacity === null || candidate.openTickets < settings.capacity)
  );
}

/** Why routing gave the ticket to whom it did: written into the ticket's activity. */
export interface RoutingReason {
  mode: Exclude<RoutingMode, 'manual'>;
  skills: string[];
}

export type RoutingChoice =
  | { assigneeId: string; reason: RoutingReason }
  | { assigneeId: null; why: 'manual' | 'nobody-available' };

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The member to give `ticket` to, or why nobody (see the file comment). */
export function chooseAssignee(
  ticket: RoutableTicket,
  candidates: readonly RoutingCandidate[],
  settings: RoutingSettings
): RoutingChoice {
  if (settings.mode === 'manual') return { assigneeId: null, why: 'manual' };
  const skills = requiredSkills(ticket, settings.rules);
  const eligible = candidates
    .filter((c) => mayRouteTo(c, settings) && hasSkills(c.member, skills))
    .sort((a, b) => byId(a.member.id, b.member.id));
  const first = eligible[0];
  if (!first) return { assigneeId: null, why: 'nobody-available' };
  let chosen = first;
  if (settings.mode === 'round-robin') {
    const last = settings.lastMemberId;
    chosen = (last === null ? undefined : eligible.find((c) => c.member.id > last)) ?? first;
  } else {
    for (const c of eligible) if (c.openTickets < chosen.openTickets) chosen = c;
  }
  return { assigneeId: chosen.member.id, reason: { mode: settings.mode, skills } };
}

/** Open tickets per assignee, from the index. */
export function openLoad(tickets: Iterable<TicketSummary>): Map<string, number> {
  const load = new Map<string, number>();
  for (const t of tickets) {
    if (t.assigneeId !== null && isOpenStatus(t.status)) {
      load.set(t.assigneeId, (load.get(t.assigneeId) ?? 0) + 1);
    }
  }
  return load;
}

/** The tickets waiting for routing: unassigned, new or open, most urgent first. */
export function routingQueue(tickets: Iterable<TicketSummary>): TicketSummary[] {
  const out: TicketSummary[] = [];
  for (const t of tickets) {
    if (t.assigneeId === null && (t.status === 'new' || t.status === 'open')) out.push(t);
  }
  return out.sort(compareUrgency);
}

/**
 * Gives the ticket in `doc` to `assigneeId` as the system actor (an `assignee` entry, as any
 * assignment) and logs why in a `routed` entry: `from` the mode, `to` the skills it needed
 * (comma-separated) or `null`. Does nothing unless the ticket is still waiting — unassigned,
 * new or open — in the document (someone may have taken it since the index was read).
 * Returns whether it assigned.
 */
export function recordRouting(
  doc: Y.Doc,
  assigneeId: string,
  reason: RoutingReason,
  now: number
): boolean {
  const parts = ticketParts(doc);
  const fields = readTicketFields(doc);
  if (!fields || fields.assigneeId !== null) return false;
  if (fields.status !== 'new' && fields.status !== 'open') return false;
  let assigned = false;
  doc.transact(() => {
    assigned = assign(doc, assigneeId, SYSTEM_ACTOR, now);
    if (!assigned) return;
    const entry: ActivityEntry = {
      at: now,
      actorId: SYSTEM_ACTOR.id,
      kind: 'routed',
      from: reason.mode,
      to: reason.skills.length > 0 ? reason.skills.join(', ').slice(0, 300) : null
    };
    parts.activity.push([entry]);
  });
  return assigned;
}
