/**
 * The shape of a macro record (the settings document's `macros` root, and personal macros):
 * no template engine here, so every page that reads settings can check records without loading
 * it. What the templates say is checked by `macro.ts` (`macroProblem`) with the engine.
 */
import { z } from 'zod';
import { CustomFieldKey, CustomFieldValue, Id, Tag, TicketPriority, TicketStatus } from './schema';

/** A template longer than this is refused (a reply is at most 20,000 characters). */
export const MAX_TEMPLATE_LENGTH = 20_000;
/** A macro sets at most this many custom fields. */
const MAX_MACRO_FIELDS = 20;

const MacroId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'ids are lowercase letters, digits and dashes');

/**
 * A Liquid template. Its variables and tags are checked by `macro-template.ts` (`macroProblem`
 * in `macro.ts`, and the server's update check), not here: this schema is part of the settings
 * schema every page loads, and the template engine is loaded only where macros are used.
 */
const Template = z.string().max(MAX_TEMPLATE_LENGTH);

/** `'me'`: whoever applies it; `'none'`: unassigned; else a member's id. */
export const MacroAssignee = z.union([z.literal('me'), z.literal('none'), Id]);
export type MacroAssignee = z.infer<typeof MacroAssignee>;

export const MacroActions = z.strictObject({
  status: TicketStatus.optional(),
  priority: TicketPriority.optional(),
  assignee: MacroAssignee.optional(),
  addTags: z.array(Tag).max(20).optional(),
  removeTags: z.array(Tag).max(20).optional(),
  /**
   * Custom field values to set, by the field's key (`null` clears). Whether each key is a
   * field of the workspace and the value fits it is checked against the definitions: at save
   * for shared macros (the settings document holds both), and in the preview before applying.
   */
  fields: z
    .record(CustomFieldKey, CustomFieldValue.nullable())
    .refine((fields) => Object.keys(fields).length <= MAX_MACRO_FIELDS, {
      message: `at most ${MAX_MACRO_FIELDS} fields`
    })
    .optional()
});
export type MacroActions = z.infer<typeof MacroActions>;

export const MacroRecord = z
  .strictObject({
    id: MacroId,
    name: z.string().trim().min(1).max(200),
    /** Added to the reply draft, rendered. */
    reply: Template.optional(),
    /** Put into the note editor, rendered. */
    note: Template.optional(),
    actions: MacroActions
  })
  .superRefine((macro, ctx) => {
    const doesSomething =
      (macro.reply ?? '').trim() !== '' ||
      (macro.note ?? '').trim() !== '' ||
      Object.values(macro.actions).some((value) =>
        Array.isArray(value)
          ? value.length > 0
          : typeof value !== 'object' || Object.keys(value).length > 0
      );
    if (!doesSomething) {
      ctx.addIssue({
        code: 'custom',
        path: ['reply'],
        message: 'a macro needs a reply, a note or an action'
      });
    }
    const added = new Set((macro.actions.addTags ?? []).map((t) => t.toLowerCase()));
    const both = (macro.actions.removeTags ?? []).find((t) => added.has(t.toLowerCase()));
    if (both) {
      ctx.addIssue({
        code: 'custom',
        path: ['actions', 'removeTags'],
        message: `the tag ${both} is both added and removed`
      });
    }
  });
export type MacroRecord = z.infer<typeof MacroRecord>;

/** Why a record's shape is refused, naming the field; `null` when it is a macro record. */
export function macroRecordProblem(value: unknown): string | null {
  const parsed = MacroRecord.safeParse(value);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid';
}
