import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { errorResponse, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Tries a held message again with the mailbox's current rules (owners and admins). */
export const POST: RequestHandler = async ({ params, request, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-mailbox');
  if (!allowed.ok) return allowed.response;
  const body = await readJson(request, 1024);
  if (!body.ok) return body.response;
  if (!/^[a-f0-9]{64}$/.test(params.id)) return errorResponse(404, 'not-found', 'No such message.');
  const result = await getMailServices().retryHeld(allowed.grant.workspaceId, params.id);
  return json(result.body, { status: result.status });
};
