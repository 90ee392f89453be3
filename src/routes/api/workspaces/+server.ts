import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond, signInFirst, smallJson } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

/** Creates a workspace; the creator becomes its owner and works in it. */
export const POST: RequestHandler = async (event) => {
  if (!event.locals.principal) return signInFirst();
  const body = await smallJson(event.request);
  if (!body.ok) return body.response;
  return respond(
    event,
    await getAccountServices().createWorkspace(
      event.locals.principal,
      body.value,
      requestInfo(event)
    )
  );
};
