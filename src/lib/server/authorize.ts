/**
 * The one authorization function of workspace-scoped endpoints. Every endpoint under
 * `/api/workspaces/<workspace>/…` that acts in a workspace takes it from its URL and asks here
 * first: signed in (401), by a browser session rather than an API token (tokens only sync;
 * 403), a member of that workspace (403), and — when the endpoint needs one — an ability of
 * the role policy (`domain/roles.ts`, 403). The services behind the endpoint then act in
 * exactly that workspace; none reads a workspace the server remembers for the person.
 */
import { may, type Ability, type Role } from '$lib/domain/roles';
import { Id } from '$lib/domain/schema';
import { errorResponse } from './http';
import type { Principal } from './principal';
import { getServices } from './services';

/** Who may act, where, as what: what an endpoint hands to the services behind it. */
export interface WorkspaceGrant {
  principal: Principal;
  workspaceId: string;
  role: Role;
}

export type WorkspaceAuthorization =
  { ok: true; grant: WorkspaceGrant } | { ok: false; response: Response };

/** What a workspace endpoint needs: membership alone, or an ability of the member's role. */
export type WorkspaceNeed = 'member' | Ability;

export async function authorizeWorkspace(
  principal: Principal | null,
  workspaceId: string,
  need: WorkspaceNeed
): Promise<WorkspaceAuthorization> {
  if (!principal) return refuse(errorResponse(401, 'not-signed-in', 'Sign in first.'));
  if (principal.credential.kind === 'token') {
    return refuse(errorResponse(403, 'forbidden', 'API tokens only sync.'));
  }
  if (!Id.safeParse(workspaceId).success)
    return refuse(errorResponse(404, 'not-found', 'No such workspace.'));
  const role = await getServices().roleIn(principal.memberId, workspaceId);
  if (!role)
    return refuse(errorResponse(403, 'forbidden', 'You are not a member of this workspace.'));
  if (need !== 'member' && !may(role, need)) {
    return refuse(errorResponse(403, 'forbidden', 'Your role does not allow this.'));
  }
  return { ok: true, grant: { principal, workspaceId, role } };
}

function refuse(response: Response): WorkspaceAuthorization {
  return { ok: false, response };
}
