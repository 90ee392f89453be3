import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond, signInFirst, smallJson } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

/** Changes a member's role: `{ "role": "viewer" }`. */
export const PATCH: RequestHandler = async (event) => {
  if (!event.locals.identity) return signInFirst();
  const body = await smallJson(event.request);
  if (!body.ok) return body.response;
  return respond(
    event,
    await getAccountServices().setRole(
      event.locals.identity,
      event.params.workspace,
      event.params.user,
      body.value,
      requestInfo(event)
    )
  );
};

/** Removes a member (or, for oneself, leaves the workspace). */
export const DELETE: RequestHandler = async (event) => {
  if (!event.locals.identity) return signInFirst();
  return respond(
    event,
    await getAccountServices().removeMember(
      event.locals.identity,
      event.params.workspace,
      event.params.user,
      requestInfo(event)
    )
  );
};
