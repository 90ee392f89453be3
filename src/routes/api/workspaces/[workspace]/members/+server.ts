import { getAccountServices } from '$lib/server/account-services';
import { respond, signInFirst } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
  if (!event.locals.identity) return signInFirst();
  return respond(
    event,
    await getAccountServices().members(event.locals.identity, event.params.workspace)
  );
};
