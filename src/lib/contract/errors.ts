/**
 * The error body of every JSON endpoint, and the one parser the browser reads it with.
 *
 *   { "error": { "reason": "<ApiErrorReason>", "message": "<for people>", "retryAfterMs"? } }
 *
 * The server builds it with `errorBody` (in `$lib/server/http.ts`'s `errorResponse`, the
 * account and mail services, the batch sync); the browser turns any failed answer into an
 * `ApiFailure` with `failureOf` — a garbage body, a body of another shape or an unknown reason
 * become named failures too, never an exception. Code decides on `reason`; `message` is only
 * shown.
 */
import { z } from 'zod';

export const API_ERROR_REASONS = [
  // Every endpoint
  'not-signed-in',
  'forbidden',
  'not-found',
  'invalid-request',
  'invalid-json',
  'too-large',
  'unsupported-media-type',
  'rate-limited',
  // Accounts
  'invalid-credentials',
  'email-taken',
  'invalid-token',
  'last-owner',
  'already-member',
  'mail-failed',
  'unknown-member',
  // Mail
  'no-mailbox',
  'empty',
  'address-taken',
  'too-many-mailboxes',
  'provider-not-configured',
  // Replies
  'no-recipient',
  'not-failed'
] as const;
export const ApiErrorReason = z.enum(API_ERROR_REASONS);
export type ApiErrorReason = z.infer<typeof ApiErrorReason>;

export const ApiErrorBody = z.object({
  error: z.object({
    reason: z.string().max(100),
    message: z.string().max(2000),
    retryAfterMs: z.number().int().min(0).optional()
  })
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** The body of an error answer. */
export function errorBody(
  reason: ApiErrorReason,
  message: string,
  retryAfterMs?: number
): ApiErrorBody {
  return { error: { reason, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } };
}

/**
 * Why a call did not give its answer: the server refused it (`http`, with the reason it
 * named, or `unknown` when the body named none we know), the network failed, or the answer
 * was not what the contract says (`bad-response`).
 */
export type ApiFailure =
  | {
      kind: 'http';
      status: number;
      reason: ApiErrorReason | 'unknown';
      message: string;
      retryAfterMs?: number;
    }
  | { kind: 'network'; message: string }
  | { kind: 'bad-response'; status: number; message: string };

/**
 * The reason an answer without a readable error body stands for, by its HTTP status (a proxy's
 * page, a body cut short): what HTTP itself says.
 */
const REASON_OF_STATUS: Readonly<Record<number, ApiErrorReason>> = {
  400: 'invalid-request',
  401: 'not-signed-in',
  403: 'forbidden',
  404: 'not-found',
  413: 'too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited'
};

/** The failure an error answer (`status`, its parsed JSON or `null`) stands for. */
export function failureOf(status: number, body: unknown): ApiFailure {
  const parsed = ApiErrorBody.safeParse(body);
  const byStatus = REASON_OF_STATUS[status] ?? 'unknown';
  if (!parsed.success) {
    return { kind: 'http', status, reason: byStatus, message: `HTTP ${status}` };
  }
  const { reason, message, retryAfterMs } = parsed.data.error;
  const known = ApiErrorReason.safeParse(reason);
  return {
    kind: 'http',
    status,
    reason: known.success ? known.data : byStatus,
    message: message || `HTTP ${status}`,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {})
  };
}

/** Whether a failure is the server refusing with this reason. */
export function isRefusal(failure: ApiFailure, reason: ApiErrorReason): boolean {
  return failure.kind === 'http' && failure.reason === reason;
}
