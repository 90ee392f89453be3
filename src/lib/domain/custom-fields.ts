/**
 * Custom fields: the workspace's own ticket fields (an order number, a product, a due date…),
 * defined by owners and admins and filled in by agents.
 *
 * Definitions are records of the settings document's `fields` root (`settings.ts`), each with a
 * stable id and a stable `key` (a slug: what templates, filters and the ticket's values use), a
 * label (one text, or one per language), a type, options for dropdowns and multi-selects (each
 * with a stable id; the ticket stores the id, so relabelling an option changes nothing stored),
 * `requiredOnSolve` and `archived`.
 *
 * Definitions only grow. A field is never deleted, its key and type never change and an option
 * is never removed — a field or an option that is no longer wanted is archived (hidden from
 * forms, still shown where a ticket holds it). The update check enforces this
 * (`fieldDefinitionChangeProblem`), and it is what makes checking values safe offline: a value
 * an agent set against the definitions their device knew stays valid against the server's,
 * whatever an admin changed meanwhile.
 *
 * Values live in the ticket document's `customFields` map, key → one plain value (a text, a
 * number, a `YYYY-MM-DD` date, an option id, a list of option ids, or a boolean); an empty
 * field has no entry. Each field is its own map entry, so two agents setting different fields
 * merge. The update check refuses a value that is no field value at all (`FieldValue`, size
 * caps), and on the server, with the workspace's definitions, one whose key is not defined or
 * whose value does not fit its field's type (`fieldValueProblem`).
 *
 * Solving: `missingToSolve` lists the required fields a ticket leaves empty; `setStatusChecked`
 * refuses to solve while any is (`RequiredFieldsError`, naming them).
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { CustomFieldKey, CustomFieldValue, type Actor, type TicketStatus } from './schema';
import {
  readCustomFieldValues,
  readTicketFields,
  setStatus,
  ticketParts,
  TicketError
} from './ticket';
import { isSolvedStatus } from './ticket-status';

export { CustomFieldKey } from './schema';

/** The ticket document's root that holds the values, key → value. */
export const CUSTOM_FIELDS_ROOT = 'customFields';
/** The settings document's root that holds the definitions, id → record. */
export const FIELDS_SETTINGS_ROOT = 'fields';

export const FIELD_TYPES = [
  'text',
  'number',
  'date',
  'dropdown',
  'multiselect',
  'checkbox'
] as const;
export const FieldType = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldType>;

/** Caps on what one ticket holds. */
export const FIELD_LIMITS = {
  text: 2_000,
  options: 100,
  selected: 50,
  /** Defined fields per workspace, and so values per ticket. */
  fields: 100,
  /** A number's magnitude: past 2^53 integers stop being exact. */
  number: 1e15,
  /** A text value's length in the index summary (enough to filter on). */
  summaryText: 200
} as const;

const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'ids are lowercase letters, digits and dashes');

const LabelText = z.string().trim().min(1).max(120);

/** Labels an admin may add besides the English one. */
const TRANSLATED_LABELS = { fi: LabelText.optional(), da: LabelText.optional() };

/** One label for every language, or one per language (English required, the others fall back). */
export const FieldLabel = z.union([
  LabelText,
  z.strictObject({ en: LabelText, ...TRANSLATED_LABELS })
]);
export type FieldLabel = z.infer<typeof FieldLabel>;

export const FieldOption = z.strictObject({
  id: Slug,
  label: FieldLabel,
  /** Not offered any more; still shown on tickets that hold it. */
  archived: z.boolean().optional()
});
export type FieldOption = z.infer<typeof FieldOption>;

const HAS_OPTIONS: ReadonlySet<FieldType> = new Set(['dropdown', 'multiselect']);

export const CustomFieldRecord = z
  .strictObject({
    id: Slug,
    key: CustomFieldKey,
    label: FieldLabel,
    type: FieldType,
    /** Dropdowns and multi-selects only. */
    options: z.array(FieldOption).max(FIELD_LIMITS.options).optional(),
    /** A ticket cannot be solved while this field is empty. */
    requiredOnSolve: z.boolean(),
    /** Hidden from forms; values stay. Fields are archived, never deleted. */
    archived: z.boolean(),
    /** Fields are listed in ascending position, then by key. */
    position: z.number().finite().optional()
  })
  .superRefine((field, ctx) => {
    const options = field.options ?? [];
    if (HAS_OPTIONS.has(field.type) && options.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'a list needs at least one option'
      });
    }
    if (!HAS_OPTIONS.has(field.type) && field.options !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `a ${field.type} field has no options`
      });
    }
    const seen = new Set<string>();
    options.forEach((option, index) => {
      if (seen.has(option.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['options', index, 'id'],
          message: `the option ${option.id} is listed twice`
        });
      }
      seen.add(option.id);
    });
  });
