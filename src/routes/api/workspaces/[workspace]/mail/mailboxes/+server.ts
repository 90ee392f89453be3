import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The workspace's mailboxes, without secrets, the primary first (owners and admins). */
export const GET: RequestHandler = async ({ params, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-mailbox');
  if (!allowed.ok) return allowed.response;
  const result = await getMailServices().listMailboxes(allowed.grant.workspaceId);
  return json(result.body, { status: result.status, headers: { 'cache-control': 'no-store' } });
};

/** Adds a mailbox (support@, billing@…) with its settings and secrets. */
export const POST: RequestHandler = async ({ params, request, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-mailbox');
  if (!allowed.ok) return allowed.response;
  const body = await readJson(request, 64 * 1024);
  if (!body.ok) return body.response;
  const result = await getMailServices().createMailbox(allowed.grant.workspaceId, body.value);
  return json(result.body, { status: result.status });
};
