/**
 * The public help centre: `/help/<slug>/…`, no sign-in, no script. Thin: the help services
 * (`server/help`) decide what exists and render the page; this route reads the request.
 *
 *   GET   ''                      home: search, categories, latest articles
 *   GET   search?q=               search results
 *   GET   categories/<name>       a category's articles
 *   GET   articles/<id>           an article, with "Was this helpful?"
 *   POST  articles/<id>/feedback  the feedback form (url-encoded), then 303 back
 *   GET   sitemap.xml, robots.txt
 *
 * Rendered on the server as plain strings (the app's pages render in the browser only), each
 * with its own Content-Security-Policy: no script at all, the one stylesheet by its hash.
 */
import type { RequestHandler } from './$types';
import { getHelpServices, type HelpRequest, type HelpResponse } from '$lib/server/help-services';
import { clientAddress } from '$lib/server/session-cookie';

/** A comment of 1,000 characters, url-encoded, fits well within this. */
const MAX_FORM_BYTES = 16 * 1024;

function helpRequest(event: Parameters<RequestHandler>[0]): HelpRequest {
  return {
    slug: event.params.slug,
    path: event.params.path.replace(/\/+$/, ''),
    query: event.url.searchParams,
    ip: clientAddress(event) ?? 'unknown',
    acceptLanguage: event.request.headers.get('accept-language'),
    origin: event.url.origin
  };
}

function respond(answer: HelpResponse): Response {
  return new Response(answer.body || null, { status: answer.status, headers: answer.headers });
}

export const GET: RequestHandler = async (event) =>
  respond(await getHelpServices().get(helpRequest(event)));

export const POST: RequestHandler = async (event) => {
  const { request } = event;
  const declared = Number(request.headers.get('content-length') ?? '0');
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  let form: Record<string, string> | null = null;
  if (declared <= MAX_FORM_BYTES && type === 'application/x-www-form-urlencoded') {
    try {
      const text = await request.text();
      if (text.length <= MAX_FORM_BYTES) {
        form = {};
        for (const [key, value] of new URLSearchParams(text)) {
          if (key in form) continue;
          form[key] = value;
        }
      }
    } catch {
      // An unreadable body is a form without an answer: the page asks for one.
    }
  }
  return respond(await getHelpServices().post(helpRequest(event), form));
};
