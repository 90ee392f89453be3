import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { readJson } from '$lib/server/http';
import { MAIL_OAUTH_CALLBACK_PATH } from '$lib/contract/endpoints';
import type { RequestHandler } from './$types';

/**
 * Starts signing a mailbox in with its provider (owners and admins): answers the provider's
 * URL, which the browser goes to. The sign-in is bound to this workspace, mailbox and member.
 */
export const POST: RequestHandler = async ({ params, request, locals, url }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-mailbox');
  if (!allowed.ok) return allowed.response;
  const body = await readJson(request, 4 * 1024);
  if (!body.ok) return body.response;
  const result = await getMailServices().startOAuth(
    allowed.grant.workspaceId,
    params.mailbox,
    allowed.grant.principal.memberId,
    body.value,
    new URL(MAIL_OAUTH_CALLBACK_PATH, url.origin).toString()
  );
  return json(result.body, { status: result.status, headers: { 'cache-control': 'no-store' } });
};
