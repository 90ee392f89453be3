import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond, smallJson } from '$lib/server/account-response';
import { authorizeWorkspace } from '$lib/server/authorize';
import type { RequestHandler } from './$types';

/** The caller's API tokens in the workspace, without their secrets. */
export const GET: RequestHandler = async (event) => {
  const allowed = await authorizeWorkspace(
    event.locals.principal,
    event.params.workspace,
    'member'
  );
  if (!allowed.ok) return allowed.response;
  const { principal, workspaceId } = allowed.grant;
  return respond(event, await getAccountServices().apiTokens(principal, workspaceId));
};

/** Creates a token: `{ "name", "scope": "read" | "write" }`; its secret is shown once. */
export const POST: RequestHandler = async (event) => {
  const allowed = await authorizeWorkspace(
    event.locals.principal,
    event.params.workspace,
    'member'
  );
  if (!allowed.ok) return allowed.response;
  const body = await smallJson(event.request);
  if (!body.ok) return body.response;
  const { principal, workspaceId } = allowed.grant;
  return respond(
    event,
    await getAccountServices().createApiToken(
      principal,
      workspaceId,
      body.value,
      requestInfo(event)
    )
  );
};
