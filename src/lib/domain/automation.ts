/**
 * Automations: rules that do the routine work on tickets — remind a silent customer, solve,
 * close, tag, assign, note, reply — run by the server as the system actor with the ticket's own
 * functions (`server/workers/automations.ts`). The rule's shape is `automation-record.ts`.
 *
 * Evaluation is a pure function of the rule, the ticket's state (`AutomationTicket`, plain
 * data), now and the team's calendar (`evaluateRule`), so the worker, the admin's test mode and
 * the unit tests all get the same answer.
 *
 * Once per ticket state. Each outcome that runs carries a key (`rule id : event key`); the
 * worker records the key durably before acting and never acts on a key it has recorded, so a
 * rule runs at most once per ticket state. What "state" means depends on the trigger:
 *   created        the ticket (once ever);
 *   mail-received  the last inbound message (once per message);
 *   replied        the last public reply (once per reply);
 *   updated        the fields, tags, when the status last changed, the thread's length and
 *                  `updatedAt` (once per change);
 *   time           the fields, tags and when the status last changed — not `updatedAt` or the
 *                  thread, so a reminder reply does not make the reminder due again.
 * A trigger counts only for events at or after `activeSince` (when the worker first saw the
 * rule), so a new "on created" rule does not act on last year's tickets.
 *
 * The loop guard. Before a rule runs, its actions are simulated on the ticket's state. If the
 * result is an event the rule's own trigger reacts to, under a new key, and the rule would
 * match it and do something again, the rule would trigger itself for ever (a rule on "updated"
 * that adds a note while the ticket stays as it was; a rule on "replied" that replies). It does
 * not run: the outcome is `loop`, and the worker stops the rule with an error its admins see.
 */
import * as Y from 'yjs';
import { isOpenAt, type BusinessCalendar } from './business-calendar';
import {
  AutomationRuleRecord,
  automationRecordProblem,
  type AutomationEffect,
  type AutomationConditions,
  type HoursRange
} from './automation-record';
import { type MacroRecord } from './macro-record';
import { describeTemplateProblem, renderTemplate, templateProblem } from './macro-template';
import { macroContext, macroFieldsProblem, type MacroPeople } from './macro';
import { fieldMatches } from './saved-view';
import {
  setFieldValue,
  type CustomFields,
  type FieldValue,
  type SummaryFieldValues
} from './custom-fields';
import {
  SYSTEM_ACTOR,
  type ActivityEntry,
  type TicketPriority,
  type TicketStatus,
  type TicketSummary
} from './schema';
import {
  addTag,
  addThreadEntry,
  assign,
  removeTag,
  setPriority,
  setStatus,
  ticketParts,
  type Ticket
} from './ticket';

export * from './automation-record';

const HOUR = 3_600_000;

/** The transaction origin of automation runs. */
export const AUTOMATION_ORIGIN = Symbol('automation');

/** A ticket as rules see it: plain data from its document, or (partly) from its summary. */
export interface AutomationTicket {
  id: string;
  number: number | null;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  assigneeId: string | null;
  requesterId: string | null;
  /** The requester's organisation, from the workspace's customers. */
  organisation: string | null;
  channel: string;
  /** Lower case, sorted. */
  tags: readonly string[];
  /** Custom field values by key (from a summary: texts cut to 200 characters). */
  customFields: Readonly<SummaryFieldValues>;
  createdAt: number;
  updatedAt: number;
  /**
   * When the status last changed (the created time if it never did); `null` when not known
   * (a summary): then it lies between `createdAt` and `updatedAt`.
   */
  statusSince: number | null;
  solvedAt: number | null;
  /** The running SLA clock due first; `null` when none runs. */
  nextDueAt: number | null;
  entryCount: number;
  /** The last inbound message and the last public reply (id and time); `null`: none, or not known. */
  lastInbound: { id: string; at: number } | null;
  lastReply: { id: string; at: number } | null;
}

