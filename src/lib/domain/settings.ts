/**
 * The workspace settings document (`ws/<id>/settings`): its roots and the strict schema of
 * every record in them, the one layout the update check (`update-check.ts`) enforces and the
 * app reads. Only owners and admins write it (server/auth.ts); the update check refuses a root
 * not listed here and validates every changed record with the schema of its root, so an admin
 * can neither store an unknown root or key nor a record the app cannot use, and every refusal
 * names the field (`settingsRecordProblem` gives a form the same words).
 *
 *   calendars      business-hour calendars (time zone, week, holidays)
 *   slaPolicies    SLA policies, ordered by `position`
 *   views          shared saved views: a name, the list they narrow, a filter on any field,
 *                  columns and a sort (`saved-view.ts`; members' own are in the index)
 *   cannedReplies  canned replies: a name and the text an agent inserts
 *   archive        when solved and closed tickets leave the index (`archive`: on/off, days
 *                  after they were done; `archive.ts`)
 *   automations    rules that act on tickets as the system actor: a trigger, conditions and
 *                  actions (`automation-record.ts`; the update check also checks the templates,
 *                  `automation.ts`); a new workspace gets `DEFAULT_AUTOMATIONS`
 *   routing        how new tickets find an agent: the assignment mode and capacity (the record
 *                  `assignment`), skill rules (any other id), and the round-robin turn
 *                  (`round-robin`, written by the server's routing worker only)
 *   mail           whether the workspace has a connected mailbox (`mailbox`, written by the
 *                  server's mail channel only; no secret: `reply-delivery.ts`)
 *   kb             who writes the knowledge base (`kb`: agents, or editors — owners, admins
 *                  and the members named; `roles.ts` `mayEditArticles`)
 *   macros         shared macros: a reply and a note (Liquid templates) and actions
 *                  (`macro-record.ts`; the update check also checks the templates, `macro.ts`)
 *   surveys        the CSAT and NPS surveys (`csat`, `nps`: on/off, delay, channels, scale or
 *                  interval; `survey.ts`)
 *   helpCentre     the public help centre (`help-centre`: on/off, slug, name, colour;
 *                  `help-centre.ts`)
 *   fields         custom ticket fields: key, label, type, options, required on solve,
 *                  archived (`custom-fields.ts`; definitions only grow, the update check
 *                  refuses a removal or a changed key or type)
 *
 * A feature that keeps settings (automations, custom fields) adds its root here with
 * its schema; until then an update that writes it is refused.
 *
 * Each root is a map from a record's id to the whole record (a plain value: replaced, never
 * edited in place, so two admins' edits merge per record). Maps have no order, so ordered
 * records (SLA policies apply first-match) carry a `position`; ties break by id, the same on
 * every replica.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { BusinessCalendarSchema, type BusinessCalendar } from './business-calendar';
import { ArchiveSettingsRecord, archiveSettingsOf } from './archive';
import { SlaPolicy } from './sla';
import { AutomationRuleRecord } from './automation-record';
import { CustomerLanguage } from './language';
import { Id, Tag, TicketChannel, Timestamp } from './schema';
import { SavedViewRecord, compareViews } from './saved-view';
import { MailboxFlagRecord, mailboxFlag, MAILBOX_FLAG_ID } from './reply-delivery';
import { MacroRecord } from './macro-record';
import { SurveySettingsRecord, surveySettingsOf, type SurveySettings } from './survey';
import { HelpCentreRecord, helpCentreOf } from './help-centre';
import {
  CustomFieldRecord,
  NO_CUSTOM_FIELDS,
  customFieldsOf,
  type CustomFields
} from './custom-fields';

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

/** A saved view (`saved-view.ts`): a filter on any field, columns and a sort. */
export { SavedViewRecord } from './saved-view';

export const CannedReplyRecord = z.strictObject({
  id: RecordId,
  name: RecordName,
  /** The text inserted into the reply draft. */
  body: z.string().max(20_000),
  tags: z.array(Tag).max(20).optional()
});
export type CannedReplyRecord = z.infer<typeof CannedReplyRecord>;

