import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond, signInFirst } from '$lib/server/account-response';
import type { RequestHandler } from './$types';

/** The filtered audit log as CSV (formula-like cells defused); the export itself is logged. */
export const GET: RequestHandler = async (event) => {
  if (!event.locals.identity) return signInFirst();
  const result = await getAccountServices().auditCsv(
    event.locals.identity,
    event.params.workspace,
    event.url.searchParams,
    requestInfo(event)
  );
  if (result.csv === undefined) return respond(event, result);
  return new Response(result.csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${result.filename ?? 'audit.csv'}"`,
      'cache-control': 'no-store'
    }
  });
};
