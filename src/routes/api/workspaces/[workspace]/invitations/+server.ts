import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond, smallJson } from '$lib/server/account-response';
import { authorizeWorkspace } from '$lib/server/authorize';
import type { RequestHandler } from './$types';

/** Invites by link (`{ "role" }`) or by email (`{ "email", "role" }`). */
export const POST: RequestHandler = async (event) => {
  const allowed = await authorizeWorkspace(
    event.locals.principal,
    event.params.workspace,
    'manage-members'
  );
  if (!allowed.ok) return allowed.response;
  const { principal, workspaceId } = allowed.grant;
  const body = await smallJson(event.request);
  if (!body.ok) return body.response;
  return respond(
    event,
    await getAccountServices().invite(principal, workspaceId, body.value, requestInfo(event))
  );
};
