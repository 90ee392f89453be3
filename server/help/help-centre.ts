/**
 * The public help centre: `/help/<slug>/…` for each workspace that opted in (its settings'
 * `helpCentre` record), serving its published public articles and nothing else.
 *
 * What may be served: an article whose own document says `status: published`,
 * `visibility: public`, names the workspace, and is bound to that workspace in the document
 * registry. The index's article summaries (written by editing clients) only pick candidates;
 * every article is checked against its document before it is shown. Anything else — a draft,
 * an internal article, another workspace's, a disabled or unknown help centre — is a 404 that
 * says no more than "not found".
 *
 * Speed: pages are strings made from caches, never from a document per hit.
 *   - one entry per article (its rendered HTML, search keys, fields; or "not public"), dropped
 *     when the article's document changes (`DocManager.onChange`);
 *   - one list per workspace (its public articles, by id), dropped when an article of the
 *     workspace or the index's `articles` root changes; and its settings record, dropped when
 *     the settings' `helpCentre` root changes.
 * A document that is not loaded is read from storage into a private copy, never loaded into
 * the `DocManager` (a load would wake the other workers, as the search backfill learnt).
 *
 * Slugs are claimed in `help_slugs` (first come, first served) when a settings record changes
 * or its document loads, and when the settings page asks for the status.
 *
 * Limits, per client address: pages, searches and feedback each have a window; feedback also
 * per article, whoever sends it. Feedback carries a signed, time-stamped token and a honeypot
 * (`form-token.ts`, `feedback.ts`) and lands in `help_feedback` (`store.ts`, and why not in
 * the article's document).
 */
import * as Y from 'yjs';
import {
  articleDocName,
  indexDocName,
  keepsHistory,
  settingsDocName
} from '../../src/lib/domain/doc-names.ts';
import { readArticleFields, readArticleTags, articleParts } from '../../src/lib/domain/article.ts';
import type { ArticleLanguage } from '../../src/lib/domain/article.ts';
import { readArticleSummaries } from '../../src/lib/domain/article-list.ts';
import { richTextPlain } from '../../src/lib/domain/rich-text.ts';
import { helpCentreOf, type HelpCentreRecord } from '../../src/lib/domain/help-centre.ts';
import { isLocale, negotiateLocale } from '../../src/lib/i18n/locales.ts';
import type {
  HelpRequest,
  HelpResponse,
  HelpServices
} from '../../src/lib/server/help-services.ts';
import type { ArticleFeedback, HelpCentreStatus } from '../../src/lib/contract/help.ts';
import { RateLimiter, type Limit } from '../accounts/rate-limit.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import { renderArticleHtml } from './render.ts';
import { normalize, searchArticles, MAX_HELP_QUERY } from './search.ts';
import {
  articlePage,
  articlePath,
  categoryPage,
  homePage,
  problemPage,
  robotsTxt,
  searchPage,
  sitemapXml,
  type ArticleListItem,
  type Chrome,
  type FeedbackNotice,
  type FeedbackState,
  type Page,
  type Site
} from './pages.ts';
import { parseFeedbackForm } from './feedback.ts';
import { HelpFormTokens, type FormTokenTimes } from './form-token.ts';
import type { HelpStore } from './store.ts';

export interface HelpLimits {
  /** Every request of the help centre, per client address. */
  pagesPerAddress: Limit;
  searchesPerAddress: Limit;
  feedbackPerAddress: Limit;
  /** Feedback on one article from anyone (a distributed flood). */
  feedbackPerArticle: Limit;
}

export const DEFAULT_HELP_LIMITS: HelpLimits = {
  pagesPerAddress: { max: 300, windowMs: 60_000 },
  searchesPerAddress: { max: 30, windowMs: 60_000 },
  feedbackPerAddress: { max: 10, windowMs: 10 * 60_000 },
  feedbackPerArticle: { max: 60, windowMs: 60 * 60_000 }
};

export interface HelpCentreDeps {
  docs: DocManager;
  /** The core's storage: a stored document's updates, and the registry's binding. */
  storage: {
    load(name: string): Uint8Array[] | null;
    documentWorkspace(name: string): string | null;
  };
  store: HelpStore;
  clock: Clock;
  secretKey: Buffer | null;
  limits?: HelpLimits;
  tokenTimes?: FormTokenTimes;
  log: (message: string, error?: unknown) => void;
}

