/**
 * Bulk actions as the UI runs them: many ticket documents opened, each changed through the
 * domain (`domain/bulk.ts`, `bulk-macro.ts`, `merge.ts`), all sent to the server in one batch
 * sync, and all summaries written into the index in one transaction — so a colleague's board
 * shows the whole change at once, and 200 tickets cost a handful of requests, not 400.
 *
 * The page never freezes: documents are opened a few at a time (from IndexedDB; those not on
 * this device are pulled together through the batch sync), edits run in batches with a yield
 * to the browser between them, and `progress` says how far it got. Offline, the tickets on
 * this device are changed and sync when the connection is back; the others are counted as not
 * available. Roles are enforced before anything opens (`assertMayEdit`), as for every edit.
 */
import type * as Y from 'yjs';
import { ticketDocName } from '$lib/domain/doc-names';
import { readTicketFields } from '$lib/domain/ticket';
import { mergeTickets, mergeUndoable, undoMerge } from '$lib/domain/merge';
import type { DocHandle } from '$lib/sync/doc-pool';
import { assertMayEdit } from './permissions';
import { refreshSummary } from './ticket-actions';
import type { BulkProgress } from './bulk-progress.svelte';
import type { WorkspaceSession } from './workspace-session.svelte';

type Session = Pick<
  WorkspaceSession,
  'sync' | 'editContext' | 'actor' | 'now' | 'role' | 'indexDoc'
>;

/** Documents opened at once (IndexedDB reads). */
const OPEN_AT_ONCE = 16;
/** Tickets edited between two yields to the browser. */
const BATCH = 20;
/** Changed tickets sent to the server together, while the next ones are being edited. */
const PUSH_EVERY = 50;
/** How long the edits wait for the server before the summaries are written anyway. */
const PUSH_WAIT_MS = 1500;

export interface BulkOutcome<T> {
  /** What the edit returned, per ticket it ran on. */
  results: Map<string, T>;
  /** Tickets not on this device and not reachable (offline). */
  unavailable: string[];
  /** Tickets whose edit threw (e.g. a required field empty when solving), with the error. */
  failed: { id: string; error: unknown }[];
}

/** Lets the browser paint and handle input between batches. */
function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Opens the tickets' documents: from this device, a few at a time; those it lacks pulled from
 * the server in one batch sync. Returns the handles holding a ticket (the caller releases
 * them) and the ids that are not available.
 */
async function openTickets(
  ws: Session,
  ids: readonly string[]
): Promise<{ handles: Map<string, DocHandle>; unavailable: string[] }> {
  const handles = new Map<string, DocHandle>();
  for (let i = 0; i < ids.length; i += OPEN_AT_ONCE) {
    const slice = ids.slice(i, i + OPEN_AT_ONCE);
    const opened = slice.map((id) => ws.sync.pool.acquire(ticketDocName(id), { live: false }));
    await Promise.all(opened.map((h) => h.whenLoaded));
    slice.forEach((id, at) => handles.set(id, opened[at] as DocHandle));
  }
  const has = (h: DocHandle) => !h.stale && readTicketFields(h.doc) !== null;
  const missing = [...handles.values()].filter((h) => !has(h)).map((h) => h.name);
  if (missing.length > 0 && ws.sync.status.online) await ws.sync.push(missing);
  const unavailable: string[] = [];
  for (const [id, handle] of handles) {
    if (has(handle)) continue;
    handle.release();
    handles.delete(id);
    unavailable.push(id);
  }
  return { handles, unavailable };
}

/**
 * Sends the changed documents (or waits for `sending`, the pushes already under way), then
 * writes their summaries in one index transaction (the server checks client-written summaries
 * against its copy of the ticket, so the tickets go first). Offline, or when the server is
 * slow, the summaries are written anyway.
 */
async function publish(
  ws: Session,
  docs: readonly Y.Doc[],
  names: readonly string[],
  sending?: readonly Promise<unknown>[]
) {
  const pushes =
    sending ?? (names.length > 0 && ws.sync.status.online ? [ws.sync.push(names)] : []);
  if (pushes.length > 0) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, PUSH_WAIT_MS)));
    await Promise.race([Promise.all(pushes), timeout]);
    clearTimeout(timer);
  }
  const ctx = ws.editContext;
  const write = () => {
    for (const doc of docs) refreshSummary(ctx, doc);
  };
  if (ctx.indexDoc) ctx.indexDoc.transact(write);
  else write();
  ws.sync.keep(...names);
}

