import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { errorResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-mailbox');
  if (!allowed.ok) return allowed.response;
  if (!/^[a-f0-9]{24}$/.test(params.job)) return errorResponse(404, 'not-found', 'No such import.');
  const result = await getMailServices().importStatus(allowed.grant.workspaceId, params.job);
  return json(result.body, { status: result.status, headers: { 'cache-control': 'no-store' } });
};
