/**
 * Opening a ticket from the board, in headless Chromium against Baton's own server (the local
 * relay): once when the ticket is not on the device yet (its document comes over the relay)
 * and once when it is (IndexedDB, after a reload, so nothing is left in memory).
 *
 * Each time is measured in the page: from the click on the board's card (a client-side
 * navigation), once the board has finished loading and the mouse has moved over the page, to
 * the first frame that shows the ticket's subject and its thread. The tickets
 * are demo tickets assigned to other members, which the phone prefetch never keeps, and every
 * "not cached" open uses a fresh browser context, so nothing was kept before.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { DEMO_WORKSPACE_ID } from '../server/auth.ts';
import { indexDocName } from '../src/lib/domain/doc-names.ts';
import type { TicketSummary } from '../src/lib/domain/schema.ts';
import { memberPrefix } from '../src/lib/sync/local-data.ts';
import { MEMBER, batch } from './board-open.ts';
import { pageSettled } from './page-ready.ts';
import { startBatonServer, type Child } from './processes.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.ts';

export interface TicketOpenResult {
  notCachedMs: number[];
  cachedMs: number[];
}

/** Open tickets on the board that belong to other members (never prefetched for `MEMBER`). */
async function othersTickets(server: Child, count: number): Promise<string[]> {
  const doc = new Y.Doc();
  const name = indexDocName(DEMO_WORKSPACE_ID);
  Y.applyUpdate(doc, await batch(server, [{ name, stateVector: new Uint8Array([0]) }]));
  const ids = [...doc.getMap<TicketSummary>('tickets').values()]
    .filter((t) => t.assigneeId !== null && t.assigneeId !== MEMBER.id && t.status !== 'closed')
    .map((t) => t.id);
  if (ids.length < count) throw new Error(`only ${ids.length} tickets of other members`);
  return ids.slice(0, count);
}

export async function signedIn(browser: Browser, server: Child): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const answer = await context.request.post(`${server.url}/api/dev/sign-in`, {
    data: { memberId: MEMBER.id },
    headers: { origin: server.url }
  });
  if (!answer.ok()) throw new Error(`sign-in failed: ${answer.status()}`);
  return context;
}

async function openBoard(context: BrowserContext, server: Child): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/w/${DEMO_WORKSPACE_ID}/board`);
  await page.waitForSelector('[data-testid="ticket-card"]');
  // A person looks at the board before opening a ticket: the mouse moves (over the header, not
  // the card, so SvelteKit's hover preloading plays no part), and the click comes once the
  // board has finished loading.
  await page.mouse.move(20, 20);
  await pageSettled(page);
  return page;
}

/**
 * `BATON_BENCH_PROFILE=<folder>`: each cached open also records a CPU profile of the page from
 * the click to the frame with subject and thread (`ticket-<n>.cpuprofile`), to find where the
 * time goes. Profiling slows the page: those runs' times are not the benchmark's.
 */
const PROFILE_DIR = process.env.BATON_BENCH_PROFILE;

/** `open` measured with the page's CPU profile recorded around it, if asked for. */
export async function profiled(
  page: Page,
  name: string,
  open: () => Promise<number>
): Promise<number> {
  if (!PROFILE_DIR) return open();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const ms = await open();
  const { profile } = await cdp.send('Profiler.stop');
  mkdirSync(PROFILE_DIR, { recursive: true });
  writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
  await cdp.detach();
  return ms;
}

/** Clicks the ticket's card; milliseconds until a frame shows its subject and thread. */
async function openFromBoard(page: Page, ticketId: string): Promise<number> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate(async (id) => {
    const card = document.querySelector<HTMLElement>(`[data-ticket-id="${id}"]`);
    if (!card) throw new Error(`no card for ${id} on the board`);
    const start = performance.now();
    card.click();
    for (;;) {
      await new Promise((frame) => requestAnimationFrame(frame));
      const subject = document.querySelector('[data-testid="ticket-subject"]');
      if (subject?.textContent?.trim() && document.querySelector('[data-testid="thread-entry"]')) {
        // Checked before this frame paints; the next task runs after it.
        await new Promise((next) => setTimeout(next, 0));
        return performance.now() - start;
      }
      if (performance.now() - start > 15_000) throw new Error(`ticket ${id} did not open`);
    }
  }, ticketId);
}

/** In the page: whether y-indexeddb has stored anything of the document `name` yet. */
export async function storedLocally(name: string): Promise<boolean> {
  // Opening a database that does not exist would create an empty one under y-indexeddb.
  if (!(await indexedDB.databases()).some((d) => d.name === name)) return false;
  return new Promise<boolean>((resolve) => {
    const request = indexedDB.open(name);
    request.onerror = () => resolve(false);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('updates')) {
        db.close();
        return resolve(false);
      }
      const count = db.transaction('updates').objectStore('updates').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result > 0);
      };
    };
  });
}

/** How to open one kind of document from its list, for `relayThenKept`. */
export interface OpenFromList {
  /** `ticket` or `article`: names the CPU profiles. */
  label: string;
  docName(id: string): string;
  openList(context: BrowserContext, server: Child): Promise<Page>;
  /** Clicks the item and resolves with the ms from the click to it on screen. */
  openItem(page: Page, id: string): Promise<number>;
}

/**
 * Each id opened from its list in a fresh browser context, first over the relay, then (once
 * IndexedDB holds its document) again from a reloaded list, kept on the device.
 */
export async function relayThenKept(
  browser: Browser,
  server: Child,
  ids: readonly string[],
  how: OpenFromList
): Promise<{ notCachedMs: number[]; cachedMs: number[] }> {
  const result = { notCachedMs: [] as number[], cachedMs: [] as number[] };
  for (const id of ids) {
    const context = await signedIn(browser, server);
    try {
      const first = await how.openList(context, server);
      result.notCachedMs.push(await how.openItem(first, id));
      await first.waitForFunction(storedLocally, `${memberPrefix(MEMBER.id)}${how.docName(id)}`);
      await first.close();
      const again = await how.openList(context, server);
      const n = result.cachedMs.length;
      result.cachedMs.push(
        await profiled(again, `${how.label}-${n}`, () => how.openItem(again, id))
      );
    } finally {
      await context.close();
    }
  }
  return result;
}

export async function ticketOpen(runs = 7): Promise<TicketOpenResult> {
  const server = await startBatonServer({ withApp: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    return await relayThenKept(browser, server, await othersTickets(server, runs), {
      label: 'ticket',
      docName: (id) => `t/${id}`,
      openList: openBoard,
      openItem: openFromBoard
    });
  } finally {
    await browser.close();
    await server.stop();
  }
}

// `node --import tsx bench/ticket-open.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await ticketOpen(Number(process.argv[2] ?? 7))));
}