/**
 * Runs `edit` on each ticket (`null` from it: nothing changed), a batch at a time, and
 * publishes what changed. `progress` counts tickets as they are done.
 */
export async function runBulk<T>(
  ws: Session,
  ids: readonly string[],
  edit: (doc: Y.Doc, id: string) => T | null,
  progress?: BulkProgress
): Promise<BulkOutcome<T>> {
  assertMayEdit(ws.role, 'change');
  progress?.start(ids.length);
  const results = new Map<string, T>();
  const failed: BulkOutcome<T>['failed'] = [];
  const { handles, unavailable } = await openTickets(ws, ids);
  progress?.advance(unavailable.length);
  try {
    const entries = [...handles];
    const changed: DocHandle[] = [];
    // The server gets the changed tickets PUSH_EVERY at a time while the next are edited, so
    // its checks and a colleague's board run alongside the edits, not after all of them.
    const pushes: Promise<unknown>[] = [];
    let sent = 0;
    const send = () => {
      if (sent === changed.length || !ws.sync.status.online) return;
      pushes.push(ws.sync.push(changed.slice(sent).map((h) => h.name)));
      sent = changed.length;
    };
    for (let i = 0; i < entries.length; i += BATCH) {
      if (i > 0) await yieldToBrowser();
      for (const [id, handle] of entries.slice(i, i + BATCH)) {
        try {
          const value = edit(handle.doc, id);
          if (value !== null) {
            results.set(id, value);
            changed.push(handle);
          }
        } catch (error) {
          failed.push({ id, error });
        }
      }
      progress?.advance(Math.min(BATCH, entries.length - i));
      if (changed.length - sent >= PUSH_EVERY) send();
    }
    send();
    await publish(
      ws,
      changed.map((h) => h.doc),
      changed.map((h) => h.name),
      pushes
    );
    return { results, unavailable, failed };
  } finally {
    for (const handle of handles.values()) handle.release();
    progress?.finish();
  }
}

/**
 * Opens the tickets and reads them all at once (a macro's preview over the selection); the
 * documents are released after `read` returns.
 */
export async function readBulk<R>(
  ws: Session,
  ids: readonly string[],
  read: (docs: Y.Doc[]) => R
): Promise<{ value: R; unavailable: string[] }> {
  const { handles, unavailable } = await openTickets(ws, ids);
  try {
    return { value: read([...handles.values()].map((h) => h.doc)), unavailable };
  } finally {
    for (const handle of handles.values()) handle.release();
  }
}

/** One merge of a bulk merge, for its undo. */
export interface BulkMerge {
  sourceId: string;
  op: string;
}

/**
 * Merges each of `sourceIds` into `targetId` (`mergeTickets`: the target gets their messages
 * and tags, each source is closed pointing at it). The target must be available.
 */
export async function mergeMany(
  ws: Session,
  targetId: string,
  sourceIds: readonly string[],
  progress?: BulkProgress
): Promise<BulkOutcome<BulkMerge> | null> {
  assertMayEdit(ws.role, 'change');
  const opened = await openTickets(ws, [targetId]);
  const target = opened.handles.get(targetId);
  if (!target) return null;
  try {
    const outcome = await runBulk(
      ws,
      sourceIds.filter((id) => id !== targetId),
      (doc, id) => ({ sourceId: id, op: mergeTickets(doc, target.doc, ws.actor, ws.now()) }),
      progress
    );
    if (outcome.results.size > 0) await publish(ws, [target.doc], [target.name]);
    return outcome;
  } finally {
    target.release();
  }
}

/** Undoes the merges of a bulk merge that nothing changed since; the result per source. */
export async function undoMergeMany(
  ws: Session,
  targetId: string,
  merges: readonly BulkMerge[],
  progress?: BulkProgress
): Promise<BulkOutcome<{ undone: boolean; changedSince: boolean }> | null> {
  assertMayEdit(ws.role, 'change');
  const opened = await openTickets(ws, [targetId]);
  const target = opened.handles.get(targetId);
  if (!target) return null;
  const ops = new Map(merges.map((m) => [m.sourceId, m.op]));
  try {
    const outcome = await runBulk(
      ws,
      merges.map((m) => m.sourceId),
      (doc, id) => {
        const op = ops.get(id);
        if (op === undefined || !mergeUndoable(doc, target.doc, op)) {
          return { undone: false, changedSince: true };
        }
        undoMerge(doc, target.doc, op, ws.actor, ws.now());
        return { undone: true, changedSince: false };
      },
      progress
    );
    await publish(ws, [target.doc], [target.name]);
    return outcome;
  } finally {
    target.release();
  }
}
