import { reportEndpoint } from '$lib/server/report-services';
import type { RequestHandler } from './$types';

/** See `$lib/contract/reports.ts`: members only; the services decide team or personal. */
export const GET: RequestHandler = reportEndpoint('report');
