import { getAccountServices } from '$lib/server/account-services';
import { respond, signInFirst } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

/** Makes this the workspace the user works in (one of theirs). */
export const POST: RequestHandler = async (event) => {
  if (!event.locals.identity) return signInFirst();
  return respond(
    event,
    await getAccountServices().selectWorkspace(event.locals.identity, event.params.workspace)
  );
};
