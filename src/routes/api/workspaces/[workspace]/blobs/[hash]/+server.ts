import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { errorResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Types a browser may show inline; everything else is a download. */
const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);
const SAFE_NAME = /[^\p{L}\p{N} ._()-]/gu;

/**
 * An attachment or inline image, for members of the workspace it came to (in the URL). Stored
 * blobs are content-addressed, so the response is immutable. The type is the one recorded at
 * ingestion; `nosniff` and a sandboxing CSP keep a browser from treating it as anything else.
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  if (!/^[a-f0-9]{64}$/.test(params.hash)) return errorResponse(404, 'not-found', 'No such file.');
  const blob = await getMailServices().blob(allowed.grant.workspaceId, params.hash);
  if (!blob) return errorResponse(404, 'not-found', 'No such file.');
  const type = blob.type.split(';')[0]?.trim().toLowerCase() ?? 'application/octet-stream';
  const inline = INLINE.has(type) && url.searchParams.get('download') !== '1';
  const name =
    (url.searchParams.get('name') ?? 'attachment').replace(SAFE_NAME, '_').slice(0, 200) ||
    'attachment';
  const disposition = `${inline ? 'inline' : 'attachment'}; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
  const body = Readable.toWeb(createReadStream(blob.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'content-type': type === 'text/html' ? 'text/plain; charset=utf-8' : blob.type,
      'content-length': String(blob.size),
      'content-disposition': disposition,
      'x-content-type-options': 'nosniff',
      'content-security-policy':
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'cache-control': 'private, max-age=31536000, immutable'
    }
  });
};
