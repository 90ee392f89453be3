/**
 * The help centre's pages as HTML strings: pure functions of plain data, no script at all.
 * Every text that comes from a workspace (names, titles, categories, comments, the query) is
 * escaped here; article bodies come already rendered by the allow-list renderer (`render.ts`).
 *
 * One small stylesheet, inline, allowed by its hash in the page's Content-Security-Policy (no
 * `unsafe-inline`), with the workspace's colours as custom properties (contrast-safe shades,
 * `helpCentreTheme`). The chrome (header, search, feedback form) speaks the visitor's language
 * (`?lang=`, else `Accept-Language`); an article's own text is in its language, marked with
 * `lang` so that screen readers and search engines know.
 */
import { createHash } from 'node:crypto';
import { helpCentreTheme } from '../../src/lib/domain/help-centre.ts';
import type { ArticleLanguage } from '../../src/lib/domain/article.ts';
import { LOCALES, type Locale } from '../../src/lib/i18n/locales.ts';
import {
  helpArticleCount,
  helpBreadcrumbs,
  helpCategoriesTitle,
  helpChooseAnswer,
  helpCommentLabel,
  helpCommentTooLong,
  helpFeedbackLimited,
  helpHome,
  helpHoneypotLabel,
  helpLatestTitle,
  helpNo,
  helpNoArticles,
  helpNoResults,
  helpNotFoundText,
  helpNotFoundTitle,
  helpOtherArticles,
  helpOtherLanguages,
  helpPageLanguage,
  helpPressAgain,
  helpResultsTitle,
  helpSearchButton,
  helpSearchLabel,
  helpSearchTooLong,
  helpSkipToContent,
  helpThanks,
  helpTooManyText,
  helpTooManyTitle,
  helpUpdated,
  helpWasItHelpful,
  helpYes
} from '../../src/lib/i18n/messages/help.ts';
import { escapeHtml as e } from './render.ts';
import { HONEYPOT_FIELD, MAX_FEEDBACK_COMMENT } from './feedback.ts';
import { MAX_HELP_QUERY } from './search.ts';

/** Each language's own name (a map: the same words in every locale). */
const LANGUAGE_NAMES: ReadonlyMap<ArticleLanguage, string> = new Map([
  ['en', 'English'],
  ['fi', 'Suomi'],
  ['da', 'Dansk'],
  ['sv', 'Svenska']
]);

export interface Site {
  slug: string;
  name: string;
  colour: string;
  /** `https://host` of the request, for canonical and sitemap addresses. */
  origin: string;
}

/** The visitor's language for the chrome, and whether they chose it (`?lang=`). */
export interface Chrome {
  locale: Locale;
  chosen: boolean;
}

export interface ArticleListItem {
  id: string;
  title: string;
  excerpt: string;
  language: ArticleLanguage;
}

export interface ArticleView extends ArticleListItem {
  category: string;
  html: string;
  updatedAt: number;
}

export type FeedbackState =
  | { kind: 'form'; token: string; comment: string; notice: FeedbackNotice | null }
  | { kind: 'thanks' };

export type FeedbackNotice = 'press-again' | 'limited' | 'choose-answer' | 'comment-too-long';

export interface Page {
  status: number;
  html: string;
  /** The hash of the page's stylesheet, for its Content-Security-Policy. */
  styleHash: string;
}

export const basePath = (slug: string) => `/help/${slug}`;
export const articlePath = (slug: string, id: string) => `${basePath(slug)}/articles/${id}`;
export const categoryPath = (slug: string, name: string) =>
  `${basePath(slug)}/categories/${encodeURIComponent(name)}`;
export const searchPath = (slug: string) => `${basePath(slug)}/search`;

/** A link inside the help centre, keeping the visitor's chosen language. */
function href(path: string, chrome: Chrome, extra = ''): string {
  const query = [chrome.chosen ? `lang=${chrome.locale}` : '', extra].filter(Boolean).join('&');
  return e(query ? `${path}?${query}` : path);
}

