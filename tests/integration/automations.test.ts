/**
 * Automations against the real server: the worker runs a workspace's rules on its tickets as
 * the system actor — a time rule on a clock the test moves, a trigger on a ticket created after
 * the rule — once per ticket state, logs each run in the ticket's activity, stops a rule that
 * would trigger itself with an error the admins see, and previews (test mode) without writing.
 * And the kill test: the server killed with SIGKILL in the middle of a sweep that closes many
 * tickets, then restarted, has run the rule at most once on every ticket.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import {
  AutomationRuleRecord,
  DEFAULT_AUTOMATIONS,
  automationProblem,
  type AutomationRuleRecord as Rule
} from '../../src/lib/domain/automation.ts';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { putSettingsRecord } from '../../src/lib/domain/settings.ts';
import { type TicketStatus } from '../../src/lib/domain/schema.ts';
import { readActivity, readTicket, setPriority, setStatus } from '../../src/lib/domain/ticket.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import { Rng } from '../../src/lib/domain/testing/prng.ts';
import { createAutomationServices } from '../../server/automations/service.ts';
import { activitySentence } from '../../src/lib/i18n/messages/ticket.ts';
import {
  AINO,
  MADS,
  WORKSPACE,
  cleanupAfterEach,
  connect,
  newTicket,
  startBaton,
  tempDir,
  ticketId,
  until,
  type RunningBaton
} from './helpers.ts';
import { spawnServer } from './child-server.ts';

const DAY = 24 * 3_600_000;
const WRITER = { memberId: AINO.id, workspaceId: '' };
const DEFAULT_CLOSE = DEFAULT_AUTOMATIONS.find((r) => r.id === 'close-solved') as Rule;
/** The default auto-close, narrowed to this test's tickets (the demo seed has old ones too). */
const CLOSE: Rule = {
  ...DEFAULT_CLOSE,
  conditions: { ...DEFAULT_CLOSE.conditions, subjectContains: 'Automation ' }
};

function testClock() {
  let now = Date.now();
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    }
  };
}

/** A ticket written by a client in `status`, set at `at`. */
function clientTicket(relay: RunningBaton, label: string, status: TicketStatus, at = Date.now()) {
  const id = ticketId(label);
  const doc = new Y.Doc();
  newTicket(doc, { id, subject: `Automation ${label}` });
  if (status !== 'new') setStatus(doc, status, AINO, at);
  const name = ticketDocName(id);
  const server = relay.baton.docs.read(name, (d) => Y.encodeStateVector(d));
  const update = Y.encodeStateAsUpdate(doc, server ?? undefined);
  expect(relay.baton.docs.applyFromClient(name, update, WRITER)).toMatchObject({ ok: true });
  return id;
}

/**
 * Saves a rule in the settings, and lets the worker see the change: change listeners run on
 * the next turn (`DocManager.onChange`), as they do for an admin's save.
 */
async function putRule(relay: RunningBaton, rule: Rule): Promise<void> {
  relay.baton.docs.change(settingsDocName(WORKSPACE), (doc) => {
    expect(putSettingsRecord(doc, 'automations', rule)).toBeNull();
  });
  await new Promise((resolve) => setImmediate(resolve));
}

const ticketOf = (relay: RunningBaton, id: string) =>
  relay.baton.docs.read(ticketDocName(id), (doc) => readTicket(doc));

const listed = (relay: RunningBaton, id: string) =>
  relay.baton.docs.read(indexDocName(WORKSPACE), (doc) => indexParts(doc).tickets.has(id)) === true;

/** The automation sentences in a ticket's activity, as the ticket page shows them. */
function automationLog(relay: RunningBaton, id: string): string[] {
  return (
    relay.baton.docs.read(ticketDocName(id), (doc) =>
      readActivity(doc)
        .filter((e) => e.kind === 'automation')
        .map((e) => activitySentence(e, { actor: 'Baton', nameOf: (x) => x }, { locale: 'en' }))
    ) ?? []
  );
}

