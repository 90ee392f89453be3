/**
 * Macros in the UI: the workspace's shared macros (the settings document's `macros` root) as
 * plain data, and applying one to an open ticket with one undo step.
 *
 * Applying is a local edit of the ticket document (`domain/macro.ts`), so it needs no
 * connection; the summary in the index follows as for any edit (`ticket-actions.ts`). The
 * undo is offered once, for the latest macro (a toast's Undo, as other undoable actions).
 */
import type * as Y from 'yjs';
import {
  MacroNotApplicable,
  MacroRecord,
  applyMacro,
  macroProblem,
  previewMacro,
  undoMacro,
  type Macro,
  type MacroPeople,
  type MacroPreview,
  type MacroUndo
} from '$lib/domain/macro';
import type { TicketPriority, TicketStatus } from '$lib/domain/schema';
import type { FieldValue } from '$lib/domain/custom-fields';
import { editTicket, type EditContext } from './ticket-actions';
import { followDocument } from './doc-projection';

export const MACROS_ROOT = 'macros';

/** The shared macros of a settings document, by name; records that do not parse are skipped. */
export function readSharedMacros(doc: Y.Doc): Macro[] {
  const out: Macro[] = [];
  for (const [key, value] of doc.getMap(MACROS_ROOT)) {
    const parsed = MacroRecord.safeParse(value);
    if (parsed.success && parsed.data.id === key) out.push({ ...parsed.data, scope: 'shared' });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/** Writes a shared macro after the check the server will make; returns why not, or `null`. */
export function saveSharedMacro(doc: Y.Doc, record: unknown): string | null {
  const problem = macroProblem(record);
  if (problem) return problem;
  const macro = MacroRecord.parse(record);
  doc.getMap(MACROS_ROOT).set(macro.id, record);
  return null;
}

export function deleteSharedMacro(doc: Y.Doc, id: string): boolean {
  const map = doc.getMap(MACROS_ROOT);
  if (!map.has(id)) return false;
  map.delete(id);
  return true;
}

export class MacroLibrary {
  #shared = $state.raw<readonly Macro[]>([]);
  #loaded = $state(false);

  get macros(): readonly Macro[] {
    return this.#shared;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  /** Follows the settings document; the returned function stops (for `$effect`). */
  connect(doc: Y.Doc, whenLoaded: Promise<void> = Promise.resolve()): () => void {
    return followDocument(doc, [doc.getMap(MACROS_ROOT)], whenLoaded, {
      read: readSharedMacros,
      set: (macros) => (this.#shared = macros),
      loaded: () => (this.#loaded = true)
    });
  }

  reset(): void {
    this.#shared = [];
    this.#loaded = false;
  }
}

export interface AppliedMacro {
  macro: Macro;
  undo: MacroUndo;
  /** The note editor's text before the macro filled it. */
  noteBefore: string;
}

/** What a macro would do to the ticket in `doc` now. */
export function preview(doc: Y.Doc, macro: Macro, people: MacroPeople): MacroPreview {
  return previewMacro(doc, macro, people);
}

/**
 * Applies `macro` to the ticket in `doc` (refused by role as any change), writing the summary
 * into the index. Throws `MacroNotApplicable` when a template does not render.
 */
/** `ticket`: the ticket's document when `draft` is the member's private draft (another doc). */
export function apply(
  ctx: EditContext,
  draft: Y.Text,
  macro: Macro,
  people: Omit<MacroPeople, 'agent'>,
  ticket?: Y.Doc
): MacroUndo {
  const doc = ticket ?? docOf(draft);
  return editTicket(ctx, doc, (d, actor, now) =>
    applyMacro(d, draft, macro, { ...people, agent: actor }, now)
  );
}

export function undo(ctx: EditContext, draft: Y.Text, applied: MacroUndo, ticket?: Y.Doc): boolean {
  return editTicket(ctx, ticket ?? docOf(draft), (d, actor, now) =>
    undoMacro(d, draft, applied, actor, now)
  );
}

function docOf(draft: Y.Text): Y.Doc {
  if (!draft.doc) throw new Error('The reply draft is not in a ticket document.');
  return draft.doc;
}

export { MacroNotApplicable };

/** A macro as the settings form edits it: tags typed with commas, actions as choices. */
export interface MacroDraft {
  id: string | null;
  name: string;
  reply: string;
  note: string;
  /** `''`: leave as is. */
  status: TicketStatus | '';
  priority: TicketPriority | '';
  /** `''`: leave as is; `'me'`, `'none'` or a member id. */
  assignee: string;
  addTags: string;
  removeTags: string;
  /** Custom field values the macro sets, by key (a field left out is left as is). */
  fields: Record<string, FieldValue>;
}

export function macroDraft(macro: MacroRecord | null): MacroDraft {
  return {
    id: macro?.id ?? null,
    name: macro?.name ?? '',
    reply: macro?.reply ?? '',
    note: macro?.note ?? '',
    status: macro?.actions.status ?? '',
    priority: macro?.actions.priority ?? '',
    assignee: macro?.actions.assignee ?? '',
    addTags: (macro?.actions.addTags ?? []).join(', '),
    removeTags: (macro?.actions.removeTags ?? []).join(', '),
    fields: Object.fromEntries(
      Object.entries(macro?.actions.fields ?? {}).filter(
        (entry): entry is [string, FieldValue] => entry[1] !== null
      )
    )
  };
}

function tagList(text: string): string[] {
  const words = text
    .split(',')
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word !== '');
  return words.filter((word, i) => words.indexOf(word) === i);
}

/** The record a draft stands for (not yet checked: `macroProblem` does that). */
export function recordFromDraft(draft: MacroDraft, newId: () => string): Record<string, unknown> {
  const actions: Record<string, unknown> = {};
  if (draft.status !== '') actions.status = draft.status;
  if (draft.priority !== '') actions.priority = draft.priority;
  if (draft.assignee !== '') actions.assignee = draft.assignee;
  const addTags = tagList(draft.addTags);
  const removeTags = tagList(draft.removeTags);
  if (addTags.length > 0) actions.addTags = addTags;
  if (removeTags.length > 0) actions.removeTags = removeTags;
  if (Object.keys(draft.fields).length > 0) actions.fields = { ...draft.fields };
  const record: Record<string, unknown> = {
    id: draft.id ?? newId(),
    name: draft.name.trim(),
    actions
  };
  if (draft.reply.trim() !== '') record.reply = draft.reply;
  if (draft.note.trim() !== '') record.note = draft.note;
  return record;
}
