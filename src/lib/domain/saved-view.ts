/**
 * Saved views: a named list of tickets — a filter on any field of the index summary, the
 * columns shown and the sort — kept either for the team (the settings document's `views` root,
 * owners and admins) or for one member (the index document's `personal` root).
 *
 * Personal records live in the index because every member who works tickets writes it anyway
 * (summaries, their own profile), so their views and macros sync to each of their devices and
 * work offline like everything else, with no new document to open. The root maps
 * `<memberId>/<recordId>` to `{ kind: 'view', view }` or `{ kind: 'macro', macro }`; the server
 * lets a writer change only keys that start with their own member id (`personalWriteProblem`,
 * applied by the authorizer for every role, admins too) and the update check validates each
 * record with the strict schemas here, naming the field. Personal is not secret: the index is
 * read by the whole workspace, so a colleague's client could read the records; the app shows a
 * member only their own.
 *
 * Matching is a pure function over one summary (`matchesSavedView`), evaluated on the device
 * from the local index: counts in the navigation and the list itself work offline. Every
 * condition given must hold; a condition left out matches everything. Old records (a base list,
 * one assignee, one priority, one tag and a sort) stay valid and mean what they meant.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import {
  CustomFieldKey,
  Id,
  Tag,
  TicketChannel,
  TicketPriority,
  TicketStatus,
  Timestamp,
  type CustomerSummary,
  type TicketSummary
} from './schema';
import { SORT_KEYS, VIEW_IDS, compareTickets, inView, type SortKey } from './workspace-index';
import { MacroRecord } from './macro-record';

const RecordId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'ids are lowercase letters, digits and dashes');
const RecordName = z.string().trim().min(1).max(200);
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');
const FieldNumber = z.number().finite().min(-1e15).max(1e15);

/** A condition on one custom field, by the field's type. */
export const FieldCondition = z.discriminatedUnion('op', [
  /** Text fields: the value contains this text, case-insensitive. */
  z.strictObject({
    key: CustomFieldKey,
    op: z.literal('contains'),
    text: z.string().min(1).max(200)
  }),
  /** Number fields: within the range (either end may be left open). */
  z.strictObject({
    key: CustomFieldKey,
    op: z.literal('between'),
    min: FieldNumber.optional(),
    max: FieldNumber.optional()
  }),
  /** Date fields: on or between the dates (either end may be left open). */
  z.strictObject({
    key: CustomFieldKey,
    op: z.literal('dates'),
    from: DateText.optional(),
    to: DateText.optional()
  }),
  /** Dropdowns and multi-selects: holds one of the options. */
  z.strictObject({
    key: CustomFieldKey,
    op: z.literal('any-of'),
    options: z.array(RecordId).min(1).max(100)
  }),
  /** Checkboxes: ticked or not (an unset box is not ticked). */
  z.strictObject({ key: CustomFieldKey, op: z.literal('checked'), value: z.boolean() }),
  /** Any type: has a value, or has none. */
  z.strictObject({ key: CustomFieldKey, op: z.literal('set'), value: z.boolean() })
]);
export type FieldCondition = z.infer<typeof FieldCondition>;

/** A time range: absolute ends and/or the last N days. */
export const TimeRange = z.strictObject({
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  lastDays: z.number().int().min(1).max(3650).optional()
});
export type TimeRange = z.infer<typeof TimeRange>;

export const SLA_STATES = ['breached', 'due-within', 'none'] as const;
export const SlaCondition = z.strictObject({
  state: z.enum(SLA_STATES),
  /** `due-within` only: hours from now. */
  hours: z
    .number()
    .min(0)
    .max(24 * 365)
    .optional()
});
export type SlaCondition = z.infer<typeof SlaCondition>;

export const TAG_MODES = ['any', 'all', 'none'] as const;

/** `'me'`: whoever looks at the view; `'none'`: unassigned; else a member id. */
export const ViewAssignee = z.union([z.literal('me'), z.literal('none'), Id]);