export const ROUTING_MODES = ['manual', 'round-robin', 'least-loaded'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];
/** The id of the routing root's one assignment record, and of the server's round-robin turn. */
export const ROUTING_ASSIGNMENT_ID = 'assignment';
export const ROUTING_TURN_ID = 'round-robin';
const RESERVED_ROUTING_IDS: readonly string[] = [ROUTING_ASSIGNMENT_ID, ROUTING_TURN_ID];

/** How new tickets are assigned in the workspace (`routing.ts`); absent means manual. */
export const RoutingAssignmentRecord = z.strictObject({
  kind: z.literal('assignment'),
  id: z.literal(ROUTING_ASSIGNMENT_ID),
  mode: z.enum(ROUTING_MODES),
  /** The most open tickets routing gives one agent; `null`: no limit. */
  capacity: z.number().int().min(1).max(1000).nullable()
});
export type RoutingAssignmentRecord = z.infer<typeof RoutingAssignmentRecord>;

/**
 * A skill rule: a ticket that meets every condition given (its channel is one of `channels`,
 * it has one of `tags`, its language is one of `languages`) needs every skill in `skills`.
 */
export const SkillRuleRecord = z.strictObject({
  kind: z.literal('skill-rule'),
  id: RecordId.refine((id) => !RESERVED_ROUTING_IDS.includes(id), 'this id is reserved'),
  name: RecordName,
  /** Rules are listed in ascending position (all that match apply). */
  position: z.number().finite(),
  when: z
    .strictObject({
      channels: z.array(TicketChannel).max(TicketChannel.options.length).optional(),
      tags: z.array(Tag).max(20).optional(),
      languages: z.array(CustomerLanguage).max(CustomerLanguage.options.length).optional()
    })
    .refine(
      (when) => [when.channels, when.tags, when.languages].some((list) => (list?.length ?? 0) > 0),
      'a rule needs at least one condition'
    ),
  skills: z.array(Tag).min(1, 'a rule needs at least one skill').max(10)
});
export type SkillRuleRecord = z.infer<typeof SkillRuleRecord>;

/** Whose turn is next in round-robin: the member routing gave a ticket to last. Server-owned. */
export const RoutingTurnRecord = z.strictObject({
  kind: z.literal('turn'),
  id: z.literal(ROUTING_TURN_ID),
  lastMemberId: Id,
  at: Timestamp
});
export type RoutingTurnRecord = z.infer<typeof RoutingTurnRecord>;

export const RoutingRecord = z.discriminatedUnion('kind', [
  RoutingAssignmentRecord,
  SkillRuleRecord,
  RoutingTurnRecord
]);
export type RoutingRecord = z.infer<typeof RoutingRecord>;

export const KB_SETTINGS_ID = 'kb';

/** Who writes articles: every agent (the default), or editors only. */
export const KbSettingsRecord = z.strictObject({
  id: z.literal(KB_SETTINGS_ID),
  whoEdits: z.enum(['agents', 'editors']),
  /** Members who edit besides owners and admins, when `whoEdits` is `editors`. */
  editors: z.array(Id).max(500)
});
export type KbSettingsRecord = z.infer<typeof KbSettingsRecord>;

export const DEFAULT_KB_SETTINGS: KbSettingsRecord = {
  id: KB_SETTINGS_ID,
  whoEdits: 'agents',
  editors: []
};

/** The `kb` record, or the default (agents edit) when there is none or it does not parse. */
export function readKbSettings(doc: Y.Doc): KbSettingsRecord {
  const parsed = KbSettingsRecord.safeParse(doc.getMap('kb').get(KB_SETTINGS_ID));
  return parsed.success ? parsed.data : DEFAULT_KB_SETTINGS;
}