const styles = new Map<string, { css: string; hash: string }>();

/** The stylesheet for a colour, and its CSP hash (computed once per colour). */
export function stylesheet(colour: string): { css: string; hash: string } {
  const known = styles.get(colour);
  if (known) return known;
  const theme = helpCentreTheme(colour);
  const css =
    `:root{--h:${theme.header};--oh:${theme.onHeader};--c:${theme.accent}}` +
    '*{box-sizing:border-box}' +
    'body{margin:0;font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff}' +
    'a{color:var(--c)}' +
    '.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#1f2328;padding:.5rem}' +
    'header{background:var(--h);color:var(--oh)}' +
    'header .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding-top:.75rem;padding-bottom:.75rem}' +
    'header a{color:var(--oh)}' +
    '.brand{font-size:1.25rem;font-weight:700;text-decoration:none;padding:.5rem 0}' +
    '.langs a{display:inline-block;padding:.5rem;min-width:44px;text-align:center}' +
    '.langs a[aria-current]{font-weight:700}' +
    '.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}' +
    'main{padding:1rem 0 3rem}' +
    'h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}' +
    'form.search{display:flex;gap:.5rem;margin:1rem 0 1.5rem}' +
    'input,textarea,button{font:inherit}' +
    'input[type=search]{flex:1;min-width:0;padding:.6rem;border:1px solid #6b7280;border-radius:.4rem}' +
    'button{min-height:44px;padding:.5rem 1.2rem;border:0;border-radius:.4rem;background:var(--c);color:#fff;cursor:pointer}' +
    'button.alt{background:#fff;color:var(--c);border:2px solid var(--c)}' +
    '.list{list-style:none;padding:0;margin:0 0 1.5rem}' +
    '.list a{display:block;padding:.75rem 0;border-bottom:1px solid #e5e7eb;font-weight:600}' +
    '.list p{margin:0 0 .25rem;color:#4b5563;font-weight:400}' +
    '.muted{color:#4b5563}' +
    '.crumbs a{display:inline-block;padding:.5rem 0}' +
    'article img{max-width:100%;height:auto}' +
    'pre{overflow:auto;background:#f3f4f6;padding:.75rem;border-radius:.4rem}' +
    'code{font-family:ui-monospace,monospace;font-size:.9em}' +
    '.table{overflow-x:auto}table{border-collapse:collapse}th,td{border:1px solid #d1d5db;padding:.4rem .6rem;text-align:left}' +
    'blockquote{margin:1rem 0;padding-left:1rem;border-left:4px solid #d1d5db}' +
    '.callout{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid var(--c);background:#f3f4f6}' +
    '.callout.warning{border-color:#b45309;background:#fffbeb}' +
    '.feedback{margin-top:2rem;padding:1rem;border:1px solid #e5e7eb;border-radius:.5rem}' +
    '.feedback h2{font-size:1.1rem;margin:0 0 .5rem}' +
    '.feedback label{display:block;margin:.5rem 0 .25rem}' +
    '.feedback textarea{width:100%;min-height:5rem;padding:.5rem;border:1px solid #6b7280;border-radius:.4rem}' +
    '.answers{display:flex;gap:.75rem;margin-top:.75rem}' +
    '.notice{padding:.5rem .75rem;background:#fef3c7;color:#1f2328;border-radius:.4rem}' +
    '.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}' +
    '.others a{display:inline-block;padding:.5rem .75rem .5rem 0}';
  const hash = createHash('sha256').update(css).digest('base64');
  const made = { css, hash };
  styles.set(colour, made);
  return made;
}

interface Layout {
  site: Site;
  chrome: Chrome;
  status: number;
  title: string;
  description: string;
  /** The path of this page (for the language switch and the canonical address). */
  path: string;
  /** The `lang` of the whole document (an article page: the article's language). */
  htmlLang: string;
  canonical: boolean;
  alternates?: { language: string; path: string }[];
  noindex?: boolean;
  main: string;
}

