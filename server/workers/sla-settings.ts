/**
 * The workspace's SLA settings as the server's workers read them (`SlaSettings`, see
 * `domain/ticket-sla.ts`): the settings document's policies and calendars, parsed once per
 * version of the document (calendars keep their identity, so the business calendar's span
 * cache is reused across tickets), and the requesters' organisations from the index.
 */
import type * as Y from 'yjs';
import { indexDocName, settingsDocName } from '../../src/lib/domain/doc-names.ts';
import { readSettings } from '../../src/lib/domain/settings.ts';
import type { SlaSettings } from '../../src/lib/domain/ticket-sla.ts';
import { customerOrganisation } from '../../src/lib/domain/workspace-index.ts';
import type { DocManager } from '../documents.ts';

type Policies = Pick<SlaSettings, 'slaPolicies' | 'calendars'>;

/** A reader of each workspace's SLA settings; `null` when the settings cannot be read. */
export function slaSettingsReader(docs: DocManager): (workspaceId: string) => SlaSettings | null {
  // Settings document → its policies and calendars; dropped on its next update.
  const cache = new WeakMap<Y.Doc, Policies>();
  return (workspaceId) => {
    const policies = docs.read(settingsDocName(workspaceId), (doc) => {
      let cached = cache.get(doc);
      if (!cached) {
        const { slaPolicies, calendars } = readSettings(doc);
        cached = { slaPolicies, calendars };
        cache.set(doc, cached);
        doc.once('update', () => cache.delete(doc));
      }
      return cached;
    });
    if (!policies) return null;
    const index = indexDocName(workspaceId);
    return {
      ...policies,
      organisationOf: (customerId) =>
        docs.read(index, (doc) => customerOrganisation(doc, customerId)) ?? null
    };
  };
}
