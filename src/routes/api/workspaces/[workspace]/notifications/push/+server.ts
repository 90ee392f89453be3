import { authorizeWorkspace } from '$lib/server/authorize';
import { readJson } from '$lib/server/http';
import { getNotificationServices, notificationResponse } from '$lib/server/notification-services';
import type { RequestHandler } from './$types';

/** Subscribes this browser to Web Push for the member: a `PushSubscription.toJSON()`. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  const body = await readJson(request, 8 * 1024);
  if (!body.ok) return body.response;
  const { principal, workspaceId } = allowed.grant;
  return notificationResponse(
    await getNotificationServices().subscribe(workspaceId, principal.memberId, body.value)
  );
};

/** Unsubscribes one of the member's own browsers: `{ "endpoint" }`. */
export const DELETE: RequestHandler = async ({ locals, params, request }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  const body = await readJson(request, 8 * 1024);
  if (!body.ok) return body.response;
  const { principal, workspaceId } = allowed.grant;
  return notificationResponse(
    await getNotificationServices().unsubscribe(workspaceId, principal.memberId, body.value)
  );
};
