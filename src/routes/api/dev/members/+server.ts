import { json } from '@sveltejs/kit';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
  const { workspaceId, members } = await getServices().devMembers();
  return json({ workspaceId, members: members.map(({ memberId, name }) => ({ memberId, name })) });
};
