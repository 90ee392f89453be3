import { describe, expect, it } from 'vitest';
import {
  isWithinHours,
  localTime,
  memberCalendar,
  memberNow,
  nextShiftStart,
  type LocalTime
} from './working-hours';
import { businessTimeBetween, isOpenAt } from './business-calendar';
import { makeMember, testId } from './testing/factories';
import {
  MemberProfile,
  weekFromLegacy,
  type AwayPeriod,
  type LegacyWorkingHours,
  type WorkingHours
} from './schema';

const legacy = (hours: LegacyWorkingHours) => weekFromLegacy(hours);

const SUN = 0;
const MON = 1;
const TUE = 2;
const WED = 3;
const FRI = 5;
const SAT = 6;

/** A wall-clock moment, as `localTime` reports it. */
function at(weekday: number, clock: string): LocalTime {
  const [h, m] = clock.split(':').map(Number);
  return { weekday, minutes: (h ?? 0) * 60 + (m ?? 0), label: clock };
}

describe('localTime', () => {
  // 2024-03-05 10:00 UTC is a Tuesday.
  const instant = Date.UTC(2024, 2, 5, 10, 0);

  it.each([
    ['UTC', TUE, '10:00'],
    ['Europe/Helsinki', TUE, '12:00'],
    ['America/New_York', TUE, '05:00'],
    ['Asia/Kolkata', TUE, '15:30'],
    ['Asia/Tokyo', TUE, '19:00'],
    ['Pacific/Auckland', TUE, '23:00'],
    ['Pacific/Kiritimati', WED, '00:00'],
    ['Pacific/Honolulu', TUE, '00:00'],
    ['America/St_Johns', TUE, '06:30']
  ])('in %s is weekday %i at %s', (zone, weekday, label) => {
    const local = localTime(zone, instant);
    expect(local.label).toBe(label);
    expect(local.weekday).toBe(weekday);
    const [h, m] = label.split(':').map(Number);
    expect(local.minutes).toBe((h ?? 0) * 60 + (m ?? 0));
  });

  it('follows Europe/Helsinki into summer time (2024-03-31, 03:00 → 04:00)', () => {
    expect(localTime('Europe/Helsinki', Date.UTC(2024, 2, 31, 0, 59)).label).toBe('02:59');
    expect(localTime('Europe/Helsinki', Date.UTC(2024, 2, 31, 1, 0)).label).toBe('04:00');
    expect(localTime('Europe/Helsinki', Date.UTC(2024, 2, 31, 1, 0)).weekday).toBe(SUN);
  });

  it('follows Europe/Helsinki back to winter time (2024-10-27, 04:00 → 03:00)', () => {
    expect(localTime('Europe/Helsinki', Date.UTC(2024, 9, 27, 0, 30)).label).toBe('03:30');
    expect(localTime('Europe/Helsinki', Date.UTC(2024, 9, 27, 1, 30)).label).toBe('03:30');
  });

  it('follows America/New_York into daylight time (2024-03-10, 02:00 → 03:00)', () => {
    expect(localTime('America/New_York', Date.UTC(2024, 2, 10, 6, 59)).label).toBe('01:59');
    expect(localTime('America/New_York', Date.UTC(2024, 2, 10, 7, 0)).label).toBe('03:00');
  });

  it('follows America/New_York back to standard time (2024-11-03, 01:00 happens twice)', () => {
    const first = localTime('America/New_York', Date.UTC(2024, 10, 3, 5, 30));
    const second = localTime('America/New_York', Date.UTC(2024, 10, 3, 6, 30));
    expect([first.label, second.label]).toEqual(['01:30', '01:30']);
    expect(localTime('America/New_York', Date.UTC(2024, 10, 3, 7, 0)).label).toBe('02:00');
  });

  it('reports midnight as 00:00, never 24:00', () => {
    const local = localTime('UTC', Date.UTC(2024, 2, 9, 0, 0));
    expect(local).toEqual({ weekday: SAT, minutes: 0, label: '00:00' });
  });
});

