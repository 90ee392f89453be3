import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond, signInFirst } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = async (event) => {
  if (!event.locals.identity) return signInFirst();
  return respond(
    event,
    await getAccountServices().revokeApiToken(
      event.locals.identity,
      event.params.token,
      requestInfo(event)
    )
  );
};
