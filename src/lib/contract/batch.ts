/**
 * The batch sync over HTTP (`POST /api/sync`, version 1): state vectors in, missing updates
 * out, each document answered on its own. Bytes travel as base64 strings. The server parses
 * requests with `BatchRequest` (`server/batch-sync.ts`) and answers `BatchResponse`; the
 * browser builds requests and parses answers with the same schemas (`sync/batch-protocol.ts`).
 * What the client does with a refused document: `BATCH_REACTION` in `reasons.ts`.
 */
import { z } from 'zod';
import { DOC_REJECT_REASONS, type DocRejectReason } from './reasons';

const MiB = 1024 * 1024;

/** The one set of limits; the server enforces them, the client packs batches under them. */
export const BATCH_LIMITS = {
  /** A request body; larger ones are refused whole (413 `too-large`). */
  maxBodyBytes: 8 * MiB,
  /** Documents in one request. */
  maxDocs: 100,
  /** A document name's length. */
  maxNameLength: 200,
  /**
   * What the client puts in one batch, estimated before encoding: the body cap less room for
   * the JSON around and the estimate's error.
   */
  clientBatchBytes: 7 * MiB
} as const;

export const BATCH_PATH = '/api/sync';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const BatchDocRequest = z.object({
  name: z.string().max(BATCH_LIMITS.maxNameLength),
  /** `Y.encodeStateVector` of the client's copy; `''` means "I have nothing". */
  stateVector: z.string().max(BATCH_LIMITS.maxBodyBytes),
  /** What the server may lack (optional). */
  update: z.string().max(BATCH_LIMITS.maxBodyBytes).optional()
});
export type BatchDocRequest = z.infer<typeof BatchDocRequest>;

export const BatchRequest = z.object({
  v: z.literal(1),
  docs: z.array(BatchDocRequest).max(BATCH_LIMITS.maxDocs)
});
export type BatchRequest = z.infer<typeof BatchRequest>;

/** The answer for one document: what the client lacks and the server's vector, or a refusal. */
export type BatchDocResult =
  | { name: string; ok: true; update: string; stateVector: string }
  | { name: string; ok: false; reason: DocRejectReason; detail: string };

export interface BatchResponse {
  v: 1;
  docs: BatchDocResult[];
}

/** A refusal's reason; one this client does not know (a newer server) reads as `unknown`. */
const DocReason = z.enum(DOC_REJECT_REASONS).or(z.string().transform(() => 'unknown' as const));

/** How the browser reads a batch answer (`BatchResponse`, with unknown reasons tolerated). */
export const BatchResponseParser = z.object({
  v: z.literal(1),
  docs: z.array(
    z.union([
      z.object({ name: z.string(), ok: z.literal(true), update: Base64, stateVector: Base64 }),
      z.object({
        name: z.string(),
        ok: z.literal(false),
        reason: DocReason,
        detail: z.string().max(2000).optional()
      })
    ])
  )
});