function layout(p: Layout): Page {
  const o = { locale: p.chrome.locale };
  const { css, hash } = stylesheet(p.site.colour);
  const chromeLang = p.chrome.locale === p.htmlLang ? '' : ` lang="${p.chrome.locale}"`;
  const langs = LOCALES.map(
    (locale) =>
      `<a href="${e(`${p.path}?lang=${locale}`)}" hreflang="${locale}" lang="${locale}"${
        locale === p.chrome.locale ? ' aria-current="true"' : ''
      }>${e(LANGUAGE_NAMES.get(locale) ?? locale)}</a>`
  ).join('');
  const links = [
    p.canonical ? `<link rel="canonical" href="${e(p.site.origin + p.path)}">` : '',
    ...(p.alternates ?? []).map(
      (a) =>
        `<link rel="alternate" hreflang="${e(a.language)}" href="${e(p.site.origin + a.path)}">`
    )
  ].join('');
  const html = `<!doctype html>
<html lang="${e(p.htmlLang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(p.title)}</title>
<meta name="description" content="${e(p.description)}">
${p.noindex ? '<meta name="robots" content="noindex">' : ''}${links}
<meta name="theme-color" content="${e(helpCentreTheme(p.site.colour).header)}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${css}</style>
</head>
<body>
<a class="skip" href="#main"${chromeLang}>${e(helpSkipToContent(o))}</a>
<header${chromeLang}><div class="wrap"><a class="brand" href="${href(basePath(p.site.slug), p.chrome)}">${e(p.site.name)}</a><nav class="langs" aria-label="${e(helpPageLanguage(o))}">${langs}</nav></div></header>
<main id="main" class="wrap">${p.main}</main>
</body>
</html>`;
  return { status: p.status, html, styleHash: hash };
}

function searchForm(site: Site, chrome: Chrome, query = ''): string {
  const o = { locale: chrome.locale };
  return `<form class="search" role="search" method="get" action="${e(searchPath(site.slug))}">${
    chrome.chosen ? `<input type="hidden" name="lang" value="${chrome.locale}">` : ''
  }<input type="search" name="q" value="${e(query)}" maxlength="${MAX_HELP_QUERY}" aria-label="${e(
    helpSearchLabel(o)
  )}" required><button type="submit">${e(helpSearchButton(o))}</button></form>`;
}

function articleList(site: Site, chrome: Chrome, articles: readonly ArticleListItem[]): string {
  const items = articles
    .map(
      (a) =>
        `<li lang="${a.language}"><a href="${href(articlePath(site.slug, a.id), chrome)}">${e(
          a.title
        )}</a>${a.excerpt ? `<p>${e(a.excerpt)}</p>` : ''}</li>`
    )
    .join('');
  return `<ul class="list">${items}</ul>`;
}

export function homePage(
  site: Site,
  chrome: Chrome,
  categories: readonly [string, number][],
  latest: readonly ArticleListItem[]
): Page {
  const o = { locale: chrome.locale };
  const cats = categories
    .map(
      ([name, count]) =>
        `<li><a href="${href(categoryPath(site.slug, name), chrome)}">${e(name)}</a><p>${e(
          helpArticleCount({ count }, o)
        )}</p></li>`
    )
    .join('');
  const main =
    `<h1>${e(site.name)}</h1>${searchForm(site, chrome)}` +
    (latest.length === 0
      ? `<p class="muted">${e(helpNoArticles(o))}</p>`
      : (cats ? `<h2>${e(helpCategoriesTitle(o))}</h2><ul class="list">${cats}</ul>` : '') +
        `<h2>${e(helpLatestTitle(o))}</h2>${articleList(site, chrome, latest)}`);
  return layout({
    site,
    chrome,
    status: 200,
    title: site.name,
    description: `${site.name}: ${helpSearchLabel(o)}`,
    path: basePath(site.slug),
    htmlLang: chrome.locale,
    canonical: true,
    main
  });
}