/** The state of `ticket` for rules (`organisation` from the index's customers). */
export function automationTicketOf(
  ticket: Ticket,
  organisation: string | null,
  nextDueAt: number | null
): AutomationTicket {
  const { fields } = ticket;
  let statusSince = fields.createdAt;
  for (const entry of ticket.activity) {
    if (entry.kind === 'status' && entry.at > statusSince) statusSince = entry.at;
  }
  let lastInbound: AutomationTicket['lastInbound'] = null;
  let lastReply: AutomationTicket['lastReply'] = null;
  for (const entry of ticket.thread) {
    if (entry.kind === 'inbound') lastInbound = { id: entry.id, at: entry.createdAt };
    else if (entry.kind === 'reply') lastReply = { id: entry.id, at: entry.createdAt };
  }
  return {
    id: fields.id,
    number: fields.number,
    subject: fields.subject,
    status: fields.status,
    priority: fields.priority,
    assigneeId: fields.assigneeId,
    requesterId: fields.requesterId,
    organisation,
    channel: fields.channel,
    tags: [...ticket.tags].map((t) => t.toLowerCase()).sort(),
    customFields: ticket.customFields ?? {},
    createdAt: fields.createdAt,
    updatedAt: fields.updatedAt,
    statusSince,
    solvedAt: fields.solvedAt,
    nextDueAt,
    entryCount: ticket.thread.length,
    lastInbound,
    lastReply
  };
}

/** What the index knows of a ticket: enough to rule most tickets out without their document. */
export function automationTicketOfSummary(
  summary: TicketSummary,
  organisation: string | null
): AutomationTicket {
  return {
    id: summary.id,
    number: summary.number,
    subject: summary.subject,
    status: summary.status,
    priority: summary.priority,
    assigneeId: summary.assigneeId,
    requesterId: summary.requesterId,
    organisation,
    channel: summary.channel,
    tags: summary.tags.map((t) => t.toLowerCase()).sort(),
    customFields: summary.customFields ?? {},
    createdAt: summary.createdAt,
    updatedAt: summary.updatedAt,
    statusSince: null,
    solvedAt: summary.solvedAt,
    nextDueAt: summary.nextDueAt ?? null,
    entryCount: summary.entryCount,
    lastInbound: null,
    lastReply: null
  };
}

/** One thing a run does, as plain data (templates still to render). */
export type AutomationAction =
  | { kind: 'status'; to: TicketStatus }
  | { kind: 'priority'; to: TicketPriority }
  | { kind: 'assignee'; to: string | null }
  | { kind: 'tag-added'; tag: string }
  | { kind: 'tag-removed'; tag: string }
  | { kind: 'note'; template: string }
  | { kind: 'reply'; template: string }
  | { kind: 'notify'; memberIds: string[] }
  | { kind: 'field'; key: string; to: FieldValue | null };

export interface AutomationContext {
  now: number;
  /** The team's calendar for the business-hours condition; `null`: none (never open). */
  calendar: BusinessCalendar | null;
  /** Shared macros by id, for `macroId` actions. */
  macros?: ReadonlyMap<string, MacroRecord>;
  /** Events before this do not trigger the rule (when the worker first saw it). */
  activeSince?: number;
}

export type SkipReason = 'off' | 'no-event' | 'before-rule' | 'conditions' | 'nothing-to-do';

export type RuleOutcome =
  | { kind: 'skip'; reason: SkipReason }
  | { kind: 'run'; key: string; actions: AutomationAction[] }
  | { kind: 'loop'; key: string; actions: AutomationAction[] }
  | { kind: 'broken'; key: string; detail: string };

/** A short stable hash (FNV-1a, 32 bits) of a text, in base 36. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** The fields a time rule's once-per-state key covers. */
export function stateHash(t: AutomationTicket): string {
  return hash(
    [
      t.status,
      t.priority,
      t.assigneeId ?? '',
      t.requesterId ?? '',
      t.channel,
      t.subject,
      t.tags.join(','),
      t.statusSince ?? '',
      JSON.stringify(Object.entries(t.customFields).sort(([a], [b]) => (a < b ? -1 : 1)))
    ].join('\u0001')
  );
}

