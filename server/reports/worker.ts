/**
 * Feeds the reporting store from the document change stream, and rebuilds it from the
 * documents when it is lost.
 *
 * Every accepted change of a ticket document (coalesced per document, after the relay and the
 * index projection: `DocManager.onBackgroundChange`) re-derives the ticket's facts with the
 * domain (`ticketFacts`, which uses the metrics of `metrics.ts`) and replaces its rows. A
 * change that touched only the reply draft cannot change a fact and is skipped. SLA outcomes
 * depend on the clock, but a clock that breaches while nobody touches the ticket gets its
 * `sla-breach` entry from the breach worker, which is a change like any other, so the store
 * follows without a timer of its own.
 *
 * A change of a workspace's SLA policies or calendars changes which business hours its facts
 * count in: the settings are read once per change of that document, and the workspace's
 * tickets are projected again in the background (`rebuild`).
 *
 * `rebuild` reads every ticket registered to the workspace straight from storage (a scratch
 * Y.Doc per ticket, never loading them all into the live document manager) and replaces the
 * workspace's rows in batches. At start, a store that holds nothing while tickets are
 * registered (a lost or new reporting database) is rebuilt.
 */
import * as Y from 'yjs';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { ticketFacts, type SurveysSent, type TicketFacts } from '../../src/lib/domain/report.ts';
import { onlyDraft, readTicket } from '../../src/lib/domain/ticket.ts';
import type { SlaSettings } from '../../src/lib/domain/ticket-sla.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import type { DocStorage } from '../storage.ts';
import { slaSettingsReader } from '../workers/sla-settings.ts';
import type { ReportStore } from './store.ts';

export interface ReportingDeps {
  docs: DocManager;
  storage: Pick<DocStorage, 'load' | 'registeredTickets'>;
  store: ReportStore;
  clock: Clock;
  /** When each survey of a ticket was sent (the survey store's); none when not given. */
  surveysSent?: (ticketId: string) => SurveysSent;
  log?: (message: string, error?: unknown) => void;
}

export interface RebuildResult {
  tickets: number;
  skipped: number;
  ms: number;
}

export interface Reporting {
  /** Replaces the workspace's rows with facts derived from its stored ticket documents. */
  rebuild(workspaceId: string): RebuildResult;
  /** Projects one ticket again (a survey of it was sent: not a change of its document). */
  refresh(ticketId: string): void;
  stop(): void;
}

const BATCH = 500;

export function startReporting(deps: ReportingDeps): Reporting {
  const { docs, storage, store, clock } = deps;
  const sentOf = (ticketId: string): SurveysSent => deps.surveysSent?.(ticketId) ?? {};
  const log = deps.log ?? ((message, error) => console.error(`[baton] ${message}`, error ?? ''));
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  // The same SLA settings the index projection reads (policies, calendars, organisations).
  const readSla = slaSettingsReader(docs);
  const settingsOf = (workspaceId: string): SlaSettings =>
    readSla(workspaceId) ?? { slaPolicies: [], calendars: new Map() };

  const project = (doc: Y.Doc) => {
    const ticket = readTicket(doc);
    if (!ticket) return;
    const now = clock.now();
    store.put(
      ticketFacts(ticket, settingsOf(ticket.fields.workspaceId), now, sentOf(ticket.fields.id)),
      now
    );
  };

  const rebuild = (workspaceId: string): RebuildResult => {
    const started = performance.now();
    const settings = settingsOf(workspaceId);
    const now = clock.now();
    let tickets = 0;
    let skipped = 0;
    let batch: TicketFacts[] = [];
    store.clearWorkspace(workspaceId);
    for (const { name } of storage.registeredTickets(workspaceId)) {
      const updates = storage.load(name);
      const doc = new Y.Doc();
      try {
        for (const update of updates ?? []) Y.applyUpdate(doc, update);
        const ticket = readTicket(doc);
        if (!ticket || ticket.fields.workspaceId !== workspaceId) {
          skipped++;
          continue;
        }
        batch.push(ticketFacts(ticket, settings, now, sentOf(ticket.fields.id)));
        tickets++;
      } catch (error) {
        skipped++;
        log(`Reporting: could not read ${name} for the rebuild.`, error);
      } finally {
        doc.destroy();
      }
      if (batch.length >= BATCH) {
        store.putMany(batch, now);
        batch = [];
      }
    }
    store.putMany(batch, now);
    return { tickets, skipped, ms: performance.now() - started };
  };

  /** Re-projects a workspace after its SLA settings changed, once the burst is over. */
  const later = (workspaceId: string) => {
    const timer = pending.get(workspaceId);
    if (timer) clearTimeout(timer);
    const next = setTimeout(() => {
      pending.delete(workspaceId);
      try {
        rebuild(workspaceId);
      } catch (error) {
        log(`Reporting: could not re-project workspace ${workspaceId}.`, error);
      }
    }, 1_000);
    next.unref();
    pending.set(workspaceId, next);
  };

  const offChange = docs.onBackgroundChange((change) => {
    const ref = change.ref;
    try {
      if (ref.kind === 'ticket' && !onlyDraft(change.roots)) project(change.doc);
      else if (
        ref.kind === 'settings' &&
        (change.roots.has('slaPolicies') || change.roots.has('calendars'))
      )
        later(ref.workspaceId);
    } catch (error) {
      log(`Reporting: could not project ${change.name}.`, error);
    }
  });

  // A lost (or new) reporting store is rebuilt from the documents, workspace by workspace.
  const registered = storage.registeredTickets();
  const workspaces = new Set(registered.map((r) => r.workspaceId));
  for (const workspaceId of workspaces) {
    if (store.count(workspaceId) > 0) continue;
    try {
      const result = rebuild(workspaceId);
      log(`Reporting: rebuilt ${result.tickets} tickets of ${workspaceId} from the documents.`);
    } catch (error) {
      log(`Reporting: could not rebuild workspace ${workspaceId}.`, error);
    }
  }

  return {
    rebuild,
    refresh(ticketId) {
      try {
        docs.read(ticketDocName(ticketId), project);
      } catch (error) {
        log(`Reporting: could not project ticket ${ticketId}.`, error);
      }
    },
    stop() {
      offChange();
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    }
  };
}
