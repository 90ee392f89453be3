/**
 * SvelteKit endpoints run as the app runs them, without a build: the request passes the real
 * `handle` hook (the form-request check, the principal from the cookie) and then the real
 * `+server.ts` handler, with the services a Baton on port 0 registers as `server/main.ts` does.
 * Only the event object around the `Request` is made here (its cookies read the request's
 * `Cookie` header and record what the endpoint sets).
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Baton } from '../../server/baton.ts';
import { handle } from '../../src/hooks.server.ts';
import { registerServices } from '../../src/lib/server/services.ts';
import { registerAccountServices } from '../../src/lib/server/account-services.ts';
import { registerMailServices } from '../../src/lib/server/mail-services.ts';
import { createAccountServices } from '../../server/accounts/services.ts';
import { registerReportServices } from '../../src/lib/server/report-services.ts';
import { createReportServices, indexCustomerNames } from '../../server/reports/services.ts';
import { registerSearchServices } from '../../src/lib/server/search-services.ts';
import { createSearchServices } from '../../server/search/search-service.ts';
import { registerArchiveServices } from '../../src/lib/server/archive-services.ts';
import { registerAutomationServices } from '../../src/lib/server/automation-services.ts';
import { createAutomationServices } from '../../server/automations/service.ts';
import { systemClock } from '../../server/config.ts';
import { registerHelpServices } from '../../src/lib/server/help-services.ts';

/** Registers the Baton's services for the endpoints, as the Node entry does. */
export function registerBaton(baton: Baton): void {
  registerServices(baton.services);
  registerAccountServices(
    createAccountServices(baton.accounts, baton.audit, {
      enabled: false,
      password: '',
      accounts: []
    })
  );
  registerMailServices(baton.mail.services());
  registerReportServices(
    createReportServices({
      store: baton.reports.store,
      clock: { now: () => Date.now() },
      memberNames: (workspaceId) =>
        new Map(baton.accounts.members(workspaceId).map((m) => [m.id, m.name])),
      customerNames: indexCustomerNames(baton.docs)
    })
  );
  registerSearchServices(createSearchServices(baton.search.store, systemClock));
  registerArchiveServices(baton.archive.services);
  registerAutomationServices(createAutomationServices(baton.automations.worker));
  registerHelpServices(baton.help.services());
}

export interface Call {
  method: string;
  path: string;
  params: Record<string, string>;
  cookie?: string;
  /** A body sent as it is (what a `fetch` caller gave), with its content type. */
  raw?: { body: string; contentType: string | null };
  /** A JSON body. */
  body?: unknown;
  /** A multipart upload instead (sent with `x-baton-upload: 1`, as the app sends it). */
  form?: FormData;
}

/** Any route's handler: each is typed for its own params, so it is taken as it is. */
type Handler = (event: never) => Response | Promise<Response>;

function cookieJar(header: string) {
  const values = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) values.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return {
    get: (name: string) => values.get(name),
    getAll: () => [...values].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => void values.set(name, value),
    delete: (name: string) => void values.delete(name),
    serialize: () => ''
  };
}

/** Runs `handler` for this request behind the app's `handle` hook; the response. */
export async function call(handler: Handler, request: Call): Promise<Response> {
  const url = new URL(request.path, 'http://127.0.0.1');
  const headers: Record<string, string> = { origin: url.origin };
  if (request.cookie) headers.cookie = request.cookie;
  let body: string | FormData | undefined;
  if (request.raw) {
    if (request.raw.contentType) headers['content-type'] = request.raw.contentType;
    body = request.raw.body;
  } else if (request.form) {
    headers['x-baton-upload'] = '1';
    body = request.form;
  } else if (request.method !== 'GET') {
    headers['content-type'] = 'application/json';
    if (request.body !== undefined) body = JSON.stringify(request.body);
  }
  const req = new Request(url, { method: request.method, headers, ...(body ? { body } : {}) });
  const event = {
    request: req,
    url,
    params: request.params,
    route: { id: null },
    locals: {},
    cookies: cookieJar(request.cookie ?? ''),
    getClientAddress: () => '127.0.0.1',
    fetch,
    platform: undefined,
    setHeaders: () => {},
    isDataRequest: false,
    isSubRequest: false,
    isRemoteRequest: false,
    tracing: { enabled: false, root: null, current: null }
  } as unknown as RequestEvent;
  return handle({ event, resolve: (e) => handler(e as never) });
}

/** A route: its path pattern (`[name]` segments are parameters) and its `+server.ts` module. */
export type RouteTable = [pattern: string, module: Record<string, unknown>][];

function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? '';
    if (part.startsWith('[')) params[part.slice(1, -1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return params;
}

/**
 * A `fetch` that serves these routes as the app does (hook, then endpoint), signed in with
 * `cookie`: what the browser's API client talks to, without a build.
 */
export function routeFetch(routes: RouteTable, cookie?: string): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input), 'http://127.0.0.1');
    const method = init?.method ?? 'GET';
    for (const [pattern, module] of routes) {
      const params = match(pattern, url.pathname);
      if (!params) continue;
      const handler = module[method];
      if (typeof handler !== 'function') return new Response(null, { status: 405 });
      const headers = new Headers(init?.headers);
      return call(handler as Handler, {
        method,
        path: `${url.pathname}${url.search}`,
        params,
        ...(cookie ? { cookie } : {}),
        ...(typeof init?.body === 'string'
          ? { raw: { body: init.body, contentType: headers.get('content-type') } }
          : {})
      });
    }
    return new Response(null, { status: 404 });
  };
}