/** When the event the rule's trigger reacts to happened in this state; `null`: none. */
function eventAt(rule: AutomationRuleRecord, t: AutomationTicket): number | null {
  switch (rule.trigger) {
    case 'created':
      return t.createdAt;
    case 'mail-received':
      return t.lastInbound?.at ?? null;
    case 'replied':
      return t.lastReply?.at ?? null;
    case 'updated':
      return t.updatedAt;
    case 'time':
      return Number.POSITIVE_INFINITY;
  }
}

/** The event's key: what "once per ticket state" counts (see the header). */
function eventKey(rule: AutomationRuleRecord, t: AutomationTicket): string | null {
  switch (rule.trigger) {
    case 'created':
      return 'created';
    case 'mail-received':
      return t.lastInbound ? `mail:${t.lastInbound.id}` : null;
    case 'replied':
      return t.lastReply ? `reply:${t.lastReply.id}` : null;
    case 'updated':
      return `updated:${stateHash(t)}:${t.updatedAt}:${t.entryCount}`;
    case 'time':
      return `time:${stateHash(t)}`;
  }
}

/** The key a run of `rule` on this state is recorded under. */
export function runKey(rule: AutomationRuleRecord, t: AutomationTicket): string | null {
  const key = eventKey(rule, t);
  return key === null ? null : `${rule.id}:${key}`;
}

/** Hours between two instants, in either direction. */
const hours = (from: number, to: number) => (to - from) / HOUR;

/** Whether some value in [lo, hi] (hours) lies in the range. */
function rangeMeets(range: HoursRange | undefined, lo: number, hi: number): boolean {
  if (!range) return true;
  if (range.atLeast !== undefined && hi < range.atLeast) return false;
  if (range.atMost !== undefined && lo > range.atMost) return false;
  return true;
}

/** Business-hours answers per calendar and instant: a sweep asks the same for every ticket. */
const openMemo = new WeakMap<BusinessCalendar, { now: number; open: boolean }>();

function openAt(calendar: BusinessCalendar, now: number): boolean {
  const memo = openMemo.get(calendar);
  if (memo && memo.now === now) return memo.open;
  const open = isOpenAt(calendar, now);
  openMemo.set(calendar, { now, open });
  return open;
}

/**
 * Whether the conditions hold for `t` now. With a summary (`statusSince` unknown) it answers
 * whether they may hold: the worker then reads the ticket's document to be sure.
 */
export function conditionsHold(
  c: AutomationConditions,
  t: AutomationTicket,
  ctx: Pick<AutomationContext, 'now' | 'calendar'>
): boolean {
  const { now } = ctx;
  if (c.status && !c.status.includes(t.status)) return false;
  if (c.priority && !c.priority.includes(t.priority)) return false;
  if (c.assignee && !c.assignee.includes(t.assigneeId ?? 'none')) return false;
  if (c.tagsAll && !c.tagsAll.every((tag) => t.tags.includes(tag.toLowerCase()))) return false;
  if (c.tagsNone && c.tagsNone.some((tag) => t.tags.includes(tag.toLowerCase()))) return false;
  if (c.channel && !c.channel.includes(t.channel as never)) return false;
  if (c.requester && (t.requesterId === null || !c.requester.includes(t.requesterId))) return false;
  if (c.organisation) {
    const org = t.organisation?.trim().toLowerCase();
    if (!org || !c.organisation.some((o) => o.toLowerCase() === org)) return false;
  }
  if (c.subjectContains && !t.subject.toLowerCase().includes(c.subjectContains.toLowerCase()))
    return false;
  if (c.businessHours) {
    const open = ctx.calendar !== null && openAt(ctx.calendar, now);
    if (open !== (c.businessHours === 'open')) return false;
  }
  const sinceCreated = hours(t.createdAt, now);
  if (!rangeMeets(c.hoursSinceCreated, sinceCreated, sinceCreated)) return false;
  const sinceUpdated = hours(t.updatedAt, now);
  if (!rangeMeets(c.hoursSinceUpdated, sinceUpdated, sinceUpdated)) return false;
  if (c.hoursSincePending) {
    if (t.status !== 'pending') return false;
    const lo = hours(t.statusSince ?? t.updatedAt, now);
    const hi = hours(t.statusSince ?? t.createdAt, now);
    if (!rangeMeets(c.hoursSincePending, lo, hi)) return false;
  }
  if (c.hoursSinceSolved) {
    if (t.solvedAt === null || (t.status !== 'solved' && t.status !== 'closed')) return false;
    const since = hours(t.solvedAt, now);
    if (!rangeMeets(c.hoursSinceSolved, since, since)) return false;
  }
  if (c.hoursUntilBreach) {
    if (t.nextDueAt === null) return false;
    if (hours(now, t.nextDueAt) > c.hoursUntilBreach.atMost) return false;
  }
  if (c.fields && !c.fields.every((f) => fieldMatches(f, t.customFields))) return false;
  return true;
}