export type CustomFieldRecord = z.infer<typeof CustomFieldRecord>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/**
 * Any field's value, as the update check accepts it without the definitions: the shapes a
 * value of some type may have, each within its cap (`schema.ts`, so that `readTicket` reads
 * them too).
 */
export const FieldValue = CustomFieldValue;
export type FieldValue = CustomFieldValue;

/** What a ticket's summary in the index carries of its values (`summaryFieldValues`). */
export type SummaryFieldValues = Record<string, string | number | boolean | string[]>;

// ---------------------------------------------------------------------------------------------
// Reading definitions

/** A snapshot of the workspace's definitions: all of them (archived too) and by key. */
export interface CustomFields {
  /** In the order they are listed: position, then key. */
  all: readonly CustomFieldRecord[];
  byKey: ReadonlyMap<string, CustomFieldRecord>;
}

export const NO_CUSTOM_FIELDS: CustomFields = { all: [], byKey: new Map() };

/** The definitions of an iterable of `[id, record]`; records that do not parse are skipped. */
export function customFieldsOf(entries: Iterable<[string, unknown]>): CustomFields {
  const all: CustomFieldRecord[] = [];
  const byKey = new Map<string, CustomFieldRecord>();
  for (const [id, value] of entries) {
    const parsed = CustomFieldRecord.safeParse(value);
    if (!parsed.success || parsed.data.id !== id || byKey.has(parsed.data.key)) continue;
    all.push(parsed.data);
    byKey.set(parsed.data.key, parsed.data);
  }
  all.sort(
    (a, b) =>
      (a.position ?? Infinity) - (b.position ?? Infinity) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
  return { all, byKey };
}

/** The workspace's custom fields, read from its settings document. */
export function readCustomFields(settingsDoc: Y.Doc): CustomFields {
  return customFieldsOf(settingsDoc.getMap(FIELDS_SETTINGS_ROOT).entries());
}

/** The fields a form offers: not archived. */
export function activeFields(fields: CustomFields): CustomFieldRecord[] {
  return fields.all.filter((field) => !field.archived);
}

// ---------------------------------------------------------------------------------------------
// Values

/** A ticket's values, key → value; entries that are no field value are skipped. */
export function readFieldValues(ticketDoc: Y.Doc): Record<string, FieldValue> {
  return readCustomFieldValues(ticketDoc);
}

/** One value of a ticket; `null` when the field is empty (or holds no valid value). */
export function fieldValue(ticketDoc: Y.Doc, key: string): FieldValue | null {
  const parsed = FieldValue.safeParse(ticketDoc.getMap(CUSTOM_FIELDS_ROOT).get(key));
  return parsed.success ? parsed.data : null;
}

/**
 * Why `value` cannot be `field`'s value, naming the field; `null` when it can. An option
 * archived since is still a valid value (an offline device may have chosen it before).
 */
export function fieldValueProblem(field: CustomFieldRecord, value: unknown): string | null {
  const fail = (why: string) => `${field.key}: ${why}`;
  const optionIds = new Set((field.options ?? []).map((o) => o.id));
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') return fail('a text field holds text');
      if (value.trim() === '') return fail('an empty text is no value (clear the field instead)');
      if (value.length > FIELD_LIMITS.text) return fail(`at most ${FIELD_LIMITS.text} characters`);
      return null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value))
        return fail('a number field holds a number');
      if (Math.abs(value) > FIELD_LIMITS.number) return fail('the number is too large');
      return null;
    case 'date':
      if (typeof value !== 'string' || !isCalendarDate(value))
        return fail('a date field holds a date written YYYY-MM-DD');
      return null;
    case 'dropdown':
      if (typeof value !== 'string' || !optionIds.has(value))
        return fail('the value must be one of the field’s options');
      return null;
    case 'multiselect': {
      if (!Array.isArray(value) || value.length === 0)
        return fail('a multi-select holds a list of options');
      if (value.length > FIELD_LIMITS.selected)
        return fail(`at most ${FIELD_LIMITS.selected} options`);
      if (value.some((id) => typeof id !== 'string' || !optionIds.has(id)))
        return fail('every value must be one of the field’s options');
      if (new Set(value).size !== value.length) return fail('an option is chosen twice');
      return null;
    }
    case 'checkbox':
      return typeof value === 'boolean' ? null : fail('a checkbox is true or false');
  }
}

