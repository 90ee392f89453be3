import { authorizeWorkspace } from '$lib/server/authorize';
import { readJson } from '$lib/server/http';
import { getNotificationServices, notificationResponse } from '$lib/server/notification-services';
import type { RequestHandler } from './$types';

/** Marks the member's own notifications read: `{ "keys": [...] }` or `{ "all": true }`. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  const body = await readJson(request, 64 * 1024);
  if (!body.ok) return body.response;
  const { principal, workspaceId } = allowed.grant;
  return notificationResponse(
    await getNotificationServices().markRead(workspaceId, principal.memberId, body.value)
  );
};
