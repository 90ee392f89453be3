/**
 * The archive worker: solved and closed tickets done longer ago than the workspace's window
 * (`domain/archive.ts`, the settings' `archive` record) leave the workspace index, as the
 * system actor, and get a row in the archive table (`server/archive/store.ts`). Their ticket
 * documents are not touched: they open as before, and server search keeps finding them.
 *
 * A sweep of one workspace reads the index's summaries, picks the due ones (oldest first, at
 * most `batch`), records them in SQL in one transaction, and only then removes their summaries
 * from the index in one server change. So:
 *   - at most once: the row is keyed by the ticket, a repeat inserts nothing;
 *   - nothing lost: a crash between the two steps leaves summaries that are in the index *and*
 *     archived; the next sweep (the index's next load) finds them due again, inserts nothing
 *     and removes them. A summary is never removed before its row is stored.
 * More than a batch due (the first sweep of a big old workspace) goes on in the next turn, so
 * the relay answers clients between batches.
 *
 * Summaries whose ticket is not registered in this workspace are left alone: they are the
 * projection's phantoms, removed there. Staying out of the index afterwards, and coming back
 * when reopened, is the index projection's part (`archive/gate.ts`).
 *
 * When it sweeps: when a workspace's index loads, when its archive settings change, and every
 * `tickMs` for the indexes that are loaded (tickets become due by time passing; an unloaded
 * index is swept on its next load, not loaded for it).
 */
import {
  archiveSettingsOf,
  doneAt,
  dueForArchive,
  type ArchiveSettingsRecord
} from '../../src/lib/domain/archive.ts';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { isTicketStatus } from '../../src/lib/domain/ticket-status.ts';
import { indexParts, removeSummary } from '../../src/lib/domain/workspace-index.ts';
import type { ArchivedTicket, ArchiveStore } from '../archive/store.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import type { DocStorage } from '../storage.ts';
import { workspaceSweeps } from './workspace-sweeps.ts';

export interface ArchiveWorkerDeps {
  docs: DocManager;
  storage: Pick<DocStorage, 'documentWorkspace'>;
  clock: Clock;
  store: ArchiveStore;
  /** How often loaded indexes are looked at (default 10 minutes); tests shorten it. */
  tickMs?: number;
  /** Tickets archived per sweep before the next turn (default 2,000). */
  batch?: number;
  /** Told after each sweep how many tickets it archived (tests and the bench wait on it). */
  onSwept?: (workspaceId: string, archived: number) => void;
  log: (message: string, error?: unknown) => void;
}

export interface ArchiveWorker {
  /** Sweeps a workspace now; returns how many tickets it archived (one batch at most). */
  sweep(workspaceId: string): number;
  stop(): void;
}

export function startArchive(deps: ArchiveWorkerDeps): ArchiveWorker {
  const { docs, storage, clock, store, log } = deps;
  const batch = deps.batch ?? 2_000;
  const settingsCache = new Map<string, ArchiveSettingsRecord>();

  const settingsOf = (workspaceId: string): ArchiveSettingsRecord => {
    let found = settingsCache.get(workspaceId);
    if (!found) {
      found =
        docs.read(settingsDocName(workspaceId), (doc) =>
          archiveSettingsOf(doc.getMap('archive').entries())
        ) ?? archiveSettingsOf([]);
      settingsCache.set(workspaceId, found);
    }
    return found;
  };

  const sweep = (workspaceId: string): number => {
    const settings = settingsOf(workspaceId);
    if (!settings.enabled) return 0;
    const indexName = indexDocName(workspaceId);
    const now = clock.now();
    const picked =
      docs.read(indexName, (doc) => {
        const tickets = indexParts(doc).tickets;
        const ids = dueForArchive(tickets.entries(), now, settings, batch);
        return ids.map((id) => [id, tickets.get(id) as unknown] as const);
      }) ?? [];
    const rows: ArchivedTicket[] = [];
    for (const [id, value] of picked) {
      if (storage.documentWorkspace(ticketDocName(id)) !== workspaceId) continue;
      const row = rowOf(id, workspaceId, value, now);
      if (row) rows.push(row);
    }
    if (rows.length > 0) {
      store.archive(rows);
      docs.change(indexName, (doc) => {
        for (const row of rows) removeSummary(doc, row.ticketId);
      });
    }
    if (picked.length === batch) sweeps.schedule(workspaceId);
    deps.onSwept?.(workspaceId, rows.length);
    return rows.length;
  };

  const sweeps = workspaceSweeps(sweep, (workspaceId, error) =>
    log(`Archive sweep of ${workspaceId} failed`, error)
  );

  const offs = [
    docs.onLoad(({ ref }) => {
      if (ref.kind === 'index') sweeps.schedule(ref.workspaceId);
    }),
    docs.onChange(({ ref, roots }) => {
      if (ref.kind === 'settings' && roots.has('archive')) {
        settingsCache.delete(ref.workspaceId);
        sweeps.schedule(ref.workspaceId);
      }
    })
  ];

  const tick = setInterval(
    () => {
      for (const workspaceId of [...settingsCache.keys()]) {
        if (docs.isLoaded(indexDocName(workspaceId))) sweeps.schedule(workspaceId);
      }
    },
    deps.tickMs ?? 10 * 60_000
  );
  tick.unref();

  return {
    sweep,
    stop() {
      sweeps.stop();
      clearInterval(tick);
      for (const off of offs) off();
    }
  };
}

/** The archive row of a due summary (its shape checked: it is what a client wrote). */
function rowOf(
  ticketId: string,
  workspaceId: string,
  value: unknown,
  now: number
): ArchivedTicket | null {
  if (typeof value !== 'object' || value === null) return null;
  const s = value as Record<string, unknown>;
  if (!isTicketStatus(s.status) || typeof s.updatedAt !== 'number') return null;
  const solvedAt = typeof s.solvedAt === 'number' ? s.solvedAt : null;
  return {
    ticketId,
    workspaceId,
    number: typeof s.number === 'number' ? s.number : null,
    ref: typeof s.ref === 'string' ? s.ref : '',
    subject: typeof s.subject === 'string' ? s.subject : '',
    status: s.status,
    requesterId: typeof s.requesterId === 'string' ? s.requesterId : null,
    closedAt: doneAt({ status: s.status, solvedAt, updatedAt: s.updatedAt }),
    archivedAt: now
  };
}
