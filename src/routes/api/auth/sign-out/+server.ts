import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond } from '$lib/server/account-response';
import { SESSION_COOKIE } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
  const token = event.cookies.get(SESSION_COOKIE) ?? null;
  return respond(event, await getAccountServices().signOut(token, requestInfo(event)));
};
