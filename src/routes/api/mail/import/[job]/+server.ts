import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { errorResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
  if (!locals.identity) return errorResponse(401, 'not-signed-in', 'Sign in first.');
  if (!/^[a-f0-9]{24}$/.test(params.job)) return errorResponse(404, 'not-found', 'No such import.');
  const result = await getMailServices().importStatus(locals.identity, params.job);
  return json(result.body, { status: result.status, headers: { 'cache-control': 'no-store' } });
};
