import { json } from '@sveltejs/kit';
import { authorizeWorkspace } from '$lib/server/authorize';
import { getHelpServices } from '$lib/server/help-services';
import type { RequestHandler } from './$types';

/** Whether the workspace's help centre is live, and where (`contract/help.ts`). */
export const GET: RequestHandler = async ({ locals, params }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  return json(await getHelpServices().status(allowed.grant.workspaceId));
};
