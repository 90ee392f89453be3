/**
 * The index carries each ticket's next SLA due time: the server's index projection reads the
 * workspace's policies and calendars from its settings document, an admin's write, and puts
 * the running clock due first into the summary — and takes it out when the clock stops.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { putSettingsRecord } from '../../src/lib/domain/settings.ts';
import { SYSTEM_ACTOR } from '../../src/lib/domain/schema.ts';
import {
  addThreadEntry,
  createTicket,
  readTicket,
  setPriority
} from '../../src/lib/domain/ticket.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import {
  AINO,
  WORKSPACE,
  cleanupAfterEach,
  newTicket,
  startBaton,
  tempDir,
  ticketId,
  until
} from './helpers.ts';

const WRITER = { memberId: AINO.id, workspaceId: '' };
const HOUR = 3_600_000;

/** A calendar that counts every hour (`utc`), for policies in calendar time. */
function roundTheClock(settings: Y.Doc) {
  expect(
    putSettingsRecord(settings, 'calendars', {
      id: 'utc',
      name: 'Round the clock',
      timeZone: 'UTC',
      week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: []
    })
  ).toBeNull();
}

describe('the summary gets its next due time from the SLA policy', () => {
  const cleanups = cleanupAfterEach();

  it('an urgent ticket is due an hour after it came in (round the clock); a reply clears it', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startBaton(dir.path);
    cleanups.push(() => relay.stop());
    const { docs } = relay.baton;

    const settings = new Y.Doc();
    roundTheClock(settings);
    expect(
      putSettingsRecord(settings, 'slaPolicies', {
        id: 'urgent',
        name: 'Urgent',
        position: 1,
        conditions: { priorities: ['urgent'] },
        targets: { firstReply: { minutes: 60, time: 'calendar' } },
        calendarId: 'utc',
        warnAtPercent: 75,
        pauseStatuses: ['pending']
      })
    ).toBeNull();
    const written = docs.applyFromClient(
      settingsDocName(WORKSPACE),
      Y.encodeStateAsUpdate(settings),
      WRITER
    );
    expect(written).toMatchObject({ ok: true });

    const id = ticketId('sla');
    const ticket = new Y.Doc();
    newTicket(ticket, { id, subject: 'Server down', priority: 'normal' });
    const send = () => {
      const verdict = docs.applyFromClient(
        ticketDocName(id),
        Y.encodeStateAsUpdate(ticket),
        WRITER
      );
      expect(verdict).toMatchObject({ ok: true });
    };
    const summary = () =>
      docs.read(indexDocName(WORKSPACE), (doc) => indexParts(doc).tickets.get(id)) ?? undefined;

    send();
    await until(() => summary() !== undefined, 'the ticket is in the index');
    // No policy applies to a normal ticket.
    expect(summary()?.nextDueAt).toBeUndefined();

    setPriority(ticket, 'urgent', AINO, Date.now());
    send();
    await until(() => summary()?.nextDueAt !== undefined, 'the summary has a due time');
    const created = summary()?.createdAt ?? 0;
    expect(summary()).toMatchObject({
      nextDueAt: created + HOUR,
      dueWarnAt: created + 0.75 * HOUR
    });

    // The ticket keeps which service level it is held to, from when it first matched.
    const policies = () =>
      docs.read(ticketDocName(id), (doc) =>
        (readTicket(doc)?.activity ?? [])
          .filter((entry) => entry.kind === 'sla-policy')
          .map((entry) => [entry.actorId, entry.from, entry.to])
      ) ?? [];
    await until(() => policies().length > 0, 'the policy is recorded on the ticket');
    expect(policies()).toEqual([[SYSTEM_ACTOR.id, 'urgent', 'Urgent']]);

    addThreadEntry(ticket, 'reply', 'Looking at it', AINO, Date.now());
    send();
    await until(() => summary()?.nextDueAt === undefined, 'the due time is gone after the reply');
    // Still the same policy (its clock stopped): recorded once.
    expect(summary()?.slaPolicyId).toBe('urgent');
    expect(policies()).toEqual([[SYSTEM_ACTOR.id, 'urgent', 'Urgent']]);

    setPriority(ticket, 'normal', AINO, Date.now());
    send();
    await until(() => policies().length === 2, 'the change of policy is recorded');
    expect(policies()[1]).toEqual([SYSTEM_ACTOR.id, null, null]);
  });
});

