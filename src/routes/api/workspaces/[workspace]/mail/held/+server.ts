import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import type { RequestHandler } from './$types';

/** The messages that could not become a ticket ("could not import"), for owners and admins. */
export const GET: RequestHandler = async ({ params, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-mailbox');
  if (!allowed.ok) return allowed.response;
  const result = await getMailServices().heldMessages(allowed.grant.workspaceId);
  return json(result.body, { status: result.status, headers: { 'cache-control': 'no-store' } });
};
