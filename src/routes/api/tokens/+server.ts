import { getAccountServices } from '$lib/server/account-services';
import { errorResponse } from '$lib/server/http';
import { requestInfo, respond, signInFirst, smallJson } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

/** The caller's API tokens in a workspace (`?workspace=<id>`), without their secrets. */
export const GET: RequestHandler = async (event) => {
  if (!event.locals.identity) return signInFirst();
  const workspace = event.url.searchParams.get('workspace');
  if (!workspace) return errorResponse(400, 'invalid-request', 'Name the workspace.');
  return respond(event, await getAccountServices().apiTokens(event.locals.identity, workspace));
};

/** Creates a token: `{ "workspace", "name", "scope": "read" | "write" }`; shown once. */
export const POST: RequestHandler = async (event) => {
  if (!event.locals.identity) return signInFirst();
  const body = await smallJson(event.request);
  if (!body.ok) return body.response;
  const value = body.value as { workspace?: unknown } | null;
  const workspace = typeof value?.workspace === 'string' ? value.workspace : '';
  return respond(
    event,
    await getAccountServices().createApiToken(
      event.locals.identity,
      workspace,
      body.value,
      requestInfo(event)
    )
  );
};
