import { json } from '@sveltejs/kit';
import { getServices } from '$lib/server/services';
import { errorResponse, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

import { BATCH_LIMITS } from '$lib/contract/batch';

/** Batch sync (`$lib/contract/batch.ts`): state vectors in, missing updates out. */
export const POST: RequestHandler = async ({ request, locals }) => {
  if (!locals.principal) return errorResponse(401, 'not-signed-in', 'Sign in to sync.');
  const body = await readJson(request, BATCH_LIMITS.maxBodyBytes);
  if (!body.ok) return body.response;
  const result = await getServices().batchSync(locals.principal, body.value);
  return json(result.body, { status: result.status });
};
