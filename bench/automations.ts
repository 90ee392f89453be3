/**
 * The automations worker's cycle: 50 rules (the three defaults and 47 more, time rules on every
 * condition kind) over a workspace of 10,000 tickets in the index, on a real Baton (SQLite, the
 * document manager, the worker as `npm start` runs it). 200 of the tickets are real documents
 * solved seven days ago, which the auto-close rule closes in the first cycle (claim, change,
 * store, activity); the rest are summaries only, as most of an index is to the worker. Reported:
 * the first cycle (with its runs), the steady cycle (every rule evaluated, nothing due), and
 * the worker's memory (heap before and after the cycles; the budget is time, memory is shown).
 *
 *   node --import tsx bench/automations.ts [cycles]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { createBaton } from '../server/baton.ts';
import { testConfig } from '../server/config.ts';
import { DEMO_WORKSPACE_ID } from '../server/auth.ts';
import { DEFAULT_AUTOMATIONS, type AutomationRuleRecord } from '../src/lib/domain/automation.ts';
import { indexDocName, settingsDocName, ticketDocName } from '../src/lib/domain/doc-names.ts';
import { newId, newProvisionalRef } from '../src/lib/domain/ids.ts';
import { putSettingsRecord } from '../src/lib/domain/settings.ts';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketStatus,
  type TicketSummary
} from '../src/lib/domain/schema.ts';
import { createTicket, setStatus } from '../src/lib/domain/ticket.ts';
import { indexParts, summarizeDoc } from '../src/lib/domain/workspace-index.ts';
import { median, ms, printTable, type Row } from './stats.ts';

const DAY = 24 * 3_600_000;
const TICKETS = 10_000;
const WITH_DOCUMENTS = 200;
const agent = { id: 'member-aino', name: 'Aino Virtanen' };

/** 47 more rules: each condition kind, thresholds spread so that few tickets match each. */
function moreRules(): AutomationRuleRecord[] {
  const out: AutomationRuleRecord[] = [];
  for (let i = 0; i < 47; i++) {
    const hours = 24 * (30 + i);
    const kind = i % 5;
    out.push({
      id: `bench-rule-${i}`,
      name: `Bench rule ${i}`,
      position: 10 + i,
      enabled: true,
      trigger: 'time',
      conditions:
        kind === 0
          ? { status: ['open'], priority: ['low'], hoursSinceUpdated: { atLeast: hours } }
          : kind === 1
            ? { status: ['pending'], tagsAll: ['billing'], hoursSincePending: { atLeast: hours } }
            : kind === 2
              ? { status: ['new'], subjectContains: `rule ${i}`, hoursSinceCreated: { atLeast: 1 } }
              : kind === 3
                ? { priority: ['urgent'], hoursUntilBreach: { atMost: -hours } }
                : {
                    tagsNone: ['export'],
                    organisation: ['Acme'],
                    hoursSinceCreated: { atLeast: 1 }
                  },
      actions: kind === 3 ? { addTags: ['escalated'] } : { priority: 'normal', addTags: [`r${i}`] }
    });
  }
  return out;
}

function summary(i: number, now: number): TicketSummary {
  const status: TicketStatus = TICKET_STATUSES.filter((s) => s !== 'closed')[i % 5]!;
  return {
    id: newId(),
    number: i + 1000,
    ref: newProvisionalRef(),
    subject: `Load ticket ${i}: the export stops halfway on large accounts`,
    status,
    priority: TICKET_PRIORITIES[i % TICKET_PRIORITIES.length]!,
    assigneeId: null,
    requesterId: null,
    channel: 'email',
    tags: i % 4 === 0 ? ['billing'] : ['bug', 'export'],
    createdAt: now - (i % 20) * DAY,
    updatedAt: now - (i % 10) * DAY,
    firstResponseAt: null,
    solvedAt: status === 'solved' ? now - DAY : null,
    entryCount: 3,
    hasHandover: false
  };
}

export interface AutomationsBench {
  rules: number;
  tickets: number;
  firstCycleMs: number;
  firstCycleRuns: number;
  steadyMs: number[];
  heapBeforeMb: number;
  heapAfterMb: number;
  rssMb: number;
}

