/**
 * Macros: a named answer to a common question — a reply text, an internal note and actions
 * (status, priority, assignee, tags) — applied to a ticket in one step and undone in one step.
 *
 * Where they live. Shared macros are records of the settings document's `macros` root
 * (`settings.ts`; owners and admins write them). Personal macros are each member's own, kept
 * with the same record schema in the browser's storage of that member (`state/macros.svelte.ts`),
 * so they work offline and never reach colleagues.
 *
 * Applying (`applyMacro`) is one Yjs transaction on the ticket document: the rendered reply is
 * added to the end of the reply draft (after a blank line when the draft has text), and each
 * action goes through the ticket's own functions (`ticket.ts`), so the activity log says what
 * changed and the server's update check sees ordinary edits. The note is not written into the
 * thread: it is handed back for the note editor, where the agent reads and sends it (as
 * Zendesk's macros fill the comment box), because the thread is append-only and an applied
 * note could never be undone.
 *
 * Nothing is written when a template does not render (`previewMacro` says why): a reply with
 * a hole or a raw `{{ … }}` never reaches the draft. Applying needs no connection: it is a local
 * edit that syncs like any other.
 *
 * Undo (`undoMacro`) restores what the macro changed and nobody changed since: each field back
 * to its value before, when it still holds the macro's value (a colleague's later change wins);
 * tags it added are removed and tags it removed come back; the inserted reply text is removed
 * by relative positions, which follow the text through concurrent edits. The thread and the
 * activity log are append-only, so the undo is logged like any change.
 */
import * as Y from 'yjs';
import {
  type Actor,
  type TicketPriority,
  type TicketStatus,
  type CustomerSummary,
  type MemberProfile
} from './schema';
import {
  addTag,
  assign,
  readCustomFieldValues,
  readTicketFields,
  removeTag,
  setPriority,
  setStatus
} from './ticket';
import {
  NO_CUSTOM_FIELDS,
  fieldValueProblem,
  setFieldValue,
  templateFieldValues,
  type CustomFieldRecord,
  type CustomFields,
  type FieldFormatWords,
  type FieldValue
} from './custom-fields';
import {
  describeTemplateProblem,
  firstNameOf,
  renderTemplate,
  templateProblem,
  type MacroContext,
  type RenderResult
} from './macro-template';
import { MacroRecord, macroRecordProblem } from './macro-record';

export { MacroActions, MacroAssignee, MacroRecord } from './macro-record';

/** The transaction origin of applying and undoing macros. */
export const MACRO_ORIGIN = Symbol('macro');

/** A macro as the picker lists it: shared ones from settings, personal ones from the member. */
export interface Macro extends MacroRecord {
  scope: 'shared' | 'personal';
}

/**
 * Why a macro record cannot be saved, naming the field: its shape (`macro-record.ts`), then
 * its templates (unknown variables, unbalanced tags); `null` when it can.
 */
export function macroProblem(value: unknown): string | null {
  const shape = macroRecordProblem(value);
  if (shape) return shape;
  const record = MacroRecord.parse(value);
  for (const field of ['reply', 'note'] as const) {
    const template = record[field];
    const problem = template === undefined ? null : templateProblem(template);
    if (problem) return `${field}: ${describeTemplateProblem(problem)}`;
  }
  return null;
}

/** Lowercase words of a query, each of which must start a word of the macro's name. */
export function searchMacros(macros: readonly Macro[], query: string): Macro[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...macros];
  return macros.filter((macro) => {
    const name = macro.name.toLowerCase();
    const nameWords = name.split(/[\s\-_/.,:;()]+/);
    return words.every((w) => nameWords.some((n) => n.startsWith(w)) || name.includes(w));
  });
}

