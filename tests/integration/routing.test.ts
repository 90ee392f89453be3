/**
 * Routing end to end on the server: a real Baton (relay, SQLite, workers) over a temp folder
 * with a fake clock. The team writes through the checked write path as clients do (an admin
 * sets the routing mode, agents create and solve tickets); the routing worker assigns as the
 * system actor. Each test waits, bounded and named, for what a user would see: the ticket's
 * assignee and the activity entry that says why.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import type { CustomerLanguage } from '../../src/lib/domain/language.ts';
import type { Role } from '../../src/lib/domain/roles.ts';
import { SYSTEM_ACTOR, type Actor } from '../../src/lib/domain/schema.ts';
import { putSettingsRecord, type RoutingMode } from '../../src/lib/domain/settings.ts';
import {
  assign,
  createTicket,
  readActivity,
  readTicketFields,
  setStatus
} from '../../src/lib/domain/ticket.ts';
import { indexParts, putMember } from '../../src/lib/domain/workspace-index.ts';
import type { Routed } from '../../server/workers/routing.ts';
import { person, type Person } from './auth-helpers.ts';
import { cleanupAfterEach, startBaton, tempDir, until, type RunningBaton } from './helpers.ts';

/** Monday 2 March 2026, 10:00 UTC. */
const MONDAY_10 = Date.UTC(2026, 2, 2, 10, 0);
const HOUR = 3_600_000;
const DAY_SHIFT = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
const EVENING_SHIFT = { days: [1, 2, 3, 4, 5], start: '18:00', end: '23:00' };

class FakeClock {
  constructor(public at: number) {}
  now = () => this.at;
}

interface Member {
  person: Person;
  actor: Actor;
}

/** A Baton with a workspace, its owner, and the sweeps the routing worker reports. */
async function setUp(
  cleanups: ReturnType<typeof cleanupAfterEach>,
  clock: FakeClock,
  dir = tempDir(),
  observe = true
) {
  cleanups.push(dir.remove);
  const sweeps: { workspaceId: string; routed: readonly Routed[] }[] = [];
  // Only the tests that wait for a sweep listen: without a listener the worker must sweep too.
  const relay = await startBaton(
    dir.path,
    { demo: false },
    {
      clock,
      routingTickMs: 20,
      ...(observe
        ? {
            routingSwept: (workspaceId: string, routed: readonly Routed[]) =>
              sweeps.push({ workspaceId, routed })
          }
        : {})
    }
  );
  cleanups.push(() => relay.stop());
  return { relay, sweeps, dir };
}

function workspaceOf(relay: RunningBaton): { workspaceId: string; owner: Member } {
  const owner = person(relay.baton, 'owner', 'owner');
  const created = relay.baton.accounts.createWorkspace(
    owner.id,
    { name: 'Follow the sun' },
    { ip: null }
  );
  if (!created.ok) throw new Error(created.message);
  return {
    workspaceId: created.workspace.id,
    owner: { person: owner, actor: { id: owner.id, name: owner.name } }
  };
}

/** A member with a role and a profile in the index (time zone UTC). */
function member(
  relay: RunningBaton,
  workspaceId: string,
  role: Role,
  label: string,
  profile: { skills?: string[]; hours?: typeof DAY_SHIFT } = {}
): Member {
  const p = person(relay.baton, role, label);
  if (role !== 'owner') relay.baton.accounts.ensureMembership(workspaceId, p.id, role);
  relay.baton.docs.change(indexDocName(workspaceId), (doc) =>
    putMember(doc, {
      id: p.id,
      name: p.name,
      timeZone: 'UTC',
      workingHours: profile.hours ?? DAY_SHIFT,
      skills: profile.skills ?? []
    })
  );
  return { person: p, actor: { id: p.id, name: p.name } };
}

/** Writes `change` to the document as `by`, through the checked path a client's update takes. */
function write(relay: RunningBaton, name: string, by: Member, change: (doc: Y.Doc) => void) {
  const local = new Y.Doc();
  const state = relay.baton.docs.read(name, (doc) => Y.encodeStateAsUpdate(doc));
  if (state) Y.applyUpdate(local, state);
  const before = Y.encodeStateVector(local);
  change(local);
  const verdict = relay.baton.docs.applyFromClient(name, Y.encodeStateAsUpdate(local, before), {
    memberId: by.person.id,
    workspaceId: ''
  });
  if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
}

