/**
 * Index projection: the workspace index holds one summary per ticket, derived from the ticket
 * document. Agents write summaries optimistically (so the board updates at once, offline too);
 * the server re-derives them and corrects what is wrong or stale.
 *
 * Two directions:
 *   - a ticket document changed → summarise it and put the summary into its workspace's index
 *     (`putSummary` writes only when it differs, so this settles after one round);
 *   - a client wrote summaries into an index → compare each with the stored ticket document and
 *     overwrite the ones that disagree. A summary whose ticket document the server has not seen
 *     yet is left alone: the ticket's own projection will correct it when it arrives.
 *
 * It also records which workspace a ticket belongs to, on its first accepted write.
 *
 * Changes arrive coalesced per document (see `DocManager.onChange`). Typing in the reply draft
 * is most of the traffic and cannot change a summary (`summarize` reads the fields, tags,
 * thread and handover, never the draft), so a change that touched only the draft is skipped.
 */
import * as Y from 'yjs';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { readTicketFields } from '../../src/lib/domain/ticket.ts';
import {
  indexParts,
  putSummary,
  removeSummary,
  summarizeDoc
} from '../../src/lib/domain/workspace-index.ts';
import type { Clock } from '../config.ts';
import { SERVER_ORIGIN, type DocManager } from '../documents.ts';
import type { DocStorage } from '../storage.ts';

export function startIndexProjection(
  docs: DocManager,
  storage: DocStorage,
  clock: Clock
): () => void {
  // Index documents → ticket ids whose summaries a client wrote since we last looked.
  const written = new WeakMap<Y.Doc, Set<string>>();
  // Ticket documents registered since they were loaded: the first registration wins and
  // workspaces never change (update-check refuses it), so one write per load is enough.
  const registered = new WeakSet<Y.Doc>();

  const project = (doc: Y.Doc, name: string) => {
    const fields = readTicketFields(doc);
    if (!fields) return;
    if (!registered.has(doc)) {
      storage.registerDocument(name, fields.workspaceId, clock.now());
      registered.add(doc);
    }
    const summary = summarizeDoc(doc);
    if (!summary) return;
    docs.change(indexDocName(fields.workspaceId), (index) => {
      putSummary(index, summary);
    });
  };

  const correct = (indexName: string, workspaceId: string, ticketIds: Set<string>) => {
    for (const ticketId of ticketIds) {
      const ticketName = ticketDocName(ticketId);
      const owner = storage.documentWorkspace(ticketName);
      if (owner !== null && owner !== workspaceId) {
        docs.change(indexName, (index) => removeSummary(index, ticketId));
        continue;
      }
      if (owner === null) continue; // not written yet: its own projection will follow
      const summary = docs.read(ticketName, (doc) => summarizeDoc(doc));
      if (!summary) continue;
      docs.change(indexName, (index) => {
        putSummary(index, summary);
      });
    }
  };

  const offLoad = docs.onLoad(({ ref, doc }) => {
    if (ref.kind !== 'index') return;
    const ids = new Set<string>();
    written.set(doc, ids);
    indexParts(doc).tickets.observe((event) => {
      if (event.transaction.origin === SERVER_ORIGIN) return;
      for (const key of event.keysChanged) ids.add(key);
    });
  });

  const offChange = docs.onChange(({ name, ref, doc, writer, roots }) => {
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
      correct(name, ref.workspaceId, batch);
    }
  });

  return () => {
    offLoad();
    offChange();
  };
}

/** Whether a change touched the reply draft and nothing else. */
export function onlyDraft(roots: ReadonlySet<string>): boolean {
  return roots.size === 1 && roots.has('draft');
}