export const SavedViewFilter = z.strictObject({
  /** Old records: one member id, or `'none'` for unassigned. */
  assignee: RecordId.nullable().optional(),
  /** Old records: one priority. */
  priority: TicketPriority.nullable().optional(),
  /** Old records: one tag the ticket has. */
  tag: Tag.nullable().optional(),
  statuses: z.array(TicketStatus).max(6).optional(),
  assignees: z.array(ViewAssignee).max(100).optional(),
  priorities: z.array(TicketPriority).max(4).optional(),
  tags: z.strictObject({ mode: z.enum(TAG_MODES), values: z.array(Tag).min(1).max(20) }).optional(),
  channels: z.array(TicketChannel).max(5).optional(),
  requesterIds: z.array(Id).max(50).optional(),
  /** The requester's organisation contains this text, case-insensitive. */
  organisation: z.string().trim().min(1).max(200).optional(),
  fields: z.array(FieldCondition).max(20).optional(),
  sla: SlaCondition.optional(),
  created: TimeRange.optional(),
  updated: TimeRange.optional()
});
export type SavedViewFilter = z.infer<typeof SavedViewFilter>;

/** The columns a view can show; `field:<key>` shows a custom field. */
export const BUILTIN_COLUMNS = [
  'requester',
  'priority',
  'status',
  'assignee',
  'tags',
  'age',
  'updated',
  'due',
  'channel'
] as const;
export type BuiltinColumn = (typeof BUILTIN_COLUMNS)[number];
export const DEFAULT_COLUMNS: readonly BuiltinColumn[] = [
  'requester',
  'priority',
  'status',
  'assignee',
  'tags',
  'age',
  'updated'
];
export const ViewColumn = z.union([
  z.enum(BUILTIN_COLUMNS),
  z.string().regex(/^field:[a-z][a-z0-9_]{0,39}$/, 'a field column is field:<key>')
]);
export type ViewColumn = z.infer<typeof ViewColumn>;

/**
 * A saved view. `base` narrows to one of the built-in lists first (`inView`); everything else
 * is optional, and what is left out takes the list's defaults.
 */
export const SavedViewRecord = z.strictObject({
  id: RecordId,
  name: RecordName,
  base: z.enum(VIEW_IDS).optional(),
  filter: SavedViewFilter.optional(),
  sort: z.enum(SORT_KEYS).optional(),
  columns: z.array(ViewColumn).min(1).max(20).optional(),
  /** Views are listed in ascending position, then by name. */
  position: z.number().finite().optional()
});
export type SavedViewRecord = z.infer<typeof SavedViewRecord>;

// ---------------------------------------------------------------------------------------------
// Matching

export interface ViewContext {
  /** Who looks at the view (`'me'`); `null`: nobody signed in. */
  memberId: string | null;
  now: number;
  customers: ReadonlyMap<string, CustomerSummary>;
  /** The member's time zone, for date conditions on custom fields ("today" is theirs). */
  timeZone?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function inRange(at: number, range: TimeRange, now: number): boolean {
  if (range.from !== undefined && at < range.from) return false;
  if (range.to !== undefined && at > range.to) return false;
  if (range.lastDays !== undefined && at < now - range.lastDays * DAY_MS) return false;
  return true;
}

function hasValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false) return false;
  return !Array.isArray(value) || value.length > 0;
}

/** Whether a ticket's custom field values meet one condition (views and automations). */
export function fieldMatches(
  condition: FieldCondition,
  values: TicketSummary['customFields'] | undefined
): boolean {
  const value = values?.[condition.key];
  switch (condition.op) {
    case 'contains':
      return (
        typeof value === 'string' && value.toLowerCase().includes(condition.text.toLowerCase())
      );
    case 'between':
      return (
        typeof value === 'number' &&
        (condition.min === undefined || value >= condition.min) &&
        (condition.max === undefined || value <= condition.max)
      );
    case 'dates':
      // `YYYY-MM-DD` texts order as the dates do.
      return (
        typeof value === 'string' &&
        (condition.from === undefined || value >= condition.from) &&
        (condition.to === undefined || value <= condition.to)
      );
    case 'any-of':
      return typeof value === 'string'
        ? condition.options.includes(value)
        : Array.isArray(value) && value.some((option) => condition.options.includes(option));
    case 'checked':
      return (value === true) === condition.value;
    case 'set':
      return hasValue(value) === condition.value;
  }
}

