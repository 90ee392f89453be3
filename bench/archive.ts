/**
 * The archive at scale (#14.7): a workspace with 100,000 tickets, 90,000 of them closed long
 * ago, against one with 10,000 active tickets, side by side in one run.
 *
 * Each workspace is prepared in-process on its own data folder by the real Baton (the demo
 * workspace): summaries written into the index by the server and their tickets registered to
 * the workspace, as the projection and the write guard leave them (no ticket documents: the
 * board and the archive read only the index and the registry). In the big one, the archive
 * worker then sweeps until nothing is due — timed, reported per 10,000 tickets archived. Then
 * for both: the index document's size (its stored state, as a device downloads and keeps it),
 * and the board's cold open in headless Chromium against the real server on that folder
 * (`board-open.ts`), with the server's memory after it, idle with the index loaded.
 *
 *   node --import tsx bench/archive.ts [runs]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { createBaton } from '../server/baton.ts';
import { testConfig } from '../server/config.ts';
import { DEMO_WORKSPACE_ID } from '../server/auth.ts';
import { DEMO_MEMBERS } from '../server/demo/workspace.ts';
import { indexDocName, ticketDocName } from '../src/lib/domain/doc-names.ts';
import { newId, newProvisionalRef } from '../src/lib/domain/ids.ts';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketStatus,
  type TicketSummary
} from '../src/lib/domain/schema.ts';
import { indexParts } from '../src/lib/domain/workspace-index.ts';
import { openBoardBench } from './board-open.ts';
import { median, ms, printTable, type Row } from './stats.ts';

const DAY = 24 * 3_600_000;
const ACTIVE = TICKET_STATUSES.filter((s) => s !== 'closed');

function summary(i: number, status: TicketStatus, doneAt: number | null, now: number) {
  const id = newId();
  const value: TicketSummary = {
    id,
    number: i + 1000,
    ref: newProvisionalRef(),
    subject: `Load ticket ${i}: the export stops halfway on large accounts`,
    status,
    priority: TICKET_PRIORITIES[i % TICKET_PRIORITIES.length]!,
    assigneeId: i % 3 === 0 ? null : DEMO_MEMBERS[i % DEMO_MEMBERS.length]!.id,
    requesterId: null,
    channel: 'email',
    tags: i % 4 === 0 ? ['billing'] : ['bug', 'export'],
    createdAt: (doneAt ?? now) - 3 * DAY,
    updatedAt: doneAt ?? now - i * 30_000,
    firstResponseAt: null,
    solvedAt: doneAt,
    entryCount: 3,
    hasHandover: false
  };
  return value;
}

interface Prepared {
  dataDir: string;
  total: number;
  /** Bytes of the index's stored state, before and after archiving. */
  indexBytesBefore: number;
  indexBytesAfter: number;
  inIndex: number;
  archived: number;
  /** The archive worker's sweeps until nothing was due, ms per 10,000 tickets archived. */
  archiveMsPer10k: number | null;
}

