import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeMember, testId } from '$lib/domain/testing/factories';
import { weekFromLegacy, type WorkingHours } from '$lib/domain/schema';
import { putMember, readIndex } from '$lib/domain/workspace-index';
import {
  hoursOfDraft,
  hoursProblems,
  localRange,
  mayEditProfile,
  parseSkills,
  saveProfile,
  vacationRange,
  weekDraftOf,
  withAwayPeriod
} from './profile-form';

const none: WorkingHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

describe('the week draft', () => {
  it('shows a night shift as one row and saves it split at midnight', () => {
    const nights = weekFromLegacy({ days: [5], start: '22:00', end: '06:00' });
    const draft = weekDraftOf(nights);
    expect(draft.fri).toEqual([{ from: '22:00', to: '06:00' }]);
    expect(draft.sat).toEqual([]);
    expect(hoursOfDraft(draft)).toEqual(nights);
  });

  it('shows 24:00 as 00:00 (a time input has no 24:00) and saves it as 24:00', () => {
    const late: WorkingHours = {
      ...none,
      mon: [
        ['08:00', '12:00'],
        ['18:00', '24:00']
      ]
    };
    const draft = weekDraftOf(late);
    expect(draft.mon).toEqual([
      { from: '08:00', to: '12:00' },
      { from: '18:00', to: '00:00' }
    ]);
    expect(hoursOfDraft(draft)).toEqual(late);
  });

  it('names the day of a refusal', () => {
    const member = makeMember();
    const overlapping = hoursOfDraft({
      ...weekDraftOf(none),
      tue: [
        { from: '09:00', to: '13:00' },
        { from: '12:00', to: '17:00' }
      ],
      thu: [{ from: '10:00', to: '10:00' }]
    });
    expect(hoursProblems({ ...member, workingHours: overlapping })).toEqual({
      tue: 'overlap',
      thu: 'backwards'
    });
  });
});

describe('away periods in the member’s zone', () => {
  it('a Helsinki vacation runs from the first day’s midnight to the midnight after the last (across DST)', () => {
    // 2026-03-29: Helsinki moves from +2 to +3.
    expect(vacationRange('2026-03-27', '2026-04-03', 'Europe/Helsinki')).toEqual({
      from: Date.parse('2026-03-26T22:00:00Z'),
      to: Date.parse('2026-04-03T21:00:00Z')
    });
    expect(vacationRange('2026-02-30', '2026-03-01', 'Europe/Helsinki')).toBeNull();
    expect(vacationRange('', 'x', 'Europe/Helsinki')).toBeNull();
  });

  it('an out-of-office afternoon in Vancouver and São Paulo', () => {
    expect(localRange('2026-07-06T13:00', '2026-07-06T17:30', 'America/Vancouver')).toEqual({
      from: Date.parse('2026-07-06T20:00:00Z'),
      to: Date.parse('2026-07-07T00:30:00Z')
    });
    expect(localRange('2026-07-06T13:00', '2026-07-06T17:30', 'America/Sao_Paulo')).toEqual({
      from: Date.parse('2026-07-06T16:00:00Z'),
      to: Date.parse('2026-07-06T20:30:00Z')
    });
    expect(localRange('garbage', '2026-07-06T17:30', 'America/Sao_Paulo')).toBeNull();
  });

  it('refuses a period that ends first or overlaps, and forgets periods long over', () => {
    const now = Date.parse('2026-07-01T00:00:00Z');
    const old = {
      id: testId('old'),
      kind: 'vacation' as const,
      from: 0,
      to: 1000,
      substituteId: null
    };
    const member = makeMember({ away: [old] });
    const july = {
      id: testId('july'),
      kind: 'vacation' as const,
      from: now,
      to: now + 86_400_000,
      substituteId: null
    };
    const added = withAwayPeriod(member, july, now);
    expect(added.ok && added.profile.away).toEqual([july]);
    expect(withAwayPeriod(member, { ...july, to: july.from - 1 }, now)).toEqual({
      ok: false,
      problem: 'ends-before-start'
    });
    const withJuly = added.ok ? added.profile : member;
    expect(
      withAwayPeriod(withJuly, { ...july, id: testId('again'), from: july.from + 1 }, now)
    ).toEqual({ ok: false, problem: 'overlaps' });
  });
});

describe('who edits whose profile', () => {
  it.each([
    ['agent', 'self', true],
    ['agent', 'other', false],
    ['admin', 'other', true],
    ['owner', 'other', true],
    ['light-agent', 'self', false],
    ['viewer', 'self', false],
    ['viewer', 'other', false]
  ] as const)('%s editing %s: %s', (role, whose, allowed) => {
    expect(mayEditProfile(role, 'member-me', whose === 'self' ? 'member-me' : 'member-you')).toBe(
      allowed
    );
  });

  it('saves on top of what the document holds, and refuses before changing it', () => {
    const doc = new Y.Doc();
    const me = makeMember({ id: 'member-me-000001' });
    const you = makeMember({ id: 'member-you-00001' });
    putMember(doc, me);
    putMember(doc, you);
    const agent = { indexDoc: doc, role: 'agent' as const, actor: { id: me.id } };
    expect(saveProfile(agent, me.id, { skills: ['fi', 'billing'] })).toBe('saved');
    expect(saveProfile(agent, you.id, { skills: ['fi'] })).toBe('not-allowed');
    expect(saveProfile(agent, me.id, { skills: ['two words'] })).toBe('invalid');
    expect(
      saveProfile({ ...agent, role: 'admin' }, you.id, { timeZone: 'America/Vancouver' })
    ).toBe('saved');
    const index = readIndex(doc);
    expect(index.members.get(me.id)?.skills).toEqual(['fi', 'billing']);
    expect(index.members.get(you.id)).toMatchObject({
      timeZone: 'America/Vancouver',
      skills: you.skills
    });
  });
});

describe('parseSkills', () => {
  it('adds trimmed, lower-case, distinct tags', () => {
    expect(parseSkills(' FI, billing  sso', ['billing'])).toEqual(['billing', 'fi', 'sso']);
    expect(parseSkills('x'.repeat(41), [])).toBeNull();
  });
});