/**
 * What the rule's actions would do to `t`: field changes only where they change something,
 * tags only where they are missing or present, templates and notices always. A macro's
 * actions come first; the rule's own win where both set a field. `null` when the macro is gone.
 */
export function planActions(
  rule: AutomationRuleRecord,
  t: AutomationTicket,
  macros: ReadonlyMap<string, MacroRecord> = new Map()
): AutomationAction[] | null {
  const own = rule.actions;
  let macro: MacroRecord | undefined;
  if (own.macroId !== undefined) {
    macro = macros.get(own.macroId);
    if (!macro) return null;
  }
  const m = macro?.actions;
  const macroAssignee =
    m?.assignee === undefined || m.assignee === 'me'
      ? undefined
      : m.assignee === 'none'
        ? null
        : m.assignee;
  const ownAssignee =
    own.assignee === undefined ? undefined : own.assignee === 'none' ? null : own.assignee;
  const status = own.status ?? m?.status;
  const priority = own.priority ?? m?.priority;
  const assignee = ownAssignee !== undefined ? ownAssignee : macroAssignee;
  const out: AutomationAction[] = [];
  if (assignee !== undefined && assignee !== t.assigneeId)
    out.push({ kind: 'assignee', to: assignee });
  if (status && status !== t.status) out.push({ kind: 'status', to: status });
  if (priority && priority !== t.priority) out.push({ kind: 'priority', to: priority });
  const lower = (tags: readonly string[] | undefined) => (tags ?? []).map((x) => x.toLowerCase());
  const ownAdd = new Set(lower(own.addTags));
  const ownRemove = new Set(lower(own.removeTags));
  const addTags = [...lower(m?.addTags).filter((x) => !ownRemove.has(x)), ...ownAdd];
  const removeTags = [...lower(m?.removeTags).filter((x) => !ownAdd.has(x)), ...ownRemove];
  const adding = new Set<string>();
  for (const tag of addTags) {
    if (!t.tags.includes(tag) && !adding.has(tag) && !removeTags.includes(tag)) {
      adding.add(tag);
      out.push({ kind: 'tag-added', tag });
    }
  }
  for (const tag of new Set(removeTags)) {
    if (t.tags.includes(tag)) out.push({ kind: 'tag-removed', tag });
  }
  for (const template of [macro?.note, own.note]) {
    if (template !== undefined && template.trim() !== '') out.push({ kind: 'note', template });
  }
  for (const template of [macro?.reply, own.reply]) {
    if (template !== undefined && template.trim() !== '') out.push({ kind: 'reply', template });
  }
  // Custom fields: the macro's, then the rule's own (which win); only real changes.
  for (const [key, to] of Object.entries({ ...m?.fields, ...own.fields })) {
    const now = Object.hasOwn(t.customFields, key) ? (t.customFields[key] ?? null) : null;
    if (JSON.stringify(now) !== JSON.stringify(to)) out.push({ kind: 'field', key, to });
  }
  if (own.notify) {
    const ids = own.notify
      .map((target) => (target === 'assignee' ? t.assigneeId : target))
      .filter((id): id is string => id !== null);
    if (ids.length > 0) out.push({ kind: 'notify', memberIds: [...new Set(ids)] });
  }
  return out;
}