/**
 * Why the ticket's `customFields` entries under `keys` are refused (the update check), or
 * `null`. Without definitions (`null`: the server could not read them) only the shape and the
 * caps are checked; with them, unknown keys and values that do not fit their field too.
 */
export function customFieldValuesProblem(
  ticketDoc: Y.Doc,
  keys: Iterable<string>,
  definitions: CustomFields | null
): string | null {
  const values = ticketDoc.getMap(CUSTOM_FIELDS_ROOT);
  for (const key of keys) {
    if (!values.has(key)) continue;
    const name = key.slice(0, 50);
    if (!CustomFieldKey.safeParse(key).success)
      return `customFields: "${name}" is not a field key.`;
    const value: unknown = values.get(key);
    if (!FieldValue.safeParse(value).success) {
      return `customFields.${name}: not a field value (text of at most ${FIELD_LIMITS.text} characters, a number, a date, options or a checkbox).`;
    }
    if (definitions) {
      const field = definitions.byKey.get(key);
      if (!field) return `customFields: the workspace has no field "${name}".`;
      const problem = fieldValueProblem(field, value);
      if (problem) return `customFields.${problem}`;
    }
  }
  if (values.size > FIELD_LIMITS.fields) {
    return `customFields: a ticket holds at most ${FIELD_LIMITS.fields} field values.`;
  }
  return null;
}

/**
 * Sets (or, with `null`, clears) a field's value on the ticket, in one transaction with the
 * ticket's `updatedAt`. Throws `TicketError` ('invalid-input') naming the field for a value
 * that does not fit. Returns whether anything changed.
 */
export function setFieldValue(
  ticketDoc: Y.Doc,
  field: CustomFieldRecord,
  value: FieldValue | null,
  actor: Actor,
  now: number
): boolean {
  const fields = readTicketFields(ticketDoc);
  if (!fields) throw new TicketError('not-a-ticket', 'This document holds no ticket yet.');
  const empty = value === null || (typeof value === 'string' && value.trim() === '');
  if (!empty) {
    const problem = fieldValueProblem(field, value);
    if (problem) throw new TicketError('invalid-input', problem);
  }
  const values = ticketDoc.getMap(CUSTOM_FIELDS_ROOT);
  const previous: unknown = values.get(field.key);
  if (empty ? previous === undefined : sameValue(previous, value)) return false;
  const parts = ticketParts(ticketDoc);
  const before = FieldValue.safeParse(previous);
  ticketDoc.transact(() => {
    if (empty) values.delete(field.key);
    else values.set(field.key, Array.isArray(value) ? [...value] : value);
    parts.fields.set('updatedAt', Math.max(now, fields.updatedAt));
    parts.activity.push([
      {
        at: now,
        actorId: actor.id,
        kind: 'field',
        field: field.key,
        from: activityFieldValue(before.success ? before.data : null),
        to: activityFieldValue(empty ? null : value)
      }
    ]);
  });
  return true;
}

/** A field value as a `field` activity entry keeps it (see `ACTIVITY_KINDS`). */
export function activityFieldValue(value: FieldValue | null): string | number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.slice(0, 300);
  return JSON.stringify(value).slice(0, 300);
}