async function prepare(active: number, closedLongAgo: number): Promise<Prepared> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-archive-'));
  const baton = await createBaton(testConfig({ dataDir, demo: true }), {
    register: false,
    log: () => {}
  });
  try {
    const name = indexDocName(DEMO_WORKSPACE_ID);
    const now = Date.now();
    const total = active + closedLongAgo;
    for (let start = 0; start < total; start += 5_000) {
      const slice: TicketSummary[] = [];
      for (let i = start; i < Math.min(total, start + 5_000); i++) {
        slice.push(
          i < closedLongAgo
            ? summary(i, 'closed', now - (100 + (i % 900)) * DAY, now)
            : summary(i, ACTIVE[i % ACTIVE.length]!, null, now)
        );
      }
      baton.docs.change(name, (doc) => {
        const tickets = indexParts(doc).tickets;
        for (const s of slice) tickets.set(s.id, s);
      });
      for (const s of slice) {
        baton.storage.registerDocument(ticketDocName(s.id), DEMO_WORKSPACE_ID, now);
      }
    }
    const size = () => baton.docs.read(name, (doc) => Y.encodeStateAsUpdate(doc).byteLength) ?? 0;
    const indexBytesBefore = size();
    let archived = 0;
    const started = performance.now();
    for (;;) {
      const n = baton.archive.worker.sweep(DEMO_WORKSPACE_ID);
      archived += n;
      if (n === 0) break;
    }
    const took = performance.now() - started;
    const indexBytesAfter = size();
    const inIndex = baton.docs.read(name, (doc) => indexParts(doc).tickets.size) ?? 0;
    return {
      dataDir,
      total,
      indexBytesBefore,
      indexBytesAfter,
      inIndex,
      archived,
      archiveMsPer10k: archived > 0 ? (took / archived) * 10_000 : null
    };
  } finally {
    await baton.close();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The archive's rows: `runs` cold opens of each board, alternating. */
export async function archiveBench(runs = 5): Promise<Row[]> {
  const small = await prepare(10_000, 0);
  const big = await prepare(10_000, 90_000);
  // Both boards open side by side, their cold opens alternating, so that a change in the
  // machine's load falls on both alike.
  const smallBench = await openBoardBench(small.total, { dataDir: small.dataDir });
  const bigBench = await openBoardBench(big.total, { dataDir: big.dataDir });
  const runsOf = () => ({ offlineMs: [] as number[], onlineMs: [] as number[], cardsShown: 0 });
  const smallBoard = runsOf();
  const bigBoard = runsOf();
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [bench, into] of [
      [smallBench, smallBoard],
      [bigBench, bigBoard]
    ] as const) {
      const run = await bench.openOnce();
      into.offlineMs.push(run.offlineMs);
      into.onlineMs.push(run.onlineMs);
      into.cardsShown = run.cards;
    }
    ratios.push(
      (bigBoard.offlineMs[i]! + bigBoard.onlineMs[i]!) /
        (smallBoard.offlineMs[i]! + smallBoard.onlineMs[i]!)
    );
  }
  const smallMemory = await smallBench.finish();
  const bigMemory = await bigBench.finish();

  const label = (p: Prepared) =>
    `${p.total.toLocaleString('en')} tickets (${p.archived.toLocaleString('en')} archived)`;
  const rows: Row[] = [];
  /** `ok: null`: a number reported, not judged. */
  const side = (
    measure: string,
    a: string,
    b: string,
    ratio: string,
    budget: string,
    ok: boolean | null
  ) =>
    rows.push({
      benchmark: `${label(big)} vs ${label(small)}`,
      measure,
      baton: b,
      reference: a,
      ratio,
      budget,
      verdict: ok === null ? 'info' : ok ? 'ok' : 'over'
    });
  const ratio = (b: number, a: number) => `${(b / a).toFixed(2)} ×`;

  const offA = median(smallBoard.offlineMs);
  const offB = median(bigBoard.offlineMs);
  side(
    `board first paint, offline (IndexedDB), median of ${runs}`,
    ms(offA),
    ms(offB),
    ratio(offB, offA),
    '≤ 400 ms',
    offB <= 400
  );
  const onA = median(smallBoard.onlineMs);
  const onB = median(bigBoard.onlineMs);
  side(
    `board first paint, online, median of ${runs}`,
    ms(onA),
    ms(onB),
    ratio(onB, onA),
    '≤ 400 ms',
    onB <= 400
  );
  const paired = median(ratios);
  side(
    `board first paint, offline + online, median of ${runs} alternating pairs`,
    '',
    '',
    `${paired.toFixed(2)} × (${ratios.map((r) => r.toFixed(2)).join(' ')})`,
    'as fast as 10,000 (≤ 1.2 ×)',
    paired <= 1.2
  );
  side(
    'cards on the board',
    String(smallBoard.cardsShown),
    String(bigBoard.cardsShown),
    '',
    'same',
    smallBoard.cardsShown === bigBoard.cardsShown
  );
  side(
    `index document (stored state); before archiving: ${mb(big.indexBytesBefore)}`,
    mb(small.indexBytesAfter),
    mb(big.indexBytesAfter),
    ratio(big.indexBytesAfter, small.indexBytesAfter),
    'reported',
    null
  );
  side(
    'server memory idle after the board runs, heap (rss)',
    `${mb(smallMemory.heapUsed)} (${mb(smallMemory.rss)})`,
    `${mb(bigMemory.heapUsed)} (${mb(bigMemory.rss)})`,
    ratio(bigMemory.heapUsed, smallMemory.heapUsed),
    'reported',
    null
  );
  rows.push({
    benchmark: 'archive worker',
    measure: `sweeps of the ${big.total.toLocaleString('en')}-ticket index, per 10,000 archived`,
    baton: big.archiveMsPer10k === null ? 'n/a' : ms(big.archiveMsPer10k),
    budget: '—',
    verdict: 'ok'
  });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(printTable(await archiveBench(Number(process.argv[2] ?? 5))));
}
