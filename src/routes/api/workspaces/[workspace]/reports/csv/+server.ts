import { authorizeWorkspace } from '$lib/server/authorize';
import { getReportServices, reportResponse } from '$lib/server/report-services';
import type { RequestHandler } from './$types';

/** See `$lib/contract/reports.ts`: members only; the services decide team or personal. */
export const GET: RequestHandler = async (event) => {
  const allowed = await authorizeWorkspace(
    event.locals.principal,
    event.params.workspace,
    'member'
  );
  if (!allowed.ok) return allowed.response;
  const { principal, workspaceId, role } = allowed.grant;
  return reportResponse(
    await getReportServices().csv(
      { memberId: principal.memberId, workspaceId, role },
      event.url.searchParams
    )
  );
};
