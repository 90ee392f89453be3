/** Small helpers for Baton's JSON endpoints: one error shape everywhere. */
import { json } from '@sveltejs/kit';
import { errorBody, type ApiErrorReason } from '$lib/contract/errors';
import { UPLOAD_HEADER, isMailImportUpload } from '$lib/contract/endpoints';
import { isReplyAttachmentUpload } from '$lib/contract/replies';

/** Methods that change nothing; every other method on `/api/` must pass `refuseFormRequest`. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The endpoints that take a multipart upload (and only these). */
const isUploadPath = (pathname: string) =>
  isMailImportUpload(pathname) || isReplyAttachmentUpload(pathname);

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Refuses (415) a state-changing API request that a page on another site could have made the
 * browser send with the member's cookie. An HTML form, or a "simple" cross-origin fetch, can send
 * only url-encoded, multipart or plain-text bodies and no custom headers without a CORS
 * preflight, which Baton never grants. So every non-GET request under `/api/` must say
 * `Content-Type: application/json` (body or not: sign-out everywhere and select-workspace have
 * none), and the uploads (`isUploadPath`) must be multipart with the `x-baton-upload: 1`
 * header. `null`: the request may go on.
 */
export function refuseFormRequest(request: Request, pathname: string): Response | null {
  if (SAFE_METHODS.has(request.method) || !pathname.startsWith('/api/')) return null;
  const type = mediaType(request);
  if (isUploadPath(pathname)) {
    return type === 'multipart/form-data' && request.headers.get(UPLOAD_HEADER) === '1'
      ? null
      : errorResponse(
          415,
          'unsupported-media-type',
          `Send the files as multipart/form-data with the ${UPLOAD_HEADER}: 1 header.`
        );
  }
  return type === 'application/json'
    ? null
    : errorResponse(415, 'unsupported-media-type', 'Send JSON (Content-Type: application/json).');
}

/** An error answer: the contract's error body (`$lib/contract/errors.ts`) with its status. */
export function errorResponse(status: number, reason: ApiErrorReason, message: string): Response {
  return json(errorBody(reason, message), { status });
}

/**
 * Reads a JSON body of at most `maxBytes`. Returns the parsed value or an error response
 * (413 too-large, 400 invalid-json).
 */
export async function readJson(
  request: Request,
  maxBytes: number
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  const tooLarge = () => ({
    ok: false as const,
    response: errorResponse(413, 'too-large', `The body is over ${maxBytes} bytes.`)
  });
  if (declared > maxBytes) return tooLarge();
  let text: string;
  try {
    const buffer = await request.arrayBuffer();
    if (buffer.byteLength > maxBytes) return tooLarge();
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return {
      ok: false,
      response: errorResponse(400, 'invalid-json', 'The body is not UTF-8 text.')
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      response: errorResponse(400, 'invalid-json', 'The body is not valid JSON.')
    };
  }
}

/**
 * Whether the browser reached us over HTTPS, for the cookie's `Secure` flag. adapter-node
 * assumes https when no ORIGIN is set, so `url.protocol` alone would make cookies unusable on
 * a plain-http LAN address; a browser's own `Origin` header says what it actually used.
 */
export function isHttps(request: Request, url: URL): boolean {
  const origin = request.headers.get('origin');
  return (origin ?? url.origin).startsWith('https:');
}
