import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond, signInFirst } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = async (event) => {
  if (!event.locals.principal) return signInFirst();
  return respond(
    event,
    await getAccountServices().revokeApiToken(
      event.locals.principal,
      event.params.token,
      requestInfo(event)
    )
  );
};
