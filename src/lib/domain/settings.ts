/**
 * The workspace settings document (`ws/<id>/settings`): its roots and the strict schema of
 * every record in them. Only owners and admins write it (server/auth.ts); the update check
 * validates every changed record with the schema of its root (`settingsRecordProblem`), so an
 * admin can neither store an unknown key nor a record the app cannot use, and every refusal
 * names the field.
 *
 * Each root is a map from a record's id to the whole record (a plain value: replaced, never
 * edited in place, so two admins' edits merge per record). Maps have no order, so ordered
 * records (SLA policies apply first-match) carry a `position`; ties break by id, the same on
 * every replica.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { BusinessCalendarSchema, type BusinessCalendar } from './business-calendar';
import { SlaPolicy } from './sla';

const RecordId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'ids are lowercase letters, digits and dashes');
const RecordName = z.string().trim().min(1).max(200);

export const CalendarRecord = z.strictObject({
  id: RecordId,
  name: RecordName,
  ...BusinessCalendarSchema.shape
});
export type CalendarRecord = z.infer<typeof CalendarRecord>;

export const SlaPolicyRecord = z.strictObject({
  ...SlaPolicy.shape,
  id: RecordId,
  /** Policies apply in ascending position (first match wins). */
  position: z.number().finite()
});
export type SlaPolicyRecord = z.infer<typeof SlaPolicyRecord>;

/** The roots of the settings document and the schema of the records in each. */
export const SETTINGS_SCHEMAS = {
  calendars: CalendarRecord,
  slaPolicies: SlaPolicyRecord
} as const;

export type SettingsRoot = keyof typeof SETTINGS_SCHEMAS;

export const SETTINGS_ROOTS: Record<SettingsRoot, 'map'> = {
  calendars: 'map',
  slaPolicies: 'map'
};

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid';
}

/**
 * Why a record written under `key` in `root` is refused, naming the field; `null` when it is
 * a valid record whose id is its key.
 */
export function settingsRecordProblem(
  root: SettingsRoot,
  key: string,
  value: unknown
): string | null {
  const parsed = SETTINGS_SCHEMAS[root].safeParse(value);
  if (!parsed.success) return `${root}.${key.slice(0, 64)}: ${firstIssue(parsed.error)}`;
  if (parsed.data.id !== key) return `${root}.${key.slice(0, 64)}: the key must be the record's id`;
  return null;
}

export interface Settings {
  calendars: ReadonlyMap<string, CalendarRecord>;
  /** In the order they apply. */
  slaPolicies: readonly SlaPolicyRecord[];
}

/** A plain snapshot of the settings; records that do not parse are skipped. */
export function readSettings(doc: Y.Doc): Settings {
  const calendars = new Map<string, CalendarRecord>();
  for (const [key, value] of doc.getMap('calendars')) {
    const parsed = CalendarRecord.safeParse(value);
    if (parsed.success && parsed.data.id === key) calendars.set(key, parsed.data);
  }
  const slaPolicies: SlaPolicyRecord[] = [];
  for (const [key, value] of doc.getMap('slaPolicies')) {
    const parsed = SlaPolicyRecord.safeParse(value);
    if (parsed.success && parsed.data.id === key) slaPolicies.push(parsed.data);
  }
  slaPolicies.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { calendars, slaPolicies };
}

/** The calendar a policy counts on; wall-clock time when it names none that exists. */
export function calendarFor(settings: Settings, policy: { calendarId: string }): BusinessCalendar {
  return (
    settings.calendars.get(policy.calendarId) ?? {
      timeZone: 'UTC',
      week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: []
    }
  );
}