/** A published public article as the pages need it (cached). */
interface PublicArticle extends ArticleListItem {
  workspaceId: string;
  category: string;
  html: string;
  titleKey: string;
  textKey: string;
  translationKey: string | null;
  updatedAt: number;
  publishedAt: number | null;
}

interface SiteEntry {
  record: HelpCentreRecord | null;
  /** Its public articles, newest first; `null` until asked for (or after a change). */
  articles: PublicArticle[] | null;
}

/** Tag naming a group of translations of one article: `translation:<key>`. */
const TRANSLATION_TAG = 'translation:';

// `connect-src 'self'`: the page runs no script, so nothing of its own connects; crawlers and
// audits (Lighthouse) fetch the site's robots.txt from inside the page and must not be blocked.
const PAGE_HEADERS = (page: Page): Record<string, string> => ({
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${page.styleHash}'; img-src 'self' https:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff'
});

function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}

export class HelpCentre {
  readonly #deps: HelpCentreDeps;
  readonly #limits: HelpLimits;
  readonly #limiter: RateLimiter;
  readonly #tokens: HelpFormTokens;
  readonly #articles = new Map<string, PublicArticle | null>();
  readonly #sites = new Map<string, SiteEntry>();
  readonly #stop: (() => void)[] = [];

  constructor(deps: HelpCentreDeps) {
    this.#deps = deps;
    this.#limits = deps.limits ?? DEFAULT_HELP_LIMITS;
    this.#limiter = new RateLimiter(deps.clock);
    this.#tokens = new HelpFormTokens(deps.secretKey, deps.tokenTimes);
  }

  /** Follows document changes: cache invalidation and slug claims. */
  start(): void {
    const { docs } = this.#deps;
    this.#stop.push(
      docs.onChange((change) => {
        // The change carries its parsed name: parsing it again (a zod check per id) cost more
        // than the rest of this listener on every keystroke.
        const ref = change.ref;
        if (ref.kind === 'article') {
          this.#articles.delete(ref.articleId);
          const workspaceId = readArticleFields(change.doc)?.workspaceId;
          if (workspaceId) this.#dropList(workspaceId);
          else for (const site of this.#sites.values()) site.articles = null;
        } else if (ref.kind === 'index' && change.roots.has('articles')) {
          this.#dropList(ref.workspaceId);
        } else if (ref.kind === 'settings' && change.roots.has('helpCentre')) {
          this.#sites.delete(ref.workspaceId);
          this.#claim(ref.workspaceId, change.doc);
        }
      }),
      docs.onLoad((live) => {
        if (live.ref.kind === 'settings') this.#claim(live.ref.workspaceId, live.doc);
      })
    );
  }

  stop(): void {
    for (const stop of this.#stop.splice(0)) stop();
  }

  #dropList(workspaceId: string): void {
    const site = this.#sites.get(workspaceId);
    if (site) site.articles = null;
  }

