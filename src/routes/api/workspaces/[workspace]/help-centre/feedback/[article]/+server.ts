import { json } from '@sveltejs/kit';
import { Id } from '$lib/domain/schema';
import { authorizeWorkspace } from '$lib/server/authorize';
import { errorResponse } from '$lib/server/http';
import { getHelpServices } from '$lib/server/help-services';
import type { RequestHandler } from './$types';

/** Customers' feedback on one of the workspace's articles (`contract/help.ts`). */
export const GET: RequestHandler = async ({ locals, params }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  if (!Id.safeParse(params.article).success) {
    return errorResponse(404, 'not-found', 'No such article.');
  }
  return json(await getHelpServices().feedback(allowed.grant.workspaceId, params.article));
};
