/**
 * SLA breaches: when a ticket's SLA clock breaches, the server writes it into the ticket's
 * activity log as the system actor, once per clock (`recordSlaBreaches`).
 *
 * The index tells when to look: each summary carries the ticket's next due time (kept true by
 * the index projection). When an index loads, and whenever a summary in it changes, the worker
 * keeps one timer per ticket at that time (the earliest it was told). When a timer fires it
 * loads the ticket, computes its clocks at the server's `now` with the workspace's policies
 * and calendars (the same pure function the browser uses), logs the breached ones not logged
 * yet, and sets the timer again for the next clock still to breach. A due time already past
 * (the server was down) is looked at at once. Timers live in memory: after a restart, the
 * index's next load schedules them again.
 *
 * The policy that applies: each summary also names it (`slaPolicyId`). When a summary's policy
 * differs from the one the worker saw before (a ticket new to the index, or a change to the
 * ticket or to the policies that makes another one apply, or none), the worker looks at the
 * ticket at once and records the policy in its activity (`recordSlaPolicy`), so the ticket keeps
 * which service level it was held to and since when. Summaries seen when an index loads are
 * taken as known; their tickets are looked at by their next due time as before.
 *
 * Warnings: with an `onWarning` listener (the notifications), the worker also wakes when a
 * clock passes its policy's warning threshold (the summary's `dueWarnAt`, then each running
 * clock's `warnAt`) and hands the ticket's clocks to the listener, which decides, once per
 * clock, whom to tell. Nothing is written into the ticket for a warning.
 */
import * as Y from 'yjs';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { recordSlaBreaches, recordSlaPolicy, ticketSla } from '../../src/lib/domain/ticket-sla.ts';
import { readTicket } from '../../src/lib/domain/ticket.ts';
import type { SlaClock } from '../../src/lib/domain/sla.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import { slaSettingsReader } from './sla-settings.ts';

/** `setTimeout` holds at most about 24.8 days; a later deadline is looked at again then. */
const MAX_DELAY = 2 ** 31 - 1;

export interface SlaWarningCheck {
  workspaceId: string;
  ticketId: string;
  /** The ticket's assignee now. */
  assigneeId: string | null;
  clocks: readonly SlaClock[];
  now: number;
}

export function startSlaBreaches(
  docs: DocManager,
  clock: Clock,
  options: { onWarning?: (check: SlaWarningCheck) => void } = {}
): () => void {
  const { onWarning } = options;
  // Ticket id → the pending look and when it is due.
  const timers = new Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>();
  let stopped = false;
  const slaSettingsOf = slaSettingsReader(docs);

  const check = (ticketId: string, workspaceId: string) => {
    timers.delete(ticketId);
    if (stopped) return;
    const settings = slaSettingsOf(workspaceId);
    if (!settings) return;
    const result: { next: number | null } = { next: null };
    docs.change(ticketDocName(ticketId), (doc) => {
      recordSlaPolicy(doc, settings, clock.now());
      if (settings.slaPolicies.length > 0)
        result.next = recordSlaBreaches(doc, settings, clock.now()).nextCheckAt;
    });
    if (settings.slaPolicies.length === 0) return;
    if (onWarning) {
      const now = clock.now();
      const found = docs.read(ticketDocName(ticketId), (doc) => {
        const ticket = readTicket(doc);
        const sla = ticket ? ticketSla(ticket, settings, now) : null;
        return ticket && sla ? { assigneeId: ticket.fields.assigneeId, clocks: sla.clocks } : null;
      });
      if (found) {
        onWarning({
          workspaceId,
          ticketId,
          assigneeId: found.assigneeId,
          clocks: found.clocks,
          now
        });
        for (const c of found.clocks) {
          if (c.stoppedAt === null && c.warnAt !== null && c.warnAt > now)
            result.next = result.next === null ? c.warnAt : Math.min(result.next, c.warnAt);
        }
      }
    }
    if (result.next !== null) schedule(ticketId, workspaceId, result.next);
  };

  const schedule = (ticketId: string, workspaceId: string, at: number) => {
    if (stopped) return;
    const pending = timers.get(ticketId);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const delay = Math.min(MAX_DELAY, Math.max(0, at - clock.now()));
    const timer = setTimeout(() => {
      if (at - clock.now() > 0) {
        // Woken early (a deadline past the longest timer): look again later.
        timers.delete(ticketId);
        schedule(ticketId, workspaceId, at);
      } else {
        check(ticketId, workspaceId);
      }
    }, delay);
    timer.unref();
    timers.set(ticketId, { at, timer });
  };

  const watch = (workspaceId: string, doc: Y.Doc) => {
    const tickets = indexParts(doc).tickets;
    // Ticket id → the policy its summary named when the worker last looked ('' for none).
    const policies = new Map<string, string>();
    const consider = (ticketId: string, known: boolean) => {
      const summary = tickets.get(ticketId);
      const policy = summary?.slaPolicyId ?? '';
      const before = policies.get(ticketId);
      if (summary) policies.set(ticketId, policy);
      else policies.delete(ticketId);
      if (summary && !known && before !== policy && (before !== undefined || policy !== ''))
        schedule(ticketId, workspaceId, clock.now());
      const due = summary?.nextDueAt;
      if (typeof due === 'number') schedule(ticketId, workspaceId, due);
      const warn = summary?.dueWarnAt;
      if (onWarning && typeof warn === 'number') schedule(ticketId, workspaceId, warn);
    };
    for (const ticketId of tickets.keys()) consider(ticketId, true);
    tickets.observe((event) => {
      for (const ticketId of event.keysChanged) consider(ticketId, false);
    });
  };

  const offLoad = docs.onLoad(({ ref, doc }) => {
    if (ref.kind === 'index') watch(ref.workspaceId, doc);
  });

  return () => {
    stopped = true;
    offLoad();
    for (const { timer } of timers.values()) clearTimeout(timer);
    timers.clear();
  };
}
