/**
 * The audit log's view of document access: it listens to the authorizer's access events and
 * writes rows, coalesced so the log stays readable — one `document-opened` row per connection,
 * one `document-changed` row per connection (or batch request) and document, whose count is
 * filled in when the relay connection closes. The authorizer itself keeps no log.
 */
import type { DocumentAccessEvent } from '../auth.ts';
import type { AuditLog } from './audit-log.ts';

export function auditDocumentAccess(
  auth: { onDocumentAccess(listener: (event: DocumentAccessEvent) => void): () => void },
  audit: Pick<AuditLog, 'record' | 'setCount'>
): () => void {
  /** A relay connection's change id → its `document-changed` row, until the connection closes. */
  const rows = new Map<number, number>();
  return auth.onDocumentAccess((event) => {
    switch (event.kind) {
      case 'opened':
        audit.record({
          workspaceId: event.workspaceId,
          action: 'document-opened',
          actorId: event.member.memberId,
          actorName: event.member.name,
          target: event.name,
          detail: event.member.credential.kind === 'token' ? 'API token' : null,
          ip: event.member.ip
        });
        return;
      case 'changed': {
        const row = audit.record({
          workspaceId: event.workspaceId,
          action: 'document-changed',
          actorId: event.member.memberId,
          actorName: event.member.name,
          target: event.name,
          detail: event.via === 'batch' ? 'batch sync' : null,
          ip: event.member.ip
        });
        // A batch request is one change; only a connection reports a count later.
        if (row !== null && event.via === 'relay') rows.set(event.changeId, row);
        return;
      }
      case 'change-count': {
        const row = rows.get(event.changeId);
        rows.delete(event.changeId);
        if (row !== undefined && event.count > 1) audit.setCount(row, event.count);
        return;
      }
    }
  });
}
