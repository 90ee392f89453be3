import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { errorResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * The raw bytes of a held message, as a download (`message/rfc822`, never rendered: `nosniff`
 * and a sandboxing CSP), for owners and admins of the workspace that holds it.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-mailbox');
  if (!allowed.ok) return allowed.response;
  if (!/^[a-f0-9]{64}$/.test(params.id)) return errorResponse(404, 'not-found', 'No such message.');
  const raw = await getMailServices().heldRaw(allowed.grant.workspaceId, params.id);
  if (!raw) return errorResponse(404, 'not-found', 'No such message.');
  return new Response(new Uint8Array(raw), {
    headers: {
      'content-type': 'message/rfc822',
      'content-length': String(raw.length),
      'content-disposition': `attachment; filename="message-${params.id.slice(0, 12)}.eml"`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'no-store'
    }
  });
};
