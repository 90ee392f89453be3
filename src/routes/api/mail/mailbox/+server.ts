import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { errorResponse, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The workspace's mailbox connection, without secrets. */
export const GET: RequestHandler = async ({ locals }) => {
  if (!locals.identity) return errorResponse(401, 'not-signed-in', 'Sign in first.');
  const result = await getMailServices().getMailbox(locals.identity);
  return json(result.body, { status: result.status, headers: { 'cache-control': 'no-store' } });
};

/** Saves the settings; secrets are sent only when they change and never come back. */
export const PUT: RequestHandler = async ({ request, locals }) => {
  if (!locals.identity) return errorResponse(401, 'not-signed-in', 'Sign in first.');
  const body = await readJson(request, 64 * 1024);
  if (!body.ok) return body.response;
  const result = await getMailServices().putMailbox(locals.identity, body.value);
  return json(result.body, { status: result.status });
};
