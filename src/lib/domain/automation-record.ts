/**
 * The shape of an automation rule (the settings document's `automations` root): no template
 * engine here, so every page that reads settings checks records without loading it. What the
 * templates say is checked by `automation.ts` (`automationProblem`) with the engine, at save
 * (the server's update check) and before a run.
 *
 * A rule is: when (`trigger`: a ticket was created, updated, replied to, got mail, or `time` —
 * looked at periodically), if every condition given holds, do the actions. Conditions left out
 * hold for every ticket; a list condition holds when the ticket's value is one of the list.
 * A time rule needs at least one hours condition, or it would act on every ticket at once.
 *
 * Defaults a new workspace gets (`DEFAULT_AUTOMATIONS`): remind the customer after a week
 * pending, solve after two, close a week after solved. They are ordinary records, written once
 * when the workspace is created; admins edit or turn them off like any other.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { Id, Tag, TicketChannel, TicketPriority, TicketStatus } from './schema';
import { MAX_TEMPLATE_LENGTH, MacroActions } from './macro-record';
import { FieldCondition } from './saved-view';

export const AUTOMATION_TRIGGERS = [
  'created',
  'updated',
  'replied',
  'mail-received',
  'time'
] as const;
export const AutomationTrigger = z.enum(AUTOMATION_TRIGGERS);
export type AutomationTrigger = z.infer<typeof AutomationTrigger>;

const RuleId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'ids are lowercase letters, digits and dashes');

/** At most ten years, in hours; fractions allowed (half an hour). */
const Hours = z.number().finite().min(0).max(87_600);

/** An hours window: at least and/or at most; one of them given. */
export const HoursRange = z
  .strictObject({ atLeast: Hours.optional(), atMost: Hours.optional() })
  .refine((r) => r.atLeast !== undefined || r.atMost !== undefined, 'give at least or at most')
  .refine(
    (r) => r.atLeast === undefined || r.atMost === undefined || r.atLeast <= r.atMost,
    'at least is more than at most'
  );
export type HoursRange = z.infer<typeof HoursRange>;

/** `'none'`: unassigned; else a member's id. */
const AssigneeValue = z.union([z.literal('none'), Id]);

export const AutomationConditions = z.strictObject({
  status: z.array(TicketStatus).min(1).max(6).optional(),
  priority: z.array(TicketPriority).min(1).max(4).optional(),
  /** Member ids, or `'none'` for unassigned. */
  assignee: z.array(AssigneeValue).min(1).max(50).optional(),
  /** The ticket has every one of these tags. */
  tagsAll: z.array(Tag).min(1).max(20).optional(),
  /** The ticket has none of these tags. */
  tagsNone: z.array(Tag).min(1).max(20).optional(),
  channel: z.array(TicketChannel).min(1).max(5).optional(),
  /** Customer ids. */
  requester: z.array(Id).min(1).max(50).optional(),
  /** The requester's organisation, as the team calls it (case-insensitive). */
  organisation: z.array(z.string().trim().min(1).max(120)).min(1).max(50).optional(),
  /** The subject contains this text (case-insensitive). */
  subjectContains: z.string().trim().min(1).max(200).optional(),
  /** Whether now is within the team's business hours (`calendarId`, else the first calendar). */
  businessHours: z.enum(['open', 'closed']).optional(),
  calendarId: RuleId.optional(),
  hoursSinceCreated: HoursRange.optional(),
  hoursSinceUpdated: HoursRange.optional(),
  /** Since the ticket became pending (holds only while it is pending). */
  hoursSincePending: HoursRange.optional(),
  /** Since the ticket was solved (holds only while it is solved or closed). */
  hoursSinceSolved: HoursRange.optional(),
  /** Until its next SLA clock breaches (holds only while a clock runs; negative: breached). */
  hoursUntilBreach: z
    .strictObject({ atMost: z.number().finite().min(-87_600).max(87_600) })
    .optional(),
  /** Custom fields: every condition holds (the saved views' conditions, `saved-view.ts`). */
  fields: z.array(FieldCondition).min(1).max(10).optional()
});
export type AutomationConditions = z.infer<typeof AutomationConditions>;

export const TIME_CONDITIONS = [
  'hoursSinceCreated',
  'hoursSinceUpdated',
  'hoursSincePending',
  'hoursSinceSolved',
  'hoursUntilBreach'
] as const satisfies readonly (keyof AutomationConditions)[];

/** Who a `notify` action tells: the ticket's assignee, or a member by id. */
const NotifyTarget = z.union([z.literal('assignee'), Id]);

const Template = z.string().trim().min(1).max(MAX_TEMPLATE_LENGTH);

export const AutomationActions = z.strictObject({
  status: TicketStatus.optional(),
  priority: TicketPriority.optional(),
  /** A member's id, or `'none'` to unassign. */
  assignee: AssigneeValue.optional(),
  addTags: z.array(Tag).min(1).max(20).optional(),
  removeTags: z.array(Tag).min(1).max(20).optional(),
  /** An internal note, a Liquid template (the macros' variables). */
  note: Template.optional(),
  /** A public reply mailed to the requester, a Liquid template. */
  reply: Template.optional(),
  /** Members told (in the ticket's activity and their inbox where the queue has the kind). */
  notify: z.array(NotifyTarget).min(1).max(20).optional(),
  /** A shared macro (the settings' `macros` root) applied as the system actor. */
  macroId: RuleId.optional(),
  /** Custom field values to set by key (`null` clears), as a macro's (`macro-record.ts`). */
  fields: MacroActions.shape.fields
});
export type AutomationActions = z.infer<typeof AutomationActions>;

