/**
 * The dashboard in the browser (#16): a workspace whose reporting store holds 100,000 tickets
 * and a year of history (`yearOfFacts` of `reports.ts`), the real Baton server on that data
 * folder, and headless Chromium signed in as the demo owner.
 *
 * - First paint: from navigation start to the first frame that shows the cards' numbers, the
 *   page opened cold in a new tab (the app's code cached, as for a lead who opens it daily).
 * - Filter change: from choosing another period to the first frame that shows its numbers
 *   (the request to the server, the answer, the cards and the charts rendered).
 *
 *   node --import tsx bench/dashboard-open.ts [total] [runs]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { DEMO_WORKSPACE_ID } from '../server/auth.ts';
import { migrate } from '../server/db/migrate.ts';
import { reportsSchema, ReportStore } from '../server/reports/store.ts';
import { coreSchema, openDataDir } from '../server/storage.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.ts';
import { MEMBER } from './board-open.ts';
import { startBatonServer } from './processes.ts';
import { yearOfFacts } from './reports.ts';
import { median, ms, printTable, type Row } from './stats.ts';

export interface DashboardOpenResult {
  tickets: number;
  firstPaintMs: number[];
  /** Per period chosen: ms from the choice to its numbers on screen, one per run. */
  filterMs: Map<string, number[]>;
}

/** The periods chosen after the first paint (`components/reports/periods.ts`). */
const PERIODS = ['last-30', 'last-365', 'this-week'] as const;

async function prepare(total: number): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-dashboard-'));
  const database = openDataDir(dataDir);
  try {
    await migrate(database, [coreSchema, reportsSchema]);
    const store = new ReportStore(database);
    const now = Date.now();
    const facts = await yearOfFacts(DEMO_WORKSPACE_ID, total, now);
    for (let i = 0; i < facts.length; i += 1000) store.putMany(facts.slice(i, i + 1000), now);
  } finally {
    await database.close();
  }
  return dataDir;
}

/** In the page: the cards' numbers as shown, or null while a report loads. */
interface BenchWindow {
  benchShown(): string | null;
  benchT0: number;
}

function installShownNumbers(): void {
  (window as unknown as BenchWindow).benchShown = () => {
    const meta = document.querySelector('.reports .meta');
    const values = [...document.querySelectorAll('[data-testid="report-value"]')];
    if (values.length === 0 || meta?.textContent?.includes('…')) return null;
    return values.map((v) => v.textContent).join('|');
  };
}

async function openOnce(
  context: BrowserContext,
  url: string
): Promise<{ firstPaintMs: number; filterMs: [string, number][] }> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    const painted = await page.waitForFunction(
      () => ((window as unknown as BenchWindow).benchShown() !== null ? performance.now() : false),
      null,
      { polling: 'raf', timeout: 30_000 }
    );
    const firstPaintMs = (await painted.jsonValue()) as number;
    const filterMs: [string, number][] = [];
    for (const period of PERIODS) {
      const before = await page.evaluate(() => (window as unknown as BenchWindow).benchShown());
      await page.evaluate((choice) => {
        const select = document.querySelector<HTMLSelectElement>('[data-testid="report-period"]');
        if (!select) throw new Error('no period select');
        (window as unknown as BenchWindow).benchT0 = performance.now();
        select.value = choice;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }, period);
      const shown = await page.waitForFunction(
        (was) => {
          const bench = window as unknown as BenchWindow;
          const now = bench.benchShown();
          return now !== null && now !== was ? performance.now() - bench.benchT0 : false;
        },
        before,
        { polling: 'raf', timeout: 30_000 }
      );
      filterMs.push([period, (await shown.jsonValue()) as number]);
    }
    return { firstPaintMs, filterMs };
  } finally {
    await page.close();
  }
}

export async function dashboardOpenBench(total = 100_000, runs = 5): Promise<DashboardOpenResult> {
  const dataDir = await prepare(total);
  const server = await startBatonServer({ withApp: true, dataDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    await context.addInitScript(installShownNumbers);
    const signIn = await context.request.post(`${server.url}/api/dev/sign-in`, {
      data: { memberId: MEMBER.id },
      headers: { origin: server.url }
    });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    const url = `${server.url}/w/${DEMO_WORKSPACE_ID}/reports`;
    await openOnce(context, url); // warm: the app's code and the workspace on the device
    const firstPaintMs: number[] = [];
    const filterMs = new Map<string, number[]>();
    for (let i = 0; i < runs; i++) {
      const run = await openOnce(context, url);
      firstPaintMs.push(run.firstPaintMs);
      for (const [period, ms] of run.filterMs) {
        filterMs.set(period, [...(filterMs.get(period) ?? []), ms]);
      }
    }
    return { tickets: total, firstPaintMs, filterMs };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** The rows of `npm run bench` (and of this file run on its own). */
export function dashboardRows(result: DashboardOpenResult): Row[] {
  const benchmark = `dashboard in Chromium, ${result.tickets.toLocaleString('en')} tickets, a year of history`;
  const first = median(result.firstPaintMs);
  const rows: Row[] = [
    {
      benchmark,
      measure: `first paint: navigation to the cards' numbers on screen, median of ${result.firstPaintMs.length}`,
      baton: ms(first),
      budget: '≤ 1 s',
      verdict: first <= 1000 ? 'ok' : 'over'
    }
  ];
  for (const [period, times] of result.filterMs) {
    const value = median(times);
    rows.push({
      benchmark,
      measure: `filter change to period "${period}": choice to its numbers on screen, median of ${times.length} (worst ${ms(Math.max(...times))})`,
      baton: ms(value),
      budget: '≤ 300 ms',
      verdict: value <= 300 ? 'ok' : 'over'
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const total = Number(process.argv[2] ?? 100_000);
  const runs = Number(process.argv[3] ?? 5);
  console.log(printTable(dashboardRows(await dashboardOpenBench(total, runs))));
}
