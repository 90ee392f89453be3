/**
 * The batch HTTP sync of the wire contract (docs/wire-contract.md, `POST /api/sync`, v1):
 * state vectors in, missing updates out, each document handled on its own.
 *
 * Responses cross a boundary, so they are parsed with zod; failures are named.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
import { z } from 'zod';
import { networkError, syncAnswerMalformed, undecodableAnswer } from '$lib/i18n/messages/sync';

export const BATCH_LIMIT = 100;
/** The server refuses bodies over 8 MiB; stay below it with room for the JSON around. */
export const BATCH_BYTES = 7 * 1024 * 1024;

export interface BatchDocRequest {
  name: string;
  stateVector: Uint8Array;
  update?: Uint8Array;
}

export type BatchDocResult =
  | { name: string; ok: true; update: Uint8Array; stateVector: Uint8Array }
  | { name: string; ok: false; reason: string; detail: string };

export type BatchFailure =
  | { kind: 'network'; message: string }
  | { kind: 'not-signed-in'; message: string }
  | { kind: 'too-large'; message: string }
  | { kind: 'invalid-request'; message: string }
  | { kind: 'server'; message: string }
  | { kind: 'bad-response'; message: string };

export type BatchOutcome =
  { ok: true; docs: BatchDocResult[] } | { ok: false; failure: BatchFailure };

/** What the server may answer about one document when it rejects it. */
export const ACCESS_REASONS = ['forbidden', 'invalid-document'] as const;
/** Tried again later: the document is not loaded right now, or the writer is going too fast. */
export const TRANSIENT_REASONS = ['unavailable', 'rate-limited'] as const;

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const DocResult = z.union([
  z.object({ name: z.string(), ok: z.literal(true), update: Base64, stateVector: Base64 }),
  z.object({
    name: z.string(),
    ok: z.literal(false),
    reason: z.string().max(100),
    detail: z.string().max(2000).optional()
  })
]);

const BatchResponse = z.object({ v: z.literal(1), docs: z.array(DocResult) });
const ErrorBody = z.object({
  error: z.object({ reason: z.string(), message: z.string().optional() })
});

export function encodeBatchRequest(docs: readonly BatchDocRequest[]): string {
  return JSON.stringify({
    v: 1,
    docs: docs.map((d) => ({
      name: d.name,
      stateVector: toBase64(d.stateVector),
      ...(d.update ? { update: toBase64(d.update) } : {})
    }))
  });
}

export function decodeBatchResponse(body: unknown): BatchOutcome {
  const parsed = BatchResponse.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      failure: { kind: 'bad-response', message: syncAnswerMalformed() }
    };
  }
  const docs: BatchDocResult[] = [];
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

export function failureFromStatus(status: number, body: unknown): BatchFailure {
  const parsed = ErrorBody.safeParse(body);
  const message = parsed.success
    ? (parsed.data.error.message ?? parsed.data.error.reason)
    : `HTTP ${status}`;
  if (status === 401) return { kind: 'not-signed-in', message };
  if (status === 413) return { kind: 'too-large', message };
  if (status === 400) return { kind: 'invalid-request', message };
  return { kind: 'server', message };
}

/** Posts one batch. Never throws: a network failure is an outcome like any other. */
export async function postBatch(
  fetchFn: typeof fetch,
  url: string,
  docs: readonly BatchDocRequest[]
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

/** Splits requests into batches of at most `BATCH_LIMIT` docs and about `BATCH_BYTES`. */
export function chunkRequests(docs: readonly BatchDocRequest[]): BatchDocRequest[][] {
  const chunks: BatchDocRequest[][] = [];
  let current: BatchDocRequest[] = [];
  let bytes = 0;
  for (const doc of docs) {
    // base64 grows bytes by 4/3.
    const size = Math.ceil(((doc.update?.length ?? 0) + doc.stateVector.length) * 1.34) + 200;
    if (current.length > 0 && (current.length >= BATCH_LIMIT || bytes + size > BATCH_BYTES)) {
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