/** `t` after the actions, as the ticket's functions would leave it (`ticket.ts`). */
export function simulate(
  t: AutomationTicket,
  actions: readonly AutomationAction[],
  now: number
): AutomationTicket {
  const next = { ...t, tags: [...t.tags] };
  let touched = false;
  for (const action of actions) {
    switch (action.kind) {
      case 'status':
        next.status = action.to;
        next.statusSince = now;
        if ((action.to === 'solved' || action.to === 'closed') && next.solvedAt === null)
          next.solvedAt = now;
        if (action.to !== 'solved' && action.to !== 'closed') next.solvedAt = null;
        touched = true;
        break;
      case 'priority':
        next.priority = action.to;
        touched = true;
        break;
      case 'assignee':
        next.assigneeId = action.to;
        if (action.to && next.status === 'new') {
          next.status = 'open';
          next.statusSince = now;
        }
        touched = true;
        break;
      case 'tag-added':
        next.tags = [...next.tags, action.tag].sort();
        touched = true;
        break;
      case 'tag-removed':
        next.tags = next.tags.filter((x) => x !== action.tag);
        touched = true;
        break;
      case 'note':
        next.entryCount++;
        touched = true;
        break;
      case 'reply':
        next.entryCount++;
        next.lastReply = { id: `automation-${next.entryCount}`, at: now };
        touched = true;
        break;
      case 'notify':
        break;
      case 'field': {
        const values = { ...next.customFields };
        if (action.to === null) delete values[action.key];
        else values[action.key] = action.to;
        next.customFields = values;
        touched = true;
        break;
      }
    }
  }
  if (touched) next.updatedAt = Math.max(now, t.updatedAt);
  return next;
}

/**
 * What `rule` does to the ticket now: skip (and why), run (its key and actions), loop (it would
 * trigger itself again), or broken (its macro is gone).
 */
export function evaluateRule(
  rule: AutomationRuleRecord,
  t: AutomationTicket,
  ctx: AutomationContext
): RuleOutcome {
  if (!rule.enabled) return { kind: 'skip', reason: 'off' };
  const at = eventAt(rule, t);
  if (at === null) return { kind: 'skip', reason: 'no-event' };
  if (at < (ctx.activeSince ?? Number.NEGATIVE_INFINITY))
    return { kind: 'skip', reason: 'before-rule' };
  if (!conditionsHold(rule.conditions, t, ctx)) return { kind: 'skip', reason: 'conditions' };
  const key = runKey(rule, t) ?? rule.id;
  const actions = planActions(rule, t, ctx.macros);
  if (actions === null)
    return { kind: 'broken', key, detail: `the macro ${rule.actions.macroId ?? ''} is gone` };
  if (actions.length === 0) return { kind: 'skip', reason: 'nothing-to-do' };
  if (triggersItself(rule, t, actions, ctx)) return { kind: 'loop', key, actions };
  return { kind: 'run', key, actions };
}

/** The loop guard (see the header): would the run make the rule run again, and so on? */
function triggersItself(
  rule: AutomationRuleRecord,
  t: AutomationTicket,
  actions: readonly AutomationAction[],
  ctx: AutomationContext
): boolean {
  if (rule.trigger === 'created' || rule.trigger === 'mail-received') return false;
  const after = simulate(t, actions, ctx.now);
  const again = eventKey(rule, after);
  if (again === null || again === eventKey(rule, t)) return false;
  if (!conditionsHold(rule.conditions, after, ctx)) return false;
  const next = planActions(rule, after, ctx.macros);
  return next !== null && next.length > 0;
}