function setRouting(
  relay: RunningBaton,
  workspaceId: string,
  admin: Member,
  mode: RoutingMode,
  options: { capacity?: number | null; finnishRule?: boolean } = {}
) {
  write(relay, settingsDocName(workspaceId), admin, (doc) => {
    const refused =
      putSettingsRecord(doc, 'routing', {
        kind: 'assignment',
        id: 'assignment',
        mode,
        capacity: options.capacity ?? null
      }) ??
      (options.finnishRule
        ? putSettingsRecord(doc, 'routing', {
            kind: 'skill-rule',
            id: 'finnish',
            name: 'Finnish',
            position: 1,
            when: { languages: ['fi'] },
            skills: ['finnish']
          })
        : null);
    if (refused) throw new Error(refused);
  });
}

let tickets = 0;
/** A new ticket (ids in creation order), created by `by` at the clock's time. */
function newTicket(
  relay: RunningBaton,
  workspaceId: string,
  by: Member,
  clock: FakeClock,
  options: { language?: CustomerLanguage; subject?: string } = {}
): string {
  tickets++;
  const id = `ticket-${String(tickets).padStart(4, '0')}-${process.pid}`;
  write(relay, ticketDocName(id), by, (doc) =>
    createTicket(
      doc,
      {
        id,
        workspaceId,
        subject: options.subject ?? `Question ${tickets}`,
        channel: 'email',
        language: options.language ?? null,
        firstMessage: { kind: 'note', body: 'The customer called.', author: by.actor }
      },
      by.actor,
      clock.now()
    )
  );
  return id;
}

const assigneeOf = (relay: RunningBaton, ticketId: string) =>
  relay.baton.docs.read(ticketDocName(ticketId), (doc) => readTicketFields(doc)?.assigneeId);

const routedEntries = (relay: RunningBaton, ticketId: string) =>
  relay.baton.docs.read(ticketDocName(ticketId), (doc) =>
    readActivity(doc).filter((entry) => entry.kind === 'routed')
  ) ?? [];

async function assignedTo(relay: RunningBaton, ticketId: string, what: string): Promise<string> {
  await until(() => typeof assigneeOf(relay, ticketId) === 'string', what);
  return assigneeOf(relay, ticketId) ?? '';
}

/** Waits until the worker swept the workspace after its index held the ticket, then reads. */
async function afterASweep(
  relay: RunningBaton,
  sweeps: { workspaceId: string }[],
  workspaceId: string,
  ticketId: string
) {
  await until(
    () =>
      relay.baton.docs.read(indexDocName(workspaceId), (doc) =>
        indexParts(doc).tickets.has(ticketId)
      ) === true,
    'the index has the ticket'
  );
  const seen = sweeps.filter((s) => s.workspaceId === workspaceId).length;
  await until(
    () => sweeps.filter((s) => s.workspaceId === workspaceId).length >= seen + 2,
    'two more routing sweeps of the workspace'
  );
  return assigneeOf(relay, ticketId);
}

