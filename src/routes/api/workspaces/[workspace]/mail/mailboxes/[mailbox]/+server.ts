import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** One mailbox, without secrets (owners and admins); an unknown id is 404. */
export const GET: RequestHandler = async ({ params, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-mailbox');
  if (!allowed.ok) return allowed.response;
  const result = await getMailServices().getMailbox(allowed.grant.workspaceId, params.mailbox);
  return json(result.body, { status: result.status, headers: { 'cache-control': 'no-store' } });
};

/** Saves one mailbox; secrets are sent only when they change and never come back. */
export const PUT: RequestHandler = async ({ params, request, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-mailbox');
  if (!allowed.ok) return allowed.response;
  const body = await readJson(request, 64 * 1024);
  if (!body.ok) return body.response;
  const result = await getMailServices().putMailbox(
    allowed.grant.workspaceId,
    body.value,
    params.mailbox
  );
  return json(result.body, { status: result.status });
};

/** Removes one mailbox; its tickets are answered from the primary mailbox. */
export const DELETE: RequestHandler = async ({ params, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-mailbox');
  if (!allowed.ok) return allowed.response;
  const result = await getMailServices().removeMailbox(allowed.grant.workspaceId, params.mailbox);
  return json(result.body, { status: result.status });
};
