/**
 * Lighthouse (mobile, the default profile: a Moto G class phone on simulated slow 4G with 4×
 * CPU slowdown) on a public help-centre article page, against the built app served by Baton's
 * own server: the demo workspace opts in and publishes a public article (written into the
 * server's documents through the help module's own path: settings record, article, summary),
 * then a visitor with no cookie opens it. Scores are medians of `runs`; the page loads no
 * script at all, which the network list confirms.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { startBatonServer } from './processes.ts';
import { median } from './stats.ts';
import { failingAudits } from './lighthouse.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.ts';
import { articleDocName, indexDocName, settingsDocName } from '../src/lib/domain/doc-names.ts';
import { articleSummary, createArticle, setArticleStatus } from '../src/lib/domain/article.ts';
import { putArticleSummary } from '../src/lib/domain/article-list.ts';
import { putSettingsRecord } from '../src/lib/domain/settings.ts';

const FLAGS = ['--headless=new', ...CHROMIUM_ARGS];
const WORKSPACE = 'demo-workspace';
const SLUG = 'baton-demo-help';
const ARTICLE = 'bench-help-article-1';
const AINO = { id: 'member-aino', name: 'Aino Virtanen' };

export interface HelpLighthouseResult {
  route: string;
  runs: number;
  performance: number[];
  accessibility: number[];
  bestPractices: number[];
  seo: number[];
  lcpMs: number[];
  scripts: number;
  failing: string[];
}

/** Writes a document through the relay as Aino (the stock client), and waits for the server. */
async function write(url: string, name: string, change: (doc: Y.Doc) => void): Promise<void> {
  const doc = new Y.Doc({ gc: !name.startsWith('kb/') });
  const Socket = class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, {
        headers: { cookie: 'baton_dev_member=member-aino', origin: url }
      });
    }
  };
  const provider = new WebsocketProvider(`${url.replace('http', 'ws')}/sync`, name, doc, {
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    disableBc: true
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not sync in 20 s`)), 20_000);
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    change(doc);
    // Sent on the next turn; a round trip (the next sync) proves the server took it.
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  p.insert(0, [t]);
  t.insert(0, text);
  return p;
}

async function publish(url: string): Promise<void> {
  await write(url, settingsDocName(WORKSPACE), (doc) => {
    const refused = putSettingsRecord(doc, 'helpCentre', {
      id: 'help-centre',
      enabled: true,
      slug: SLUG,
      name: 'Baton demo help',
      colour: '#1d4ed8'
    });
    if (refused) throw new Error(refused);
  });
  let summary: ReturnType<typeof articleSummary> = null;
  await write(url, articleDocName(ARTICLE), (doc) => {
    createArticle(
      doc,
      {
        id: ARTICLE,
        workspaceId: WORKSPACE,
        title: 'Changing your delivery address',
        language: 'en',
        visibility: 'public',
        category: 'Orders'
      },
      AINO,
      Date.now()
    );
    const body = doc.getXmlFragment('body');
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 1 as unknown as string);
    const headingText = new Y.XmlText();
    heading.insert(0, [headingText]);
    headingText.insert(0, 'Before the order ships');
    body.insert(0, [
      paragraph('You can change where an order goes until it leaves our warehouse.'),
      heading,
      paragraph(
        'Open the order from the confirmation email and choose Edit address. Enter the new address and save it; you get a new confirmation at once.'
      ),
      paragraph(
        'If the order has already shipped, reply to the shipping email and we ask the carrier to redirect it.'
      )
    ]);
    setArticleStatus(doc, 'published', AINO, Date.now());
    summary = articleSummary(doc);
  });
  await write(url, indexDocName(WORKSPACE), (doc) => putArticleSummary(doc, summary!));
}

export async function lighthouseHelpCentre(runs = 3): Promise<HelpLighthouseResult> {
  const server = await startBatonServer({ withApp: true });
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: FLAGS });
  const route = `/help/${SLUG}/articles/${ARTICLE}`;
  const result: HelpLighthouseResult = {
    route,
    runs,
    performance: [],
    accessibility: [],
    bestPractices: [],
    seo: [],
    lcpMs: [],
    scripts: 0,
    failing: []
  };
  try {
    await publish(server.url);
    const check = await fetch(`${server.url}${route}`);
    if (check.status !== 200) throw new Error(`the article page answered ${check.status}`);
    for (let i = 0; i < runs; i++) {
      const outcome = await lighthouse(
        `${server.url}${route}`,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo']
        },
        undefined
      );
      if (!outcome) throw new Error('Lighthouse returned no result');
      const { lhr } = outcome;
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      result.performance.push(score('performance'));
      result.accessibility.push(score('accessibility'));
      result.bestPractices.push(score('best-practices'));
      result.seo.push(score('seo'));
      result.lcpMs.push(lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN);
      if (i === 0) {
        const details = lhr.audits['network-requests']?.details as
          { items?: { resourceType?: string }[] } | undefined;
        result.scripts = (details?.items ?? []).filter(
          (item) => item.resourceType === 'Script'
        ).length;
        result.failing = failingAudits(
          lhr,
          ['performance', 'accessibility', 'best-practices', 'seo'],
          1
        );
      }
    }
  } finally {
    chrome.kill();
    await server.stop();
  }
  return result;
}

export function helpCentreMedians(result: HelpLighthouseResult) {
  return {
    performance: median(result.performance),
    accessibility: median(result.accessibility),
    bestPractices: median(result.bestPractices),
    seo: median(result.seo),
    lcpMs: median(result.lcpMs)
  };
}

// `node --import tsx bench/help-centre.ts [runs]` runs it alone and prints the details.
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await lighthouseHelpCentre(Number(process.argv[2] ?? 1));
  console.log(JSON.stringify({ ...result, medians: helpCentreMedians(result) }, null, 2));
}
