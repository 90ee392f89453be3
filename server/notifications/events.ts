/**
 * Which notifications a ticket's activity makes: a pure function of activity entries (and, for
 * SLA warnings, of the ticket's clocks), so the feed can run it on what was just added, and
 * again over the recent past after a restart, and get the same answer.
 *
 *   assigned     an `assignee` entry naming a member: for that member
 *   handover     a `handover` entry naming a member: for that member. A handover usually
 *                assigns too (same actor, same instant, same member): the handover says more,
 *                so that assignment makes no notification of its own
 *   sla-breach   an `sla-breach` entry (the server's, once per clock): for the assignee
 *   sla-warning  a running clock past its warning threshold and not breached: for the assignee
 *   bad-rating   a `rating` entry (the server's) with a bad CSAT score: for the assignee
 *   mentioned    an internal note or a side message whose stored `mentions` name a member: for
 *                that member (`messageEvents`; from what the document holds, never from a
 *                client's word about whom it told)
 *   side-conversation  a side message: for the conversation's other participants (those it
 *                mentions get `mentioned` instead); members added to a conversation later: for
 *                each of them (the feed passes an addition with `participants` = those it added)
 *
 * Never for the actor themself (who assigns a ticket to themselves knows it).
 *
 * Each event has a key built only from what the event is (kind, ticket, member, and the
 * entry's instant and actor, or the clock's metric and start), never from when it was seen:
 * the queue's primary key, so seeing the same entry twice (a replay, a restart, the catch-up
 * scan after a crash) never queues it twice.
 */
import type { NotificationKind } from '../../src/lib/contract/notifications.ts';
import type { ActivityEntry } from '../../src/lib/domain/schema.ts';
import type { SlaClock, SlaMetric } from '../../src/lib/domain/sla.ts';
import { isBadCsat, latestRating } from '../../src/lib/domain/survey.ts';
import { mentionedMembers } from '../../src/lib/domain/mentions.ts';

export interface NotificationEvent {
  key: string;
  kind: NotificationKind;
  ticketId: string;
  memberId: string;
  /** Who caused it; the system actor's id for the SLA's events. */
  actorId: string;
  at: number;
  metric: SlaMetric | null;
  /** The note or side message the event is about (the inbox links to it). */
  entryId?: string;
}

/** A stored internal note or side message, as `messageEvents` needs it. */
export interface PostedMessage {
  id: string;
  authorId: string;
  createdAt: number;
  mentions?: readonly string[] | undefined;
  /** A side message's conversation's participants (starter included); absent for a note. */
  participants?: readonly string[];
}

/**
 * The events of new notes and side messages of one ticket: `mentioned` for each member a
 * message mentions, `side-conversation` for a side message's other participants. Who may read
 * the ticket is decided when queued (members of its workspace only).
 */
export function messageEvents(
  ticketId: string,
  messages: readonly PostedMessage[]
): NotificationEvent[] {
  const events: NotificationEvent[] = [];
  for (const message of messages) {
    const mentioned = new Set(
      mentionedMembers({ authorId: message.authorId, mentions: message.mentions }, () => true)
    );
    const told = new Map<string, NotificationKind>();
    for (const member of mentioned) told.set(member, 'mentioned');
    for (const member of message.participants ?? []) {
      if (member !== message.authorId && !told.has(member)) told.set(member, 'side-conversation');
    }
    for (const [member, kind] of told) {
      events.push({
        key: `${kind}:${ticketId}:${message.id}:${member}`,
        kind,
        ticketId,
        memberId: member,
        actorId: message.authorId,
        at: message.createdAt,
        metric: null,
        entryId: message.id
      });
    }
  }
  return events;
}

export interface TicketContext {
  ticketId: string;
  /** The ticket's assignee now: the member an SLA event concerns. */
  assigneeId: string | null;
}

const SLA_METRIC = new Set<string>(['firstReply', 'nextReply', 'resolution']);

function isMetric(value: unknown): value is SlaMetric {
  return typeof value === 'string' && SLA_METRIC.has(value);
}

/**
 * The events of `entries` (new or recent activity of one ticket). `all` is the ticket's whole
 * activity when known, to see that an assignment belongs to a handover logged beside it.
 */
export function activityEvents(
  ticket: TicketContext,
  entries: readonly ActivityEntry[],
  all: readonly ActivityEntry[] = entries
): NotificationEvent[] {
  const handovers = new Set(
    all
      .filter((e) => e.kind === 'handover' && typeof e.to === 'string')
      .map((e) => `${e.actorId}|${String(e.to)}|${e.at}`)
  );
  const events: NotificationEvent[] = [];
  for (const entry of entries) {
    const to = entry.to;
    if (entry.kind === 'assignee' || entry.kind === 'handover') {
      if (typeof to !== 'string' || to === entry.actorId) continue;
      const kind = entry.kind === 'assignee' ? 'assigned' : 'handover';
      if (kind === 'assigned' && handovers.has(`${entry.actorId}|${to}|${entry.at}`)) continue;
      events.push({
        key: `${kind}:${ticket.ticketId}:${to}:${entry.at}:${entry.actorId}`,
        kind,
        ticketId: ticket.ticketId,
        memberId: to,
        actorId: entry.actorId,
        at: entry.at,
        metric: null
      });
    } else if (entry.kind === 'sla-breach') {
      const member = ticket.assigneeId;
      if (!member || member === entry.actorId || !isMetric(entry.from)) continue;
      events.push({
        key: `sla-breach:${ticket.ticketId}:${entry.from}@${String(entry.to)}:${member}`,
        kind: 'sla-breach',
        ticketId: ticket.ticketId,
        memberId: member,
        actorId: entry.actorId,
        at: entry.at,
        metric: entry.from
      });
    } else if (entry.kind === 'rating' && entry.from === 'csat') {
      const member = ticket.assigneeId;
      const score = entry.to;
      if (!member || (score !== 'bad' && typeof score !== 'number') || !isBadCsat(score)) continue;
      // A comment added to the same score (a new entry, #16.2) is not a new bad rating.
      const before = latestRating(
        all.filter((e) => e.at < entry.at),
        'csat'
      );
      if (before && before.score === score) continue;
      events.push({
        key: `bad-rating:${ticket.ticketId}:${entry.at}:${member}`,
        kind: 'bad-rating',
        ticketId: ticket.ticketId,
        memberId: member,
        actorId: entry.actorId,
        at: entry.at,
        metric: null
      });
    }
  }
  return events;
}

/**
 * SLA warnings: each clock that runs, has passed its warning instant and has not breached,
 * once per clock (its metric and start, as breaches are logged) and member.
 */
export function warningEvents(
  ticket: TicketContext,
  clocks: readonly SlaClock[],
  systemActorId: string,
  now: number
): NotificationEvent[] {
  const member = ticket.assigneeId;
  if (!member) return [];
  return clocks
    .filter(
      (c) =>
        c.stoppedAt === null &&
        c.state !== 'breached' &&
        c.warnAt !== null &&
        c.warnAt <= now &&
        (c.dueAt === null || c.dueAt > now)
    )
    .map((c) => ({
      key: `sla-warning:${ticket.ticketId}:${c.metric}@${c.startedAt}:${member}`,
      kind: 'sla-warning' as const,
      ticketId: ticket.ticketId,
      memberId: member,
      actorId: systemActorId,
      at: c.warnAt ?? now,
      metric: c.metric
    }));
}
