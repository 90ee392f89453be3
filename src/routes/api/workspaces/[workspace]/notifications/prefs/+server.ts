import { authorizeWorkspace } from '$lib/server/authorize';
import { readJson } from '$lib/server/http';
import { getNotificationServices, notificationResponse } from '$lib/server/notification-services';
import type { RequestHandler } from './$types';

/** The member's own notification preferences, and the server's VAPID public key. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  const { principal, workspaceId } = allowed.grant;
  return notificationResponse(
    await getNotificationServices().prefs(workspaceId, principal.memberId)
  );
};

/** Replaces them: `{ "prefs": { "<kind>": { "push": bool, "email": bool }, … } }` (every kind). */
export const PUT: RequestHandler = async ({ locals, params, request }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  const body = await readJson(request, 16 * 1024);
  if (!body.ok) return body.response;
  const { principal, workspaceId } = allowed.grant;
  return notificationResponse(
    await getNotificationServices().setPrefs(workspaceId, principal.memberId, body.value)
  );
};
