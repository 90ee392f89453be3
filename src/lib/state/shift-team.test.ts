import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { MemberProfile } from '$lib/domain/schema';
import { previousShiftEnd, teamShifts } from './shift-team';

const weekdays = (from: string, to: string) => ({
  mon: [[from, to]],
  tue: [[from, to]],
  wed: [[from, to]],
  thu: [[from, to]],
  fri: [[from, to]],
  sat: [],
  sun: []
});

function member(id: string, name: string, timeZone: string, extra: Record<string, unknown> = {}) {
  return MemberProfile.parse({
    id,
    name,
    timeZone,
    workingHours: weekdays('09:00', '17:00'),
    skills: [],
    ...extra
  });
}

const at = (local: string, zone: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime(zone).epochMilliseconds;

const aino = member('member-aino', 'Aino Virtanen', 'Europe/Helsinki');
const ben = member('member-ben0', 'Ben Carter', 'America/Vancouver');
const mads = member('member-mads', 'Mads Jensen', 'Europe/Copenhagen');
const liam = member('member-liam', 'Liam Nguyen', 'Australia/Sydney', {
  away: [
    {
      id: 'away-000001',
      kind: 'vacation',
      from: at('2026-11-20T00:00', 'Australia/Sydney'),
      to: at('2026-12-01T00:00', 'Australia/Sydney'),
      substituteId: null
    }
  ]
});

describe('teamShifts', () => {
  it('at 16:30 in Helsinki on a Wednesday: Mads is on; Ben is next, then Liam after his vacation', () => {
    const now = at('2026-11-25T16:30', 'Europe/Helsinki');
    const { onNow, next } = teamShifts([aino, ben, mads, liam], now, aino.id);
    expect(onNow.map((m) => m.member.name)).toEqual(['Mads Jensen']);
    expect(next.map((n) => n.now.member.name)).toEqual(['Ben Carter', 'Liam Nguyen']);
    // Ben starts at 09:00 Vancouver time, 19:00 in Helsinki.
    expect(next[0]?.startsAt).toBe(at('2026-11-25T09:00', 'America/Vancouver'));
    expect(next[0]?.now.local.label).toBe('06:30');
    expect(next[1]?.startsAt).toBe(at('2026-12-01T09:00', 'Australia/Sydney'));
  });
});

describe('previousShiftEnd', () => {
  it('is the end of the last shift that is over, not the one in progress', () => {
    expect(previousShiftEnd(ben, at('2026-11-25T10:00', 'America/Vancouver'))).toBe(
      at('2026-11-24T17:00', 'America/Vancouver')
    );
    expect(previousShiftEnd(ben, at('2026-11-25T18:00', 'America/Vancouver'))).toBe(
      at('2026-11-25T17:00', 'America/Vancouver')
    );
    // Monday morning: Friday's shift.
    expect(previousShiftEnd(ben, at('2026-11-23T08:00', 'America/Vancouver'))).toBe(
      at('2026-11-20T17:00', 'America/Vancouver')
    );
  });
});
