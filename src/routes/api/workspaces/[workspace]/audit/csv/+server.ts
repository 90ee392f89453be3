import { getAccountServices } from '$lib/server/account-services';
import { requestInfo, respond } from '$lib/server/account-response';
import { authorizeWorkspace } from '$lib/server/authorize';
import type { RequestHandler } from './$types';

/** The filtered audit log as CSV (formula-like cells defused); the export itself is logged. */
export const GET: RequestHandler = async (event) => {
  const allowed = await authorizeWorkspace(
    event.locals.principal,
    event.params.workspace,
    'read-audit-log'
  );
  if (!allowed.ok) return allowed.response;
  const { principal, workspaceId } = allowed.grant;
  const result = await getAccountServices().auditCsv(
    principal,
    workspaceId,
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