function slaMatches(t: TicketSummary, sla: SlaCondition, now: number): boolean {
  switch (sla.state) {
    case 'breached':
      return t.nextDueAt !== undefined && t.nextDueAt <= now;
    case 'due-within':
      return (
        t.nextDueAt !== undefined &&
        t.nextDueAt > now &&
        t.nextDueAt <= now + (sla.hours ?? 0) * 60 * 60 * 1000
      );
    case 'none':
      return t.nextDueAt === undefined;
  }
}

/** Whether a filter's conditions all hold for a ticket (the base list aside). */
export function matchesViewFilter(
  t: TicketSummary,
  f: SavedViewFilter,
  context: ViewContext
): boolean {
  if (f.assignee === 'none' && t.assigneeId !== null) return false;
  if (f.assignee && f.assignee !== 'none' && t.assigneeId !== f.assignee) return false;
  if (f.priority && t.priority !== f.priority) return false;
  if (f.tag && !t.tags.includes(f.tag)) return false;
  if (f.statuses?.length && !f.statuses.includes(t.status)) return false;
  if (f.assignees?.length) {
    const hit = f.assignees.some((a) =>
      a === 'none'
        ? t.assigneeId === null
        : a === 'me'
          ? context.memberId !== null && t.assigneeId === context.memberId
          : t.assigneeId === a
    );
    if (!hit) return false;
  }
  if (f.priorities?.length && !f.priorities.includes(t.priority)) return false;
  if (f.tags) {
    const has = (tag: string) => t.tags.includes(tag);
    const { mode, values } = f.tags;
    if (mode === 'any' && !values.some(has)) return false;
    if (mode === 'all' && !values.every(has)) return false;
    if (mode === 'none' && values.some(has)) return false;
  }
  if (f.channels?.length && !f.channels.includes(t.channel)) return false;
  if (f.requesterIds?.length && (t.requesterId === null || !f.requesterIds.includes(t.requesterId)))
    return false;
  if (f.organisation) {
    const organisation = t.requesterId
      ? context.customers.get(t.requesterId)?.organisation
      : undefined;
    if (!organisation?.toLowerCase().includes(f.organisation.toLowerCase())) return false;
  }
  if (f.fields) {
    for (const condition of f.fields) if (!fieldMatches(condition, t.customFields)) return false;
  }
  if (f.sla && !slaMatches(t, f.sla, context.now)) return false;
  if (f.created && !inRange(t.createdAt, f.created, context.now)) return false;
  if (f.updated && !inRange(t.updatedAt, f.updated, context.now)) return false;
  return true;
}

export function matchesSavedView(
  t: TicketSummary,
  view: Pick<SavedViewRecord, 'base' | 'filter'>,
  context: ViewContext
): boolean {
  if (view.base && !inView(view.base, t, context.memberId, context.now)) return false;
  return !view.filter || matchesViewFilter(t, view.filter, context);
}

export function viewSort(view: Pick<SavedViewRecord, 'sort'>): SortKey {
  return view.sort ?? 'priority';
}

export function viewColumns(view: Pick<SavedViewRecord, 'columns'>): readonly ViewColumn[] {
  return view.columns ?? DEFAULT_COLUMNS;
}

/** The view's tickets in its order. */
export function savedViewTickets(
  tickets: readonly TicketSummary[],
  view: SavedViewRecord,
  context: ViewContext
): TicketSummary[] {
  return tickets
    .filter((t) => matchesSavedView(t, view, context))
    .sort(compareTickets(viewSort(view)));
}

/** How many tickets each view holds, by the view's id (one pass per view over the index). */
export function savedViewCounts(
  tickets: readonly TicketSummary[],
  views: readonly SavedViewRecord[],
  context: ViewContext
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const view of views) {
    let count = 0;
    for (const t of tickets) if (matchesSavedView(t, view, context)) count++;
    counts.set(view.id, count);
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Personal records in the index

export const PERSONAL_ROOT = 'personal';

export const PersonalRecord = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('view'), view: SavedViewRecord }),
  z.strictObject({ kind: z.literal('macro'), macro: MacroRecord })
]);
export type PersonalRecord = z.infer<typeof PersonalRecord>;

export function personalKey(memberId: string, recordId: string): string {
  return `${memberId}/${recordId}`;
}