/** The roots of the settings document and the schema of the records in each. */
export const SETTINGS_SCHEMAS = {
  archive: ArchiveSettingsRecord,
  automations: AutomationRuleRecord,
  calendars: CalendarRecord,
  slaPolicies: SlaPolicyRecord,
  views: SavedViewRecord,
  cannedReplies: CannedReplyRecord,
  routing: RoutingRecord,
  mail: MailboxFlagRecord,
  kb: KbSettingsRecord,
  macros: MacroRecord,
  surveys: SurveySettingsRecord,
  helpCentre: HelpCentreRecord,
  fields: CustomFieldRecord
} as const;

export type SettingsRoot = keyof typeof SETTINGS_SCHEMAS;

/** Every root is a map of records by id. */
export const SETTINGS_ROOTS: Readonly<Record<SettingsRoot, 'map'>> = {
  archive: 'map',
  automations: 'map',
  calendars: 'map',
  slaPolicies: 'map',
  views: 'map',
  cannedReplies: 'map',
  routing: 'map',
  mail: 'map',
  kb: 'map',
  macros: 'map',
  surveys: 'map',
  helpCentre: 'map',
  fields: 'map'
};

export function isSettingsRoot(name: string): name is SettingsRoot {
  return Object.hasOwn(SETTINGS_SCHEMAS, name);
}

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
  return recordProblem(root, SETTINGS_SCHEMAS[root], key, value);
}

function recordProblem(
  root: SettingsRoot,
  schema: z.ZodType<{ id: string }>,
  key: string,
  value: unknown
): string | null {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return `${root}.${key.slice(0, 64)}: ${firstIssue(parsed.error)}`;
  if (parsed.data.id !== key) return `${root}.${key.slice(0, 64)}: the key must be the record's id`;
  return null;
}

/** The routing root as the routing worker and the routing page read it. */
export interface RoutingSettings {
  mode: RoutingMode;
  capacity: number | null;
  /** In the order they are listed. */
  rules: readonly SkillRuleRecord[];
  /** Round-robin's last pick (the next turn is the member after them by id); `null`: none yet. */
  lastMemberId: string | null;
}

export const MANUAL_ROUTING: RoutingSettings = {
  mode: 'manual',
  capacity: null,
  rules: [],
  lastMemberId: null
};

export interface Settings {
  /** When solved and closed tickets leave the index (on, 90 days, unless an admin chose). */
  archive: ArchiveSettingsRecord;
  calendars: ReadonlyMap<string, CalendarRecord>;
  /** In the order they apply. */
  slaPolicies: readonly SlaPolicyRecord[];
  /** In the order they are listed. */
  views: readonly SavedViewRecord[];
  /** By name. */
  cannedReplies: readonly CannedReplyRecord[];
  routing: RoutingSettings;
  /** Whether replies can be mailed: a connected mailbox (server-written; none: not connected). */
  mailbox: { connected: boolean; address: string | null };
  /** The CSAT and NPS surveys (both off by default). */
  surveys: SurveySettings;
  /** The public help centre; `null`: the workspace has not opted in. */
  helpCentre: HelpCentreRecord | null;
  /** Custom ticket fields, archived ones too (`custom-fields.ts`). */
  customFields: CustomFields;
}

export const EMPTY_SETTINGS: Settings = {
  archive: archiveSettingsOf([]),
  calendars: new Map(),
  slaPolicies: [],
  views: [],
  cannedReplies: [],
  routing: MANUAL_ROUTING,
  mailbox: { connected: false, address: null },
  surveys: surveySettingsOf([]),
  helpCentre: null,
  customFields: NO_CUSTOM_FIELDS
};