function crumbs(site: Site, chrome: Chrome, extra = ''): string {
  const o = { locale: chrome.locale };
  return `<nav class="crumbs" aria-label="${e(helpBreadcrumbs(o))}"><a href="${href(
    basePath(site.slug),
    chrome
  )}">${e(helpHome(o))}</a>${extra}</nav>`;
}

export function categoryPage(
  site: Site,
  chrome: Chrome,
  name: string,
  articles: readonly ArticleListItem[]
): Page {
  const o = { locale: chrome.locale };
  const title = name || helpOtherArticles(o);
  return layout({
    site,
    chrome,
    status: 200,
    title: `${title} · ${site.name}`,
    description: `${title}: ${helpArticleCount({ count: articles.length }, o)}`,
    path: categoryPath(site.slug, name),
    htmlLang: chrome.locale,
    canonical: true,
    main: `${crumbs(site, chrome)}<h1>${e(title)}</h1>${articleList(site, chrome, articles)}`
  });
}

export function searchPage(
  site: Site,
  chrome: Chrome,
  query: string,
  results: readonly ArticleListItem[] | 'too-long'
): Page {
  const o = { locale: chrome.locale };
  const shown = query.slice(0, MAX_HELP_QUERY);
  const title = helpResultsTitle({ query: shown }, o);
  const body =
    results === 'too-long'
      ? `<p class="notice" role="alert">${e(helpSearchTooLong({ max: MAX_HELP_QUERY }, o))}</p>`
      : results.length === 0
        ? `<p>${e(helpNoResults(o))}</p>`
        : articleList(site, chrome, results);
  return layout({
    site,
    chrome,
    status: results === 'too-long' ? 400 : 200,
    title: `${title} · ${site.name}`,
    description: title,
    path: searchPath(site.slug),
    htmlLang: chrome.locale,
    canonical: false,
    noindex: true,
    main: `${crumbs(site, chrome)}<h1>${e(title)}</h1>${searchForm(site, chrome, shown)}${body}`
  });
}

const NOTICES: Record<FeedbackNotice, (o: { locale: Locale }) => string> = {
  'press-again': (o) => helpPressAgain(o),
  limited: (o) => helpFeedbackLimited(o),
  'choose-answer': (o) => helpChooseAnswer(o),
  'comment-too-long': (o) => helpCommentTooLong({ max: MAX_FEEDBACK_COMMENT }, o)
};

function feedbackSection(site: Site, chrome: Chrome, id: string, state: FeedbackState): string {
  const o = { locale: chrome.locale };
  const lang = ` lang="${chrome.locale}"`;
  if (state.kind === 'thanks') {
    return `<section class="feedback" id="feedback"${lang}><p role="status">${e(helpThanks(o))}</p></section>`;
  }
  const notice = state.notice
    ? `<p class="notice" role="alert">${e(NOTICES[state.notice](o))}</p>`
    : '';
  return (
    `<section class="feedback" id="feedback"${lang} aria-labelledby="feedback-title"><h2 id="feedback-title">${e(
      helpWasItHelpful(o)
    )}</h2>${notice}<form method="post" action="${href(`${articlePath(site.slug, id)}/feedback`, chrome)}">` +
    `<input type="hidden" name="token" value="${e(state.token)}">` +
    `<div class="hp" aria-hidden="true"><label for="hp-${HONEYPOT_FIELD}">${e(helpHoneypotLabel(o))}</label><input id="hp-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div>` +
    `<label for="feedback-comment">${e(helpCommentLabel(o))}</label><textarea id="feedback-comment" name="comment" maxlength="${MAX_FEEDBACK_COMMENT}" rows="3">${e(state.comment)}</textarea>` +
    `<div class="answers"><button type="submit" name="answer" value="yes">${e(helpYes(o))}</button><button type="submit" class="alt" name="answer" value="no">${e(helpNo(o))}</button></div></form></section>`
  );
}

