import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond, signInFirst } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
  if (!event.locals.principal) return signInFirst();
  return respond(
    event,
    await getAccountServices().signOutEverywhere(event.locals.principal, requestInfo(event))
  );
};
