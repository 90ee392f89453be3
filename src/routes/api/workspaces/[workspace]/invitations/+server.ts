import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond, signInFirst, smallJson } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

/** Invites by link (`{ "role" }`) or by email (`{ "email", "role" }`). */
export const POST: RequestHandler = async (event) => {
  if (!event.locals.identity) return signInFirst();
  const body = await smallJson(event.request);
  if (!body.ok) return body.response;
  return respond(
    event,
    await getAccountServices().invite(
      event.locals.identity,
      event.params.workspace,
      body.value,
      requestInfo(event)
    )
  );
};
