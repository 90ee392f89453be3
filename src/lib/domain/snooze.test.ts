import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { endSnooze, snoozeAt, snoozeChoices, snoozeEnded, snoozeTicket } from './snooze';
import { readTicket, setStatus, ticketParts } from './ticket';
import { inView, summarize } from './workspace-index';
import { applyChecked } from './update-check';
import { SYSTEM_ACTOR } from './schema';
import { T0, makeActor, makeTicketDoc } from './testing/factories';

const HOUR = 60 * 60 * 1000;

function snoozed(until = T0 + 10 * HOUR) {
  const { doc, fields, actor } = makeTicketDoc({}, makeActor(), T0);
  setStatus(doc, 'open', actor, T0);
  snoozeTicket(doc, until, actor, T0 + HOUR);
  return { doc, fields, actor, until };
}

describe('snooze', () => {
  it('makes the ticket pending until the time, carried in its summary and logged', () => {
    const { doc, until } = snoozed();
    const ticket = readTicket(doc)!;
    expect(ticket.fields.status).toBe('pending');
    expect(ticket.fields.snoozedUntil).toBe(until);
    const summary = summarize(ticket);
    expect(summary.snoozedUntil).toBe(until);
    expect(ticket.activity.at(-1)).toMatchObject({ kind: 'snooze', to: until });
    // Due in the browser once the time passes, before the server has done anything.
    expect(snoozeEnded(summary, until - 1)).toBe(false);
    expect(snoozeEnded(summary, until)).toBe(true);
    expect(inView('pending', summary, null, until - 1)).toBe(true);
    expect(inView('pending', summary, null, until)).toBe(false);
    expect(inView('open', summary, null, until)).toBe(true);
  });

  it('refuses a time that is not in the future', () => {
    const { doc, actor } = makeTicketDoc();
    expect(() => snoozeTicket(doc, T0, actor, T0)).toThrow();
    expect(() => snoozeTicket(doc, T0 + 0.5, actor, T0)).toThrow();
  });

  it('ends once the time has passed: open, "snooze ended" by the system, at most once', () => {
    const { doc, until } = snoozed();
    expect(endSnooze(doc, until - 1)).toBe(false);
    expect(readTicket(doc)!.fields.status).toBe('pending');
    expect(endSnooze(doc, until + 5)).toBe(true);
    const ticket = readTicket(doc)!;
    expect(ticket.fields.status).toBe('open');
    expect(ticket.fields.snoozedUntil).toBeNull();
    expect(ticket.activity.at(-1)).toMatchObject({
      kind: 'snooze',
      from: 'ended',
      actorId: SYSTEM_ACTOR.id
    });
    expect(endSnooze(doc, until + 10)).toBe(false);
    expect(readTicket(doc)!.activity.filter((a) => a.from === 'ended')).toHaveLength(1);
    expect(summarize(ticket).snoozedUntil).toBeUndefined();
  });

  it('a reply before then reopens as before and the snooze is gone', () => {
    const { doc, until } = snoozed();
    setStatus(doc, 'open', SYSTEM_ACTOR, T0 + 2 * HOUR);
    expect(readTicket(doc)!.fields.snoozedUntil).toBeNull();
    // Set pending again by hand later: no old snooze wakes it.
    setStatus(doc, 'pending', makeActor(), T0 + 3 * HOUR);
    expect(endSnooze(doc, until + 1)).toBe(false);
    expect(readTicket(doc)!.fields.status).toBe('pending');
  });

  it('quick choices are 08:00 in the member’s time zone', () => {
    // Thursday 00:30 in Helsinki (Wednesday 22:30 UTC).
    const now = Date.UTC(2026, 10, 18, 22, 30);
    const choices = snoozeChoices(now, 'Europe/Helsinki');
    expect(new Date(choices.tomorrowMorning).toISOString()).toBe('2026-11-20T06:00:00.000Z');
    expect(new Date(choices.nextMonday).toISOString()).toBe('2026-11-23T06:00:00.000Z');
    // The same instant in New York is still Wednesday.
    const ny = snoozeChoices(now, 'America/New_York');
    expect(new Date(ny.tomorrowMorning).toISOString()).toBe('2026-11-19T13:00:00.000Z');
    // On a Monday, next Monday is a week on.
    const monday = snoozeChoices(Date.UTC(2026, 10, 23, 12), 'UTC');
    expect(new Date(monday.nextMonday).toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(snoozeAt('2026-12-24', 'Europe/Copenhagen')).toBe(Date.UTC(2026, 11, 24, 7));
    expect(snoozeAt('2026-02-30', 'UTC')).toBeNull();
    expect(snoozeAt('tomorrow', 'UTC')).toBeNull();
  });

  it('the update check refuses a garbage snooze, naming the field, and accepts a real one', () => {
    const { doc, fields, actor } = makeTicketDoc();
    const ref = { kind: 'ticket', ticketId: fields.id } as const;
    const tryWrite = (change: (d: Y.Doc) => void) => {
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(client);
      change(client);
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
      return applyChecked(scratch, ref, Y.encodeStateAsUpdate(client, before));
    };
    for (const garbage of ['tomorrow', -1, 1.5, true, { at: 1 }, 9e15]) {
      const verdict = tryWrite((d) => ticketParts(d).fields.set('snoozedUntil', garbage));
      expect(verdict).toMatchObject({ ok: false, reason: 'schema' });
      expect(verdict.ok ? '' : verdict.detail).toContain('snoozedUntil');
    }
    expect(tryWrite((d) => snoozeTicket(d, T0 + HOUR, actor, T0))).toMatchObject({ ok: true });
  });
});
