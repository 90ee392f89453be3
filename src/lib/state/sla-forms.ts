/**
 * The service-level settings forms as plain data: a calendar's or a policy's draft as the
 * form edits it (texts and numbers), turned into the record the settings document stores.
 * The record is validated by the domain (`putSettingsRecord`) when it is saved; here only
 * the text of a day's opening hours is parsed ("09:00–12:00, 13:00–17:00").
 */
import { WEEKDAY_KEYS, type Interval, type WeekdayKey } from '$lib/domain/business-calendar';
import { newId } from '$lib/domain/ids';
import type { CalendarRecord, SlaPolicyRecord } from '$lib/domain/settings';
import { SLA_METRICS, type SlaMetric, type SlaTarget } from '$lib/domain/sla';
import type { TicketChannel, TicketPriority } from '$lib/domain/schema';

/** A day's opening intervals as text, separated by commas: `09:00–12:00, 13:00–17:00`. */
export function formatIntervals(intervals: readonly Interval[]): string {
  return intervals.map(([from, to]) => `${from}–${to}`).join(', ');
}

/** The intervals in a day's text; `null` when a part is not `HH:MM–HH:MM`. Empty: closed. */
export function parseIntervals(text: string): Interval[] | null {
  const parts = text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const out: Interval[] = [];
  for (const part of parts) {
    const match = /^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!match) return null;
    const [, h1 = '', m1 = '', h2 = '', m2 = ''] = match;
    out.push([`${h1.padStart(2, '0')}:${m1}`, `${h2.padStart(2, '0')}:${m2}`]);
  }
  return out;
}

/** A new record id: the name's letters and digits, and a random tail so two admins never clash. */
export function recordId(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug ? `${slug}-` : ''}${newId().slice(0, 8)}`;
}

export interface CalendarDraft {
  id: string | null;
  name: string;
  timeZone: string;
  /** Each weekday's intervals as text. */
  days: Record<WeekdayKey, string>;
  /** `YYYY-MM-DD`, one a line. */
  holidays: string;
}

export function calendarDraft(record: CalendarRecord | null, timeZone: string): CalendarDraft {
  const week = record?.week ?? {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
    sat: [],
    sun: []
  };
  const days = Object.fromEntries(
    WEEKDAY_KEYS.map((day) => [day, formatIntervals(week[day])])
  ) as Record<WeekdayKey, string>;
  return {
    id: record?.id ?? null,
    name: record?.name ?? '',
    timeZone: record?.timeZone ?? timeZone,
    days,
    holidays: (record?.holidays ?? []).join('\n')
  };
}

/** The record for a draft, or the weekday whose text is not intervals. */
export function calendarFromDraft(
  draft: CalendarDraft
): { record: CalendarRecord } | { badDay: WeekdayKey } {
  const week = {} as Record<WeekdayKey, Interval[]>;
  for (const day of WEEKDAY_KEYS) {
    const intervals = parseIntervals(draft.days[day]);
    if (!intervals) return { badDay: day };
    week[day] = intervals;
  }
  const holidays = [
    ...new Set(
      draft.holidays
        .split(/[\s,]+/)
        .map((date) => date.trim())
        .filter(Boolean)
    )
  ].sort();
  return {
    record: {
      id: draft.id ?? recordId(draft.name),
      name: draft.name.trim(),
      timeZone: draft.timeZone,
      week,
      holidays
    }
  };
}

/** Adds dates to the holidays' text, sorted and without repeats. */
export function addHolidays(text: string, dates: readonly string[]): string {
  const all = new Set([...text.split(/[\s,]+/).filter(Boolean), ...dates]);
  return [...all].sort().join('\n');
}

export interface TargetDraft {
  /** Empty: no target for this metric. */
  minutes: number | null;
  time: SlaTarget['time'];
}

export interface PolicyDraft {
  id: string | null;
  name: string;
  priorities: TicketPriority[];
  channels: TicketChannel[];
  /** Comma-separated. */
  tags: string;
  targets: Record<SlaMetric, TargetDraft>;
  calendarId: string;
  warnAtPercent: number;
  pauseStatuses: Array<'pending' | 'on-hold'>;
  position: number | null;
}

export function policyDraft(record: SlaPolicyRecord | null, calendarId: string): PolicyDraft {
  const targets = Object.fromEntries(
    SLA_METRICS.map((metric) => {
      const target = record?.targets[metric];
      return [metric, { minutes: target?.minutes ?? null, time: target?.time ?? 'business' }];
    })
  ) as Record<SlaMetric, TargetDraft>;
  return {
    id: record?.id ?? null,
    name: record?.name ?? '',
    priorities: [...(record?.conditions.priorities ?? [])],
    channels: [...(record?.conditions.channels ?? [])],
    tags: (record?.conditions.tags ?? []).join(', '),
    targets,
    calendarId: record?.calendarId ?? calendarId,
    warnAtPercent: record?.warnAtPercent ?? 75,
    pauseStatuses: [...(record?.pauseStatuses ?? ['pending'])],
    position: record?.position ?? null
  };
}

/** The record for a draft; a new policy goes after the last one (`lastPosition`). */
export function policyFromDraft(draft: PolicyDraft, lastPosition: number): SlaPolicyRecord {
  const targets: SlaPolicyRecord['targets'] = {};
  for (const metric of SLA_METRICS) {
    const target = draft.targets[metric];
    if (target.minutes !== null && Number.isFinite(target.minutes)) {
      targets[metric] = { minutes: target.minutes, time: target.time };
    }
  }
  const tags = draft.tags
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  const conditions: SlaPolicyRecord['conditions'] = {};
  if (draft.priorities.length > 0) conditions.priorities = [...draft.priorities];
  if (draft.channels.length > 0) conditions.channels = [...draft.channels];
  if (tags.length > 0) conditions.tags = tags;
  return {
    id: draft.id ?? recordId(draft.name),
    name: draft.name.trim(),
    position: draft.position ?? lastPosition + 1,
    conditions,
    targets,
    calendarId: draft.calendarId,
    warnAtPercent: draft.warnAtPercent,
    pauseStatuses: [...draft.pauseStatuses]
  };
}
