import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { errorResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * Where Microsoft or Google sends the browser back after an admin signed a mailbox in (the one
 * redirect URI the operator registers). The `state` names the workspace: the member must be
 * an admin there and the one who started the sign-in, and the state works once. The browser
 * goes on to the mailbox page with the outcome (`?oauth=connected` or the refusal's name).
 */
export const GET: RequestHandler = async ({ url, locals }) => {
  const services = getMailServices();
  const state = url.searchParams.get('state');
  const workspaceId = await services.oauthStateWorkspace(state);
  if (!workspaceId) {
    return errorResponse(
      400,
      'invalid-request',
      'This sign-in is not valid: start it again from the mailbox settings.'
    );
  }
  const allowed = await authorizeWorkspace(locals.principal, workspaceId, 'manage-mailbox');
  if (!allowed.ok) return allowed.response;
  const text = (name: string) => {
    const value = url.searchParams.get(name);
    return value === null ? null : value.slice(0, 4096);
  };
  const done = await services.completeOAuth(
    allowed.grant.workspaceId,
    allowed.grant.principal.memberId,
    { state, code: text('code'), error: text('error') }
  );
  const page = new URLSearchParams({ oauth: done.ok ? 'connected' : (done.reason ?? 'failed') });
  if (done.mailboxId) page.set('mailbox', done.mailboxId);
  return new Response(null, {
    status: 303,
    headers: {
      location: `/w/${encodeURIComponent(workspaceId)}/mailbox?${page.toString()}`,
      'cache-control': 'no-store'
    }
  });
};
