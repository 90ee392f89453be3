/**
 * Index projection: the workspace index holds one summary per ticket, derived from the ticket
 * document. Agents write summaries optimistically (so the board updates at once, offline too);
 * the server re-derives them and corrects what is wrong or stale.
 *
 * Two directions:
 *   - a ticket document changed → summarise it and put the summary into its workspace's index
 *     (`putSummary` writes only when it differs, so this settles after one round);
 *   - a client wrote summaries into an index → compare each with the stored ticket document and
 *     overwrite the ones that disagree.
 *
 * Phantom summaries (an entry whose ticket does not exist) are removed, as the system actor:
 *   - a summary whose ticket is registered in *another* workspace goes at once;
 *   - a summary whose ticket is not registered anywhere becomes a suspect, from the moment the
 *     server sees it (when the index loads, or when a client writes it), and goes if its ticket
 *     is still unregistered `graceMs` later (ten minutes).
 * Why a grace period and not "unknown now, remove now": a ticket made offline travels in its own
 * document, and its summary in the index, which is live on screen and may reach the server
 * before the ticket's batch does (or the ticket's upload waits for the next batch). Ten minutes
 * covers that by far; and a removal is never final: whenever the ticket does arrive, its own
 * projection (the first direction) writes its summary again. Suspects live in memory only: after
 * a restart the index's next load finds them again, with a fresh grace period.
 *
 * It also binds a ticket to its workspace in the registry on its first change. Tickets written
 * by clients are bound earlier, by the write guard (`auth.ts`), before they are stored; here it
 * is for tickets the server makes itself (mail). At start, tickets stored without a registration
 * (an older Baton, or a crash between storing and registering a server-made one) are bound.
 *
 * A summary carries the ticket's next SLA due time (`ticket-sla.ts`), from the policies and
 * calendars in the workspace's settings document; the settings are read once per load and
 * change of that document, not per ticket. When its SLA roots change, the open tickets of the
 * workspace are summarised again, a batch at a time, so their timers follow the new policy
 * (a solved ticket's summary follows with its next change).
 *
 * Email addresses are kept out of member profiles (the members API shows them to admins only):
 * an index that still holds them is cleaned when it loads.
 *
 * Archived tickets (`workers/archive.ts`) stay out: before a summary is written, the archive
 * gate (`archive/gate.ts`) is asked; an archived ticket that is still solved or closed has its
 * summary removed instead (so an offline device that writes back a summary it still held does
 * not bring it back), and one that was reopened returns to the index, its archive row taken
 * away only after its summary is written.
 *
 * Summaries are written once per turn of the event loop, all of a turn's in one transaction
 * per index: a bulk action on 200 tickets reaches every board as one update.
 *
 * Changes arrive coalesced per document (see `DocManager.onChange`). Typing in the reply draft
 * is most of the traffic and cannot change a summary (`summarize` reads the fields, tags,
 * thread and handover, never the draft), so a change that touched only the draft is skipped.
 */
import * as Y from 'yjs';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { isOpenStatus } from '../../src/lib/domain/ticket-status.ts';
import { onlyDraft, readTicketFields } from '../../src/lib/domain/ticket.ts';
import {
  indexParts,
  putSummary,
  removeSummary,
  stripProfileEmails,
  summarizeDoc
} from '../../src/lib/domain/workspace-index.ts';
import type { ArchiveGate } from '../archive/gate.ts';
import { slaSettingsReader } from './sla-settings.ts';
import type { TicketSummary } from '../../src/lib/domain/schema.ts';
import type { Clock } from '../config.ts';
import { SERVER_ORIGIN, type DocManager } from '../documents.ts';
import type { DocStorage } from '../storage.ts';

/** How long a summary without a registered ticket is kept before it is removed. */
export const PHANTOM_GRACE_MS = 10 * 60_000;

export interface IndexProjectionOptions {
  /** Binds a ticket to its workspace (default: the registry's `registerDocument`). */
  bind?: (name: string, workspaceId: string) => void;
  graceMs?: number;
  log?: (message: string) => void;
  /** Keeps archived tickets out of the index (default: none is archived). */
  archive?: ArchiveGate;
}

interface Suspects {
  workspaceId: string;
  /** Ticket id → when the server first saw its summary without a registered ticket. */
  since: Map<string, number>;
  timer: ReturnType<typeof setTimeout> | null;
}

