/**
 * A bulk action on 200 tickets, in headless Chromium against Baton's own server: one member
 * selects 200 tickets on a list ("select all N in this list") and sets their status; the time
 * runs from the click on the status to the frame in which a colleague's board (a second
 * browser context, signed in as another member) shows all 200 in the new column.
 *
 * The tickets are made on the server beforehand (their documents and summaries through the
 * batch sync), so the first action also pulls all 200 documents to the acting browser (none
 * were opened there): that sample is reported apart. The others alternate the status and find
 * the documents on the device. Both clocks are the pages' `timeOrigin + now()` (one machine).
 * The longest task on the acting page during the action is reported too: the page must not
 * freeze while 200 documents are opened and changed.
 */
import { chromium, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { DEMO_MEMBERS } from '../server/demo/workspace.ts';
import { DEMO_WORKSPACE_ID } from '../server/auth.ts';
import { indexDocName, ticketDocName } from '../src/lib/domain/doc-names.ts';
import { newId } from '../src/lib/domain/ids.ts';
import { createTicket, readTicket } from '../src/lib/domain/ticket.ts';
import { putSummary, summarize } from '../src/lib/domain/workspace-index.ts';
import { MEMBER, batch } from './board-open.ts';
import { pageSettled } from './page-ready.ts';
import { startBatonServer, type Child } from './processes.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.ts';

/** A word only these tickets' subjects hold, to list exactly them. */
const MARK = 'Bulkbench';
const COLLEAGUE = DEMO_MEMBERS.find((m) => m.id !== MEMBER.id)!;

export interface BulkActionResult {
  tickets: number;
  /** Click to all visible on the second client, the first action (documents pulled). */
  firstMs: number;
  /** The same, with the documents on the device, one per later action. */
  cachedMs: number[];
  /** The longest main-thread task on the acting page during each action. */
  longestTaskMs: number[];
}

/** Makes `count` open, unassigned tickets on the server, and their summaries in the index. */
async function makeTickets(server: Child, count: number): Promise<void> {
  const index = new Y.Doc();
  const indexName = indexDocName(DEMO_WORKSPACE_ID);
  Y.applyUpdate(
    index,
    await batch(server, [{ name: indexName, stateVector: new Uint8Array([0]) }])
  );
  const before = Y.encodeStateVector(index);
  const docs: { name: string; stateVector: Uint8Array; update: Uint8Array }[] = [];
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc();
    const id = newId();
    createTicket(
      doc,
      {
        id,
        workspaceId: DEMO_WORKSPACE_ID,
        subject: `${MARK} ${i}: the export stops halfway on large accounts`,
        priority: 'normal'
      },
      { id: MEMBER.id, name: MEMBER.name },
      now
    );
    doc.getMap('ticket').set('status', 'open');
    const ticket = readTicket(doc);
    if (ticket) putSummary(index, summarize(ticket, null));
    docs.push({
      name: ticketDocName(id),
      stateVector: new Uint8Array([0]),
      update: Y.encodeStateAsUpdate(doc)
    });
  }
  for (let i = 0; i < docs.length; i += 20) await batch(server, docs.slice(i, i + 20));
  await batch(server, [
    {
      name: indexName,
      stateVector: Y.encodeStateVector(index),
      update: Y.encodeStateAsUpdate(index, before)
    }
  ]);
}

async function signedIn(browser: import('@playwright/test').Browser, server: Child, id: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const response = await context.request.post(`${server.url}/api/dev/sign-in`, {
    data: { memberId: id },
    headers: { origin: server.url }
  });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()}`);
  return { context, page: await context.newPage() };
}

async function columnCount(page: Page, status: string): Promise<number> {
  const text = await page
    .locator(`[data-testid="column-${status}"] [data-testid="column-count"]`)
    .textContent();
  return Number((text ?? '0').replace(/\D/g, ''));
}

/**
 * Resolves with the time (epoch ms) of the first frame whose column shows `target` tickets.
 * Written as a string: the bench runs through tsx, whose name helpers do not exist in the page.
 */
function whenColumnHolds(page: Page, status: string, target: number): Promise<number> {
  const sel = JSON.stringify(`[data-testid="column-${status}"] [data-testid="column-count"]`);
  return page.evaluate(`new Promise((resolve, reject) => {
    const give = setTimeout(() => reject(new Error('column ${status} never held ${target}')), 60000);
    const check = () => {
      const text = document.querySelector(${sel})?.textContent ?? '0';
      if (Number(text.replace(/\\D/g, '')) >= ${target}) {
        clearTimeout(give);
        resolve(performance.timeOrigin + performance.now());
      } else requestAnimationFrame(check);
    };
    check();
  })`);
}

/** Sets the status of every selected ticket; resolves with the click's time and the longest task. */
async function act(
  page: Page,
  status: string
): Promise<{ at: number; longest: () => Promise<number> }> {
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number; __obs?: PerformanceObserver };
    w.__longest = 0;
    w.__obs?.disconnect();
    w.__obs = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
    });
    w.__obs.observe({ type: 'longtask' });
  });
  await page.getByTestId('bulk-status').click();
  const option = page.locator(`#bulk-status button[data-status="${status}"]`);
  await option.waitFor();
  const at = await option.evaluate((el) => {
    const t = performance.timeOrigin + performance.now();
    (el as HTMLButtonElement).click();
    return t;
  });
  return {
    at,
    longest: () => page.evaluate(() => (window as unknown as { __longest: number }).__longest)
  };
}

export async function bulkActionBench(count = 200, actions = 4): Promise<BulkActionResult> {
  const server = await startBatonServer({ withApp: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const result: BulkActionResult = { tickets: count, firstMs: 0, cachedMs: [], longestTaskMs: [] };
  try {
    await makeTickets(server, count);
    const colleague = await signedIn(browser, server, COLLEAGUE.id);
    await colleague.page.goto(`${server.url}/w/${DEMO_WORKSPACE_ID}/board`);
    await colleague.page.waitForSelector('[data-testid="ticket-card"]');

    const actor = await signedIn(browser, server, MEMBER.id);
    const page = actor.page;
    await page.goto(`${server.url}/w/${DEMO_WORKSPACE_ID}/views/open`);
    await page.locator('main [data-search-box]').fill(MARK);
    // Only the bench's tickets listed (the first 100, and "show more"), the index loaded.
    await page.getByTestId('show-more').waitFor();
    await page
      .getByTestId('ticket-row')
      .filter({ hasNotText: MARK })
      .first()
      .waitFor({ state: 'detached' });
    await page.getByTestId('select-shown').check();
    await page.getByTestId('bulk-select-all').click();
    const counted = (await page.getByTestId('bulk-count').textContent())?.replace(/\D/g, '');
    if (Number(counted) !== count) throw new Error(`selected ${counted}, not ${count}`);
    await pageSettled(page);

    const statuses = ['pending', 'on-hold'];
    for (let i = 0; i < actions; i++) {
      const status = statuses[i % 2]!;
      const target = (await columnCount(colleague.page, status)) + count;
      const seen = whenColumnHolds(colleague.page, status, target);
      const { at, longest } = await act(page, status);
      const ms = (await seen) - at;
      if (i === 0) result.firstMs = ms;
      else result.cachedMs.push(ms);
      await page.getByTestId('bulk-status').waitFor();
      result.longestTaskMs.push(await longest());
      await pageSettled(page);
    }
    await actor.context.close();
    await colleague.context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
  return result;
}

// `node --import tsx bench/bulk-action.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await bulkActionBench(Number(process.argv[2] ?? 200))));
}