/** A `field` entry's value back as the field's value (`null` when empty or unreadable). */
export function fieldValueOfActivity(
  field: CustomFieldRecord,
  value: string | number | null | undefined
): FieldValue | null {
  if (value === null || value === undefined) return null;
  if (field.type !== 'checkbox' && field.type !== 'multiselect') return value;
  try {
    const parsed = FieldValue.safeParse(JSON.parse(String(value)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/** Whether a field holds nothing (no value, or `false` for a required checkbox: "not ticked"). */
function isEmptyValue(field: CustomFieldRecord, value: FieldValue | undefined): boolean {
  if (value === undefined) return true;
  if (field.type === 'checkbox') return value !== true;
  return fieldValueProblem(field, value) !== null;
}

/**
 * The required fields a ticket with `values` leaves empty, in the order they are listed:
 * what stands between it and solved. Archived fields are never required.
 */
export function missingToSolve(
  values: Readonly<Record<string, FieldValue>>,
  definitions: CustomFields
): CustomFieldRecord[] {
  return definitions.all.filter(
    (field) =>
      field.requiredOnSolve &&
      !field.archived &&
      isEmptyValue(field, Object.hasOwn(values, field.key) ? values[field.key] : undefined)
  );
}

/** Solving refused: the required fields still empty. */
export class RequiredFieldsError extends TicketError {
  constructor(readonly missing: readonly CustomFieldRecord[]) {
    super(
      'invalid-input',
      `Fill in ${missing.map((f) => labelText(f.label, 'en')).join(', ')} before solving.`
    );
    this.name = 'RequiredFieldsError';
  }
}

/**
 * `setStatus`, refusing to solve (solved or closed) while a required field is empty: the one
 * function the app solves through. Throws `RequiredFieldsError`.
 */
export function setStatusChecked(
  ticketDoc: Y.Doc,
  status: TicketStatus,
  definitions: CustomFields,
  actor: Actor,
  now: number
): boolean {
  if (isSolvedStatus(status)) {
    const current = readTicketFields(ticketDoc)?.status;
    if (current !== undefined && !isSolvedStatus(current)) {
      const missing = missingToSolve(readFieldValues(ticketDoc), definitions);
      if (missing.length > 0) throw new RequiredFieldsError(missing);
    }
  }
  return setStatus(ticketDoc, status, actor, now);
}

/**
 * What a ticket's index summary carries of its values, for filtering: every valid value, keys
 * sorted (so two replicas write the same summary), texts cut to `FIELD_LIMITS.summaryText`.
 * `undefined` when the ticket holds none (the summary then has no `customFields`).
 */
export function summaryFieldValues(
  values: Readonly<Record<string, FieldValue>>
): SummaryFieldValues | undefined {
  const keys = Object.keys(values).sort();
  if (keys.length === 0) return undefined;
  const out: SummaryFieldValues = {};
  for (const key of keys.slice(0, FIELD_LIMITS.fields)) {
    const value = values[key];
    if (value === undefined) continue;
    out[key] =
      typeof value === 'string'
        ? value.slice(0, FIELD_LIMITS.summaryText)
        : Array.isArray(value)
          ? [...value]
          : value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Definitions changing

/** Why `value` cannot be stored under `id` in the `fields` root, naming the field. */
export function fieldRecordProblem(id: string, value: unknown): string | null {
  const parsed = CustomFieldRecord.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid';
    return `fields.${id.slice(0, 64)}: ${where}`;
  }
  return parsed.data.id === id
    ? null
    : `fields.${id.slice(0, 64)}: the key must be the record's id`;
}

/** The definitions as they were, by id (raw records), for `fieldDefinitionChangeProblem`. */
export function fieldDefinitionsBefore(settingsDoc: Y.Doc): ReadonlyMap<string, unknown> {
  return new Map(settingsDoc.getMap(FIELDS_SETTINGS_ROOT).entries());
}

/**
 * Why a change to the `fields` root is refused (the update check, after each record passed
 * its schema): a field removed (archive it instead), a key or a type changed, an option
 * removed, or a key used by two fields. `null` when the definitions only grew.
 */
export function fieldDefinitionChangeProblem(
  before: ReadonlyMap<string, unknown>,
  settingsDoc: Y.Doc,
  changedIds: Iterable<string>
): string | null {
  const root = settingsDoc.getMap(FIELDS_SETTINGS_ROOT);
  for (const id of changedIds) {
    const name = `fields.${id.slice(0, 64)}`;
    if (!root.has(id)) {
      if (before.has(id)) return `${name}: a field is archived, not deleted`;
      continue;
    }
    const problem = recordChangeProblem(before.get(id), root.get(id));
    if (problem) return `${name}${problem}`;
  }
  const keys = new Map<string, string>();
  for (const [id, value] of root) {
    const parsed = CustomFieldRecord.safeParse(value);
    if (!parsed.success) continue;
    const other = keys.get(parsed.data.key);
    if (other !== undefined) {
      return `fields.${id.slice(0, 64)}.key: the key ${parsed.data.key} is already the field ${other}'s`;
    }
    keys.set(parsed.data.key, id);
  }
  if (root.size > FIELD_LIMITS.fields) {
    return `fields: a workspace has at most ${FIELD_LIMITS.fields} custom fields`;
  }
  return null;
}

/** What is wrong with replacing `old` by `now` (both raw), as `.field: why`; `null`: nothing. */
function recordChangeProblem(old: unknown, now: unknown): string | null {
  const before = CustomFieldRecord.safeParse(old);
  const after = CustomFieldRecord.safeParse(now);
  if (!before.success || !after.success) return null;
  if (after.data.key !== before.data.key) return ".key: a field's key never changes";
  if (after.data.type !== before.data.type) return ".type: a field's type never changes";
  const kept = new Set((after.data.options ?? []).map((o) => o.id));
  const gone = (before.data.options ?? []).find((o) => !kept.has(o.id));
  return gone ? `.options: the option ${gone.id} is archived, not removed` : null;
}

/**
 * Writes a definition into the settings document after the checks the server's update check
 * makes (its schema, a fixed key and type, no option removed, a key no other field has).
 * Returns why it was refused, naming the field, or `null` when it was written.
 */
export function putFieldDefinition(settingsDoc: Y.Doc, record: CustomFieldRecord): string | null {
  const shape = fieldRecordProblem(record.id, record);
  if (shape) return shape;
  const root = settingsDoc.getMap(FIELDS_SETTINGS_ROOT);
  const change = recordChangeProblem(root.get(record.id), record);
  if (change) return `fields.${record.id}${change}`;
  for (const [id, value] of root) {
    const other = CustomFieldRecord.safeParse(value);
    if (id !== record.id && other.success && other.data.key === record.key) {
      return `fields.${record.id}.key: the key ${record.key} is already the field ${id}'s`;
    }
  }
  root.set(record.id, structuredClone(record));
  return null;
}

/** What the settings form edits: the labels, the key, the type, the options one per line. */
export interface FieldForm {
  label: string;
  labelFi: string;
  labelDa: string;
  key: string;
  type: FieldType;
  /** Option labels, one per line. */
  options: string;
  requiredOnSolve: boolean;
  archived: boolean;
}

export type FieldFormProblem = 'name' | 'options' | 'key-invalid' | 'key-taken';

/** The form of an existing field, or of a new one. */
export function fieldForm(field: CustomFieldRecord | null): FieldForm {
  const label = field?.label;
  return {
    label: label === undefined ? '' : typeof label === 'string' ? label : label.en,
    labelFi: label && typeof label !== 'string' ? (label.fi ?? '') : '',
    labelDa: label && typeof label !== 'string' ? (label.da ?? '') : '',
    key: field?.key ?? '',
    type: field?.type ?? 'text',
    options: (field?.options ?? [])
      .filter((o) => !o.archived)
      .map((o) => labelText(o.label, 'en'))
      .join('\n'),
    requiredOnSolve: field?.requiredOnSolve ?? false,
    archived: field?.archived ?? false
  };
}

/**
 * The record a form makes. Options keep their ids: a line whose label an option already has
 * (any case) is that option, back from the archive if it was archived; a new line is a new
 * option with an id made from its label; an option whose line was removed is archived, never
 * dropped (tickets may hold it). Ids of new fields come from `newId`.
 */
export function fieldRecordFromForm(
  form: FieldForm,
  existing: CustomFieldRecord | null,
  fields: CustomFields,
  newId: () => string,
  position: number
): { ok: true; record: CustomFieldRecord } | { ok: false; problem: FieldFormProblem } {
  const en = form.label.trim();
  if (!en) return { ok: false, problem: 'name' };
  const key = existing?.key ?? (form.key.trim() || keyFromLabel(en));
  if (!existing && !CustomFieldKey.safeParse(key).success)
    return { ok: false, problem: 'key-invalid' };
  const other = fields.byKey.get(key);
  if (other && other.id !== existing?.id) return { ok: false, problem: 'key-taken' };
  const type = existing?.type ?? form.type;
  const fi = form.labelFi.trim();
  const da = form.labelDa.trim();
  const label: FieldLabel = fi || da ? { en, ...(fi ? { fi } : {}), ...(da ? { da } : {}) } : en;
  let options: FieldOption[] | undefined;
  if (HAS_OPTIONS.has(type)) {
    const lines = [
      ...new Set(
        form.options
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
      )
    ];
    const old = existing?.options ?? [];
    const used = new Set(old.map((o) => o.id));
    const kept = new Set<string>();
    options = [];
    for (const line of lines) {
      const match = old.find(
        (o) => !kept.has(o.id) && labelText(o.label, 'en').toLowerCase() === line.toLowerCase()
      );
      if (match) {
        kept.add(match.id);
        options.push({ id: match.id, label: typeof match.label === 'string' ? line : match.label });
        continue;
      }
      const base =
        line
          .normalize('NFKD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '')
          .slice(0, 40) || 'option';
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      options.push({ id, label: line.slice(0, 120) });
    }
    for (const option of old) {
      if (!kept.has(option.id)) options.push({ ...option, archived: true });
    }
    if (!options.some((o) => !o.archived)) return { ok: false, problem: 'options' };
  }
  const record: CustomFieldRecord = {
    id: existing?.id ?? newId(),
    key,
    label,
    type,
    ...(options ? { options } : {}),
    requiredOnSolve: form.requiredOnSolve,
    archived: form.archived,
    position: existing?.position ?? position
  };
  return { ok: true, record };
}

// ---------------------------------------------------------------------------------------------
// Display

/** A label in `locale`, else its English, else the one label. */
export function labelText(label: FieldLabel, locale: string): string {
  if (typeof label === 'string') return label;
  const lang = locale.slice(0, 2);
  return (lang === 'fi' ? label.fi : lang === 'da' ? label.da : undefined) ?? label.en;
}

/** The words `formatFieldValue` needs from the language layer. */
export interface FieldFormatWords {
  locale: string;
  yes: string;
  no: string;
}

/**
 * A value as a reader sees it, in their language: options by their label, a date as the
 * locale writes it, a number with its separators, a checkbox as yes or no. `''` for none.
 */
export function formatFieldValue(
  field: CustomFieldRecord,
  value: FieldValue | null | undefined,
  words: FieldFormatWords
): string {
  if (value === null || value === undefined) return '';
  const optionLabel = (id: string) => {
    const option = field.options?.find((o) => o.id === id);
    return option ? labelText(option.label, words.locale) : id;
  };
  switch (field.type) {
    case 'text':
      return String(value);
    case 'number':
      return typeof value === 'number'
        ? new Intl.NumberFormat(words.locale).format(value)
        : String(value);
    case 'date': {
      if (typeof value !== 'string' || !isCalendarDate(value)) return String(value);
      const [y, m, d] = value.split('-').map(Number) as [number, number, number];
      return new Intl.DateTimeFormat(words.locale, {
        dateStyle: 'medium',
        timeZone: 'UTC'
      }).format(new Date(Date.UTC(y, m - 1, d)));
    }
    case 'dropdown':
      return typeof value === 'string' ? optionLabel(value) : String(value);
    case 'multiselect':
      return Array.isArray(value) ? value.map(optionLabel).join(', ') : String(value);
    case 'checkbox':
      return value === true ? words.yes : words.no;
  }
}

/**
 * The values a macro template reads as `ticket.fields.<key>`: every defined key (`null` when
 * the ticket leaves it empty, so `| default:` works) and every key the ticket holds, each as
 * the reader sees it (`formatFieldValue`).
 */
export function templateFieldValues(
  values: Readonly<Record<string, FieldValue>>,
  definitions: CustomFields,
  words: FieldFormatWords
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const field of definitions.all) out[field.key] = null;
  for (const [key, value] of Object.entries(values)) {
    const field = definitions.byKey.get(key);
    out[key] = field
      ? formatFieldValue(field, value, words)
      : Array.isArray(value)
        ? value.join(', ')
        : String(value);
  }
  return out;
}

/** A new field's key from its label: lowercase ASCII words joined by `_` (may be ''). */
export function keyFromLabel(label: string): string {
  const key = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return key;
}

/** Whether fields of `type` choose from options (dropdowns and multi-selects). */
export function hasOptions(type: FieldType): boolean {
  return HAS_OPTIONS.has(type);
}