/** The people a ticket's variables speak of. */
export interface MacroPeople {
  agent: Actor;
  customers: ReadonlyMap<string, CustomerSummary> | Readonly<Record<string, CustomerSummary>>;
  members: ReadonlyMap<string, MemberProfile> | Readonly<Record<string, MemberProfile>>;
  /**
   * The workspace's custom fields and the words their values are shown in, for
   * `ticket.fields.<key>`; absent: the values the ticket holds, as stored.
   */
  fields?: { definitions: CustomFields; words: FieldFormatWords };
}

function lookup<T>(from: ReadonlyMap<string, T> | Readonly<Record<string, T>>, id: string | null) {
  if (id === null) return undefined;
  if (from instanceof Map) return from.get(id);
  const record = from as Readonly<Record<string, T>>;
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** The variables of `doc`'s ticket; `null` when the document holds no ticket. */
export function macroContext(doc: Y.Doc, people: MacroPeople): MacroContext | null {
  const fields = readTicketFields(doc);
  if (!fields) return null;
  const requester = lookup(people.customers, fields.requesterId);
  const assignee = lookup(people.members, fields.assigneeId);
  return {
    ticket: {
      number: fields.number,
      ref: fields.ref,
      subject: fields.subject,
      status: fields.status,
      priority: fields.priority,
      channel: fields.channel,
      fields: templateFieldValues(
        readCustomFieldValues(doc),
        people.fields?.definitions ?? NO_CUSTOM_FIELDS,
        people.fields?.words ?? { locale: 'en', yes: 'true', no: 'false' }
      )
    },
    requester: {
      name: requester?.name ?? null,
      first_name: firstNameOf(requester?.name ?? null),
      email: requester?.email ?? null
    },
    agent: { name: people.agent.name, first_name: firstNameOf(people.agent.name) ?? '' },
    assignee: {
      name: assignee?.name ?? null,
      first_name: firstNameOf(assignee?.name ?? null)
    }
  };
}

/** One field change a macro makes, for the preview to list. */
export type MacroChange =
  | { kind: 'status'; from: TicketStatus; to: TicketStatus }
  | { kind: 'priority'; from: TicketPriority; to: TicketPriority }
  | { kind: 'assignee'; from: string | null; to: string | null }
  | { kind: 'tag-added'; tag: string }
  | { kind: 'tag-removed'; tag: string };

/** One custom field a macro sets, for the preview to list. */
export interface MacroFieldChange {
  field: CustomFieldRecord;
  from: FieldValue | null;
  to: FieldValue | null;
}

export interface MacroPreview {
  /** `null` when the macro has no reply text. */
  reply: RenderResult | null;
  note: RenderResult | null;
  /** Only what would actually change (setting a status the ticket has is no change). */
  changes: MacroChange[];
  /** The custom fields it would change (only real changes, as `changes`). */
  fieldChanges: MacroFieldChange[];
  /**
   * Keys of custom fields the macro sets that the workspace does not define (or archived),
   * or whose value no longer fits the field: the macro cannot be applied until it is fixed.
   */
  fieldProblems: string[];
  /** Every template rendered and every field fits: the macro may be applied. */
  ok: boolean;
}

/**
 * Why a macro's field actions do not fit the workspace's fields (a key it does not define, an
 * archived field, a value the field refuses), naming the first; `null` when they fit.
 */
export function macroFieldsProblem(
  actions: Pick<MacroRecord['actions'], 'fields'>,
  definitions: CustomFields
): string | null {
  for (const [key, value] of Object.entries(actions.fields ?? {})) {
    const field = definitions.byKey.get(key);
    if (!field || field.archived) return `actions.fields.${key}: the workspace has no such field`;
    const problem = value === null ? null : fieldValueProblem(field, value);
    if (problem) return `actions.fields.${problem}`;
  }
  return null;
}

function sameFieldValue(a: FieldValue | null, b: FieldValue | null): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

function render(template: string | undefined, context: MacroContext): RenderResult | null {
  if (template === undefined || template.trim() === '') return null;
  return renderTemplate(template, context);
}

/** What applying `macro` to the ticket in `doc` would do now, as `actor`. */
export function previewMacro(doc: Y.Doc, macro: MacroRecord, people: MacroPeople): MacroPreview {
  const context = macroContext(doc, people);
  const fields = readTicketFields(doc);
  if (!context || !fields) throw new Error('The document holds no ticket.');
  const reply = render(macro.reply, context);
  const note = render(macro.note, context);
  const changes: MacroChange[] = [];
  const { actions } = macro;
  if (actions.status && actions.status !== fields.status) {
    changes.push({ kind: 'status', from: fields.status, to: actions.status });
  }
  if (actions.priority && actions.priority !== fields.priority) {
    changes.push({ kind: 'priority', from: fields.priority, to: actions.priority });
  }
  if (actions.assignee !== undefined) {
    const to =
      actions.assignee === 'me'
        ? people.agent.id
        : actions.assignee === 'none'
          ? null
          : actions.assignee;
    if (to !== fields.assigneeId) changes.push({ kind: 'assignee', from: fields.assigneeId, to });
  }
  const tags = doc.getMap('tags');
  const added = new Set<string>();
  for (const tag of actions.addTags ?? []) {
    const clean = tag.trim().toLowerCase();
    if (!tags.has(clean) && !added.has(clean)) {
      added.add(clean);
      changes.push({ kind: 'tag-added', tag: clean });
    }
  }
  for (const tag of actions.removeTags ?? []) {
    const clean = tag.trim().toLowerCase();
    if (tags.has(clean)) changes.push({ kind: 'tag-removed', tag: clean });
  }
  const definitions = people.fields?.definitions ?? NO_CUSTOM_FIELDS;
  const values = readCustomFieldValues(doc);
  const fieldProblems: string[] = [];
  const fieldChanges: MacroFieldChange[] = [];
  for (const [key, to] of Object.entries(actions.fields ?? {})) {
    const field = definitions.byKey.get(key);
    if (!field || field.archived || macroFieldsProblem({ fields: { [key]: to } }, definitions)) {
      fieldProblems.push(key);
      continue;
    }
    const from = Object.hasOwn(values, key) ? (values[key] ?? null) : null;
    if (!sameFieldValue(from, to)) fieldChanges.push({ field, from, to });
  }
  const ok =
    (reply === null || reply.ok) && (note === null || note.ok) && fieldProblems.length === 0;
  return { reply, note, changes, fieldChanges, fieldProblems, ok };
}

/** What `undoMacro` needs: the state before, and where the inserted reply text is. */
export interface MacroUndo {
  before: { status: TicketStatus; priority: TicketPriority; assigneeId: string | null };
  after: { status: TicketStatus; priority: TicketPriority; assigneeId: string | null };
  tagsAdded: string[];
  tagsRemoved: string[];
  /** Custom fields the macro set: each back to `before` while it still holds `after`. */
  fields: { field: CustomFieldRecord; before: FieldValue | null; after: FieldValue | null }[];
  /** The inserted reply text, as relative positions (they follow concurrent edits). */
  replyRange: { start: Y.RelativePosition; end: Y.RelativePosition } | null;
  /** The rendered note, for the note editor. */
  note: string | null;
}

export class MacroNotApplicable extends Error {
  constructor(readonly preview: MacroPreview) {
    super('The macro has a template that does not render.');
  }
}

/**
 * Applies `macro` to the ticket in `doc` in one transaction, the reply going into `draft`
 * (the reply draft the agent writes in). Throws `MacroNotApplicable`, writing nothing, when a
 * template does not render. Returns what `undoMacro` needs.
 */
export function applyMacro(
  doc: Y.Doc,
  draft: Y.Text,
  macro: MacroRecord,
  people: MacroPeople,
  now: number
): MacroUndo {
  const preview = previewMacro(doc, macro, people);
  if (!preview.ok) throw new MacroNotApplicable(preview);
  const before = snapshot(doc);
  const actor = people.agent;
  let replyRange: MacroUndo['replyRange'] = null;
  const tagsAdded: string[] = [];
  const tagsRemoved: string[] = [];
  const fields: MacroUndo['fields'] = [];
  doc.transact(() => {
    for (const change of preview.changes) {
      switch (change.kind) {
        case 'status':
          setStatus(doc, change.to, actor, now);
          break;
        case 'priority':
          setPriority(doc, change.to, actor, now);
          break;
        case 'assignee':
          assign(doc, change.to, actor, now);
          break;
        case 'tag-added':
          if (addTag(doc, change.tag, actor, now)) tagsAdded.push(change.tag);
          break;
        case 'tag-removed':
          if (removeTag(doc, change.tag, actor, now)) tagsRemoved.push(change.tag);
          break;
      }
    }
    for (const change of preview.fieldChanges) {
      if (setFieldValue(doc, change.field, change.to, actor, now)) {
        fields.push({ field: change.field, before: change.from, after: change.to });
      }
    }
    if (preview.reply?.ok && preview.reply.text !== '') {
      const existing = draft.toString();
      const separator = existing.trim() === '' ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
      const at = draft.length;
      const text = separator + preview.reply.text;
      draft.insert(at, text);
      replyRange = {
        start: Y.createRelativePositionFromTypeIndex(draft, at),
        end: Y.createRelativePositionFromTypeIndex(draft, at + text.length, -1)
      };
    }
  }, MACRO_ORIGIN);
  return {
    before,
    after: snapshot(doc),
    tagsAdded,
    tagsRemoved,
    fields,
    replyRange,
    note: preview.note?.ok && preview.note.text !== '' ? preview.note.text : null
  };
}

function snapshot(doc: Y.Doc): MacroUndo['before'] {
  const fields = readTicketFields(doc);
  if (!fields) throw new Error('The document holds no ticket.');
  return { status: fields.status, priority: fields.priority, assigneeId: fields.assigneeId };
}

/**
 * Undoes what `applyMacro` did and nobody changed since, in one transaction. Returns whether
 * anything changed.
 */
export function undoMacro(
  doc: Y.Doc,
  draft: Y.Text,
  undo: MacroUndo,
  actor: Actor,
  now: number
): boolean {
  let changed = false;
  doc.transact(() => {
    const values = readCustomFieldValues(doc);
    for (const { field, before, after } of undo.fields) {
      const now3 = Object.hasOwn(values, field.key) ? (values[field.key] ?? null) : null;
      if (sameFieldValue(now3, after)) {
        changed = setFieldValue(doc, field, before, actor, now) || changed;
      }
    }
    const current = snapshot(doc);
    // The assignee first: assigning a new ticket also opened it, and the status below puts
    // that back too.
    if (
      current.assigneeId === undo.after.assigneeId &&
      undo.before.assigneeId !== undo.after.assigneeId
    ) {
      changed = assign(doc, undo.before.assigneeId, actor, now) || changed;
    }
    const now2 = snapshot(doc);
    if (now2.status === undo.after.status && undo.before.status !== now2.status) {
      changed = setStatus(doc, undo.before.status, actor, now) || changed;
    }
    if (current.priority === undo.after.priority && undo.before.priority !== current.priority) {
      changed = setPriority(doc, undo.before.priority, actor, now) || changed;
    }
    for (const tag of undo.tagsAdded) changed = removeTag(doc, tag, actor, now) || changed;
    for (const tag of undo.tagsRemoved) changed = addTag(doc, tag, actor, now) || changed;
    if (undo.replyRange) {
      // The draft may be the member's private one, in a document of its own (`private-draft.ts`).
      const draftDoc = draft.doc ?? doc;
      const start = Y.createAbsolutePositionFromRelativePosition(undo.replyRange.start, draftDoc);
      const end = Y.createAbsolutePositionFromRelativePosition(undo.replyRange.end, draftDoc);
      if (start && end && start.type === draft && end.type === draft && end.index > start.index) {
        draft.delete(start.index, end.index - start.index);
        changed = true;
      }
    }
  }, MACRO_ORIGIN);
  return changed;
}