  #claim(workspaceId: string, settings: Y.Doc): boolean {
    const record = helpCentreOf(settings.getMap('helpCentre').entries());
    try {
      return this.#deps.store.claim(workspaceId, record?.slug ?? null, this.#deps.clock.now());
    } catch (error) {
      this.#deps.log(`Could not claim the help centre slug of ${workspaceId}`, error);
      return false;
    }
  }

  /** Reads a document without loading it into the manager when it is not loaded already. */
  #read<T>(name: string, fn: (doc: Y.Doc) => T): T | null {
    const { docs, storage } = this.#deps;
    if (docs.isLoaded(name)) return docs.read(name, fn);
    const updates = storage.load(name);
    if (!updates || updates.length === 0) return null;
    const doc = new Y.Doc({ gc: !keepsHistory(name) });
    try {
      for (const update of updates) Y.applyUpdate(doc, update);
      return fn(doc);
    } catch (error) {
      this.#deps.log(`Could not read ${name} for the help centre`, error);
      return null;
    } finally {
      doc.destroy();
    }
  }

  #site(workspaceId: string): SiteEntry {
    let site = this.#sites.get(workspaceId);
    if (!site) {
      const record = this.#read(settingsDocName(workspaceId), (doc) =>
        helpCentreOf(doc.getMap('helpCentre').entries())
      );
      site = { record, articles: null };
      this.#sites.set(workspaceId, site);
    }
    return site;
  }

  /** The article if it may be served for `workspaceId` (see the header), from the cache. */
  #article(workspaceId: string, articleId: string): PublicArticle | null {
    let article = this.#articles.get(articleId);
    if (article === undefined) {
      const name = articleDocName(articleId);
      article =
        this.#read(name, (doc) => {
          const fields = readArticleFields(doc);
          if (!fields || fields.id !== articleId) return null;
          if (fields.status !== 'published' || fields.visibility !== 'public') return null;
          const body = articleParts(doc).body;
          const text = richTextPlain(body);
          const tags = readArticleTags(doc);
          const translation = tags.find((tag) => tag.startsWith(TRANSLATION_TAG));
          return {
            id: fields.id,
            workspaceId: fields.workspaceId,
            title: fields.title,
            category: fields.category,
            language: fields.language,
            excerpt: excerptOf(text),
            html: renderArticleHtml(body),
            titleKey: normalize(fields.title),
            textKey: normalize(`${fields.title} ${text}`),
            translationKey: translation ?? null,
            updatedAt: fields.updatedAt,
            publishedAt: fields.publishedAt
          } satisfies PublicArticle;
        }) ?? null;
      this.#articles.set(articleId, article);
    }
    if (!article || article.workspaceId !== workspaceId) return null;
    // The registry's binding decides, as it does for access in the app.
    if (this.#deps.storage.documentWorkspace(articleDocName(articleId)) !== workspaceId) {
      return null;
    }
    return article;
  }

  #list(workspaceId: string, site: SiteEntry): PublicArticle[] {
    if (site.articles) return site.articles;
    const candidates =
      this.#read(indexDocName(workspaceId), (doc) =>
        readArticleSummaries(doc)
          .filter((s) => s.status === 'published' && s.visibility === 'public')
          .map((s) => s.id)
      ) ?? [];
    const articles: PublicArticle[] = [];
    for (const id of candidates) {
      const article = this.#article(workspaceId, id);
      if (article) articles.push(article);
    }
    articles.sort(
      (a, b) =>
        (b.publishedAt ?? b.updatedAt) - (a.publishedAt ?? a.updatedAt) || a.id.localeCompare(b.id)
    );
    site.articles = articles;
    return articles;
  }

  /** The workspace and its record when `slug` names a live help centre. */
  #live(slug: string): { workspaceId: string; record: HelpCentreRecord } | null {
    if (slug.length > 40 || !/^[a-z0-9-]+$/.test(slug)) return null;
    const workspaceId = this.#deps.store.slugOwner(slug);
    if (!workspaceId) return null;
    const record = this.#site(workspaceId).record;
    if (!record || !record.enabled || record.slug !== slug) return null;
    return { workspaceId, record };
  }

  #chrome(request: HelpRequest): Chrome {
    const asked = request.query.get('lang');
    if (isLocale(asked)) return { locale: asked, chosen: true };
    return { locale: negotiateLocale(request.acceptLanguage), chosen: false };
  }

  #html(page: Page, cache: string, extra: Record<string, string> = {}): HelpResponse {
    return {
      status: page.status,
      headers: { ...PAGE_HEADERS(page), 'cache-control': cache, vary: 'Accept-Language', ...extra },
      body: page.html
    };
  }

  #notFound(request: HelpRequest, chrome: Chrome, site: Site | null): HelpResponse {
    return this.#html(
      problemPage(site, chrome, 'not-found', `/help/${request.slug}/${request.path}`),
      'no-store'
    );
  }

  #tooMany(request: HelpRequest, chrome: Chrome, site: Site | null, retryMs: number): HelpResponse {
    return this.#html(
      problemPage(site, chrome, 'too-many', `/help/${request.slug}/${request.path}`),
      'no-store',
      { 'retry-after': String(Math.max(1, Math.ceil(retryMs / 1000))) }
    );
  }

  #translations(article: PublicArticle, all: readonly PublicArticle[]): PublicArticle[] {
    if (!article.translationKey) return [];
    const seen = new Set<ArticleLanguage>([article.language]);
    const out: PublicArticle[] = [];
    for (const other of all) {
      if (other.id === article.id || other.translationKey !== article.translationKey) continue;
      if (seen.has(other.language)) continue;
      seen.add(other.language);
      out.push(other);
    }
    return out;
  }

  #articleResponse(
    site: Site,
    chrome: Chrome,
    workspaceId: string,
    siteEntry: SiteEntry,
    article: PublicArticle,
    feedback: FeedbackState,
    status = 200
  ): HelpResponse {
    const page = articlePage(
      site,
      chrome,
      article,
      this.#translations(article, this.#list(workspaceId, siteEntry)),
      feedback,
      status
    );
    // The form's token is made per page view; a short shared cache keeps it fresh enough.
    return this.#html(
      page,
      feedback.kind === 'form' && !feedback.notice ? 'public, max-age=60' : 'no-store'
    );
  }

  #freshForm(
    articleId: string,
    comment = '',
    notice: FeedbackNotice | null = null,
    token = this.#tokens.sign(articleId, this.#deps.clock.now())
  ): FeedbackState {
    return {
      kind: 'form',
      token,
      comment,
      notice
    };
  }

  async get(request: HelpRequest): Promise<HelpResponse> {
    const chrome = this.#chrome(request);
    const limited = this.#limiter.reserve([
      { key: `help-page:${request.ip}`, limit: this.#limits.pagesPerAddress }
    ]);
    if (!limited.ok) return this.#tooMany(request, chrome, null, limited.retryAfterMs);
    const live = this.#live(request.slug);
    if (!live) return this.#notFound(request, chrome, null);
    const { workspaceId, record } = live;
    const siteEntry = this.#site(workspaceId);
    const site: Site = {
      slug: record.slug,
      name: record.name,
      colour: record.colour,
      origin: request.origin
    };
    const parts = request.path.split('/');
    const all = this.#list(workspaceId, siteEntry);
    if (request.path === '') {
      const counts = new Map<string, number>();
      for (const a of all)
        if (a.category) counts.set(a.category, (counts.get(a.category) ?? 0) + 1);
      const categories = [...counts].sort((a, b) => a[0].localeCompare(b[0]));
      return this.#html(homePage(site, chrome, categories, all.slice(0, 10)), 'public, max-age=60');
    }
    if (request.path === 'sitemap.xml') {
      return {
        status: 200,
        headers: {
          'content-type': 'application/xml; charset=utf-8',
          'cache-control': 'public, max-age=300'
        },
        body: sitemapXml(site, all)
      };
    }
    if (request.path === 'robots.txt') {
      return {
        status: 200,
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': 'public, max-age=300'
        },
        body: robotsTxt(site)
      };
    }
    if (request.path === 'search') {
      const query = request.query.get('q') ?? '';
      if (query.length > MAX_HELP_QUERY) {
        return this.#html(searchPage(site, chrome, query, 'too-long'), 'no-store');
      }
      const searched = this.#limiter.reserve([
        { key: `help-search:${request.ip}`, limit: this.#limits.searchesPerAddress }
      ]);
      if (!searched.ok) return this.#tooMany(request, chrome, site, searched.retryAfterMs);
      return this.#html(searchPage(site, chrome, query, searchArticles(all, query)), 'no-store');
    }
    if (parts.length === 2 && parts[0] === 'categories') {
      let name: string;
      try {
        name = decodeURIComponent(parts[1] ?? '');
      } catch {
        return this.#notFound(request, chrome, site);
      }
      const inCategory = all.filter((a) => a.category === name);
      if (inCategory.length === 0) return this.#notFound(request, chrome, site);
      return this.#html(categoryPage(site, chrome, name, inCategory), 'public, max-age=60');
    }
    if (parts.length === 2 && parts[0] === 'articles') {
      const article = this.#article(workspaceId, parts[1] ?? '');
      if (!article) return this.#notFound(request, chrome, site);
      const feedback: FeedbackState =
        request.query.get('thanks') === '1' ? { kind: 'thanks' } : this.#freshForm(article.id);
      return this.#articleResponse(site, chrome, workspaceId, siteEntry, article, feedback);
    }
    return this.#notFound(request, chrome, site);
  }

  async post(request: HelpRequest, form: Record<string, string> | null): Promise<HelpResponse> {
    const chrome = this.#chrome(request);
    const limited = this.#limiter.reserve([
      { key: `help-page:${request.ip}`, limit: this.#limits.pagesPerAddress }
    ]);
    if (!limited.ok) return this.#tooMany(request, chrome, null, limited.retryAfterMs);
    const live = this.#live(request.slug);
    if (!live) return this.#notFound(request, chrome, null);
    const { workspaceId, record } = live;
    const site: Site = {
      slug: record.slug,
      name: record.name,
      colour: record.colour,
      origin: request.origin
    };
    const parts = request.path.split('/');
    if (parts.length !== 3 || parts[0] !== 'articles' || parts[2] !== 'feedback') {
      return this.#notFound(request, chrome, site);
    }
    const article = this.#article(workspaceId, parts[1] ?? '');
    if (!article) return this.#notFound(request, chrome, site);
    const siteEntry = this.#site(workspaceId);
    const answer = (feedback: FeedbackState, status: number) =>
      this.#articleResponse(site, chrome, workspaceId, siteEntry, article, feedback, status);
    const thanks: HelpResponse = {
      status: 303,
      headers: {
        location: `${articlePath(site.slug, article.id)}?${chrome.chosen ? `lang=${chrome.locale}&` : ''}thanks=1#feedback`,
        'cache-control': 'no-store'
      },
      body: ''
    };
    const parsed = parseFeedbackForm(form);
    if (!parsed.ok) {
      // A filled honeypot is a robot: it is thanked, and nothing is stored.
      if (parsed.problem === 'honeypot') return thanks;
      return answer(this.#freshForm(article.id, parsed.comment, parsed.problem), 400);
    }
    const now = this.#deps.clock.now();
    const tokenProblem = this.#tokens.problem(parsed.value.token, article.id, now);
    if (tokenProblem) {
      const status = tokenProblem === 'forged' || tokenProblem === 'malformed' ? 403 : 400;
      // Sent too soon after the page came (a person rarely is): the same genuine token goes
      // back, old enough by the next press, so a quick reader is not asked twice.
      const again = tokenProblem === 'too-fast' ? parsed.value.token : undefined;
      return answer(
        this.#freshForm(article.id, parsed.value.comment, 'press-again', again),
        status
      );
    }
    const flood = this.#limiter.reserve([
      { key: `help-feedback:${request.ip}`, limit: this.#limits.feedbackPerAddress },
      { key: `help-feedback-article:${article.id}`, limit: this.#limits.feedbackPerArticle }
    ]);
    if (!flood.ok) {
      const response = answer(this.#freshForm(article.id, parsed.value.comment, 'limited'), 429);
      response.headers['retry-after'] = String(Math.max(1, Math.ceil(flood.retryAfterMs / 1000)));
      return response;
    }
    this.#deps.store.addFeedback(
      workspaceId,
      article.id,
      { helpful: parsed.value.helpful, comment: parsed.value.comment, locale: chrome.locale },
      now
    );
    return thanks;
  }

  /**
   * The site's `/robots.txt`: the help centres may be crawled, the app (private pages behind a
   * sign-in) not. Each help centre names its sitemap in its own `robots.txt`.
   */
  robots(): HelpResponse {
    return {
      status: 200,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'public, max-age=300'
      },
      body: 'User-agent: *\nAllow: /help/\nDisallow: /\n'
    };
  }

  /** For the settings page: the record's state, claiming its slug first. */
  status(workspaceId: string): HelpCentreStatus {
    this.#sites.delete(workspaceId);
    const record = this.#site(workspaceId).record;
    const held =
      this.#read(settingsDocName(workspaceId), (doc) => this.#claim(workspaceId, doc)) ?? false;
    if (!record || !record.enabled) return { state: 'off', slug: null };
    if (!held) return { state: 'slug-taken', slug: null };
    return { state: 'live', slug: record.slug };
  }

  feedback(workspaceId: string, articleId: string): ArticleFeedback {
    return this.#deps.store.feedback(workspaceId, articleId);
  }

  services(): HelpServices {
    return {
      get: (request) => this.get(request),
      post: (request, form) => this.post(request, form),
      robots: async () => this.robots(),
      status: async (workspaceId) => this.status(workspaceId),
      feedback: async (workspaceId, articleId) => this.feedback(workspaceId, articleId)
    };
  }
}