/** The records of one root that parse and are keyed by their id; the others are skipped. */
function recordsOf<T extends { id: string }>(
  doc: Y.Doc,
  root: SettingsRoot,
  schema: z.ZodType<T>
): T[] {
  const out: T[] = [];
  for (const [key, value] of doc.getMap(root)) {
    const parsed = schema.safeParse(value);
    if (parsed.success && parsed.data.id === key) out.push(parsed.data);
  }
  return out;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A plain snapshot of the settings; records that do not parse are skipped. */
export function readSettings(doc: Y.Doc): Settings {
  const calendars = new Map(recordsOf(doc, 'calendars', CalendarRecord).map((c) => [c.id, c]));
  const slaPolicies = recordsOf(doc, 'slaPolicies', SlaPolicyRecord).sort(
    (a, b) => a.position - b.position || byId(a, b)
  );
  const views = recordsOf(doc, 'views', SavedViewRecord).sort(compareViews);
  const cannedReplies = recordsOf(doc, 'cannedReplies', CannedReplyRecord).sort(
    (a, b) => a.name.localeCompare(b.name) || byId(a, b)
  );
  const flag = mailboxFlag(doc.getMap('mail').get(MAILBOX_FLAG_ID));
  const mailbox = { connected: flag?.connected ?? false, address: flag?.address ?? null };
  return {
    archive: archiveSettingsOf(doc.getMap('archive').entries()),
    calendars,
    slaPolicies,
    views,
    cannedReplies,
    routing: readRouting(doc),
    mailbox,
    surveys: surveySettingsOf(doc.getMap('surveys').entries()),
    helpCentre: helpCentreOf(doc.getMap('helpCentre').entries()),
    customFields: customFieldsOf(doc.getMap('fields').entries())
  };
}

/** The routing root: manual when it holds no (valid) assignment record. */
export function readRouting(doc: Y.Doc): RoutingSettings {
  let assignment: RoutingAssignmentRecord | null = null;
  let lastMemberId: string | null = null;
  const rules: SkillRuleRecord[] = [];
  for (const record of recordsOf(doc, 'routing', RoutingRecord)) {
    if (record.kind === 'assignment') assignment = record;
    else if (record.kind === 'turn') lastMemberId = record.lastMemberId;
    else rules.push(record);
  }
  rules.sort((a, b) => a.position - b.position || byId(a, b));
  return {
    mode: assignment?.mode ?? 'manual',
    capacity: assignment?.capacity ?? null,
    rules,
    lastMemberId
  };
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

/**
 * Writes a record into its root, replacing the one under its id, after validating it the way
 * the server's update check will. Returns why it was refused (naming the field), or `null`
 * when it was written.
 */
export function putSettingsRecord(doc: Y.Doc, root: SettingsRoot, record: unknown): string | null {
  return putRecordOf(doc, root, SETTINGS_SCHEMAS[root], record);
}

/**
 * `putSettingsRecord` for a caller that names the root's schema itself (`SETTINGS_SCHEMAS[root]`):
 * the board's saved views save through it, so that the first screen's code does not take
 * along every settings root's schema (automations, macros, surveys…) that the lookup table
 * holds.
 */
export function putRecordOf<R extends SettingsRoot>(
  doc: Y.Doc,
  root: R,
  schema: (typeof SETTINGS_SCHEMAS)[R],
  record: unknown
): string | null {
  const id =
    typeof record === 'object' && record !== null && 'id' in record && typeof record.id === 'string'
      ? record.id
      : '';
  const problem = recordProblem(root, schema, id, record);
  if (problem) return problem;
  doc.getMap(root).set(id, record);
  return null;
}

export function removeSettingsRecord(doc: Y.Doc, root: SettingsRoot, id: string): boolean {
  const map = doc.getMap(root);
  if (!map.has(id)) return false;
  map.delete(id);
  return true;
}

/**
 * Moves a policy one place up (`-1`) or down (`1`) in the order policies apply, by giving it
 * the position between its new neighbours (only that record changes, so two admins' moves
 * merge). Returns whether it moved.
 */
export function moveSlaPolicy(doc: Y.Doc, id: string, step: -1 | 1): boolean {
  const policies = readSettings(doc).slaPolicies;
  const at = policies.findIndex((p) => p.id === id);
  const policy = policies[at];
  const target = at + step;
  const neighbour = policies[target];
  if (!policy || !neighbour) return false;
  const beyond = policies[target + step];
  const position = beyond ? (neighbour.position + beyond.position) / 2 : neighbour.position + step;
  doc.getMap('slaPolicies').set(id, { ...policy, position });
  return true;
}
