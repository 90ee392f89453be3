import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond } from '$lib/server/account-response';
import { authorizeWorkspace } from '$lib/server/authorize';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = async (event) => {
  const allowed = await authorizeWorkspace(
    event.locals.principal,
    event.params.workspace,
    'manage-members'
  );
  if (!allowed.ok) return allowed.response;
  const { principal, workspaceId } = allowed.grant;
  return respond(
    event,
    await getAccountServices().revokeInvitation(
      principal,
      workspaceId,
      event.params.invitation,
      requestInfo(event)
    )
  );
};
