/**
 * Vacations and out-of-office periods end to end on the server: a real Baton (relay, SQLite,
 * workers) over a temp folder with a fake clock. Members write their own profiles (and
 * tickets) through the checked write path, as clients do; when a period starts the away worker
 * hands the member's open tickets to the substitute or back to the queue as the system actor.
 * Each test waits, bounded and named, for what a user would see: the assignee, the handover
 * note and the activity entry that says why.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import type { Role } from '../../src/lib/domain/roles.ts';
import {
  SYSTEM_ACTOR,
  weekFromLegacy,
  type Actor,
  type AwayPeriod
} from '../../src/lib/domain/schema.ts';
import {
  assign,
  createTicket,
  readActivity,
  readTicket,
  setStatus,
  signHandover,
  ticketParts
} from '../../src/lib/domain/ticket.ts';
import { indexParts, putMember, readIndex } from '../../src/lib/domain/workspace-index.ts';
import type { AwayMove } from '../../server/workers/away-reassign.ts';
import { person, type Person } from './auth-helpers.ts';
import { cleanupAfterEach, startBaton, tempDir, until, type RunningBaton } from './helpers.ts';

/** Monday 2 March 2026, 08:00 UTC (10:00 in Helsinki). */
const MONDAY = Date.UTC(2026, 2, 2, 8, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFICE = weekFromLegacy({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' });

class FakeClock {
  constructor(public at: number) {}
  now = () => this.at;
}

interface Member {
  person: Person;
  actor: Actor;
}

async function setUp(cleanups: ReturnType<typeof cleanupAfterEach>, clock: FakeClock) {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const sweeps: { workspaceId: string; moved: readonly AwayMove[] }[] = [];
  const start = () =>
    startBaton(
      dir.path,
      { demo: false },
      {
        clock,
        awayTickMs: 20,
        awaySwept: (workspaceId, moved) => sweeps.push({ workspaceId, moved })
      }
    );
  let relay = await start();
  cleanups.push(() => relay.stop());
  const owner = person(relay.baton, 'owner', 'owner');
  const created = relay.baton.accounts.createWorkspace(owner.id, { name: 'Away' }, { ip: null });
  if (!created.ok) throw new Error(created.message);
  const workspaceId = created.workspace.id;
  return {
    get relay() {
      return relay;
    },
    sweeps,
    workspaceId,
    owner: { person: owner, actor: { id: owner.id, name: owner.name } },
    async restart() {
      await relay.stop();
      relay = await start();
    }
  };
}

/** Writes `change` to the document as `by`, through the checked path a client's update takes. */
function write(relay: RunningBaton, name: string, by: Member, change: (doc: Y.Doc) => void) {
  const local = new Y.Doc();
  const state = relay.baton.docs.read(name, (doc) => Y.encodeStateAsUpdate(doc));
  if (state) Y.applyUpdate(local, state);
  const before = Y.encodeStateVector(local);
  change(local);
  return relay.baton.docs.applyFromClient(name, Y.encodeStateAsUpdate(local, before), {
    memberId: by.person.id,
    workspaceId: ''
  });
}

function mustWrite(relay: RunningBaton, name: string, by: Member, change: (doc: Y.Doc) => void) {
  const verdict = write(relay, name, by, change);
  if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
}

/** A member with a role and their own profile in the index, written by themselves. */
function member(relay: RunningBaton, workspaceId: string, role: Role, label: string): Member {
  const p = person(relay.baton, role, label);
  relay.baton.accounts.ensureMembership(workspaceId, p.id, role);
  const m = { person: p, actor: { id: p.id, name: p.name } };
  // Light agents and viewers cannot write the index: the server creates their profile.
  relay.baton.docs.change(indexDocName(workspaceId), (doc) =>
    putMember(doc, {
      id: p.id,
      name: p.name,
      timeZone: 'Europe/Helsinki',
      workingHours: OFFICE,
      skills: []
    })
  );
  return m;
}

/** The member sets their own away periods on their profile (as the profile page does). */
function setAway(relay: RunningBaton, workspaceId: string, who: Member, away: AwayPeriod[]) {
  mustWrite(relay, indexDocName(workspaceId), who, (doc) => {
    const own = readIndex(doc).members.get(who.person.id);
    if (!own) throw new Error('no profile');
    putMember(doc, { ...own, away });
  });
}

let tickets = 0;
function newTicket(
  relay: RunningBaton,
  workspaceId: string,
  by: Member,
  assignee: Member | null,
  at: number
): string {
  tickets++;
  const id = `ticket-away-${String(tickets).padStart(4, '0')}-${process.pid}`;
  mustWrite(relay, ticketDocName(id), by, (doc) => {
    createTicket(
      doc,
      {
        id,
        workspaceId,
        subject: `Question ${tickets}`,
        channel: 'email',
        firstMessage: { kind: 'note', body: 'The customer called.', author: by.actor }
      },
      by.actor,
      at
    );
    if (assignee) assign(doc, assignee.person.id, by.actor, at);
  });
  return id;
}

const ticketOf = (relay: RunningBaton, id: string) =>
  relay.baton.docs.read(ticketDocName(id), (doc) => ({
    ticket: readTicket(doc),
    away: readActivity(doc).filter((e) => e.kind === 'away')
  }));

const assigneeOf = (relay: RunningBaton, id: string) =>
  ticketOf(relay, id)?.ticket?.fields.assigneeId;

/** Waits for `count` more sweeps of the workspace than it has seen so far. */
async function sweepsLater(
  sweeps: { workspaceId: string }[],
  workspaceId: string,
  count = 2
): Promise<void> {
  const seen = sweeps.filter((s) => s.workspaceId === workspaceId).length;
  await until(
    () => sweeps.filter((s) => s.workspaceId === workspaceId).length >= seen + count,
    `${count} more away sweeps of the workspace`
  );
}

const period = (
  kind: AwayPeriod['kind'],
  from: number,
  to: number,
  substituteId: string | null
): AwayPeriod => ({ id: `away-${kind}-${from}`, kind, from, to, substituteId });

describe('away periods hand tickets over', () => {
  const cleanups = cleanupAfterEach();

  it('when a vacation starts, hands the open tickets to the substitute with their handover notes, once, across a restart', async () => {
    const clock = new FakeClock(MONDAY);
    const t = await setUp(cleanups, clock);
    const { workspaceId, owner } = t;
    const aino = member(t.relay, workspaceId, 'agent', 'aino');
    const mads = member(t.relay, workspaceId, 'agent', 'mads');
    const open = newTicket(t.relay, workspaceId, owner, aino, MONDAY - DAY);
    const noted = newTicket(t.relay, workspaceId, owner, aino, MONDAY - DAY);
    const pending = newTicket(t.relay, workspaceId, owner, aino, MONDAY - DAY);
    const solved = newTicket(t.relay, workspaceId, owner, aino, MONDAY - DAY);
    const madsOwn = newTicket(t.relay, workspaceId, owner, mads, MONDAY - DAY);
    mustWrite(t.relay, ticketDocName(noted), aino, (doc) => {
      ticketParts(doc).handover.insert(0, 'Customer waits for the refund; call back Tuesday.');
      signHandover(doc, null, aino.actor, MONDAY - HOUR);
    });
    mustWrite(t.relay, ticketDocName(pending), aino, (doc) =>
      setStatus(doc, 'pending', aino.actor, MONDAY - HOUR)
    );
    mustWrite(t.relay, ticketDocName(solved), aino, (doc) =>
      setStatus(doc, 'solved', aino.actor, MONDAY - HOUR)
    );

    // Vacation from Tuesday to the next Monday, Mads stands in.
    const vacation = period('vacation', MONDAY + DAY, MONDAY + 7 * DAY, mads.person.id);
    setAway(t.relay, workspaceId, aino, [vacation]);
    await sweepsLater(t.sweeps, workspaceId);
    expect(assigneeOf(t.relay, open), 'nothing moves before the period starts').toBe(
      aino.person.id
    );

    clock.at = vacation.from;
    await until(() => assigneeOf(t.relay, open) === mads.person.id, 'the open ticket goes to Mads');
    await until(() => assigneeOf(t.relay, pending) === mads.person.id, 'the pending one too');
    await until(() => assigneeOf(t.relay, noted) === mads.person.id, 'the one with a note too');
    expect(assigneeOf(t.relay, solved), 'a solved ticket stays').toBe(aino.person.id);
    expect(assigneeOf(t.relay, madsOwn)).toBe(mads.person.id);

    const withNote = ticketOf(t.relay, noted)?.ticket;
    expect(withNote?.handover).toBe('Customer waits for the refund; call back Tuesday.');
    expect(withNote?.handoverMeta).toEqual({
      updatedBy: SYSTEM_ACTOR.id,
      updatedAt: vacation.from,
      toMemberId: mads.person.id
    });
    const activity = t.relay.baton.docs.read(ticketDocName(open), readActivity) ?? [];
    expect(activity.slice(-3)).toEqual([
      {
        at: vacation.from,
        actorId: SYSTEM_ACTOR.id,
        kind: 'assignee',
        from: aino.person.id,
        to: mads.person.id
      },
      { at: vacation.from, actorId: SYSTEM_ACTOR.id, kind: 'handover', to: mads.person.id },
      {
        at: vacation.from,
        actorId: SYSTEM_ACTOR.id,
        kind: 'away',
        from: aino.person.id,
        to: 'vacation'
      }
    ]);

    // During the vacation the owner gives Aino a ticket on purpose: it is left with her, also
    // after a restart, and nothing is handed over twice.
    clock.at = vacation.from + 2 * HOUR;
    mustWrite(t.relay, ticketDocName(madsOwn), owner, (doc) =>
      assign(doc, aino.person.id, owner.actor, clock.at)
    );
    await t.restart();
    // The worker learns of a workspace when its index loads (a member connects).
    t.relay.baton.docs.read(indexDocName(workspaceId), () => null);
    await sweepsLater(t.sweeps, workspaceId);
    clock.at = vacation.from + DAY;
    await sweepsLater(t.sweeps, workspaceId);
    expect(assigneeOf(t.relay, madsOwn)).toBe(aino.person.id);
    for (const id of [open, noted, pending]) {
      expect(ticketOf(t.relay, id)?.away, `one away entry on ${id}`).toHaveLength(1);
    }
    expect(t.sweeps.every((s) => s.moved.every((m) => m.periodId === vacation.id))).toBe(true);
    expect(t.sweeps.flatMap((s) => s.moved)).toHaveLength(3);
  });

  it('puts the tickets back in the queue without a substitute, or when the substitute cannot take them', async () => {
    const clock = new FakeClock(MONDAY);
    const t = await setUp(cleanups, clock);
    const { workspaceId, owner } = t;
    const aino = member(t.relay, workspaceId, 'agent', 'aino');
    const mads = member(t.relay, workspaceId, 'agent', 'mads');
    const viewer = member(t.relay, workspaceId, 'viewer', 'viewer');
    const first = newTicket(t.relay, workspaceId, owner, aino, MONDAY - DAY);
    const second = newTicket(t.relay, workspaceId, owner, mads, MONDAY - DAY);
    const third = newTicket(t.relay, workspaceId, owner, owner, MONDAY - DAY);

    // Aino is out of the office this afternoon with nobody named.
    setAway(t.relay, workspaceId, aino, [
      period('out-of-office', MONDAY + 4 * HOUR, MONDAY + 8 * HOUR, null)
    ]);
    // Mads names a viewer (who cannot work tickets) for his vacation.
    setAway(t.relay, workspaceId, mads, [
      period('vacation', MONDAY + 4 * HOUR, MONDAY + 3 * DAY, viewer.person.id)
    ]);
    // The owner names Mads, who is away himself by then.
    mustWrite(t.relay, indexDocName(workspaceId), owner, (doc) =>
      putMember(doc, {
        id: owner.person.id,
        name: owner.person.name,
        timeZone: 'America/Vancouver',
        workingHours: OFFICE,
        skills: [],
        away: [period('out-of-office', MONDAY + 5 * HOUR, MONDAY + 6 * HOUR, mads.person.id)]
      })
    );
    clock.at = MONDAY + 5 * HOUR;
    for (const id of [first, second, third]) {
      await until(() => assigneeOf(t.relay, id) === null, `ticket ${id} back in the queue`);
    }
    expect(ticketOf(t.relay, first)?.away).toEqual([
      {
        at: MONDAY + 5 * HOUR,
        actorId: SYSTEM_ACTOR.id,
        kind: 'away',
        from: aino.person.id,
        to: 'out-of-office'
      }
    ]);
    // No handover was signed to anyone: the queue is nobody.
    expect(ticketOf(t.relay, first)?.ticket?.handoverMeta).toBeNull();
    await until(
      () =>
        t.relay.baton.docs.read(
          indexDocName(workspaceId),
          (doc) => indexParts(doc).tickets.get(first)?.assigneeId
        ) === null,
      'the index shows the ticket unassigned'
    );
  });

  it('refuses a client that logs a handover for an away member itself', async () => {
    const clock = new FakeClock(MONDAY);
    const t = await setUp(cleanups, clock);
    const { workspaceId, owner } = t;
    const aino = member(t.relay, workspaceId, 'agent', 'aino');
    const id = newTicket(t.relay, workspaceId, owner, aino, MONDAY);
    const forged = write(t.relay, ticketDocName(id), owner, (doc) => {
      assign(doc, null, owner.actor, MONDAY);
      ticketParts(doc).activity.push([
        { at: MONDAY, actorId: owner.person.id, kind: 'away', from: aino.person.id, to: 'vacation' }
      ]);
    });
    expect(forged).toMatchObject({ ok: false, reason: 'server-owned' });
    expect(assigneeOf(t.relay, id)).toBe(aino.person.id);
  });

  it('refuses garbage in a profile through the write path, naming the field, and keeps the stored one', async () => {
    const clock = new FakeClock(MONDAY);
    const t = await setUp(cleanups, clock);
    const aino = member(t.relay, t.workspaceId, 'agent', 'aino');
    const name = indexDocName(t.workspaceId);
    const stored = () =>
      t.relay.baton.docs.read(name, (doc) => readIndex(doc).members.get(aino.person.id));
    const before = stored();
    const vacation = period('vacation', MONDAY + DAY, MONDAY + 2 * DAY, null);
    const cases: [string, unknown, RegExp][] = [
      [
        'overlapping hours',
        {
          ...before,
          workingHours: {
            ...OFFICE,
            mon: [
              ['09:00', '13:00'],
              ['12:00', '17:00']
            ]
          }
        },
        /workingHours\.mon\.1: intervals overlap/
      ],
      [
        'backwards hours',
        { ...before, workingHours: { ...OFFICE, tue: [['17:00', '09:00']] } },
        /workingHours\.tue\.0: an interval must end after it starts/
      ],
      ['a period that ends first', { ...before, away: [{ ...vacation, to: 0 }] }, /away\.0\.to: /],
      [
        'oneself as substitute',
        { ...before, away: [{ ...vacation, substituteId: aino.person.id }] },
        /away\.0\.substituteId: /
      ],
      ['an unknown field', { ...before, email: 'aino@example.test' }, /email/],
      ['a string', 'Aino, Mon–Fri', /members: value: /],
      ['null', null, /members: /]
    ];
    for (const [what, value, detail] of cases) {
      const verdict = write(t.relay, name, aino, (doc) =>
        indexParts(doc).members.set(aino.person.id, value as never)
      );
      expect(verdict, what).toMatchObject({ ok: false, reason: 'schema' });
      expect(verdict.ok ? '' : verdict.detail, what).toMatch(detail);
      expect(stored(), what).toEqual(before);
    }
    // And a legacy-shaped profile still reads (converted), as stored before #12.
    mustWrite(t.relay, name, aino, (doc) =>
      indexParts(doc).members.set(aino.person.id, {
        id: aino.person.id,
        name: aino.person.name,
        timeZone: 'Europe/Helsinki',
        workingHours: { days: [1, 2], start: '22:00', end: '06:00' },
        skills: []
      } as never)
    );
    expect(stored()?.workingHours).toMatchObject({
      mon: [['22:00', '24:00']],
      tue: [
        ['00:00', '06:00'],
        ['22:00', '24:00']
      ],
      wed: [['00:00', '06:00']]
    });
  });
});