describe('routing to whoever is on shift', () => {
  const cleanups = cleanupAfterEach();

  it('gives a Finnish ticket to the Finnish speaker on shift: never off shift, never a light agent or viewer; the activity says why', async () => {
    const clock = new FakeClock(MONDAY_10);
    const { relay } = await setUp(cleanups, clock, tempDir(), false);
    const { workspaceId, owner } = workspaceOf(relay);
    member(relay, workspaceId, 'agent', 'evening', { skills: ['finnish'], hours: EVENING_SHIFT });
    member(relay, workspaceId, 'light-agent', 'light', { skills: ['finnish'] });
    member(relay, workspaceId, 'viewer', 'viewer', { skills: ['finnish'] });
    member(relay, workspaceId, 'agent', 'danish', { skills: ['danish'] });
    const finn = member(relay, workspaceId, 'agent', 'finn', { skills: ['Finnish', 'billing'] });
    setRouting(relay, workspaceId, owner, 'round-robin', { finnishRule: true });

    const id = newTicket(relay, workspaceId, owner, clock, { language: 'fi' });
    expect(await assignedTo(relay, id, 'the Finnish ticket is assigned')).toBe(finn.person.id);
    const fields = relay.baton.docs.read(ticketDocName(id), readTicketFields);
    expect(fields?.status).toBe('open');
    const activity = relay.baton.docs.read(ticketDocName(id), readActivity) ?? [];
    expect(activity.slice(-2)).toEqual([
      { at: MONDAY_10, actorId: SYSTEM_ACTOR.id, kind: 'assignee', from: null, to: finn.person.id },
      {
        at: MONDAY_10,
        actorId: SYSTEM_ACTOR.id,
        kind: 'routed',
        from: 'round-robin',
        to: 'finnish'
      }
    ]);
  });

  it('round-robin takes turns by id, and goes on where it stopped after a restart', async () => {
    const clock = new FakeClock(MONDAY_10);
    const first = await setUp(cleanups, clock, tempDir(), false);
    let relay = first.relay;
    const { workspaceId, owner } = workspaceOf(relay);
    // The owner is off shift, so the three agents take turns.
    relay.baton.docs.change(indexDocName(workspaceId), (doc) =>
      putMember(doc, {
        id: owner.person.id,
        name: owner.person.name,
        timeZone: 'UTC',
        workingHours: EVENING_SHIFT,
        skills: []
      })
    );
    const agents = ['a', 'b', 'c'].map((label) =>
      member(relay, workspaceId, 'agent', `rr-${label}`)
    );
    const order = agents.map((a) => a.person.id).sort();
    setRouting(relay, workspaceId, owner, 'round-robin');

    const ids = [1, 2, 3, 4].map(() => newTicket(relay, workspaceId, owner, clock));
    const got: string[] = [];
    for (const id of ids) got.push(await assignedTo(relay, id, `ticket ${id} is assigned`));
    expect(got).toEqual([order[0], order[1], order[2], order[0]]);

    // A restart on the same data: the turn was stored, so the next ticket goes to the second.
    await relay.stop();
    relay = (await setUp(cleanups, clock, { path: first.dir.path, remove: () => {} })).relay;
    const next = newTicket(relay, workspaceId, owner, clock);
    expect(await assignedTo(relay, next, 'the ticket after the restart is assigned')).toBe(
      order[1]
    );
    // Nothing was routed twice.
    for (const id of [...ids, next]) expect(routedEntries(relay, id)).toHaveLength(1);
  });

  it('least-loaded gives the ticket to whoever holds the fewest open tickets; a tie to the lower id', async () => {
    const clock = new FakeClock(MONDAY_10);
    const { relay } = await setUp(cleanups, clock);
    const { workspaceId, owner } = workspaceOf(relay);
    relay.baton.docs.change(indexDocName(workspaceId), (doc) =>
      putMember(doc, {
        id: owner.person.id,
        name: owner.person.name,
        timeZone: 'UTC',
        workingHours: EVENING_SHIFT,
        skills: []
      })
    );
    const [busy, idle, some] = ['busy', 'idle', 'some'].map((label) =>
      member(relay, workspaceId, 'agent', `ll-${label}`)
    );
    if (!busy || !idle || !some) throw new Error('three agents');
    // Before routing is on: busy holds two open tickets, some holds one.
    for (const holder of [busy, busy, some]) {
      const id = newTicket(relay, workspaceId, owner, clock);
      write(relay, ticketDocName(id), owner, (doc) =>
        assign(doc, holder.person.id, owner.actor, clock.now())
      );
    }
    await until(
      () =>
        relay.baton.docs.read(
          indexDocName(workspaceId),
          (doc) =>
            [...indexParts(doc).tickets.values()].filter((t) => t.assigneeId !== null).length === 3
        ) === true,
      'the index counts the three assigned tickets'
    );
    setRouting(relay, workspaceId, owner, 'least-loaded');

    const first = newTicket(relay, workspaceId, owner, clock);
    expect(await assignedTo(relay, first, 'the first ticket is assigned')).toBe(idle.person.id);
    await until(
      () =>
        relay.baton.docs.read(
          indexDocName(workspaceId),
          (doc) => indexParts(doc).tickets.get(first)?.assigneeId === idle.person.id
        ) === true,
      'the index counts it'
    );
    // idle and some hold one each now: the lower id gets the next.
    const second = newTicket(relay, workspaceId, owner, clock);
    const tie = [idle.person.id, some.person.id].sort()[0];
    expect(await assignedTo(relay, second, 'the second ticket is assigned')).toBe(tie);
    expect(routedEntries(relay, second)[0]).toMatchObject({ from: 'least-loaded', to: null });
  });

  it('keeps to the capacity; when an agent solves a ticket, the waiting one is theirs', async () => {
    const clock = new FakeClock(MONDAY_10);
    const { relay, sweeps } = await setUp(cleanups, clock);
    const { workspaceId, owner } = workspaceOf(relay);
    relay.baton.docs.change(indexDocName(workspaceId), (doc) =>
      putMember(doc, {
        id: owner.person.id,
        name: owner.person.name,
        timeZone: 'UTC',
        workingHours: EVENING_SHIFT,
        skills: []
      })
    );
    const agent = member(relay, workspaceId, 'agent', 'cap');
    setRouting(relay, workspaceId, owner, 'round-robin', { capacity: 1 });

    const first = newTicket(relay, workspaceId, owner, clock);
    expect(await assignedTo(relay, first, 'the first ticket is assigned')).toBe(agent.person.id);
    const waiting = newTicket(relay, workspaceId, owner, clock, { subject: 'Waits its turn' });
    expect(await afterASweep(relay, sweeps, workspaceId, waiting)).toBeNull();

    clock.at += HOUR;
    write(relay, ticketDocName(first), agent, (doc) =>
      setStatus(doc, 'solved', agent.actor, clock.now())
    );
    expect(await assignedTo(relay, waiting, 'the waiting ticket is assigned')).toBe(
      agent.person.id
    );
    expect(routedEntries(relay, waiting)[0]?.at).toBe(MONDAY_10 + HOUR);
  });

  it('gives nothing to agents off shift; the waiting ticket goes to the first who comes on', async () => {
    const clock = new FakeClock(Date.UTC(2026, 2, 2, 7, 30)); // Monday 07:30 UTC
    const { relay, sweeps } = await setUp(cleanups, clock);
    const { workspaceId, owner } = workspaceOf(relay);
    relay.baton.docs.change(indexDocName(workspaceId), (doc) =>
      putMember(doc, {
        id: owner.person.id,
        name: owner.person.name,
        timeZone: 'UTC',
        workingHours: EVENING_SHIFT,
        skills: []
      })
    );
    const early = member(relay, workspaceId, 'agent', 'early', {
      hours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '16:00' }
    });
    member(relay, workspaceId, 'agent', 'late', {
      hours: { days: [1, 2, 3, 4, 5], start: '12:00', end: '20:00' }
    });
    setRouting(relay, workspaceId, owner, 'round-robin');

    const id = newTicket(relay, workspaceId, owner, clock);
    expect(await afterASweep(relay, sweeps, workspaceId, id)).toBeNull();

    clock.at = Date.UTC(2026, 2, 2, 8, 0); // the early shift starts
    expect(await assignedTo(relay, id, 'the ticket goes to the early shift')).toBe(early.person.id);
  });

  it('does nothing in manual mode', async () => {
    const clock = new FakeClock(MONDAY_10);
    const { relay, sweeps } = await setUp(cleanups, clock);
    const { workspaceId, owner } = workspaceOf(relay);
    member(relay, workspaceId, 'agent', 'manual');
    setRouting(relay, workspaceId, owner, 'manual');
    const id = newTicket(relay, workspaceId, owner, clock);
    expect(await afterASweep(relay, sweeps, workspaceId, id)).toBeNull();
    expect(routedEntries(relay, id)).toEqual([]);
    // The same workspace with routing on: the ticket is assigned (the sweep above could have).
    setRouting(relay, workspaceId, owner, 'round-robin');
    expect(typeof (await assignedTo(relay, id, 'assigned once routing is on'))).toBe('string');
  });
});
