/**
 * Cold open of the board from IndexedDB with 10,000 active tickets, in headless Chromium.
 *
 * The index is filled with 10,000 summaries through the batch endpoint (as the server's
 * projection would), a browser opens the board once so the index lands in IndexedDB, then the
 * board is opened again in new pages — once online, once with the network cut off so that
 * only IndexedDB (and the service worker's cached shell) can paint it. The time is the
 * `board-first-paint` mark the board sets after its first frame with cards, from navigation
 * start. The new and open tickets carry running SLA clocks (`nextDueAt`), so the first paint
 * includes their timers. Also reported: the gzipped JavaScript the board route loads.
 */
import { chromium, type BrowserContext } from '@playwright/test';
import { readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { DEMO_MEMBERS } from '../server/demo/workspace.ts';
import { DEMO_WORKSPACE_ID } from '../server/auth.ts';
import { indexDocName } from '../src/lib/domain/doc-names.ts';
import { newId, newProvisionalRef } from '../src/lib/domain/ids.ts';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketSummary
} from '../src/lib/domain/schema.ts';
import { startBatonServer, type Child, type ChildMemory } from './processes.ts';
import { median } from './stats.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.ts';

export const MEMBER = DEMO_MEMBERS[0]!;
const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** One `POST /api/sync` as the first demo member; the first document's answer. */
export async function batch(
  server: Child,
  docs: { name: string; stateVector: Uint8Array; update?: Uint8Array }[]
) {
  const response = await fetch(`${server.url}/api/sync`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: server.url,
      cookie: `baton_dev_member=${MEMBER.id}`
    },
    body: JSON.stringify({
      v: 1,
      docs: docs.map((d) => ({
        name: d.name,
        stateVector: toBase64(d.stateVector),
        ...(d.update ? { update: toBase64(d.update) } : {})
      }))
    })
  });
  if (!response.ok) throw new Error(`batch sync: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as {
    docs: { ok: boolean; update?: string; detail?: string }[];
  };
  const first = body.docs[0];
  if (!first?.ok) throw new Error(`batch sync rejected: ${first?.detail}`);
  return first.update ? new Uint8Array(Buffer.from(first.update, 'base64')) : new Uint8Array();
}

/** Adds `count` active ticket summaries to the workspace index, in slices under the body cap. */
async function fillIndex(server: Child, count: number): Promise<void> {
  const name = indexDocName(DEMO_WORKSPACE_ID);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await batch(server, [{ name, stateVector: new Uint8Array([0]) }]));
  const tickets = doc.getMap<TicketSummary>('tickets');
  const active = TICKET_STATUSES.filter((s) => s !== 'closed');
  const now = Date.now();
  for (let start = 0; start < count; start += 2_500) {
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      for (let i = start; i < Math.min(count, start + 2_500); i++) {
        const id = newId();
        tickets.set(id, {
          id,
          number: null,
          ref: newProvisionalRef(),
          subject: `Load ticket ${i}: the export stops halfway on large accounts`,
          status: active[i % active.length]!,
          priority: TICKET_PRIORITIES[i % TICKET_PRIORITIES.length]!,
          assigneeId: i % 3 === 0 ? null : DEMO_MEMBERS[i % DEMO_MEMBERS.length]!.id,
          requesterId: null,
          channel: 'email',
          tags: i % 4 === 0 ? ['billing'] : ['bug', 'export'],
          createdAt: now - i * 60_000,
          updatedAt: now - i * 30_000,
          firstResponseAt: null,
          solvedAt: i % active.length === 4 ? now - i * 1000 : null,
          entryCount: 3,
          hasHandover: false,
          // Running SLA clocks on the open ones, so the board paints with its timers: some
          // breached, some in their warning, most ok.
          ...(i % active.length < 2
            ? {
                nextDueAt: now + ((i % 97) - 20) * 900_000,
                dueWarnAt: now + ((i % 97) - 22) * 900_000
              }
            : {})
        });
      }
    });
    await batch(server, [
      { name, stateVector: Y.encodeStateVector(doc), update: Y.encodeStateAsUpdate(doc, before) }
    ]);
  }
}

/**
 * `BATON_BENCH_PROFILE=<folder>`: each cold open also records a CPU profile of the page from
 * navigation to the first paint (`<n>.cpuprofile`, with `<n>.json` holding the navigation start
 * and the first paint on the profile's clock), to find where the time goes. Profiling slows the
 * page: those runs' times are not the benchmark's.
 */
const PROFILE_DIR = process.env.BATON_BENCH_PROFILE;
let profiled = 0;

async function firstPaint(
  context: BrowserContext,
  url: string
): Promise<{ ms: number; cards: number }> {
  const page = await context.newPage();
  const cdp = PROFILE_DIR ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Performance.enable');
    await cdp.send('Profiler.start');
  }
  await page.goto(url);
  await page.waitForFunction(
    () => performance.getEntriesByName('board-first-paint').length > 0,
    null,
    {
      timeout: 60_000
    }
  );
  const ms = await page.evaluate(
    () => performance.getEntriesByName('board-first-paint')[0]!.startTime
  );
  const cards = await page.getByTestId('ticket-card').count();
  if (cdp && PROFILE_DIR) {
    const { profile } = await cdp.send('Profiler.stop');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const navigationStart = metrics.find((m) => m.name === 'NavigationStart')?.value ?? 0;
    mkdirSync(PROFILE_DIR, { recursive: true });
    const n = ++profiled;
    writeFileSync(`${PROFILE_DIR}/${n}.cpuprofile`, JSON.stringify(profile));
    writeFileSync(
      `${PROFILE_DIR}/${n}.json`,
      JSON.stringify({ navStartUs: navigationStart * 1e6, fpMs: ms })
    );
  }
  await page.close();
  return { ms, cards };
}

/** In the page: whether a snapshot cache (`sync/snapshot-cache.ts`) holds a board with tickets. */
async function cachedSnapshotHasTickets(): Promise<boolean> {
  const names = (await indexedDB.databases()).flatMap((d) =>
    d.name?.endsWith('snapshots') ? [d.name] : []
  );
  for (const name of names) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction('snapshots').objectStore('snapshots').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      if (values.some((v) => typeof v === 'string' && v.startsWith('{"tickets":[{'))) return true;
    } finally {
      db.close();
    }
  }
  return false;
}

/** Gzipped sizes (level 9, read from `build/client`) of scripts by their paths. */
function gzippedBytes(paths: Iterable<string>): number {
  let total = 0;
  for (const path of paths) {
    const file = `build/client${path}`;
    if (existsSync(file)) total += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return total;
}

export interface BoardScripts {
  /** What the page asked for before its first paint: what showing the board costs. */
  beforeFirstPaint: number;
  /** What the visit loads until the network is idle (on a desk, the keyboard shortcuts). */
  visit: number;
}

/** The board page's JavaScript, gzipped. */
async function boardScriptBytes(context: BrowserContext, url: string): Promise<BoardScripts> {
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
  });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('board-first-paint').length > 0);
  // Asked for before the paint: the resource timeline says when each request started.
  const beforePaint = await page.evaluate(() => {
    const paint = performance.getEntriesByName('board-first-paint')[0]!.startTime;
    return performance
      .getEntriesByType('resource')
      .filter((entry) => entry.startTime <= paint)
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.endsWith('.js'));
  });
  await page.waitForLoadState('networkidle');
  await page.close();
  return { beforeFirstPaint: gzippedBytes(beforePaint), visit: gzippedBytes(scripts) };
}

export interface BoardOpenResult {
  tickets: number;
  onlineMs: number[];
  offlineMs: number[];
  cardsShown: number;
  scripts: BoardScripts;
  /** The server's memory after the runs, idle with the index loaded. */
  serverMemory: ChildMemory;
}

/** A board ready for cold opens: server, browser, a signed-in context, the index on the device. */
export interface BoardBench {
  scripts: BoardScripts;
  /** One cold open online, then one offline. */
  openOnce(): Promise<{ onlineMs: number; offlineMs: number; cards: number }>;
  /** Closes the browser and the server; the server's memory, read just before. */
  finish(): Promise<ChildMemory>;
}

/**
 * `dataDir`: a data folder whose index was filled beforehand (`archive.ts`: a workspace whose
 * old tickets were archived); the index is then not filled here.
 */
export async function openBoardBench(
  tickets = 10_000,
  options: { dataDir?: string } = {}
): Promise<BoardBench> {
  const server = await startBatonServer({
    withApp: true,
    ...(options.dataDir ? { dataDir: options.dataDir } : {})
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS
  });
  const finish = async () => {
    try {
      return await server.memory();
    } finally {
      await browser.close();
      await server.stop();
    }
  };
  try {
    if (!options.dataDir) await fillIndex(server, tickets);
    const context = await browser.newContext();
    const signIn = await context.request.post(`${server.url}/api/dev/sign-in`, {
      data: { memberId: MEMBER.id },
      headers: { origin: server.url }
    });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    const board = `${server.url}/w/${DEMO_WORKSPACE_ID}/board`;
    const scripts = await boardScriptBytes(context, board);

    // Warm: the index reaches IndexedDB and the service worker caches the shell.
    const warm = await context.newPage();
    await warm.goto(board);
    await warm.waitForFunction(
      () => document.querySelectorAll('[data-testid="ticket-card"]').length > 0
    );
    await warm.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: 30_000
    });
    // The board's snapshot cache holds the tickets: its first write can come before the
    // index's sync (then it is empty, and a cold start would wait for the document).
    await warm.waitForFunction(cachedSnapshotHasTickets, null, { timeout: 30_000, polling: 250 });
    await warm.close();

    return {
      scripts,
      async openOnce() {
        const online = await firstPaint(context, board);
        await context.setOffline(true);
        try {
          const offline = await firstPaint(context, board);
          return { onlineMs: online.ms, offlineMs: offline.ms, cards: offline.cards };
        } finally {
          await context.setOffline(false);
        }
      },
      finish
    };
  } catch (error) {
    await finish();
    throw error;
  }
}

export async function boardColdOpen(
  tickets = 10_000,
  runs = 5,
  options: { dataDir?: string } = {}
): Promise<BoardOpenResult> {
  const bench = await openBoardBench(tickets, options);
  const onlineMs: number[] = [];
  const offlineMs: number[] = [];
  let cardsShown = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const run = await bench.openOnce();
      onlineMs.push(run.onlineMs);
      offlineMs.push(run.offlineMs);
      cardsShown = run.cards;
    }
  } catch (error) {
    await bench.finish();
    throw error;
  }
  const serverMemory = await bench.finish();
  const { scripts } = bench;
  return { tickets, onlineMs, offlineMs, cardsShown, scripts, serverMemory };
}

export { median };