describe("a policy for the requester's organisation", () => {
  const cleanups = cleanupAfterEach();

  it("applies from the customer's organisation in the index, also to their next change after a move", async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startBaton(dir.path);
    cleanups.push(() => relay.stop());
    const { docs } = relay.baton;
    const send = (name: string, doc: Y.Doc) =>
      expect(docs.applyFromClient(name, Y.encodeStateAsUpdate(doc), WRITER)).toMatchObject({
        ok: true
      });

    const settings = new Y.Doc();
    roundTheClock(settings);
    const policy = (id: string, position: number, minutes: number, organisations?: string[]) =>
      expect(
        putSettingsRecord(settings, 'slaPolicies', {
          id,
          name: id,
          position,
          conditions: organisations ? { organisations } : {},
          targets: { firstReply: { minutes, time: 'calendar' } },
          calendarId: 'utc',
          warnAtPercent: 75,
          pauseStatuses: ['pending']
        })
      ).toBeNull();
    policy('nordbank', 1, 30, ['Nordbank']);
    policy('everyone', 2, 240);
    send(settingsDocName(WORKSPACE), settings);

    // The customer, as the index knows them (written by an agent like any customer edit).
    const index = new Y.Doc();
    Y.applyUpdate(
      index,
      docs.read(indexDocName(WORKSPACE), (doc) => Y.encodeStateAsUpdate(doc))!
    );
    const customer = {
      id: 'customer-nordbank-1',
      name: 'Kaisa',
      email: 'kaisa@nordbank.example',
      organisation: 'Nordbank'
    };
    indexParts(index).customers.set(customer.id, customer);
    send(indexDocName(WORKSPACE), index);

    const id = ticketId('sla-org');
    const ticket = new Y.Doc();
    newTicket(ticket, { id, subject: 'Card blocked', requesterId: customer.id });
    send(ticketDocName(id), ticket);
    const summary = () =>
      docs.read(indexDocName(WORKSPACE), (doc) => indexParts(doc).tickets.get(id)) ?? undefined;
    await until(() => summary()?.slaPolicyId !== undefined, 'the ticket has its policy');
    expect(summary()).toMatchObject({
      slaPolicyId: 'nordbank',
      nextDueAt: (summary()?.createdAt ?? 0) + 30 * 60_000
    });

    // Kaisa moves to another company: her ticket is held to the general policy from its next change.
    indexParts(index).customers.set(customer.id, { ...customer, organisation: 'Elsewhere' });
    send(indexDocName(WORKSPACE), index);
    setPriority(ticket, 'high', AINO, Date.now());
    send(ticketDocName(id), ticket);
    await until(() => summary()?.slaPolicyId === 'everyone', 'the general policy applies');
  });
});

describe('a breached SLA clock is logged in the ticket activity', () => {
  const cleanups = cleanupAfterEach();

  it('once per clock, by the system actor, also when the ticket changes again', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startBaton(dir.path);
    cleanups.push(() => relay.stop());
    const { docs } = relay.baton;

    const settings = new Y.Doc();
    roundTheClock(settings);
    putSettingsRecord(settings, 'slaPolicies', {
      id: 'everything',
      name: 'Everything',
      position: 1,
      conditions: {},
      targets: {
        firstReply: { minutes: 30, time: 'calendar' },
        resolution: { minutes: 24 * 60, time: 'calendar' }
      },
      calendarId: 'utc',
      warnAtPercent: 75,
      pauseStatuses: ['pending']
    });
    expect(
      docs.applyFromClient(settingsDocName(WORKSPACE), Y.encodeStateAsUpdate(settings), WRITER)
    ).toMatchObject({ ok: true });

    // Made two hours ago (offline, say) and never answered: its first reply is overdue.
    const id = ticketId('breach');
    const ticket = new Y.Doc();
    createTicket(
      ticket,
      { id, workspaceId: WORKSPACE, subject: 'Nobody answered', channel: 'web' },
      AINO,
      Date.now() - 2 * HOUR
    );
    const send = () =>
      expect(
        docs.applyFromClient(ticketDocName(id), Y.encodeStateAsUpdate(ticket), WRITER)
      ).toMatchObject({ ok: true });
    send();

    const breaches = () =>
      docs.read(ticketDocName(id), (doc) =>
        (readTicket(doc)?.activity ?? []).filter((entry) => entry.kind === 'sla-breach')
      ) ?? [];
    await until(() => breaches().length > 0, 'the breach is logged');
    expect(breaches()).toEqual([
      expect.objectContaining({ actorId: SYSTEM_ACTOR.id, from: 'firstReply' })
    ]);

    // The late reply re-projects the summary; the breach stays logged once.
    addThreadEntry(ticket, 'reply', 'Sorry for the wait', AINO, Date.now());
    send();
    await until(
      () =>
        docs.read(indexDocName(WORKSPACE), (doc) => indexParts(doc).tickets.get(id)?.entryCount) ===
        1,
      'the reply is in the summary'
    );
    expect(breaches().map((entry) => entry.from)).toEqual(['firstReply']);
  });
});

describe('a new policy reaches the open tickets', () => {
  const cleanups = cleanupAfterEach();

  it('without a change to the tickets themselves', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startBaton(dir.path);
    cleanups.push(() => relay.stop());
    const { docs } = relay.baton;

    const id = ticketId('before-policy');
    const ticket = new Y.Doc();
    newTicket(ticket, { id, subject: 'Waiting since before the policy', priority: 'urgent' });
    expect(
      docs.applyFromClient(ticketDocName(id), Y.encodeStateAsUpdate(ticket), WRITER)
    ).toMatchObject({ ok: true });
    const summary = () =>
      docs.read(indexDocName(WORKSPACE), (doc) => indexParts(doc).tickets.get(id)) ?? undefined;
    await until(() => summary() !== undefined, 'the ticket is in the index');
    expect(summary()?.nextDueAt).toBeUndefined();

    const settings = new Y.Doc();
    roundTheClock(settings);
    putSettingsRecord(settings, 'slaPolicies', {
      id: 'urgent',
      name: 'Urgent',
      position: 1,
      conditions: { priorities: ['urgent'] },
      targets: { firstReply: { minutes: 120, time: 'calendar' } },
      calendarId: 'utc',
      warnAtPercent: 50,
      pauseStatuses: []
    });
    expect(
      docs.applyFromClient(settingsDocName(WORKSPACE), Y.encodeStateAsUpdate(settings), WRITER)
    ).toMatchObject({ ok: true });
    await until(() => summary()?.nextDueAt !== undefined, 'the open ticket has a due time');
    expect(summary()?.nextDueAt).toBe((summary()?.createdAt ?? 0) + 2 * HOUR);
    await until(
      () =>
        docs.read(ticketDocName(id), (doc) =>
          readTicket(doc)?.activity.some(
            (entry) => entry.kind === 'sla-policy' && entry.from === 'urgent'
          )
        ) === true,
      'the new policy is recorded on the ticket'
    );
  });
});
