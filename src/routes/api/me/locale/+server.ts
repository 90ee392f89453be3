import { getAccountServices } from '$lib/server/account-services';
import { respond, signInFirst, smallJson } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

/** The member's language: `{ "locale": "fi" }`, or `null` to follow the browser. */
export const PUT: RequestHandler = async (event) => {
  if (!event.locals.principal) return signInFirst();
  const body = await smallJson(event.request);
  if (!body.ok) return body.response;
  return respond(event, await getAccountServices().setLocale(event.locals.principal, body.value));
};