export function articlePage(
  site: Site,
  chrome: Chrome,
  article: ArticleView,
  translations: readonly ArticleListItem[],
  feedback: FeedbackState,
  status = 200
): Page {
  const o = { locale: chrome.locale };
  const date = new Intl.DateTimeFormat(chrome.locale, {
    dateStyle: 'medium',
    timeZone: 'UTC'
  }).format(article.updatedAt);
  const category = article.category
    ? ` › <a href="${href(categoryPath(site.slug, article.category), chrome)}">${e(article.category)}</a>`
    : '';
  const others =
    translations.length === 0
      ? ''
      : `<nav class="others" aria-label="${e(helpOtherLanguages(o))}"${` lang="${chrome.locale}"`}><span class="muted">${e(
          helpOtherLanguages(o)
        )}:</span> ${translations
          .map(
            (t) =>
              `<a href="${href(articlePath(site.slug, t.id), chrome)}" hreflang="${t.language}" lang="${t.language}">${e(
                LANGUAGE_NAMES.get(t.language) ?? t.language
              )}</a>`
          )
          .join(' ')}</nav>`;
  const main =
    `<div lang="${chrome.locale}">${crumbs(site, chrome, category)}</div>` +
    `<article><h1>${e(article.title)}</h1><p class="muted" lang="${chrome.locale}">${e(
      helpUpdated({ date }, o)
    )}</p>${others}${article.html}</article>` +
    feedbackSection(site, chrome, article.id, feedback);
  const path = articlePath(site.slug, article.id);
  return layout({
    site,
    chrome,
    status,
    title: `${article.title} · ${site.name}`,
    description: article.excerpt || article.title,
    path,
    htmlLang: article.language,
    canonical: true,
    alternates:
      translations.length === 0
        ? []
        : [article, ...translations].map((a) => ({
            language: a.language,
            path: articlePath(site.slug, a.id)
          })),
    noindex: feedback.kind === 'thanks',
    main
  });
}

/** A page for a refusal: not found (also what a disabled help centre is) or too many requests. */
export function problemPage(
  site: Site | null,
  chrome: Chrome,
  kind: 'not-found' | 'too-many',
  path: string
): Page {
  const o = { locale: chrome.locale };
  const title = kind === 'not-found' ? helpNotFoundTitle(o) : helpTooManyTitle(o);
  const text = kind === 'not-found' ? helpNotFoundText(o) : helpTooManyText(o);
  const shown: Site = site ?? { slug: '', name: title, colour: '#1d4ed8', origin: '' };
  const home = site
    ? `<p><a href="${href(basePath(site.slug), chrome)}">${e(helpHome(o))}</a></p>`
    : '';
  return layout({
    site: shown,
    chrome,
    status: kind === 'not-found' ? 404 : 429,
    title,
    description: text,
    path,
    htmlLang: chrome.locale,
    canonical: false,
    noindex: true,
    main: `<h1>${e(title)}</h1><p>${e(text)}</p>${home}`
  });
}

/** `sitemap.xml`: the home page and every published public article, with its last change. */
export function sitemapXml(
  site: Site,
  articles: readonly { id: string; updatedAt: number }[]
): string {
  const url = (path: string, at?: number) =>
    `<url><loc>${e(site.origin + path)}</loc>${
      at !== undefined ? `<lastmod>${new Date(at).toISOString()}</lastmod>` : ''
    }</url>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
    url(basePath(site.slug)) +
    articles.map((a) => url(articlePath(site.slug, a.id), a.updatedAt)).join('') +
    '</urlset>\n'
  );
}

/** A help centre's `robots.txt`: its pages may be crawled, its search results not. */
export function robotsTxt(site: Site): string {
  return (
    'User-agent: *\n' +
    `Allow: ${basePath(site.slug)}/\n` +
    `Disallow: ${searchPath(site.slug)}\n` +
    `Sitemap: ${site.origin}${basePath(site.slug)}/sitemap.xml\n`
  );
}