export async function automationsBench(cycles = 5): Promise<AutomationsBench> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-automations-'));
  let now = Date.now();
  const clock = { now: () => now };
  const baton = await createBaton(testConfig({ dataDir, demo: false }), {
    register: false,
    clock,
    automationTickMs: 3_600_000,
    log: () => {}
  });
  try {
    const index = indexDocName(DEMO_WORKSPACE_ID);
    // Due 30 s after the rules are first seen: the first measured cycle closes them.
    const solvedAt = now - 7 * DAY + 30_000;
    const withDocs: TicketSummary[] = [];
    for (let i = 0; i < WITH_DOCUMENTS; i++) {
      const doc = new Y.Doc();
      const id = newId();
      createTicket(
        doc,
        { id, workspaceId: DEMO_WORKSPACE_ID, subject: `Solved ticket ${i}` },
        agent,
        solvedAt - DAY
      );
      setStatus(doc, 'solved', agent, solvedAt);
      const name = ticketDocName(id);
      baton.storage.registerDocument(name, DEMO_WORKSPACE_ID, solvedAt);
      baton.docs.change(name, (live) => Y.applyUpdate(live, Y.encodeStateAsUpdate(doc)));
      const s = summarizeDoc(doc);
      if (s) withDocs.push(s);
    }
    for (let start = 0; start < TICKETS - WITH_DOCUMENTS; start += 5_000) {
      const slice: TicketSummary[] = [];
      for (let i = start; i < Math.min(TICKETS - WITH_DOCUMENTS, start + 5_000); i++)
        slice.push(summary(i, now));
      baton.docs.change(index, (doc) => {
        const tickets = indexParts(doc).tickets;
        for (const s of slice) tickets.set(s.id, s);
      });
    }
    baton.docs.change(index, (doc) => {
      const tickets = indexParts(doc).tickets;
      for (const s of withDocs) tickets.set(s.id, s);
    });
    const rules = [...DEFAULT_AUTOMATIONS, ...moreRules()];
    baton.docs.change(settingsDocName(DEMO_WORKSPACE_ID), (doc) => {
      for (const rule of rules) {
        const refused = putSettingsRecord(doc, 'automations', rule);
        if (refused) throw new Error(refused);
      }
    });
    // Let the change and load listeners settle (their sweeps run on the next turns).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const worker = baton.automations.worker;
    // The rules are seen now; the first cycle is a minute later.
    worker.sweep(DEMO_WORKSPACE_ID);
    now += 60_000;
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let started = performance.now();
    const firstCycleRuns = worker.sweep(DEMO_WORKSPACE_ID);
    const firstCycleMs = performance.now() - started;
    const steadyMs: number[] = [];
    for (let i = 0; i < cycles; i++) {
      now += 60_000;
      started = performance.now();
      worker.sweep(DEMO_WORKSPACE_ID);
      steadyMs.push(performance.now() - started);
    }
    const memory = process.memoryUsage();
    return {
      rules: rules.length,
      tickets: TICKETS,
      firstCycleMs,
      firstCycleRuns,
      steadyMs,
      heapBeforeMb: heapBefore / 1024 / 1024,
      heapAfterMb: memory.heapUsed / 1024 / 1024,
      rssMb: memory.rss / 1024 / 1024
    };
  } finally {
    await baton.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The rows for `bench/run.ts`. */
export function automationRows(result: AutomationsBench): Row[] {
  const what = `automations: ${result.rules} rules over ${result.tickets.toLocaleString('en')} tickets`;
  const steady = median(result.steadyMs);
  return [
    {
      benchmark: what,
      measure: `first cycle (${result.firstCycleRuns} tickets closed as they ran)`,
      baton: ms(result.firstCycleMs),
      budget: '≤ 2 s',
      verdict: result.firstCycleMs <= 2_000 ? 'ok' : 'over'
    },
    {
      benchmark: what,
      measure: `a cycle with nothing due, median of ${result.steadyMs.length}`,
      baton: ms(steady),
      budget: '≤ 2 s',
      verdict: steady <= 2_000 ? 'ok' : 'over'
    },
    {
      benchmark: what,
      measure: 'heap before → after the cycles; process RSS',
      baton: `${result.heapBeforeMb.toFixed(0)} → ${result.heapAfterMb.toFixed(0)} MB; ${result.rssMb.toFixed(0)} MB`,
      budget: 'reported',
      verdict: 'info'
    }
  ];
}

if (process.argv[1]?.endsWith('automations.ts')) {
  const result = await automationsBench(Number(process.argv[2] ?? 5));
  console.log(printTable(automationRows(result)));
}
