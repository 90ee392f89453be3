/** The site's robots.txt: the public help centres may be crawled, the app may not. */
import type { RequestHandler } from './$types';
import { getHelpServices } from '$lib/server/help-services';

export const GET: RequestHandler = async () => {
  const answer = await getHelpServices().robots();
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
};
