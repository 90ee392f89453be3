import { getAccountServices } from '$lib/server/account-services';
import { respond } from '$lib/server/account-response';
import { authorizeWorkspace } from '$lib/server/authorize';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
  const allowed = await authorizeWorkspace(
    event.locals.principal,
    event.params.workspace,
    'member'
  );
  if (!allowed.ok) return allowed.response;
  const { principal, workspaceId } = allowed.grant;
  return respond(event, await getAccountServices().members(principal, workspaceId));
};
