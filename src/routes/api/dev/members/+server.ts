import { json } from '@sveltejs/kit';
import { getServices } from '$lib/server/services';
import { errorResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Development identity only (`BATON_DEV_IDENTITY=1`, never in production); 404 otherwise. */
export const GET: RequestHandler = async () => {
  const dev = await getServices().devMembers();
  if (!dev) return errorResponse(404, 'not-found', 'The development identity is off.');
  return json({
    workspaceId: dev.workspaceId,
    members: dev.members.map(({ memberId, name }) => ({ memberId, name }))
  });
};