export function startIndexProjection(
  docs: DocManager,
  storage: DocStorage,
  clock: Clock,
  options: IndexProjectionOptions = {}
): () => void {
  const bind =
    options.bind ??
    ((name: string, workspaceId: string) =>
      storage.registerDocument(name, workspaceId, clock.now()));
  const graceMs = options.graceMs ?? PHANTOM_GRACE_MS;
  // Index documents → ticket ids whose summaries a client wrote since we last looked.
  const written = new WeakMap<Y.Doc, Set<string>>();
  // Ticket documents registered since they were loaded: the first registration wins and
  // workspaces never change (update-check refuses it), so one write per load is enough.
  const registered = new WeakSet<Y.Doc>();
  // Index name → summaries waiting for their ticket.
  const suspects = new Map<string, Suspects>();
  let stopped = false;

  const ownerOf = (ticketId: string) => storage.documentWorkspace(ticketDocName(ticketId));

  const slaSettings = slaSettingsReader(docs);

  // Index name → ticket id → its newest summary, written on the next turn in one transaction
  // per index: a bulk action on 200 tickets reaches the boards as one index update, not 200.
  const placing = new Map<string, Map<string, TicketSummary>>();

  /** Writes the waiting summaries; an archived ticket's is kept out (removed) instead. */
  const flush = () => {
    const batches = [...placing];
    placing.clear();
    if (stopped) return;
    for (const [indexName, summaries] of batches) {
      const returned: string[] = [];
      docs.change(indexName, (index) => {
        for (const summary of summaries.values()) {
          const verdict = options.archive?.verdict(summary) ?? 'index';
          if (verdict === 'archived') {
            removeSummary(index, summary.id);
            continue;
          }
          putSummary(index, summary);
          if (verdict === 'returning') returned.push(summary.id);
        }
      });
      for (const ticketId of returned) options.archive?.returned(ticketId);
    }
  };

  /** Writes a summary into the index (with the others of this turn). */
  const place = (indexName: string, summary: TicketSummary) => {
    if (placing.size === 0) setImmediate(flush);
    let summaries = placing.get(indexName);
    if (!summaries) placing.set(indexName, (summaries = new Map()));
    summaries.set(summary.id, summary);
  };

  const project = (doc: Y.Doc, name: string) => {
    const fields = readTicketFields(doc);
    if (!fields) return;
    if (!registered.has(doc)) {
      bind(name, fields.workspaceId);
      registered.add(doc);
    }
    const summary = summarizeDoc(doc, slaSettings(fields.workspaceId));
    if (!summary) return;
    place(indexDocName(fields.workspaceId), summary);
  };

  const schedule = (indexName: string, entry: Suspects, delay: number) => {
    if (entry.timer || stopped) return;
    entry.timer = setTimeout(() => sweep(indexName), Math.max(0, delay));
    entry.timer.unref();
  };

  const suspect = (indexName: string, workspaceId: string, ticketId: string) => {
    let entry = suspects.get(indexName);
    if (!entry) {
      entry = { workspaceId, since: new Map(), timer: null };
      suspects.set(indexName, entry);
    }
    if (!entry.since.has(ticketId)) entry.since.set(ticketId, clock.now());
    schedule(indexName, entry, graceMs);
  };

  const removeAll = (indexName: string, ticketIds: readonly string[]) => {
    if (ticketIds.length === 0) return;
    docs.change(indexName, (index) => {
      for (const ticketId of ticketIds) removeSummary(index, ticketId);
    });
  };

  /** Removes the suspects whose grace period is over and whose ticket still did not come. */
  const sweep = (indexName: string) => {
    const entry = suspects.get(indexName);
    if (!entry) return;
    entry.timer = null;
    // Unloaded meanwhile: its next load finds the phantoms again.
    if (!docs.isLoaded(indexName)) {
      suspects.delete(indexName);
      return;
    }
    const now = clock.now();
    const phantoms: string[] = [];
    let next = Infinity;
    for (const [ticketId, since] of entry.since) {
      const owner = ownerOf(ticketId);
      if (owner === entry.workspaceId) {
        entry.since.delete(ticketId);
      } else if (owner !== null || now - since >= graceMs) {
        phantoms.push(ticketId);
        entry.since.delete(ticketId);
      } else {
        next = Math.min(next, since + graceMs);
      }
    }
    removeAll(indexName, phantoms);
    if (entry.since.size === 0) suspects.delete(indexName);
    else schedule(indexName, entry, next - now);
  };

  const correct = (
    indexName: string,
    workspaceId: string,
    index: Y.Doc,
    ticketIds: Set<string>
  ) => {
    const elsewhere: string[] = [];
    for (const ticketId of ticketIds) {
      const owner = ownerOf(ticketId);
      if (owner === null) {
        // Not written yet, or on its way: its own projection corrects the summary when it
        // arrives; if it never does, the summary is a phantom.
        if (indexParts(index).tickets.has(ticketId)) suspect(indexName, workspaceId, ticketId);
        continue;
      }
      if (owner !== workspaceId) {
        elsewhere.push(ticketId);
        continue;
      }
      const sla = slaSettings(workspaceId);
      const summary = docs.read(ticketDocName(ticketId), (doc) => summarizeDoc(doc, sla));
      if (!summary) continue;
      place(indexName, summary);
    }
    removeAll(indexName, elsewhere);
  };

  /** On load: phantoms from before (another workspace's now, unregistered ones later). */
  const checkLoaded = (indexName: string, workspaceId: string, doc: Y.Doc) => {
    const elsewhere: string[] = [];
    for (const ticketId of indexParts(doc).tickets.keys()) {
      const owner = ownerOf(ticketId);
      if (owner === null) suspect(indexName, workspaceId, ticketId);
      else if (owner !== workspaceId) elsewhere.push(ticketId);
    }
    removeAll(indexName, elsewhere);
    docs.change(indexName, (index) => {
      stripProfileEmails(index);
    });
  };

  const offLoad = docs.onLoad(({ name, ref, doc }) => {
    if (ref.kind !== 'index') return;
    const ids = new Set<string>();
    written.set(doc, ids);
    indexParts(doc).tickets.observe((event) => {
      if (event.transaction.origin === SERVER_ORIGIN) return;
      for (const key of event.keysChanged) ids.add(key);
    });
    checkLoaded(name, ref.workspaceId, doc);
  });

  // Workspaces whose open tickets wait to be summarised again after an SLA settings change.
  const resummarise = new Map<string, ReturnType<typeof setTimeout>>();
  const RESUMMARISE_BATCH = 50;
  const resummariseOpen = (workspaceId: string) => {
    if (stopped || resummarise.has(workspaceId)) return;
    const timer = setTimeout(() => {
      resummarise.delete(workspaceId);
      const indexName = indexDocName(workspaceId);
      const open =
        docs.read(indexName, (index) =>
          [...indexParts(index).tickets.values()]
            .filter((t) => isOpenStatus(t.status))
            .map((t) => t.id)
        ) ?? [];
      const next = (from: number) => {
        if (stopped) return;
        const sla = slaSettings(workspaceId);
        for (const ticketId of open.slice(from, from + RESUMMARISE_BATCH)) {
          if (ownerOf(ticketId) !== workspaceId) continue;
          const summary = docs.read(ticketDocName(ticketId), (doc) => summarizeDoc(doc, sla));
          if (summary) place(indexName, summary);
        }
        // Between batches the server answers clients.
        if (from + RESUMMARISE_BATCH < open.length)
          setImmediate(() => next(from + RESUMMARISE_BATCH));
      };
      next(0);
    }, 500);
    timer.unref();
    resummarise.set(workspaceId, timer);
  };

  const offChange = docs.onChange(({ name, ref, doc, writer, roots }) => {
    if (ref.kind === 'settings') {
      if (roots.has('slaPolicies') || roots.has('calendars')) resummariseOpen(ref.workspaceId);
      return;
    }
    if (ref.kind === 'ticket') {
      if (onlyDraft(roots)) return;
      project(doc, name);
      return;
    }
    if (ref.kind === 'index' && writer) {
      const ids = written.get(doc);
      if (!ids || ids.size === 0) return;
      const batch = new Set(ids);
      ids.clear();
      correct(name, ref.workspaceId, doc, batch);
    }
  });

  backfillRegistry(docs, storage, bind, options.log);

  return () => {
    stopped = true;
    offLoad();
    offChange();
    for (const entry of suspects.values()) if (entry.timer) clearTimeout(entry.timer);
    suspects.clear();
    for (const timer of resummarise.values()) clearTimeout(timer);
    resummarise.clear();
  };
}

/**
 * Binds every stored ticket that has no registration yet to the workspace its fields name, so
 * that "stored means registered" holds and access never needs a ticket's document. Returns
 * how many it bound.
 */
export function backfillRegistry(
  docs: DocManager,
  storage: DocStorage,
  bind: (name: string, workspaceId: string) => void,
  log: (message: string) => void = (message) => console.error(`[baton] ${message}`)
): number {
  let bound = 0;
  for (const name of storage.unregisteredTickets()) {
    const workspaceId = docs.read(name, (doc) => readTicketFields(doc)?.workspaceId ?? null);
    if (workspaceId === null) {
      log(`Stored ticket ${name} names no workspace; it stays unregistered.`);
      continue;
    }
    bind(name, workspaceId);
    bound++;
  }
  return bound;
}
