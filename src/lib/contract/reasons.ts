/**
 * Why the server refuses a document change, and what the browser does about each reason.
 *
 * A reason reaches the browser in two ways: as the first word of a relay close reason
 * (`4422 schema: …`, `relay.ts` here) or as `reason` of a document in a batch answer
 * (`batch.ts`). The tables below are the client's whole policy, read by `sync-client.ts`:
 *
 * - `drop-local`: the local copy holds something the server will never take. It is dropped
 *   (memory and IndexedDB) and loaded again from the server; a document dropped twice in a
 *   session is left alone (stuck), so nothing loops.
 * - `retry`: the server could not take it now (busy, too fast); the change stays pending and
 *   is sent again later.
 * - `stuck`: this member may not sync the document at all; it is not tried again this session
 *   and the member is told once.
 */
import type { RejectReason } from '../domain/update-check';

/** What `applyChecked` refuses (`src/lib/domain/update-check.ts`). */
export const UPDATE_REJECT_REASONS = [
  'undecodable',
  'unsupported-content',
  'missing-dependencies',
  'unknown-root',
  'wrong-root-type',
  'schema',
  'append-only',
  'server-owned',
  'id-mismatch',
  'not-a-ticket',
  'too-large',
  'unsupported-document'
] as const;
export type UpdateRejectReason = (typeof UPDATE_REJECT_REASONS)[number];

/** The write path's own refusals, beyond the update check (`server/documents.ts`). */
export const WRITE_REJECT_REASONS = [
  'forbidden',
  'rate-limited',
  'unavailable',
  'invalid-document'
] as const;

/** Every reason a document can be refused with: a batch answer's `reason`. */
export const DOC_REJECT_REASONS = [...UPDATE_REJECT_REASONS, ...WRITE_REJECT_REASONS] as const;
export type DocRejectReason = (typeof DOC_REJECT_REASONS)[number];

export type Reaction = 'drop-local' | 'retry' | 'stuck';

/** What the client does with a document a batch answer refused, by reason. */
export const BATCH_REACTION: Readonly<Record<DocRejectReason, Reaction>> = {
  undecodable: 'drop-local',
  'unsupported-content': 'drop-local',
  'missing-dependencies': 'drop-local',
  'unknown-root': 'drop-local',
  'wrong-root-type': 'drop-local',
  schema: 'drop-local',
  'append-only': 'drop-local',
  'server-owned': 'drop-local',
  'id-mismatch': 'drop-local',
  'not-a-ticket': 'drop-local',
  'too-large': 'drop-local',
  'unsupported-document': 'drop-local',
  // No access to the document, or not a document name: nothing to retry.
  forbidden: 'stuck',
  'invalid-document': 'stuck',
  // Not loaded right now, or the writer is going too fast: later.
  unavailable: 'retry',
  'rate-limited': 'retry'
};

/** A reason this client does not know (a newer server): treated as a refused change. */
export const UNKNOWN_REASON_REACTION: Reaction = 'drop-local';

// The compiler keeps the list above equal to the update check's union, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const updateReasonsMatch: Same<UpdateRejectReason, RejectReason> = true;
void updateReasonsMatch;
