import { json } from '@sveltejs/kit';
import { getServices } from '$lib/server/services';
import { errorResponse, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Batch sync (docs/wire-contract.md): at most 8 MiB and 100 documents per request. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
  if (!locals.identity) return errorResponse(401, 'not-signed-in', 'Sign in to sync.');
  const body = await readJson(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const result = await getServices().batchSync(locals.identity, body.value, getClientAddress());
  return json(result.body, { status: result.status });
};