/** The member and record ids of a personal key; `null` when it is not one. */
export function parsePersonalKey(key: string): { memberId: string; recordId: string } | null {
  const slash = key.indexOf('/');
  if (slash < 0) return null;
  const memberId = key.slice(0, slash);
  const recordId = key.slice(slash + 1);
  if (!Id.safeParse(memberId).success || !RecordId.safeParse(recordId).success) return null;
  return { memberId, recordId };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid';
}

/**
 * Why a value stored under `key` in the personal root is refused, naming the field; `null`
 * when it is a valid record whose inner id is the key's record id.
 */
export function personalRecordProblem(key: string, value: unknown): string | null {
  const where = `personal.${key.slice(0, 140)}`;
  const ids = parsePersonalKey(key);
  if (!ids) return `${where}: the key must be <member id>/<record id>`;
  const parsed = PersonalRecord.safeParse(value);
  if (!parsed.success) return `${where}: ${firstIssue(parsed.error)}`;
  const record = parsed.data;
  const id = record.kind === 'view' ? record.view.id : record.macro.id;
  if (id !== ids.recordId) return `${where}: the key must end with the record's id`;
  return null;
}

/** Y's internal map of a type: key → its current item (same item: the value did not change). */
interface ItemLike {
  id: { client: number; clock: number };
  deleted: boolean;
}
function itemsOf(map: Y.Map<unknown>): Map<string, ItemLike> {
  return (map as unknown as { _map: Map<string, ItemLike> })._map;
}

/**
 * Why `memberId`'s update, turning `live` into `scratch`, is refused for touching another
 * member's personal records; `null` when it changed only their own (or none). Compares the
 * current item of each key, so it costs one lookup per record and no serialising.
 */
export function personalWriteProblem(live: Y.Doc, scratch: Y.Doc, memberId: string): string | null {
  const before = itemsOf(live.getMap(PERSONAL_ROOT));
  const after = itemsOf(scratch.getMap(PERSONAL_ROOT));
  const own = `${memberId}/`;
  const changed = (key: string): boolean => {
    const a = before.get(key);
    const b = after.get(key);
    const aLive = a !== undefined && !a.deleted;
    const bLive = b !== undefined && !b.deleted;
    if (aLive !== bLive) return true;
    if (!aLive || !a || !b) return false;
    return a.id.client !== b.id.client || a.id.clock !== b.id.clock;
  };
  for (const key of after.keys()) {
    if (!key.startsWith(own) && changed(key)) return 'Only its owner changes a personal record.';
  }
  for (const key of before.keys()) {
    if (!key.startsWith(own) && !after.has(key) && changed(key))
      return 'Only its owner changes a personal record.';
  }
  return null;
}

/** One member's personal records: views by position then name, macros by name. */
export interface PersonalRecords {
  views: SavedViewRecord[];
  macros: MacroRecord[];
}

export function readPersonal(index: Y.Doc, memberId: string | null): PersonalRecords {
  const out: PersonalRecords = { views: [], macros: [] };
  if (!memberId) return out;
  const own = `${memberId}/`;
  for (const [key, value] of index.getMap(PERSONAL_ROOT)) {
    if (!key.startsWith(own)) continue;
    if (personalRecordProblem(key, value) !== null) continue;
    const record = PersonalRecord.parse(value);
    if (record.kind === 'view') out.views.push(record.view);
    else out.macros.push(record.macro);
  }
  out.views.sort(compareViews);
  out.macros.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  return out;
}

export function compareViews(a: SavedViewRecord, b: SavedViewRecord): number {
  return (
    (a.position ?? Infinity) - (b.position ?? Infinity) ||
    a.name.localeCompare(b.name) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Writes one of the member's personal records after validating it; returns why not, or `null`. */
export function putPersonalRecord(
  index: Y.Doc,
  memberId: string,
  record: PersonalRecord
): string | null {
  const id = record.kind === 'view' ? record.view.id : record.macro.id;
  const key = personalKey(memberId, id);
  const problem = personalRecordProblem(key, record);
  if (problem) return problem;
  index.getMap(PERSONAL_ROOT).set(key, record);
  return null;
}

export function removePersonalRecord(index: Y.Doc, memberId: string, recordId: string): boolean {
  const map = index.getMap(PERSONAL_ROOT);
  const key = personalKey(memberId, recordId);
  if (!map.has(key)) return false;
  map.delete(key);
  return true;
}
