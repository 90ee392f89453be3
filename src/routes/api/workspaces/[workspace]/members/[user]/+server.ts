import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond, smallJson } from '$lib/server/account-response';
import { authorizeWorkspace } from '$lib/server/authorize';
import type { RequestHandler } from './$types';

/** Changes a member's role: `{ "role": "viewer" }`. */
export const PATCH: RequestHandler = async (event) => {
  const allowed = await authorizeWorkspace(
    event.locals.principal,
    event.params.workspace,
    'member'
  );
  if (!allowed.ok) return allowed.response;
  const { principal, workspaceId } = allowed.grant;
  const body = await smallJson(event.request);
  if (!body.ok) return body.response;
  return respond(
    event,
    await getAccountServices().setRole(
      principal,
      workspaceId,
      event.params.user,
      body.value,
      requestInfo(event)
    )
  );
};

/** Removes a member (or, for oneself, leaves the workspace). */
export const DELETE: RequestHandler = async (event) => {
  const allowed = await authorizeWorkspace(
    event.locals.principal,
    event.params.workspace,
    'member'
  );
  if (!allowed.ok) return allowed.response;
  const { principal, workspaceId } = allowed.grant;
  return respond(
    event,
    await getAccountServices().removeMember(
      principal,
      workspaceId,
      event.params.user,
      requestInfo(event)
    )
  );
};
