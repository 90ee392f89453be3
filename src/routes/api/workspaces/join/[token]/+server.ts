import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond, signInFirst, smallJson } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

/** What an invitation is for, before accepting it. */
export const GET: RequestHandler = async (event) =>
  respond(event, await getAccountServices().peekInvitation(event.params.token));

/** Accepts an invitation as the signed-in user. */
export const POST: RequestHandler = async (event) => {
  if (!event.locals.principal) return signInFirst();
  const body = await smallJson(event.request);
  if (!body.ok) return body.response;
  return respond(
    event,
    await getAccountServices().acceptInvitation(
      event.locals.principal,
      event.params.token,
      body.value,
      requestInfo(event)
    )
  );
};
