/**
 * The browser's side of the batch sync (`POST /api/sync`, `$lib/contract/batch.ts`): builds
 * requests from bytes, posts them, and decodes answers back to bytes. Answers cross a
 * boundary, so they are parsed with the contract's schemas; failures are named.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
import {
  BATCH_LIMITS,
  BATCH_PATH,
  BatchResponseParser,
  type BatchRequest
} from '$lib/contract/batch';
import { failureOf } from '$lib/contract/errors';
import type { DocRejectReason } from '$lib/contract/reasons';
import { networkError, syncAnswerMalformed, undecodableAnswer } from '$lib/i18n/messages/sync';

export { BATCH_PATH };

/** One document to sync, in bytes. */
export interface DocSyncRequest {
  name: string;
  stateVector: Uint8Array;
  update?: Uint8Array;
}

/**
 * The answer for one document, decoded. `unknown`: a reason this client does not know;
 * `bad-response`: the answer's bytes did not decode (tried again later).
 */
export type DocSyncResult =
  | { name: string; ok: true; update: Uint8Array; stateVector: Uint8Array }
  | {
      name: string;
      ok: false;
      reason: DocRejectReason | 'unknown' | 'bad-response';
      detail: string;
    };

export type BatchFailure =
  | { kind: 'network'; message: string }
  | { kind: 'not-signed-in'; message: string }
  | { kind: 'too-large'; message: string }
  | { kind: 'invalid-request'; message: string }
  | { kind: 'server'; message: string }
  | { kind: 'bad-response'; message: string };

export type BatchOutcome =
  { ok: true; docs: DocSyncResult[] } | { ok: false; failure: BatchFailure };

export function encodeBatchRequest(docs: readonly DocSyncRequest[]): string {
  const request: BatchRequest = {
    v: 1,
    docs: docs.map((d) => ({
      name: d.name,
      stateVector: toBase64(d.stateVector),
      ...(d.update ? { update: toBase64(d.update) } : {})
    }))
  };
  return JSON.stringify(request);
}

export function decodeBatchResponse(body: unknown): BatchOutcome {
  const parsed = BatchResponseParser.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      failure: { kind: 'bad-response', message: syncAnswerMalformed() }
    };
  }
  const docs: DocSyncResult[] = [];
  for (const doc of parsed.data.docs) {
    if (!doc.ok) {
      docs.push({ name: doc.name, ok: false, reason: doc.reason, detail: doc.detail ?? '' });
      continue;
    }
    try {
      docs.push({
        name: doc.name,
        ok: true,
        update: fromBase64(doc.update),
        stateVector: fromBase64(doc.stateVector)
      });
    } catch {
      docs.push({
        name: doc.name,
        ok: false,
        reason: 'bad-response',
        detail: undecodableAnswer()
      });
    }
  }
  return { ok: true, docs };
}

/** A failed request as a whole, by the reason of its error body (`$lib/contract/errors.ts`). */
export function failureFromStatus(status: number, body: unknown): BatchFailure {
  const failure = failureOf(status, body);
  const message = failure.message;
  if (failure.kind !== 'http') return { kind: 'server', message };
  switch (failure.reason) {
    case 'not-signed-in':
      return { kind: 'not-signed-in', message };
    case 'too-large':
      return { kind: 'too-large', message };
    case 'invalid-request':
    case 'invalid-json':
      return { kind: 'invalid-request', message };
    default:
      return { kind: 'server', message };
  }
}

/** Posts one batch. Never throws: a network failure is an outcome like any other. */
export async function postBatch(
  fetchFn: typeof fetch,
  url: string,
  docs: readonly DocSyncRequest[]
): Promise<BatchOutcome> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: encodeBatchRequest(docs),
      credentials: 'same-origin'
    });
  } catch (error) {
    return {
      ok: false,
      failure: {
        kind: 'network',
        message: error instanceof Error ? error.message : networkError()
      }
    };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) return { ok: false, failure: failureFromStatus(response.status, body) };
  return decodeBatchResponse(body);
}

/**
 * Splits requests into batches of at most `BATCH_LIMITS.maxDocs` documents and about
 * `BATCH_LIMITS.clientBatchBytes`.
 */
export function chunkRequests(docs: readonly DocSyncRequest[]): DocSyncRequest[][] {
  const chunks: DocSyncRequest[][] = [];
  let current: DocSyncRequest[] = [];
  let bytes = 0;
  for (const doc of docs) {
    // base64 grows bytes by 4/3.
    const size = Math.ceil(((doc.update?.length ?? 0) + doc.stateVector.length) * 1.34) + 200;
    if (
      current.length > 0 &&
      (current.length >= BATCH_LIMITS.maxDocs || bytes + size > BATCH_LIMITS.clientBatchBytes)
    ) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(doc);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
