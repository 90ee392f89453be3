/**
 * Keeps the server's search tables true to the documents, fed from the document change path
 * like the index projection (`DocManager.onBackgroundChange` / `onLoad`, coalesced per document):
 *   - a ticket document changed or loaded → its row (subject, number, requester's name, email
 *     and organisation from the workspace index, tags, every message and note) is written again,
 *     unless what it is made of did not change (a change to the draft alone is skipped first);
 *   - a workspace index changed or loaded → its customers' rows that changed are written, and
 *     rows of customers no longer there removed;
 *   - an article document → its row, through the `article` hook (the knowledge base's module
 *     says how to read one and who may read it; none until it is wired).
 * At start, tickets the store does not know yet (made before this module, or while it was
 * off) are indexed in the background, a batch per turn, and each workspace's customers with
 * its index — read from storage into private copies, never loaded into the `DocManager`. A requester renamed later reaches a ticket's row with that ticket's next change.
 */
import * as Y from 'yjs';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { CustomerSummary } from '../../src/lib/domain/schema.ts';
import {
  onlyDraft,
  readThread,
  readTicketFields,
  ticketParts
} from '../../src/lib/domain/ticket.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import {
  customerSearchDoc,
  threadText,
  ticketSearchDoc,
  type SearchableCustomer
} from '../../src/lib/search/search-docs.ts';
import type { DocManager } from '../documents.ts';
import type { SearchRow, SearchStore } from './search-store.ts';

export interface SearchIndexerOptions {
  /** Registered tickets by workspace (the core's registry), for the backfill at start. */
  registeredTickets?: () => readonly { name: string; workspaceId: string }[];
  /**
   * A stored document's updates (the core's `DocLog.load`): the backfill reads documents from
   * storage into a private copy instead of loading them into the `DocManager`, whose loads the
   * other workers act on (a load is not a change, and must not look like one to them).
   */
  loadStored?: (name: string) => readonly Uint8Array[] | null;
  /** An article document's row, or `null` (not an article, or nothing to find yet). */
  article?: (doc: Y.Doc) => SearchRow | null;
  /** Tickets per backfill turn (default 50). */
  batch?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface SearchIndexer {
  /** Resolves when the backfill started at `start` has finished (tests wait on it). */
  readonly backfilled: Promise<void>;
  stop(): void;
}

export function startSearchIndexer(
  docs: DocManager,
  store: SearchStore,
  options: SearchIndexerOptions = {}
): SearchIndexer {
  const log =
    options.log ?? ((message, error) => console.error(`[search] ${message}`, error ?? ''));
  // What each row was made of when last written: a ticket's change that touched none of it
  // (the summary projection writing back, a delivery state) writes nothing.
  const written = new Map<string, string>();
  const customersOf = new Map<string, Map<string, string>>();
  let stopped = false;

  const customer = (workspaceId: string, id: string | null): SearchableCustomer | undefined => {
    if (id === null) return undefined;
    return (
      docs.read(indexDocName(workspaceId), (index) => indexParts(index).customers.get(id)) ??
      undefined
    );
  };

  const safely = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      log(`could not index ${what}`, error);
    }
  };

  const indexTicket = (doc: Y.Doc, requesterOf = customer) => {
    const fields = readTicketFields(doc);
    if (!fields) return;
    const requester = requesterOf(fields.workspaceId, fields.requesterId);
    const tags = [...ticketParts(doc).tags.keys()].sort();
    const thread = readThread(doc);
    const made = JSON.stringify([fields, tags, thread.length, requester ?? null]);
    if (written.get(fields.id) === made) return;
    const row: SearchRow = {
      ...ticketSearchDoc(
        {
          ...fields,
          tags,
          entryCount: thread.length,
          hasHandover: false
        },
        requester,
        threadText(thread)
      ),
      workspaceId: fields.workspaceId
    };
    const done = store.put([row]);
    written.set(fields.id, made);
    if (done instanceof Promise)
      done.catch((error: unknown) => log('could not index a ticket', error));
  };

  const indexCustomers = (workspaceId: string, index: Y.Doc) => {
    const before = customersOf.get(workspaceId) ?? new Map<string, string>();
    const now = new Map<string, string>();
    const rows: SearchRow[] = [];
    for (const [id, value] of indexParts(index).customers) {
      const parsed = CustomerSummary.safeParse(value);
      if (!parsed.success) continue;
      const c = parsed.data;
      const made = JSON.stringify(c);
      now.set(id, made);
      if (before.get(id) !== made) rows.push({ ...customerSearchDoc(c), workspaceId });
    }
    const gone = [...before.keys()].filter((id) => !now.has(id));
    customersOf.set(workspaceId, now);
    const put = store.put(rows);
    const removed = gone.length > 0 ? store.remove('customer', gone) : undefined;
    for (const done of [put, removed]) {
      if (done instanceof Promise)
        done.catch((error: unknown) => log('could not index customers', error));
    }
  };

  const onDoc = (
    name: string,
    ref: { kind: string },
    doc: Y.Doc,
    roots: ReadonlySet<string> | null
  ) => {
    if (ref.kind === 'ticket') {
      if (roots && onlyDraft(roots)) return;
      safely(name, () => indexTicket(doc));
    } else if (ref.kind === 'index' && 'workspaceId' in ref) {
      safely(name, () => indexCustomers((ref as { workspaceId: string }).workspaceId, doc));
    } else if (ref.kind === 'article' && options.article) {
      const article = options.article;
      safely(name, () => {
        const row = article(doc);
        if (row) void store.put([row]);
      });
    }
  };

  const offChange = docs.onBackgroundChange(({ name, ref, doc, roots }) =>
    onDoc(name, ref, doc, roots)
  );
  const offLoad = docs.onLoad(({ name, ref, doc }) => onDoc(name, ref, doc, null));

  /** A stored document as a private copy, never loaded into the `DocManager`. */
  const stored = (name: string): Y.Doc | null => {
    const updates = options.loadStored?.(name);
    if (!updates || updates.length === 0) return null;
    const doc = new Y.Doc();
    for (const update of updates) Y.applyUpdate(doc, update);
    return doc;
  };

  const backfilled = (async () => {
    const registered = options.registeredTickets?.() ?? [];
    const workspaces = new Set(registered.map((t) => t.workspaceId));
    const indexes = new Map<string, Y.Doc>();
    for (const workspaceId of workspaces) {
      if (stopped) return;
      const index = stored(indexDocName(workspaceId));
      if (!index) continue;
      indexes.set(workspaceId, index);
      safely(`the customers of ${workspaceId}`, () => indexCustomers(workspaceId, index));
    }
    const storedCustomer = (workspaceId: string, id: string | null) => {
      const index = indexes.get(workspaceId);
      if (!index || id === null) return undefined;
      const parsed = CustomerSummary.safeParse(indexParts(index).customers.get(id));
      return parsed.success ? parsed.data : undefined;
    };
    const size = options.batch ?? 50;
    for (let i = 0; i < registered.length; i += size) {
      if (stopped) return;
      for (const { name } of registered.slice(i, i + size)) {
        const id = name.slice(2);
        if (written.has(id) || (await store.has('ticket', id))) continue;
        const doc = stored(ticketDocName(id));
        if (doc) safely(name, () => indexTicket(doc, storedCustomer));
        doc?.destroy();
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const index of indexes.values()) index.destroy();
  })().catch((error: unknown) => log('the search backfill stopped', error));

  return {
    backfilled,
    stop() {
      stopped = true;
      offChange();
      offLoad();
    }
  };
}
