/**
 * What the index projection asks before it writes a ticket's summary into the index
 * (`workers/index-projection.ts`): is this ticket archived, and does it stay so?
 *
 *   'index'      not archived: the summary belongs in the index;
 *   'archived'   archived and still solved or closed: the summary stays out (and is removed if
 *                a client wrote it back); the archive's row follows the document (`refresh`);
 *   'returning'  archived but open again (a customer's mail or an agent reopened it): the
 *                summary goes into the index, and only then (`returned`) the row goes, so a
 *                crash in between leaves a ticket that is in both, never in neither.
 */
import { doneAt, staysArchived } from '../../src/lib/domain/archive.ts';
import type { TicketSummary } from '../../src/lib/domain/schema.ts';
import type { ArchiveStore } from './store.ts';

export type ArchiveVerdict = 'index' | 'archived' | 'returning';

export interface ArchiveGate {
  verdict(summary: TicketSummary): ArchiveVerdict;
  /** The returning ticket's summary is in the index: its archive row goes. */
  returned(ticketId: string): void;
}

export function archiveGate(store: ArchiveStore): ArchiveGate {
  return {
    verdict(summary) {
      if (!store.has(summary.id)) return 'index';
      if (!staysArchived(summary.status)) return 'returning';
      store.refresh({
        ticketId: summary.id,
        number: summary.number,
        ref: summary.ref,
        subject: summary.subject,
        status: summary.status,
        requesterId: summary.requesterId,
        closedAt: doneAt(summary)
      });
      return 'archived';
    },
    returned(ticketId) {
      store.restore(ticketId);
    }
  };
}
