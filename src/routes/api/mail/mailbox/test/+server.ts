import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { errorResponse, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Tries IMAP and SMTP with the settings in the body (or the saved ones) and explains failures. */
export const POST: RequestHandler = async ({ request, locals }) => {
  if (!locals.identity) return errorResponse(401, 'not-signed-in', 'Sign in first.');
  const body = await readJson(request, 64 * 1024);
  if (!body.ok) return body.response;
  const result = await getMailServices().testMailbox(locals.identity, body.value);
  return json(result.body, { status: result.status });
};
