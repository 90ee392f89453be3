import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The signed-in member's own signature under their replies in this workspace. */
export const GET: RequestHandler = async ({ params, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  const { workspaceId, principal } = allowed.grant;
  const result = await getMailServices().getSignature(workspaceId, principal.memberId);
  return json(result.body, { status: result.status, headers: { 'cache-control': 'no-store' } });
};

/** Sets it (members who may reply): `{ signature }`, plain text; '' removes it. */
export const PUT: RequestHandler = async ({ params, request, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'reply');
  if (!allowed.ok) return allowed.response;
  const body = await readJson(request, 16 * 1024);
  if (!body.ok) return body.response;
  const { workspaceId, principal } = allowed.grant;
  const result = await getMailServices().putSignature(workspaceId, principal.memberId, body.value);
  return json(result.body, { status: result.status });
};
