/**
 * Lighthouse (the npm package, 12.x: 13 needs Node 22) on the phone's triage route and on the
 * desk's board, against the built app served by Baton's own server, in Debian's Chromium
 * launched by chrome-launcher.
 *
 * The triage route runs Lighthouse's default profile, the mobile one (a Moto G class phone,
 * simulated slow 4G and 4× CPU slowdown); the board its desktop profile (a desktop screen,
 * simulated cable-speed network, no slowdown). Lighthouse resets storage before each run, so this is a first visit: no
 * service worker cache, no IndexedDB, the index pulled from the server. The member is signed
 * in through the development cookie sent with every request. Scores are medians of `runs`;
 * the JavaScript size is what the route loaded, each script gzipped (level 9) from
 * `build/client` the way the board benchmark counts it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { startBatonServer } from './processes.ts';
import { median } from './stats.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.ts';

const FLAGS = ['--headless=new', ...CHROMIUM_ARGS];

export interface LighthouseResult {
  route: string;
  runs: number;
  performance: number[];
  accessibility: number[];
  bestPractices: number[];
  /** Gzipped bytes of the scripts the route loaded (first run). */
  scriptGzipBytes: number;
  /** Largest contentful paint (simulated mobile), ms, per run. */
  lcpMs: number[];
  /** Audits that did not pass, for the report. */
  failing: string[];
}

interface NetworkItem {
  url: string;
  resourceType?: string;
}

function scriptBytes(items: readonly NetworkItem[]): number {
  let total = 0;
  for (const item of items) {
    if (item.resourceType !== 'Script') continue;
    const file = `build/client${new URL(item.url).pathname}`;
    if (existsSync(file)) total += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return total;
}

export function lighthouseTriage(runs = 3): Promise<LighthouseResult> {
  return lighthouseRoute('/w/demo-workspace/triage', runs, 'mobile');
}

export function lighthouseBoard(runs = 3): Promise<LighthouseResult> {
  return lighthouseRoute('/w/demo-workspace/board', runs, 'desktop');
}

async function lighthouseRoute(
  route: string,
  runs: number,
  profile: 'mobile' | 'desktop'
): Promise<LighthouseResult> {
  const config = profile === 'desktop' ? desktopConfig : undefined;
  const server = await startBatonServer({ withApp: true });
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: FLAGS });
  const result: LighthouseResult = {
    route,
    runs,
    performance: [],
    accessibility: [],
    bestPractices: [],
    scriptGzipBytes: 0,
    lcpMs: [],
    failing: []
  };
  try {
    for (let i = 0; i < runs; i++) {
      const outcome = await lighthouse(
        `${server.url}${route}`,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices'],
          // The text-compression audit (an opportunity, no weight in the score) reads the body of
          // every text response, and the inbox's event stream never ends: Lighthouse waited on
          // it until its protocol timeout and failed the run.
          skipAudits: ['uses-text-compression'],
          extraHeaders: { Cookie: 'baton_dev_member=member-aino' }
        },
        config
      );
      if (!outcome) throw new Error('Lighthouse returned no result');
      const { lhr } = outcome;
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      result.performance.push(score('performance'));
      result.accessibility.push(score('accessibility'));
      result.bestPractices.push(score('best-practices'));
      result.lcpMs.push(lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN);
      if (i === 0) {
        const details = lhr.audits['network-requests']?.details as
          { items?: NetworkItem[] } | undefined;
        result.scriptGzipBytes = scriptBytes(details?.items ?? []);
        result.failing = failingAudits(
          lhr,
          ['performance', 'accessibility', 'best-practices'],
          0.9
        );
      }
    }
  } finally {
    chrome.kill();
    await server.stop();
  }
  return result;
}

type Report = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

/** The weighted audits of the given categories scoring under `below`, as "category/audit (score)". */
export function failingAudits(lhr: Report, categories: readonly string[], below: number): string[] {
  const failing: string[] = [];
  for (const category of categories) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < below) {
        failing.push(`${category}/${ref.id} (${Math.round(audit.score * 100)})`);
      }
    }
  }
  return failing;
}

export function lighthouseMedians(result: LighthouseResult): {
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
} {
  return {
    performance: median(result.performance),
    accessibility: median(result.accessibility),
    bestPractices: median(result.bestPractices),
    lcpMs: median(result.lcpMs)
  };
}

// `node --import tsx bench/lighthouse.ts [runs] [board]` runs one route alone and prints the details.
if (import.meta.url === `file://${process.argv[1]}`) {
  const run = process.argv[3] === 'board' ? lighthouseBoard : lighthouseTriage;
  const result = await run(Number(process.argv[2] ?? 1));
  console.log(JSON.stringify({ ...result, medians: lighthouseMedians(result) }, null, 2));
}
