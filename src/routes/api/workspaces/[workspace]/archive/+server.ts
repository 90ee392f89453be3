import { authorizeWorkspace } from '$lib/server/authorize';
import { archiveResponse, getArchiveServices } from '$lib/server/archive-services';
import type { RequestHandler } from './$types';

/** One page of the workspace's archived tickets (`contract/archive.ts`). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  const { principal, workspaceId } = allowed.grant;
  return archiveResponse(
    await getArchiveServices().list(workspaceId, principal.memberId, url.searchParams)
  );
};
