import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond, smallJson } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
  const body = await smallJson(event.request);
  if (!body.ok) return body.response;
  return respond(event, await getAccountServices().signIn(body.value, requestInfo(event)));
};
