/**
 * The seam between SvelteKit's endpoints and Baton's reporting store (`server/reports`),
 * registered like `services.ts` (the two are bundled apart and cannot share module instances).
 * The endpoint authorizes membership first (`authorizeWorkspace`); the services decide what the
 * member's role may see (the team's reports for owners and admins, one's own for the others)
 * and validate the query, each refusal naming the field.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Role } from '../domain/roles';
import { authorizeWorkspace } from './authorize';
import { serviceSlot } from './service-slot';

export interface ReportCaller {
  memberId: string;
  workspaceId: string;
  role: Role;
}

export type ReportResult =
  | { status: number; body: unknown }
  | { status: 200; csv: string; filename: string }
  | { status: 200; xlsx: Uint8Array; filename: string };

export interface ReportServices {
  report(caller: ReportCaller, query: URLSearchParams): Promise<ReportResult>;
  tickets(caller: ReportCaller, query: URLSearchParams): Promise<ReportResult>;
  csv(caller: ReportCaller, query: URLSearchParams): Promise<ReportResult>;
}

const slot = serviceSlot<ReportServices>('report-services', 'report services');
export const registerReportServices = slot.register;
export const getReportServices = slot.get;

/** A service's answer as the endpoint's response (never cached by the browser's HTTP cache). */
export function reportResponse(result: ReportResult): Response {
  if ('xlsx' in result) {
    return new Response(new Uint8Array(result.xlsx), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${result.filename}"`,
        'cache-control': 'no-store'
      }
    });
  }
  if ('csv' in result) {
    return new Response(result.csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${result.filename}"`,
        'cache-control': 'no-store'
      }
    });
  }
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { 'cache-control': 'no-store', 'content-type': 'application/json' }
  });
}

/**
 * The GET handler of a report endpoint (`$lib/contract/reports.ts`): any member of the URL's
 * workspace; the services decide team or personal and read the query.
 */
export function reportEndpoint(
  answer: keyof ReportServices
): (event: RequestEvent<{ workspace: string }>) => Promise<Response> {
  return async (event) => {
    const allowed = await authorizeWorkspace(
      event.locals.principal,
      event.params.workspace,
      'member'
    );
    if (!allowed.ok) return allowed.response;
    const { principal, workspaceId, role } = allowed.grant;
    const caller = { memberId: principal.memberId, workspaceId, role };
    return reportResponse(await getReportServices()[answer](caller, event.url.searchParams));
  };
}
