/**
 * Snoozes ending: a pending ticket whose `snoozedUntil` has passed goes back to open, as the
 * system actor, logged "Snooze ended" (`domain/snooze.ts` `endSnooze`).
 *
 * A sweep of a workspace reads its index's summaries for snoozes that have passed and ends each
 * in its own document (the document decides: the summary may be stale). At most once: the
 * change clears `snoozedUntil` in the same transaction, so another sweep, a restart or a second
 * look at a stale summary finds nothing to do.
 *
 * When: a workspace is swept when its index loads or changes, at the earliest snooze end it
 * knows of (a timer), and every `tickMs` for each workspace seen (the timer's safety net, and
 * how a test with a moved clock is picked up). Sweeps are coalesced to one per workspace and turn.
 */
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { endSnooze, snoozedUntil } from '../../src/lib/domain/snooze.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import { workspaceSweeps } from './workspace-sweeps.ts';

export interface SnoozeDeps {
  docs: DocManager;
  clock: Clock;
  /** How often every workspace seen is swept (default 60 s); tests shorten it. */
  tickMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** Told after each sweep which tickets it opened again (tests wait on it). */
  onSwept?: (workspaceId: string, reopened: readonly string[]) => void;
}

/** `setTimeout` holds at most about 24.8 days; a later end is looked at again then. */
const MAX_DELAY = 2 ** 31 - 1;

export function startSnoozes(deps: SnoozeDeps): () => void {
  const { docs, clock } = deps;
  let timer: { at: number; handle: ReturnType<typeof setTimeout> } | null = null;
  const sweeps = workspaceSweeps(
    (workspaceId) => {
      const reopened = sweep(workspaceId);
      deps.onSwept?.(workspaceId, reopened);
    },
    (workspaceId, error) => deps.log?.(`Ending snoozes in ${workspaceId} failed`, error)
  );

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

  const sweep = (workspaceId: string): string[] => {
    const now = clock.now();
    const found = docs.read(indexDocName(workspaceId), (doc) => {
      const due: string[] = [];
      let next = Number.POSITIVE_INFINITY;
      for (const summary of indexParts(doc).tickets.values()) {
        if (typeof summary !== 'object' || summary === null) continue;
        const until = snoozedUntil(summary);
        if (until === null) continue;
        if (until <= now) due.push(summary.id);
        else next = Math.min(next, until);
      }
      return { due, next };
    });
    if (!found) return [];
    if (Number.isFinite(found.next)) wakeAt(found.next);
    const reopened: string[] = [];
    for (const ticketId of found.due) {
      let ended = false;
      docs.change(ticketDocName(ticketId), (doc) => {
        // A summary may name a ticket of another workspace (agents write summaries).
        if (doc.getMap('ticket').get('workspaceId') !== workspaceId) return;
        ended = endSnooze(doc, now);
      });
      if (ended) reopened.push(ticketId);
    }
    return reopened;
  };

  const offLoad = docs.onLoad(({ ref }) => {
    if (ref.kind === 'index') sweeps.schedule(ref.workspaceId);
  });
  const offChange = docs.onChange(({ ref }) => {
    if (ref.kind === 'index') sweeps.schedule(ref.workspaceId);
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
