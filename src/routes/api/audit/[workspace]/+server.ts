import { getAccountServices } from '$lib/server/account-services';
import { respond, signInFirst } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

/** Audit events, newest first; filters: action, actor, target, from, to, before, limit. */
export const GET: RequestHandler = async (event) => {
  if (!event.locals.identity) return signInFirst();
  return respond(
    event,
    await getAccountServices().audit(
      event.locals.identity,
      event.params.workspace,
      event.url.searchParams
    )
  );
};
