/**
 * Opening a knowledge-base article from the article list, in headless Chromium against Baton's
 * own server (issue #14, budget ≤ 50 ms), measured as the ticket row is (`ticket-open.ts`):
 * once when the article is not on the device yet (its document comes over the relay) and once
 * when it is (IndexedDB, after a reload, so nothing is left in memory).
 *
 * Each time is measured in the page: from the click on the article's link in the list (a
 * client-side navigation), once the list has finished loading and the mouse has moved over the
 * page, to the first frame that shows the article's title and its body. The articles are
 * written on the server beforehand (each with a body of a dozen paragraphs and headings, as a
 * real help article), and every "not cached" open uses a fresh browser context.
 */
import { type BrowserContext, type Page, chromium } from '@playwright/test';
import * as Y from 'yjs';
import { DEMO_WORKSPACE_ID } from '../server/auth.ts';
import { articleSummary, createArticle, setArticleStatus } from '../src/lib/domain/article.ts';
import { putArticleSummary } from '../src/lib/domain/article-list.ts';
import { articleDocName, indexDocName } from '../src/lib/domain/doc-names.ts';
import { MEMBER, batch } from './board-open.ts';
import { pageSettled } from './page-ready.ts';
import { startBatonServer, type Child } from './processes.ts';
import { relayThenKept } from './ticket-open.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.ts';

export interface ArticleOpenResult {
  articles: number;
  notCachedMs: number[];
  cachedMs: number[];
  /** Click to the editor itself on screen (after the first frame's preview), kept opens. */
  cachedEditorMs: number[];
}

function block(name: 'paragraph' | 'heading', text: string): Y.XmlElement {
  const element = new Y.XmlElement(name);
  if (name === 'heading') element.setAttribute('level', 2 as unknown as string);
  const content = new Y.XmlText();
  element.insert(0, [content]);
  content.insert(0, text);
  return element;
}

/** A help article's body: an introduction, then three sections of three paragraphs. */
function fillBody(doc: Y.Doc, n: number): void {
  const body = doc.getXmlFragment('body');
  const parts = [
    block('paragraph', `What to do when order ${n} needs changing after it was placed.`)
  ];
  for (const section of ['Before it ships', 'After it ships', 'Refunds and returns']) {
    parts.push(block('heading', section));
    for (let p = 1; p <= 3; p++) {
      parts.push(
        block(
          'paragraph',
          `${section}, step ${p}: open the order from the confirmation email, choose what to change and save it. ` +
            'A new confirmation comes at once; if it does not, reply to the last email and we look into it the same day.'
        )
      );
    }
  }
  body.insert(0, parts);
}

/** Writes `count` published articles and their index lines on the server; their ids. */
async function writeArticles(server: Child, count: number): Promise<string[]> {
  const ids: string[] = [];
  const summaries = [];
  for (let n = 1; n <= count; n++) {
    const id = `bench-article-${n}`;
    const doc = new Y.Doc({ gc: false });
    const now = Date.now();
    createArticle(
      doc,
      {
        id,
        workspaceId: DEMO_WORKSPACE_ID,
        title: `Changing an order (${n})`,
        language: 'en',
        visibility: 'internal',
        category: 'Orders'
      },
      MEMBER,
      now
    );
    fillBody(doc, n);
    setArticleStatus(doc, 'published', MEMBER, now);
    await batch(server, [
      {
        name: articleDocName(id),
        stateVector: new Uint8Array([0]),
        update: Y.encodeStateAsUpdate(doc)
      }
    ]);
    summaries.push(articleSummary(doc)!);
    ids.push(id);
  }
  const index = new Y.Doc();
  const name = indexDocName(DEMO_WORKSPACE_ID);
  Y.applyUpdate(index, await batch(server, [{ name, stateVector: new Uint8Array([0]) }]));
  const before = Y.encodeStateVector(index);
  for (const summary of summaries) putArticleSummary(index, summary);
  await batch(server, [
    { name, stateVector: before, update: Y.encodeStateAsUpdate(index, before) }
  ]);
  return ids;
}

async function openList(context: BrowserContext, server: Child): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/w/${DEMO_WORKSPACE_ID}/kb`);
  await page.waitForSelector('[data-testid="kb-article-row"]');
  // As on the board: the mouse moves over the header (no hover preloading of the link), and
  // the click comes once the list has finished loading.
  await page.mouse.move(20, 20);
  await pageSettled(page);
  return page;
}

/**
 * Clicks the article's link; milliseconds until a frame shows its title and body. The body's
 * first frame may be the editor's preview (`body-preview.ts`); the time until the editor itself
 * is there (the body can be typed into) goes to `editorMs`.
 */
async function openFromList(page: Page, articleId: string, editorMs: number[]): Promise<number> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const times = await page.evaluate(async (id) => {
    const link = document.querySelector<HTMLElement>(
      `[data-testid="kb-article-row"] a[href$="/kb/${id}"]`
    );
    if (!link) throw new Error(`no link to ${id} in the list`);
    const start = performance.now();
    link.click();
    let shown: number | null = null;
    let firstTops: number[] = [];
    for (;;) {
      await new Promise((frame) => requestAnimationFrame(frame));
      const title = document.querySelector<HTMLInputElement>('[data-testid="article-title"]');
      const body = document.querySelector(
        '[data-testid="article-body"], [data-testid="article-body-preview"]'
      );
      if (shown === null && title?.value.trim() && body?.textContent?.trim()) {
        // Checked before this frame paints; the next task runs after it.
        await new Promise((next) => setTimeout(next, 0));
        shown = performance.now() - start;
        // Where the first frame put the body's blocks (the page's coordinates).
        firstTops = [...body.children].map((c) => c.getBoundingClientRect().top + scrollY);
      }
      const editor = document.querySelector('[data-testid="article-body"][contenteditable]');
      if (shown !== null && editor?.textContent?.trim()) {
        await new Promise((next) => setTimeout(next, 0));
        const tops = [...editor.children].map((c) => c.getBoundingClientRect().top + scrollY);
        const moved = Math.max(0, ...tops.map((top, i) => Math.abs(top - (firstTops[i] ?? top))));
        return { shown, editor: performance.now() - start, moved };
      }
      if (performance.now() - start > 15_000) throw new Error(`article ${id} did not open`);
    }
  }, articleId);
  editorMs.push(times.editor);
  if (times.moved > 0.5) throw new Error(`article ${articleId}: the body moved ${times.moved}px`);
  return times.shown;
}

export async function articleOpen(runs = 7): Promise<ArticleOpenResult> {
  const server = await startBatonServer({ withApp: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const articles = 20;
  try {
    const ids = await writeArticles(server, articles);
    // Over the relay, then kept, for each article in turn.
    const editorMs: number[] = [];
    const opens = await relayThenKept(browser, server, ids.slice(0, runs), {
      label: 'article',
      docName: articleDocName,
      openList,
      openItem: (page, id) => openFromList(page, id, editorMs)
    });
    return { articles, ...opens, cachedEditorMs: editorMs.filter((_, i) => i % 2 === 1) };
  } finally {
    await browser.close();
    await server.stop();
  }
}

// `node --import tsx bench/article-open.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await articleOpen(Number(process.argv[2] ?? 7))));
}
