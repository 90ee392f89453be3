import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Tries IMAP and SMTP with the settings in the body (or this mailbox's saved ones). */
export const POST: RequestHandler = async ({ params, request, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-mailbox');
  if (!allowed.ok) return allowed.response;
  const body = await readJson(request, 64 * 1024);
  if (!body.ok) return body.response;
  const result = await getMailServices().testMailbox(
    allowed.grant.workspaceId,
    body.value,
    params.mailbox
  );
  return json(result.body, { status: result.status });
};
