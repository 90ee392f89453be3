import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond, smallJson } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

/** Sets a new password with the token from the emailed link; signs in. */
export const POST: RequestHandler = async (event) => {
  const body = await smallJson(event.request);
  if (!body.ok) return body.response;
  return respond(event, await getAccountServices().resetPassword(body.value, requestInfo(event)));
};