describe('isWithinHours', () => {
  const office = legacy({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' });

  it('counts the start minute in and the end minute out', () => {
    expect(isWithinHours(office, at(TUE, '08:59'))).toBe(false);
    expect(isWithinHours(office, at(TUE, '09:00'))).toBe(true);
    expect(isWithinHours(office, at(TUE, '16:59'))).toBe(true);
    expect(isWithinHours(office, at(TUE, '17:00'))).toBe(false);
  });

  it('is outside hours at the weekend', () => {
    expect(isWithinHours(office, at(SAT, '12:00'))).toBe(false);
    expect(isWithinHours(office, at(SUN, '12:00'))).toBe(false);
    expect(isWithinHours(office, at(MON, '12:00'))).toBe(true);
  });

  describe('an overnight shift on Fridays, 22:00–06:00', () => {
    const nights = legacy({ days: [FRI], start: '22:00', end: '06:00' });

    it.each([
      [FRI, '21:59', false],
      [FRI, '22:00', true],
      [FRI, '23:59', true],
      [SAT, '00:00', true],
      [SAT, '03:00', true],
      [SAT, '05:59', true],
      [SAT, '06:00', false],
      [SAT, '22:30', false],
      // Friday early morning belongs to Thursday's shift, which is not worked.
      [FRI, '03:00', false]
    ])('weekday %i at %s: %s', (weekday, clock, expected) => {
      expect(isWithinHours(nights, at(weekday, clock))).toBe(expected);
    });
  });

  it('wraps the week: a Saturday night shift runs into Sunday, a Sunday one into Monday', () => {
    expect(
      isWithinHours(legacy({ days: [SAT], start: '20:00', end: '04:00' }), at(SUN, '01:00'))
    ).toBe(true);
    expect(
      isWithinHours(legacy({ days: [SUN], start: '20:00', end: '04:00' }), at(MON, '01:00'))
    ).toBe(true);
    expect(
      isWithinHours(legacy({ days: [SUN], start: '20:00', end: '04:00' }), at(SUN, '01:00'))
    ).toBe(false);
  });

  it('a shift that starts and ends at the same time is never on', () => {
    const empty = legacy({ days: [0, 1, 2, 3, 4, 5, 6], start: '09:00', end: '09:00' });
    expect(isWithinHours(empty, at(TUE, '09:00'))).toBe(false);
    expect(isWithinHours(empty, at(TUE, '12:00'))).toBe(false);
  });

  it('no working days means never on shift', () => {
    expect(
      isWithinHours(legacy({ days: [], start: '00:00', end: '23:59' }), at(TUE, '12:00'))
    ).toBe(false);
  });
});

describe('memberNow', () => {
  const tuesday = Date.UTC(2024, 2, 5, 10, 0);

  it('puts a Helsinki office worker on shift at noon their time', () => {
    const member = makeMember({ timeZone: 'Europe/Helsinki' });
    expect(memberNow(member, tuesday)).toEqual({
      member,
      local: { weekday: TUE, minutes: 12 * 60, label: '12:00' },
      onShift: true,
      away: null,
      available: true
    });
  });

  it('keeps a New York office worker off shift at 05:00 their time', () => {
    const member = makeMember({ timeZone: 'America/New_York' });
    const now = memberNow(member, tuesday);
    expect(now.local.label).toBe('05:00');
    expect(now.onShift).toBe(false);
  });

  it('counts a Friday night shift in New York on Saturday at 03:00 local time', () => {
    const member = makeMember({
      timeZone: 'America/New_York',
      workingHours: legacy({ days: [FRI], start: '22:00', end: '06:00' })
    });
    // Saturday 2024-03-09 03:00 EST is 08:00 UTC.
    const now = memberNow(member, Date.UTC(2024, 2, 9, 8, 0));
    expect(now.local).toMatchObject({ weekday: SAT, label: '03:00' });
    expect(now.onShift).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The week shape, calendars, next shift and away periods (#12 item 6).

const utc = (iso: string) => Date.parse(iso);
const none = {
  mon: [],
  tue: [],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: []
} satisfies WorkingHours;
const splitWeekdays: WorkingHours = {
  ...none,
  mon: [
    ['08:00', '12:00'],
    ['13:00', '17:00']
  ],
  tue: [
    ['08:00', '12:00'],
    ['13:00', '17:00']
  ],
  wed: [
    ['08:00', '12:00'],
    ['13:00', '17:00']
  ],
  thu: [
    ['08:00', '12:00'],
    ['13:00', '17:00']
  ],
  fri: [
    ['08:00', '12:00'],
    ['13:00', '16:00']
  ]
};
const period = (from: string, to: string, substituteId: string | null = null): AwayPeriod => ({
  id: testId('away'),
  kind: 'vacation',
  from: utc(from),
  to: utc(to),
  substituteId
});

describe('memberNow with split days and away periods', () => {
  const helsinki = makeMember({ timeZone: 'Europe/Helsinki', workingHours: splitWeekdays });

  it.each([
    // Monday 2026-03-02, Helsinki is UTC+2.
    ['2026-03-02T05:59:00Z', false], // 07:59
    ['2026-03-02T06:00:00Z', true], // 08:00
    ['2026-03-02T09:59:00Z', true], // 11:59
    ['2026-03-02T10:30:00Z', false], // 12:30, lunch
    ['2026-03-02T11:00:00Z', true], // 13:00
    ['2026-03-06T14:00:00Z', false], // Friday 16:00: Fridays end early
    ['2026-03-07T10:00:00Z', false] // Saturday
  ])('a Helsinki agent at %s is on shift: %s', (instant, onShift) => {
    const now = memberNow(helsinki, utc(instant));
    expect(now.onShift).toBe(onShift);
    expect(now.available).toBe(onShift);
    expect(now.away).toBeNull();
  });

  it('is on shift but not available during a vacation', () => {
    const vacation = period('2026-03-01T22:00:00Z', '2026-03-04T22:00:00Z', testId('sub'));
    const member = makeMember({ ...helsinki, away: [vacation] });
    const during = memberNow(member, utc('2026-03-03T08:00:00Z'));
    expect(during).toMatchObject({ onShift: true, away: vacation, available: false });
    // The period is half-open: at its end the member is back.
    const back = memberNow(member, vacation.to + 9 * 3_600_000);
    expect(back).toMatchObject({ onShift: true, away: null, available: true });
    expect(memberNow(member, vacation.from - 1).away).toBeNull();
    expect(memberNow(member, vacation.from).away).toEqual(vacation);
  });
});

describe('memberCalendar', () => {
  it('is the member’s zone and week with no holidays, the same object for the same profile', () => {
    const member = makeMember({ timeZone: 'America/Vancouver', workingHours: splitWeekdays });
    const calendar = memberCalendar(member);
    expect(calendar).toEqual({
      timeZone: 'America/Vancouver',
      week: splitWeekdays,
      holidays: []
    });
    expect(memberCalendar(member)).toBe(calendar);
  });

  it('agrees with memberNow on every quarter hour of a Helsinki autumn DST week', () => {
    // 2026-10-25: 04:00 EEST becomes 03:00 EET; 03:00–04:00 happens twice.
    const member = makeMember({
      timeZone: 'Europe/Helsinki',
      workingHours: { ...splitWeekdays, sun: [['02:30', '04:30']], sat: [['22:00', '24:00']] }
    });
    const calendar = memberCalendar(member);
    for (let t = utc('2026-10-23T00:00:00Z'); t < utc('2026-10-27T00:00:00Z'); t += 900_000) {
      expect(isOpenAt(calendar, t), new Date(t).toISOString()).toBe(memberNow(member, t).onShift);
    }
    // The repeated hour is worked twice: 02:30–04:30 local is three hours that night.
    expect(
      businessTimeBetween(calendar, utc('2026-10-24T18:00:00Z'), utc('2026-10-25T06:00:00Z'))
    ).toBe(3 * 3_600_000 + /* Saturday 22:00–24:00 */ 2 * 3_600_000);
  });
});

describe('nextShiftStart', () => {
  const helsinki = makeMember({ timeZone: 'Europe/Helsinki', workingHours: splitWeekdays });

  it('is now while the member is available', () => {
    const now = utc('2026-03-02T07:00:00Z');
    expect(nextShiftStart(helsinki, now)).toBe(now);
  });

  it('is the afternoon interval during lunch', () => {
    // Monday 12:30 Helsinki → 13:00 (11:00 UTC).
    expect(nextShiftStart(helsinki, utc('2026-03-02T10:30:00Z'))).toBe(utc('2026-03-02T11:00:00Z'));
  });

  it('skips the weekend across the Helsinki spring DST change', () => {
    // Friday 2026-03-27 16:30 EET; clocks go forward on Sunday 29th; Monday 08:00 is EEST (+3).
    expect(nextShiftStart(helsinki, utc('2026-03-27T14:30:00Z'))).toBe(utc('2026-03-30T05:00:00Z'));
  });

  it('in Vancouver skips the weekend across the spring DST change (PST → PDT)', () => {
    const vancouver = makeMember({
      timeZone: 'America/Vancouver',
      workingHours: { ...none, mon: [['09:00', '17:00']], fri: [['09:00', '17:00']] }
    });
    // Friday 2026-03-06 18:00 PST is Saturday 02:00 UTC; DST starts Sunday 8th at 02:00.
    // Monday 09:00 PDT (−7) is 16:00 UTC, an hour earlier in UTC than the Friday before.
    expect(nextShiftStart(vancouver, utc('2026-03-07T02:00:00Z'))).toBe(
      utc('2026-03-09T16:00:00Z')
    );
    expect(nextShiftStart(vancouver, utc('2026-03-06T16:00:00Z'))).toBe(
      utc('2026-03-06T17:00:00Z')
    );
  });

  it('starts an overnight Vancouver shift on Friday evening and keeps it on into Saturday', () => {
    const nights = makeMember({
      timeZone: 'America/Vancouver',
      workingHours: { ...none, fri: [['22:00', '24:00']], sat: [['00:00', '06:00']] }
    });
    // Friday 2026-03-13 21:00 PDT = Saturday 04:00 UTC.
    expect(nextShiftStart(nights, utc('2026-03-14T04:00:00Z'))).toBe(utc('2026-03-14T05:00:00Z'));
    // Saturday 03:00 PDT: still on the Friday shift.
    const saturday = utc('2026-03-14T10:00:00Z');
    expect(memberNow(nights, saturday)).toMatchObject({ onShift: true, available: true });
    expect(memberNow(nights, saturday).local).toMatchObject({ weekday: SAT, label: '03:00' });
    expect(nextShiftStart(nights, saturday)).toBe(saturday);
    // Saturday 06:00 PDT: off until next Friday 22:00.
    expect(nextShiftStart(nights, utc('2026-03-14T13:00:00Z'))).toBe(utc('2026-03-21T05:00:00Z'));
  });

  it('in São Paulo moves a shift that starts in the 2018 midnight DST gap to 01:00', () => {
    // On 2018-11-04 São Paulo went from 00:00 −03 straight to 01:00 −02.
    const saoPaulo = makeMember({
      timeZone: 'America/Sao_Paulo',
      workingHours: { ...none, sun: [['00:00', '06:00']] }
    });
    // Saturday 23:00 −03 is 02:00 UTC; the shift opens at 01:00 −02, 03:00 UTC.
    expect(nextShiftStart(saoPaulo, utc('2018-11-04T02:00:00Z'))).toBe(utc('2018-11-04T03:00:00Z'));
    expect(memberNow(saoPaulo, utc('2018-11-04T03:00:00Z'))).toMatchObject({
      onShift: true,
      local: { weekday: SUN, label: '01:00' }
    });
    // Today (no DST since 2019): Monday to Friday 09–18 at −03.
    const today = makeMember({
      timeZone: 'America/Sao_Paulo',
      workingHours: legacy({ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' })
    });
    expect(nextShiftStart(today, utc('2026-07-03T21:30:00Z'))).toBe(utc('2026-07-06T12:00:00Z'));
  });

  it('skips a vacation, resuming mid-shift when it ends during one', () => {
    // Away from Monday 00:00 to Wednesday 10:00 Helsinki time (EET, +2).
    const member = makeMember({
      ...helsinki,
      away: [period('2026-03-01T22:00:00Z', '2026-03-04T08:00:00Z')]
    });
    expect(nextShiftStart(member, utc('2026-03-02T07:00:00Z'))).toBe(utc('2026-03-04T08:00:00Z'));
    // Ending at lunch: back at 13:00.
    const lunch = makeMember({
      ...helsinki,
      away: [period('2026-03-01T22:00:00Z', '2026-03-04T10:15:00Z')]
    });
    expect(nextShiftStart(lunch, utc('2026-03-02T07:00:00Z'))).toBe(utc('2026-03-04T11:00:00Z'));
  });

  it('skips back-to-back periods and a vacation over a weekend', () => {
    const member = makeMember({
      ...helsinki,
      away: [
        period('2026-03-05T22:00:00Z', '2026-03-09T22:00:00Z'),
        { ...period('2026-03-09T22:00:00Z', '2026-03-10T10:00:00Z'), kind: 'out-of-office' }
      ]
    });
    // Thursday evening → back Tuesday 13:00.
    expect(nextShiftStart(member, utc('2026-03-05T16:00:00Z'))).toBe(utc('2026-03-10T11:00:00Z'));
  });

  it('is null for a member with no working hours', () => {
    expect(nextShiftStart(makeMember({ workingHours: none }), utc('2026-03-02T07:00:00Z'))).toBe(
      null
    );
  });
});

describe('MemberProfile working hours and away periods', () => {
  const base = {
    id: testId('member'),
    name: 'Mira Virtanen',
    timeZone: 'Europe/Helsinki',
    skills: []
  };

  it('reads a profile stored in the legacy shape as the week it meant', () => {
    const stored = {
      ...base,
      workingHours: { days: [1, 2, 3, 4, 5], start: '21:00', end: '05:00' }
    };
    const read = MemberProfile.parse(stored);
    expect(read.away).toEqual([]);
    expect(read.workingHours).toEqual({
      mon: [['21:00', '24:00']],
      tue: [
        ['00:00', '05:00'],
        ['21:00', '24:00']
      ],
      wed: [
        ['00:00', '05:00'],
        ['21:00', '24:00']
      ],
      thu: [
        ['00:00', '05:00'],
        ['21:00', '24:00']
      ],
      fri: [
        ['00:00', '05:00'],
        ['21:00', '24:00']
      ],
      sat: [['00:00', '05:00']],
      sun: []
    });
    // The same moments are on shift before and after conversion (Tue 03:00 and Sat 04:59).
    expect(isWithinHours(read.workingHours, at(TUE, '03:00'))).toBe(true);
    expect(isWithinHours(read.workingHours, at(SAT, '04:59'))).toBe(true);
    expect(isWithinHours(read.workingHours, at(SAT, '05:00'))).toBe(false);
    expect(isWithinHours(read.workingHours, at(MON, '03:00'))).toBe(false);
  });

  it('reads the default legacy hours as Monday to Friday 09–17', () => {
    const read = MemberProfile.parse({
      ...base,
      workingHours: { days: [5, 1, 2, 3, 4, 1], start: '09:00', end: '17:00' }
    });
    expect(read.workingHours).toEqual({
      ...none,
      mon: [['09:00', '17:00']],
      tue: [['09:00', '17:00']],
      wed: [['09:00', '17:00']],
      thu: [['09:00', '17:00']],
      fri: [['09:00', '17:00']]
    });
  });

  const refusal = (profile: unknown): string => {
    const result = MemberProfile.safeParse(profile);
    if (result.success) return 'accepted';
    const issue = result.error.issues[0];
    return `${issue?.path.join('.')}: ${issue?.message}`;
  };

  it.each([
    [
      'a backwards interval',
      { ...none, mon: [['17:00', '09:00']] },
      /^workingHours\.mon\.0: an interval must end after it starts/
    ],
    [
      'an empty interval',
      { ...none, tue: [['09:00', '09:00']] },
      /^workingHours\.tue\.0: an interval must end after it starts/
    ],
    [
      'overlapping intervals',
      {
        ...none,
        wed: [
          ['13:00', '17:00'],
          ['09:00', '13:30']
        ]
      },
      /^workingHours\.wed\.0: intervals overlap \(09:00–13:30 and 13:00–17:00\)/
    ],
    ['24:30', { ...none, thu: [['09:00', '24:30']] }, /^workingHours\.thu\.0\.1: times are HH:MM/],
    ['9:00', { ...none, thu: [['9:00', '12:00']] }, /^workingHours\.thu\.0\.0: times are HH:MM/],
    ['an unknown day', { ...none, funday: [] }, /^workingHours: .*funday/i],
    ['a missing day', { mon: [] }, /^workingHours\.tue: /],
    [
      'nine intervals a day',
      { ...none, fri: Array(9).fill(['09:00', '10:00']) },
      /^workingHours\.fri: /
    ],
    ['a string', 'Mon–Fri 9–5', /^workingHours: /],
    ['null', null, /^workingHours: /]
  ])('refuses %s, naming the field', (_, workingHours, expected) => {
    expect(refusal({ ...base, workingHours })).toMatch(expected);
  });

  it('accepts touching intervals and 24:00', () => {
    expect(
      refusal({
        ...base,
        workingHours: {
          ...none,
          mon: [
            ['13:00', '24:00'],
            ['08:00', '13:00']
          ]
        }
      })
    ).toBe('accepted');
  });

  const hours = { ...none, mon: [['09:00', '17:00']] };
  const vacation = period('2026-07-01T00:00:00Z', '2026-07-15T00:00:00Z');

  it.each([
    [
      'a period that ends before it starts',
      [{ ...vacation, to: vacation.from - 1 }],
      /^away\.0\.to: /
    ],
    ['a period of no time', [{ ...vacation, to: vacation.from }], /^away\.0\.to: /],
    ['oneself as substitute', [{ ...vacation, substituteId: base.id }], /^away\.0\.substituteId: /],
    [
      'overlapping periods',
      [vacation, { ...vacation, id: testId('other'), from: vacation.to - 1, to: vacation.to + 5 }],
      /^away\.1\.from: away periods overlap/
    ],
    ['the same period twice', [vacation, { ...vacation }], /^away\.1\.id: /],
    ['an unknown kind', [{ ...vacation, kind: 'sabbatical' }], /^away\.0\.kind: /],
    ['an unknown field', [{ ...vacation, note: 'Mallorca' }], /^away\.0: .*note/],
    [
      'a bad substitute id',
      [{ ...vacation, substituteId: 'Robert"); DROP' }],
      /^away\.0\.substituteId: /
    ],
    ['a text instant', [{ ...vacation, from: '2026-07-01' }], /^away\.0\.from: /],
    ['fifty-one periods', Array(51).fill(vacation), /^away: /]
  ])('refuses %s, naming the field', (_, away, expected) => {
    expect(refusal({ ...base, workingHours: hours, away })).toMatch(expected);
  });

  it('accepts back-to-back periods with a substitute', () => {
    expect(
      refusal({
        ...base,
        workingHours: hours,
        away: [
          { ...vacation, substituteId: testId('colleague') },
          { ...vacation, id: testId('next'), from: vacation.to, to: vacation.to + 86_400_000 }
        ]
      })
    ).toBe('accepted');
  });
});
