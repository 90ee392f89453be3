import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { errorResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * The sanitised HTML of an email, as its own document for a sandboxed frame. Its own CSP
 * allows no script at all, and images only from us and `data:` — remote images also only when
 * the agent asked for them (`?images=1`). Styles inline only.
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  const showImages = url.searchParams.get('images') === '1';
  const html = await getMailServices().entryHtml(
    allowed.grant.workspaceId,
    params.ticket,
    params.entry,
    showImages
  );
  if (html === null) return errorResponse(404, 'not-found', 'No such message.');
  const images = showImages ? "'self' data: https: http:" : "'self' data:";
  const document = `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;overflow-wrap:anywhere}img{max-width:100%;height:auto}details.baton-quoted>summary{cursor:pointer;color:#59636e;font-size:12px}blockquote{margin:0 0 0 .6em;padding-left:.6em;border-left:2px solid #d0d7de;color:#59636e}</style></head><body>${html}</body></html>`;
  return new Response(document, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox`,
      'x-frame-options': 'SAMEORIGIN',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'private, no-store'
    }
  });
};
