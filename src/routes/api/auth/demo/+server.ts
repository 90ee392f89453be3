import { getAccountServices } from '$lib/server/account-services';
import { respond } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) =>
  respond(event, await getAccountServices().demo());