/** Rules in the order they run: ascending position, then id. */
export function orderedRules(rules: Iterable<AutomationRuleRecord>): AutomationRuleRecord[] {
  return [...rules].sort(
    (a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Why a rule cannot be saved, naming the field: its shape (`automation-record.ts`), then its
 * templates (unknown variables, unbalanced tags); `null` when it can.
 */
export function automationProblem(value: unknown): string | null {
  const shape = automationRecordProblem(value);
  if (shape) return shape;
  const rule = AutomationRuleRecord.parse(value);
  for (const field of ['reply', 'note'] as const) {
    const template = rule.actions[field];
    const problem = template === undefined ? null : templateProblem(template);
    if (problem) return `actions.${field}: ${describeTemplateProblem(problem)}`;
  }
  return null;
}

/**
 * Why a rule's custom fields do not fit the workspace's (checked at save with the settings
 * document's own definitions): a condition or an action on a field it does not define, or an
 * action's value the field does not take, naming the first; `null` when they fit.
 */
export function automationFieldsProblem(
  rule: Pick<AutomationRuleRecord, 'conditions' | 'actions'>,
  definitions: CustomFields
): string | null {
  for (const [i, condition] of (rule.conditions.fields ?? []).entries()) {
    if (!definitions.byKey.has(condition.key)) {
      return `conditions.fields.${i}.key: the workspace has no field ${condition.key}`;
    }
  }
  return macroFieldsProblem(rule.actions, definitions);
}

export type ApplyResult =
  { ok: true; effects: AutomationEffect[]; notified: string[] } | { ok: false; problem: string };

/**
 * Does a run's actions on the ticket in `doc`, as the system actor, in one transaction, and
 * logs it (`automation` activity: `from` the rule's name, `to` its effects). Templates are
 * rendered first (the macros' variables; the agent is Baton): when one does not render nothing
 * is written and the problem is returned.
 */
export function applyAutomation(
  doc: Y.Doc,
  rule: Pick<AutomationRuleRecord, 'id' | 'name'>,
  actions: readonly AutomationAction[],
  people: Omit<MacroPeople, 'agent'>,
  now: number
): ApplyResult {
  const context = macroContext(doc, { ...people, agent: SYSTEM_ACTOR });
  if (!context) return { ok: false, problem: 'the document holds no ticket' };
  const texts = new Map<AutomationAction, string>();
  for (const action of actions) {
    if (action.kind !== 'note' && action.kind !== 'reply') continue;
    const rendered = renderTemplate(action.template, context);
    if (!rendered.ok) {
      return {
        ok: false,
        problem: `actions.${action.kind}: ${describeTemplateProblem(rendered.problem)}`
      };
    }
    if (rendered.text.trim() !== '') texts.set(action, rendered.text);
  }
  const effects = new Set<AutomationEffect>();
  const notified: string[] = [];
  const actor = SYSTEM_ACTOR;
  doc.transact(() => {
    for (const action of actions) {
      switch (action.kind) {
        case 'status':
          if (setStatus(doc, action.to, actor, now)) effects.add(`status:${action.to}`);
          break;
        case 'priority':
          if (setPriority(doc, action.to, actor, now)) effects.add(`priority:${action.to}`);
          break;
        case 'assignee':
          if (assign(doc, action.to, actor, now)) effects.add('assignee');
          break;
        case 'tag-added':
          if (addTag(doc, action.tag, actor, now)) effects.add('tags');
          break;
        case 'tag-removed':
          if (removeTag(doc, action.tag, actor, now)) effects.add('tags');
          break;
        case 'note':
        case 'reply': {
          const text = texts.get(action);
          if (text === undefined) break;
          addThreadEntry(doc, action.kind, text, actor, now);
          effects.add(action.kind);
          break;
        }
        case 'notify':
          notified.push(...action.memberIds);
          effects.add('notify');
          break;
        case 'field': {
          // Checked at save against the same settings; a field archived since is left alone.
          const field = people.fields?.definitions.byKey.get(action.key);
          if (!field || field.archived) break;
          try {
            if (setFieldValue(doc, field, action.to, actor, now)) effects.add('fields');
          } catch {
            // A value the field no longer takes (its options changed): left as it is.
          }
          break;
        }
      }
    }
    if (effects.size === 0) return;
    const entry: ActivityEntry = {
      at: now,
      actorId: SYSTEM_ACTOR.id,
      kind: 'automation',
      from: rule.name.slice(0, 300),
      to: [...effects].join(',').slice(0, 300)
    };
    ticketParts(doc).activity.push([entry]);
  }, AUTOMATION_ORIGIN);
  return { ok: true, effects: [...effects], notified };
}
