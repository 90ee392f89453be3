import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { errorResponse, readJson } from '$lib/server/http';
import { Id } from '$lib/domain/schema';
import type { RequestHandler } from './$types';

/** Sends a failed public reply of a ticket in the workspace again (members who may reply). */
export const POST: RequestHandler = async ({ params, request, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'reply');
  if (!allowed.ok) return allowed.response;
  const body = await readJson(request, 1024);
  if (!body.ok) return body.response;
  if (!Id.safeParse(params.ticket).success || !Id.safeParse(params.entry).success) {
    return errorResponse(404, 'not-found', 'No such reply.');
  }
  const result = await getMailServices().retryReply(
    allowed.grant.workspaceId,
    params.ticket,
    params.entry
  );
  return json(result.body, { status: result.status });
};
