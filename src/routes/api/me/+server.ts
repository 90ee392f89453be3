import { getAccountServices } from '$lib/server/account-services';
import { respond } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

/** Who is signed in, the workspace they work in now, their role there, all their workspaces. */
export const GET: RequestHandler = async (event) =>
  respond(event, await getAccountServices().me(event.locals.principal));
