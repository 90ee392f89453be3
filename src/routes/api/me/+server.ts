import { json } from '@sveltejs/kit';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
  if (!locals.identity) return json({ identity: null, workspaceId: null });
  const { workspaceId } = await getServices().devMembers();
  return json({
    identity: { memberId: locals.identity.memberId, name: locals.identity.name },
    workspaceId
  });
};