describe('the automations worker', () => {
  const cleanups = cleanupAfterEach();
  async function start(clock = testClock()) {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startBaton(dir.path, {}, { clock, automationTickMs: 3_600_000 });
    cleanups.push(() => relay.stop());
    return { relay, clock };
  }

  it('closes a ticket solved seven days ago once, and says so in its activity', async () => {
    const { relay, clock } = await start();
    const solved = clientTicket(relay, 'solved', 'solved');
    const open = clientTicket(relay, 'open', 'open');
    await until(() => listed(relay, solved) && listed(relay, open), 'both in the index');
    await putRule(relay, CLOSE);
    expect(relay.baton.automations.worker.sweep(WORKSPACE)).toBe(0);
    expect(ticketOf(relay, solved)?.fields.status).toBe('solved');

    clock.advance(7 * DAY + 60_000);
    expect(relay.baton.automations.worker.sweep(WORKSPACE)).toBe(1);
    const closed = ticketOf(relay, solved);
    expect(closed?.fields.status).toBe('closed');
    expect(closed?.activity.at(-1)).toMatchObject({
      kind: 'automation',
      actorId: 'system-baton',
      from: 'Auto-close',
      to: 'status:closed'
    });
    expect(automationLog(relay, solved)).toEqual(["Automation 'Auto-close' closed the ticket"]);
    expect(ticketOf(relay, open)?.fields.status).toBe('open');
    expect(relay.baton.automations.store.runs(solved)).toEqual([
      expect.objectContaining({ ruleId: 'close-solved', state: 'done' })
    ]);
    // Again and again: nothing more.
    clock.advance(DAY);
    expect(relay.baton.automations.worker.sweep(WORKSPACE)).toBe(0);
    expect(automationLog(relay, solved)).toHaveLength(1);
  });

  it('fires a trigger for tickets created after the rule, not before', async () => {
    const { relay, clock } = await start();
    const before = clientTicket(relay, 'before', 'new');
    await until(() => listed(relay, before), 'the first ticket in the index');
    const rule = AutomationRuleRecord.parse({
      id: 'tag-new',
      name: 'Tag new mail',
      position: 1,
      enabled: true,
      trigger: 'created',
      conditions: { status: ['new'], subjectContains: 'Automation ' },
      actions: { addTags: ['triage'], priority: 'high' }
    });
    // The rule is first seen now (the server's clock caught up with the tickets' real time).
    clock.advance(Date.now() + 1 - clock.now());
    await putRule(relay, rule);
    relay.baton.automations.worker.sweep(WORKSPACE);
    await until(() => Date.now() > clock.now() + 5, 'real time passes the rule');
    const after = clientTicket(relay, 'after', 'new');
    await until(
      () => ticketOf(relay, after)?.tags.includes('triage') === true,
      'the rule tagged the new ticket'
    );
    expect(ticketOf(relay, after)?.fields.priority).toBe('high');
    expect(automationLog(relay, after)).toEqual([
      "Automation 'Tag new mail' set the priority to High and changed the tags"
    ]);
    relay.baton.automations.worker.sweep(WORKSPACE);
    expect(ticketOf(relay, before)?.tags).toEqual([]);
  });

  it('a notify action puts the ticket in the named member’s inbox, once per run', async () => {
    const { relay, clock } = await start();
    const rule = AutomationRuleRecord.parse({
      id: 'tell-mads',
      name: 'Tell Mads about urgent mail',
      position: 1,
      enabled: true,
      trigger: 'created',
      conditions: { subjectContains: 'Automation ' },
      actions: { notify: [MADS.id] }
    });
    clock.advance(Date.now() + 1 - clock.now());
    await putRule(relay, rule);
    relay.baton.automations.worker.sweep(WORKSPACE);
    await until(() => Date.now() > clock.now() + 5, 'real time passes the rule');
    const id = clientTicket(relay, 'notify', 'new');
    const inbox = () =>
      relay.baton.notifications.store.list(WORKSPACE, MADS.id).filter((i) => i.ticketId === id);
    await until(() => inbox().length > 0, 'the notice in Mads’s inbox');
    expect(inbox()).toEqual([
      expect.objectContaining({ kind: 'automation', ticketId: id, read: false })
    ]);
    expect(automationLog(relay, id)).toEqual([
      "Automation 'Tell Mads about urgent mail' sent a notification"
    ]);
    // Nobody else is told, and the run does not come again.
    expect(
      relay.baton.notifications.store.list(WORKSPACE, AINO.id).filter((i) => i.ticketId === id)
    ).toEqual([]);
    relay.baton.automations.worker.sweep(WORKSPACE);
    expect(inbox()).toHaveLength(1);
  });

  it('stops a rule that would trigger itself, with an error the admins see, writing nothing', async () => {
    const { relay } = await start();
    const id = clientTicket(relay, 'loop', 'open');
    await until(() => listed(relay, id), 'the ticket in the index');
    const before = ticketOf(relay, id)?.thread.length;
    await putRule(
      relay,
      AutomationRuleRecord.parse({
        id: 'noisy',
        name: 'Noisy',
        position: 1,
        enabled: true,
        trigger: 'updated',
        conditions: { status: ['open'], subjectContains: 'Automation ' },
        actions: { note: 'Still open.' }
      })
    );
    relay.baton.automations.worker.sweep(WORKSPACE);
    // A change to the ticket (a client's) is what the rule reacts to.
    const doc = new Y.Doc();
    const name = ticketDocName(id);
    Y.applyUpdate(
      doc,
      relay.baton.docs.read(name, (d) => Y.encodeStateAsUpdate(d)) ?? new Uint8Array()
    );
    setPriority(doc, 'high', AINO, Date.now());
    const server = relay.baton.docs.read(name, (d) => Y.encodeStateVector(d));
    expect(
      relay.baton.docs.applyFromClient(
        name,
        Y.encodeStateAsUpdate(doc, server ?? undefined),
        WRITER
      )
    ).toMatchObject({ ok: true });
    await until(
      () => relay.baton.automations.worker.ruleStates(WORKSPACE).some((r) => r.error !== null),
      'the rule stopped'
    );
    const [state] = relay.baton.automations.worker.ruleStates(WORKSPACE);
    expect(state?.error).toMatchObject({ kind: 'loop', ticketId: expect.any(String) });
    expect(ticketOf(relay, id)?.thread.length).toBe(before);
    expect(automationLog(relay, id)).toEqual([]);
  });

  it('shows in test mode which tickets a rule would touch, writing nothing', async () => {
    const { relay, clock } = await start();
    const old = clientTicket(relay, 'old', 'solved');
    const young = clientTicket(relay, 'young', 'solved');
    await until(() => listed(relay, old) && listed(relay, young), 'both in the index');
    clock.advance(8 * DAY);
    relay.baton.docs.change(ticketDocName(young), (doc) => {
      setStatus(doc, 'open', AINO, clock.now());
      setStatus(doc, 'solved', AINO, clock.now());
    });
    await until(
      () =>
        relay.baton.docs.read(
          indexDocName(WORKSPACE),
          (doc) => (indexParts(doc).tickets.get(young) as { solvedAt?: number }).solvedAt
        ) === clock.now(),
      'the index has the new solved time'
    );
    const preview = relay.baton.automations.worker.preview(WORKSPACE, CLOSE);
    const ids = preview.tickets.map((t) => t.ticketId);
    expect(ids).toContain(old);
    expect(ids).not.toContain(young);
    expect(preview.tickets.find((t) => t.ticketId === old)).toMatchObject({
      outcome: 'run',
      actions: ['status']
    });
    expect(ticketOf(relay, old)?.fields.status).toBe('solved');
    expect(relay.baton.automations.store.runs(old)).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------
// kill -9 in the middle of a sweep

describe('a server killed in the middle of an automation sweep', () => {
  const cleanups = cleanupAfterEach();

  it('has run the rule at most once on every ticket after a restart', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const COUNT = 600;
    // Prepared in-process: the rule off, and many tickets solved eight days ago.
    const prep = await startBaton(dir.path);
    const ids: string[] = [];
    for (let i = 0; i < COUNT; i++)
      ids.push(clientTicket(prep, `kill-${i}`, 'solved', Date.now() - 8 * DAY));
    await until(() => ids.every((id) => listed(prep, id)), 'every ticket in the index', 60_000);
    // The rule goes in with the worker stopped: it first runs in the child, on the index's load.
    prep.baton.automations.worker.stop();
    await putRule(prep, {
      ...CLOSE,
      conditions: { ...CLOSE.conditions, subjectContains: 'Automation kill-' }
    });
    await prep.stop();

    const db = new Database(join(dir.path, 'baton.sqlite'), {
      readonly: true,
      fileMustExist: true
    });
    cleanups.push(() => {
      db.close();
    });
    const claimed = () => {
      try {
        const row = db
          .prepare("SELECT count(*) AS n FROM automation_runs WHERE rule_id = 'close-solved'")
          .get() as { n: number };
        return row.n;
      } catch {
        return 0;
      }
    };
    expect(claimed()).toBe(0);

    const first = await spawnServer(dir.path);
    cleanups.push(() => {
      first.process.kill('SIGKILL');
    });
    // Loading the index starts the sweep.
    const watcher = connect(
      `ws://127.0.0.1:${first.port}/sync`,
      indexDocName(WORKSPACE),
      new Y.Doc()
    );
    cleanups.push(() => watcher.destroy());
    await until(() => claimed() > 0, 'the sweep started', 60_000);
    first.process.kill('SIGKILL');
    await first.exited;
    watcher.destroy();
    const atKill = claimed();
    expect(atKill, 'killed in the middle of the sweep').toBeLessThan(COUNT);

    const second = await startBaton(dir.path);
    cleanups.push(() => second.stop());
    second.baton.automations.worker.sweep(WORKSPACE);
    await until(
      () => claimed() === COUNT,
      'every ticket has its one run after the restart',
      60_000
    );
    let closed = 0;
    for (const id of ids) {
      const entries = automationLog(second, id);
      expect(entries.length, `${id} ran at most once`).toBeLessThanOrEqual(1);
      const runs = second.baton.automations.store.runs(id);
      expect(runs).toHaveLength(1);
      const status = ticketOf(second, id)?.fields.status;
      if (entries.length === 1) {
        closed++;
        expect(status).toBe('closed');
      } else {
        // Claimed, then killed before its change was stored: lost, never run twice.
        expect(runs[0]?.state).toBe('interrupted');
        expect(status).toBe('solved');
      }
    }
    expect(closed).toBeGreaterThanOrEqual(COUNT - 5);
  }, 300_000);
});

// ------------------------------------------------------------------------------------------
// Garbage rule definitions: at the settings boundary (an owner's update) and the test mode

/** A valid rule with one seeded mutation: a field dropped, retyped, oversized or unknown. */
function mutated(rng: Rng): unknown {
  const rule = structuredClone(CLOSE) as unknown as Record<string, unknown>;
  const conditions = rule.conditions as Record<string, unknown>;
  const actions = rule.actions as Record<string, unknown>;
  const garbage = [
    null,
    42,
    -1,
    Number.NaN,
    'x'.repeat(30_000),
    [],
    {},
    true,
    '{{ ticket.nope }}',
    '{% include "x" %}',
    { atLeast: 'many' },
    ['parked']
  ];
  const pick = <T>(list: readonly T[]) => list[rng.int(0, list.length - 1)] as T;
  const target = pick([rule, conditions, actions]);
  const keys = Object.keys(target);
  switch (rng.int(0, 3)) {
    case 0:
      delete target[pick(keys)];
      break;
    case 1:
      target[pick(keys)] = pick(garbage);
      break;
    case 2:
      target[pick(['shell', '__proto__x', 'constructor', 'evil'])] = pick(garbage);
      break;
    default:
      target[pick(['reply', 'note', 'subjectContains', 'status', 'hoursUntilBreach'])] =
        pick(garbage);
  }
  return rule;
}

describe('garbage automation rules', () => {
  const cleanups = cleanupAfterEach();

  it('are refused at the settings boundary naming the field, and nothing of them is stored', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startBaton(dir.path);
    cleanups.push(() => relay.stop());
    const name = settingsDocName(WORKSPACE);
    const rng = new Rng(15_08);
    let refused = 0;
    for (let i = 0; i < 150; i++) {
      const value = mutated(rng);
      const problem = automationProblem(value);
      const client = new Y.Doc();
      Y.applyUpdate(
        client,
        relay.baton.docs.read(name, (d) => Y.encodeStateAsUpdate(d)) ?? new Uint8Array()
      );
      const before = Y.encodeStateVector(client);
      try {
        client.getMap('automations').set(CLOSE.id, value);
      } catch {
        continue; // Yjs itself refuses the value: no update can carry it.
      }
      const verdict = relay.baton.docs.applyFromClient(
        name,
        Y.encodeStateAsUpdate(client, before),
        WRITER
      );
      if (problem === null) {
        expect(verdict, JSON.stringify(value).slice(0, 200)).toMatchObject({ ok: true });
        continue;
      }
      refused++;
      expect(verdict, JSON.stringify(value).slice(0, 200)).toMatchObject({
        ok: false,
        detail: expect.stringMatching(/^automations(\.[a-z0-9-]+)?: \S/)
      });
      const stored = relay.baton.docs.read(name, (d) => d.getMap('automations').get(CLOSE.id));
      expect(stored === undefined || automationProblem(stored) === null).toBe(true);
    }
    expect(refused).toBeGreaterThan(100);
  });

  it('are refused by the test mode with a 400 naming the field', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startBaton(dir.path);
    cleanups.push(() => relay.stop());
    const service = createAutomationServices(relay.baton.automations.worker);
    expect(await service.test(WORKSPACE, 'rule')).toMatchObject({ status: 400 });
    expect(await service.test(WORKSPACE, { rule: CLOSE, extra: 1 })).toMatchObject({ status: 400 });
    const rng = new Rng(42);
    for (let i = 0; i < 60; i++) {
      const value = mutated(rng);
      const problem = automationProblem(value);
      const answer = await service.test(WORKSPACE, { rule: value });
      if (problem === null) {
        expect(answer.status).toBe(200);
        continue;
      }
      expect(answer).toEqual({
        status: 400,
        body: {
          error: expect.objectContaining({ reason: 'invalid-request', message: `rule.${problem}` })
        }
      });
    }
    expect(await service.test(WORKSPACE, { rule: CLOSE })).toMatchObject({ status: 200 });
  });
});