export const AutomationRuleRecord = z
  .strictObject({
    id: RuleId,
    name: z.string().trim().min(1).max(120),
    /** Rules run in ascending position, then by id. */
    position: z.number().finite(),
    enabled: z.boolean(),
    trigger: AutomationTrigger,
    conditions: AutomationConditions,
    actions: AutomationActions
  })
  .superRefine((rule, ctx) => {
    if (Object.keys(rule.actions).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['actions'], message: 'a rule needs an action' });
    }
    if (rule.trigger === 'time' && !TIME_CONDITIONS.some((c) => rule.conditions[c])) {
      ctx.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: 'a time rule needs an hours condition'
      });
    }
    const added = new Set(rule.actions.addTags?.map((t) => t.toLowerCase()) ?? []);
    const both = rule.actions.removeTags?.find((t) => added.has(t.toLowerCase()));
    if (both) {
      ctx.addIssue({
        code: 'custom',
        path: ['actions', 'removeTags'],
        message: `the tag ${both} is both added and removed`
      });
    }
    if (rule.conditions.calendarId && !rule.conditions.businessHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['conditions', 'calendarId'],
        message: 'a calendar is only for the business-hours condition'
      });
    }
  });
export type AutomationRuleRecord = z.infer<typeof AutomationRuleRecord>;

/** Why a record's shape is refused, naming the field; `null` when it is a rule. */
export function automationRecordProblem(value: unknown): string | null {
  const parsed = AutomationRuleRecord.safeParse(value);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid';
}

const DAY = 24;

/**
 * The rules a new workspace starts with. English names and texts: the workspace's language is
 * not known when it is created, and an admin renames them like any rule.
 */
export const DEFAULT_AUTOMATIONS: readonly AutomationRuleRecord[] = [
  {
    id: 'remind-pending',
    name: 'Remind the customer',
    position: 1,
    enabled: true,
    trigger: 'time',
    conditions: { status: ['pending'], hoursSincePending: { atLeast: 7 * DAY } },
    actions: {
      reply:
        'Hello {{ requester.first_name | default: "there" }},\n\n' +
        'We are still waiting for your answer on "{{ ticket.subject }}". ' +
        'Reply to this email and we will carry on.'
    }
  },
  {
    id: 'solve-pending',
    name: 'Solve when the customer is silent',
    position: 2,
    enabled: true,
    trigger: 'time',
    conditions: { status: ['pending'], hoursSincePending: { atLeast: 14 * DAY } },
    actions: { status: 'solved' }
  },
  {
    id: 'close-solved',
    name: 'Auto-close',
    position: 3,
    enabled: true,
    trigger: 'time',
    conditions: { status: ['solved'], hoursSinceSolved: { atLeast: 7 * DAY } },
    actions: { status: 'closed' }
  }
];

/** The root's name in the settings document. */
export const AUTOMATIONS_ROOT = 'automations';

/**
 * The rules of a settings document in the order they run (ascending position, then id);
 * records that do not parse or are not keyed by their id are skipped.
 */
export function readAutomations(doc: Y.Doc): AutomationRuleRecord[] {
  const out: AutomationRuleRecord[] = [];
  for (const [key, value] of doc.getMap(AUTOMATIONS_ROOT)) {
    const parsed = AutomationRuleRecord.safeParse(value);
    if (parsed.success && parsed.data.id === key) out.push(parsed.data);
  }
  return out.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Writes the default rules into an empty root (a new workspace); returns whether it wrote. */
export function seedDefaultAutomations(doc: Y.Doc): boolean {
  const root = doc.getMap(AUTOMATIONS_ROOT);
  if (root.size > 0) return false;
  doc.transact(() => {
    for (const rule of DEFAULT_AUTOMATIONS) root.set(rule.id, rule);
  });
  return true;
}

/** The effects a run records in the ticket's activity (`to` of its `automation` entry). */
export type AutomationEffect =
  | `status:${TicketStatus}`
  | `priority:${TicketPriority}`
  | 'assignee'
  | 'tags'
  | 'note'
  | 'reply'
  | 'notify'
  | 'fields';

/** The effects of an `automation` activity entry (`to`), the known ones only. */
export function automationEffects(to: unknown): AutomationEffect[] {
  if (typeof to !== 'string') return [];
  const known = /^(status:[a-z-]+|priority:[a-z]+|assignee|tags|note|reply|notify|fields)$/;
  return to.split(',').filter((e): e is AutomationEffect => known.test(e));
}

/** What a rule's actions would do, as the effects its runs log (the test mode's sentence). */
export function ruleEffects(actions: AutomationActions): AutomationEffect[] {
  const out: AutomationEffect[] = [];
  if (actions.status) out.push(`status:${actions.status}`);
  if (actions.priority) out.push(`priority:${actions.priority}`);
  if (actions.assignee) out.push('assignee');
  if (actions.addTags || actions.removeTags) out.push('tags');
  if (actions.note) out.push('note');
  if (actions.reply) out.push('reply');
  if (actions.notify) out.push('notify');
  if (actions.fields && Object.keys(actions.fields).length > 0) out.push('fields');
  return out;
}
