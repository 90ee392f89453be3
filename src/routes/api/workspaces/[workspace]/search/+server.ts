import { authorizeWorkspace } from '$lib/server/authorize';
import { getSearchServices, searchResponse } from '$lib/server/search-services';
import type { RequestHandler } from './$types';

/** Full-text search over the workspace's tickets, customers and articles (`contract/search.ts`). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  const { principal, workspaceId } = allowed.grant;
  return searchResponse(
    await getSearchServices().search(workspaceId, principal.memberId, url.searchParams)
  );
};
