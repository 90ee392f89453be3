import { authorizeWorkspace } from '$lib/server/authorize';
import { getNotificationServices, notificationResponse } from '$lib/server/notification-services';
import type { RequestHandler } from './$types';

/** The signed-in member's own notifications in the workspace, newest first, and the unread count. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  const { principal, workspaceId } = allowed.grant;
  return notificationResponse(
    await getNotificationServices().list(workspaceId, principal.memberId)
  );
};
