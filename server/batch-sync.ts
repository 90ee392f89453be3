/**
 * Batch sync over HTTP (`POST /api/sync`, `src/lib/contract/batch.ts`): state vectors in, missing
 * updates out, for many documents in one request instead of one socket each.
 *
 * Each document goes through the same authorization (`Authorizer.accessFor`) and the same
 * checked write path (`DocManager.applyFromClient`) as the relay, and is answered on its own:
 * one rejected document does not fail the others. Only a body that is not a batch at all
 * fails the request as a whole.
 *
 * Access is decided from the document registry before anything is loaded, and a read of a
 * ticket nobody has written (nothing stored or loaded under its name) is answered as the empty
 * document it is, without loading one: a batch of made-up ticket ids costs lookups, not loads.
 * Only a document that is stored, or an update that may create one, is loaded.
 */
import * as Y from 'yjs';
import { parseDocName } from '../src/lib/domain/doc-names.ts';
import type { BatchSyncResult } from '../src/lib/server/services.ts';
import { writerOf, type Authorizer } from './auth.ts';
import type { Principal } from '../src/lib/server/principal.ts';
import type { DocManager, DocRejectReason } from './documents.ts';
import {
  BatchRequest,
  type BatchDocRequest,
  type BatchDocResult,
  type BatchResponse
} from '../src/lib/contract/batch.ts';
import type { DocRejectReason as ContractRejectReason } from '../src/lib/contract/reasons.ts';
import { errorBody, type ApiErrorReason } from '../src/lib/contract/errors.ts';

// The server's refusals are the contract's, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const reasonsMatch: Same<DocRejectReason, ContractRejectReason> = true;
void reasonsMatch;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

// Checked before anything is applied, so that a bad vector cannot fail a doc after its update was stored.
function isStateVector(bytes: Uint8Array): boolean {
  try {
    Y.decodeStateVector(bytes);
    return true;
  } catch {
    return false;
  }
}

const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** What the server has of a ticket nobody has written: nothing (an empty update and vector). */
const EMPTY_UPDATE = toBase64(Y.encodeStateAsUpdate(new Y.Doc()));
const EMPTY_VECTOR = toBase64(Y.encodeStateVector(new Y.Doc()));

function batchError(status: number, reason: ApiErrorReason, message: string): BatchSyncResult {
  return { status, body: errorBody(reason, message) };
}

export function runBatchSync(
  docs: DocManager,
  auth: Authorizer,
  member: Principal,
  body: unknown
): BatchSyncResult {
  const parsed = BatchRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return batchError(
      400,
      'invalid-request',
      `${where}${issue?.message ?? 'not a batch sync request'}`
    );
  }
  const results = parsed.data.docs.map((request) => syncOne(docs, auth, member, request));
  const answer: BatchResponse = { v: 1, docs: results };
  return { status: 200, body: answer };
}

function syncOne(
  docs: DocManager,
  auth: Authorizer,
  member: Principal,
  request: BatchDocRequest
): BatchDocResult {
  const { name } = request;
  const fail = (reason: DocRejectReason, detail: string): BatchDocResult => ({
    name,
    ok: false,
    reason,
    detail
  });
  const ref = parseDocName(name);
  if (!ref) return fail('invalid-document', 'Not a document name.');
  const access = auth.accessFor(member, ref);
  if (!access) return fail('forbidden', 'No access to this document.');
  // An empty vector means "I have nothing", like Yjs' own default of [0].
  const stateVector =
    request.stateVector === '' ? new Uint8Array([0]) : fromBase64(request.stateVector);
  if (!stateVector || !isStateVector(stateVector)) {
    return fail('undecodable', 'stateVector is not a base64 Yjs state vector.');
  }
  const update = request.update === undefined ? null : fromBase64(request.update);
  if (request.update !== undefined && !update) return fail('undecodable', 'update is not base64.');
  const writes = update !== null && update.byteLength > 0;
  if (!writes && auth.isUnwrittenTicket(ref)) {
    return { name, ok: true, update: EMPTY_UPDATE, stateVector: EMPTY_VECTOR };
  }

  const held = docs.hold(name);
  if (!held.ok) return fail(held.reason, held.detail);
  try {
    if (writes) {
      if (access !== 'write') return fail('forbidden', 'This document is read-only for you.');
      const verdict = docs.applyFromClient(name, update, writerOf(member));
      if (!verdict.ok) return fail(verdict.reason, verdict.detail);
      if (verdict.changed) auth.changed(member, name, ref, 'batch');
    }
    return {
      name,
      ok: true,
      update: toBase64(Y.encodeStateAsUpdate(held.live.doc, stateVector)),
      stateVector: toBase64(Y.encodeStateVector(held.live.doc))
    };
  } finally {
    held.release();
  }
}
