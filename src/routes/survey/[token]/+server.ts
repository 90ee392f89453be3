/**
 * The public survey page: `/survey/<token>`, no sign-in (the signed link is the credential,
 * checked by the survey services on every request), no script (a plain form).
 *
 *   GET                  the question, the current answer and comment
 *   GET  ?score=<answer> a one-click answer from the email: stored, then 303 to `?saved=1`
 *   POST score, comment  the form: stored, then 303 to `?saved=1`; a refusal re-renders it
 *
 * Rendered here with `svelte/server` (the app's pages render in the browser only), with its own
 * Content-Security-Policy (no script at all) and `Referrer-Policy: same-origin`: the link is a
 * credential and must not leak to another site (`no-referrer` would make the browser send
 * `Origin: null` with the form, which SvelteKit's cross-site check rightly refuses).
 */
import { render } from 'svelte/server';
import type { RequestHandler } from './$types';
import SurveyPage from '$lib/components/surveys/SurveyPage.svelte';
import { getSurveyServices, type SurveyPageView } from '$lib/server/survey-services';
import { clientAddress } from '$lib/server/session-cookie';
import { negotiateLocale } from '$lib/i18n/locales';
import { csatPageTitle, npsPageTitle, surveyUnavailableTitle } from '$lib/i18n/messages/surveys';

/** A comment of 2,000 characters, url-encoded, fits well within this. */
const MAX_FORM_BYTES = 32 * 1024;

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin',
  'x-robots-tag': 'noindex',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
};

function page(view: SurveyPageView, action: string): Response {
  const o = { locale: view.locale };
  const title =
    view.view === 'refused'
      ? surveyUnavailableTitle(o)
      : view.kind === 'csat'
        ? csatPageTitle(o)
        : npsPageTitle(o);
  const { head, body } = render(SurveyPage, { props: { view, action } });
  const html = `<!doctype html>
<html lang="${view.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</title>
${head}
</head>
<body>${body}</body>
</html>`;
  return new Response(html, { status: view.status, headers: HEADERS });
}

function savedRedirect(url: URL): Response {
  return new Response(null, {
    status: 303,
    headers: {
      location: `${url.pathname}?saved=1`,
      'cache-control': 'no-store',
      'referrer-policy': 'same-origin'
    }
  });
}

export const GET: RequestHandler = async (event) => {
  const { params, url, request } = event;
  const locale = negotiateLocale(request.headers.get('accept-language'));
  const ip = clientAddress(event) ?? 'unknown';
  const score = url.searchParams.get('score');
  const view = await getSurveyServices().open(params.token, ip, score, locale);
  if (score !== null && view.view === 'form' && view.saved) return savedRedirect(url);
  if (view.view === 'form' && url.searchParams.get('saved') === '1' && view.answer) {
    return page({ ...view, saved: true }, url.pathname);
  }
  return page(view, url.pathname);
};

export const POST: RequestHandler = async (event) => {
  const { params, url, request } = event;
  const locale = negotiateLocale(request.headers.get('accept-language'));
  const ip = clientAddress(event) ?? 'unknown';
  const declared = Number(request.headers.get('content-length') ?? '0');
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  let form: { score: unknown; comment: unknown } = { score: null, comment: null };
  if (
    declared <= MAX_FORM_BYTES &&
    (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data')
  ) {
    try {
      const text = await request.text();
      if (text.length <= MAX_FORM_BYTES && type === 'application/x-www-form-urlencoded') {
        const data = new URLSearchParams(text);
        form = { score: data.get('score'), comment: data.get('comment') };
      }
    } catch {
      // An unreadable body is an answer without a score: the page asks for one.
    }
  }
  const view = await getSurveyServices().answer(params.token, ip, form, locale);
  if (view.view === 'form' && view.saved) return savedRedirect(url);
  return page(view, url.pathname);
};
