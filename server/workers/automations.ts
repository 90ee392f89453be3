/**
 * The automations worker: runs each workspace's rules (the settings' `automations` root,
 * `domain/automation.ts`) on its tickets as the system actor, with the ticket's own functions,
 * in rule order, each at most once per ticket state, and writes every run into the ticket's
 * activity ("Automation 'Auto-close' closed the ticket").
 *
 * When it looks:
 *   - a ticket document changed (a client's edit, mail, another worker, or a rule): that ticket,
 *     for every rule — trigger rules react only to such changes;
 *   - a workspace's index loaded, its automations changed, and every `tickMs` for the loaded
 *     indexes: the time rules over the whole index. The index's summaries rule most tickets out
 *     without their documents (`automationTicketOfSummary`; when the status last changed is not
 *     in a summary, it is learnt from the document once and kept while the ticket's `updatedAt`
 *     stays the same); only the tickets that may match are opened.
 *
 * At most once, durably. Before a run touches the ticket, its key (rule id + the ticket state's
 * event key) is claimed in SQLite (`automations/store.ts`); a key claimed before is never run
 * again. The run's change is then stored like every server change, and the claim is marked done.
 * A process killed between the claim and the store loses that run (it is marked 'interrupted' at
 * the next start and not retried) — never runs it twice. Each rule's first sighting is recorded
 * too (`active_since`): trigger rules act only on events after it.
 *
 * The loop guard. A rule whose run would trigger itself again (`evaluateRule` → `loop`) is not
 * run: it is stopped with an error the admins see on the automations page, until it is edited.
 * Across rules, once-per-state keys end ping-pong (two rules undoing each other meet a state
 * each has run on); as a last fence, a ticket that changed `MAX_CHAIN` times in a row by the
 * server alone is left until someone else changes it.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import {
  applyAutomation,
  automationTicketOf,
  automationTicketOfSummary,
  evaluateRule,
  readAutomations,
  type AutomationAction,
  type AutomationRuleRecord,
  type AutomationTicket,
  type RuleOutcome
} from '../../src/lib/domain/automation.ts';
import type { BusinessCalendar } from '../../src/lib/domain/business-calendar.ts';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { MacroRecord } from '../../src/lib/domain/macro-record.ts';
import { NO_CUSTOM_FIELDS, type CustomFields } from '../../src/lib/domain/custom-fields.ts';
import {
  CustomerSummary,
  MemberProfile,
  TicketSummary,
  type TicketStatus
} from '../../src/lib/domain/schema.ts';
import { readSettings } from '../../src/lib/domain/settings.ts';
import { onlyDraft, readTicket } from '../../src/lib/domain/ticket.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import type { AutomationStore, RuleState } from '../automations/store.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import type { DocStorage } from '../storage.ts';
import { workspaceSweeps } from './workspace-sweeps.ts';

/** Server-only changes in a row after which a ticket is left alone (see the header). */
const MAX_CHAIN = 20;

export interface AutomationNotice {
  workspaceId: string;
  ticketId: string;
  memberIds: string[];
  ruleName: string;
  /** The run's key (the rule and the ticket's state): one run, one notice. */
  runKey: string;
  at: number;
}

export interface AutomationWorkerDeps {
  docs: DocManager;
  storage: Pick<DocStorage, 'documentWorkspace'>;
  clock: Clock;
  store: AutomationStore;
  /** How often the time rules look at loaded indexes (default one minute). */
  tickMs?: number;
  /** Told after each sweep how many runs it made (tests and the bench wait on it). */
  onSwept?: (workspaceId: string, runs: number) => void;
  /** Told who a `notify` action names. */
  notify?: (notice: AutomationNotice) => void;
  log: (message: string, error?: unknown) => void;
}

/** What the test mode shows for one ticket. */
export interface AutomationPreviewTicket {
  ticketId: string;
  number: number | null;
  subject: string;
  status: TicketStatus;
  outcome: 'run' | 'loop' | 'broken';
  actions: AutomationAction['kind'][];
}

export interface AutomationPreview {
  tickets: AutomationPreviewTicket[];
  /** How many would be touched in all (`tickets` holds at most the limit). */
  total: number;
}

export interface AutomationWorker {
  /** Runs the time rules over the workspace's index and the tickets that changed; returns runs. */
  sweep(workspaceId: string): number;
  /** Which tickets `rule` would touch now, as if its event happened now; nothing is written. */
  preview(workspaceId: string, rule: AutomationRuleRecord, limit?: number): AutomationPreview;
  /** What the worker knows of the workspace's rules (first seen, the error that stopped one). */
  ruleStates(workspaceId: string): RuleState[];
  stop(): void;
}

/**
 * How templates show a custom field's value (`ticket.fields.<key>`): options by their label, in
 * English, since a rule's reply has no reader's locale to follow.
 */
const TEMPLATE_WORDS = { locale: 'en', yes: 'yes', no: 'no' };

interface WorkspaceRules {
  rules: AutomationRuleRecord[];
  macros: Map<string, MacroRecord>;
  calendars: ReadonlyMap<string, BusinessCalendar>;
  firstCalendar: BusinessCalendar | null;
  /** The custom fields rules set (and macros and templates read). */
  fields: CustomFields;
}

/** What a ticket's document taught about it, valid while its `updatedAt` stays the same. */
interface Learnt {
  updatedAt: number;
  statusSince: number;
  /** Time rules whose run on this state is claimed already. */
  done: Set<string>;
}

const fingerprint = (rule: AutomationRuleRecord) =>
  createHash('sha256').update(JSON.stringify(rule)).digest('base64url').slice(0, 22);

export function startAutomations(deps: AutomationWorkerDeps): AutomationWorker {
  const { docs, storage, clock, store, log } = deps;
  const settingsCache = new Map<string, WorkspaceRules>();
  // Workspace → tickets that changed since its last sweep.
  const changed = new Map<string, Set<string>>();
  const learnt = new Map<string, Learnt>();
  // Summaries without a ticket of this workspace (phantoms), by their `updatedAt` then.
  const unavailable = new Map<string, number>();
  // Ticket → server-only changes in a row.
  const chains = new Map<string, number>();

  const interrupted = store.recoverInterrupted();
  if (interrupted > 0) {
    log(`${interrupted} automation run(s) were interrupted by a stop; they are not run again.`);
  }

  const rulesOf = (workspaceId: string): WorkspaceRules => {
    let found = settingsCache.get(workspaceId);
    if (!found) {
      found = docs.read(settingsDocName(workspaceId), (doc) => {
        const settings = readSettings(doc);
        const macros = new Map<string, MacroRecord>();
        for (const [key, value] of doc.getMap('macros')) {
          const parsed = MacroRecord.safeParse(value);
          if (parsed.success && parsed.data.id === key) macros.set(key, parsed.data);
        }
        return {
          rules: readAutomations(doc),
          macros,
          calendars: settings.calendars,
          firstCalendar: [...settings.calendars.values()][0] ?? null,
          fields: settings.customFields
        };
      }) ?? {
        rules: [],
        macros: new Map(),
        calendars: new Map(),
        firstCalendar: null,
        fields: NO_CUSTOM_FIELDS
      };
      settingsCache.set(workspaceId, found);
    }
    return found;
  };

  const calendarOf = (settings: WorkspaceRules, rule: AutomationRuleRecord) =>
    rule.conditions.calendarId !== undefined
      ? (settings.calendars.get(rule.conditions.calendarId) ?? null)
      : settings.firstCalendar;

  /** The enabled rules not stopped by an error, with when each became active. */
  const activeRules = (workspaceId: string, settings: WorkspaceRules, now: number) => {
    const out: { rule: AutomationRuleRecord; activeSince: number }[] = [];
    for (const rule of settings.rules) {
      if (!rule.enabled) continue;
      const state = store.see(workspaceId, rule.id, fingerprint(rule), now);
      if (state.error === null) out.push({ rule, activeSince: state.activeSince });
    }
    return out;
  };

  const stopRule = (
    workspaceId: string,
    rule: AutomationRuleRecord,
    outcome: Extract<RuleOutcome, { kind: 'loop' | 'broken' }>,
    ticketId: string,
    now: number
  ) => {
    const detail =
      outcome.kind === 'loop'
        ? 'its actions would trigger it again on the same ticket'
        : outcome.detail;
    store.stop(workspaceId, rule.id, { kind: outcome.kind, detail, ticketId, at: now });
    log(`Automation '${rule.name}' (${rule.id}) in ${workspaceId} stopped: ${detail}`);
  };

  /** The index's view of one ticket: organisation, next due time, the people templates name. */
  const indexView = (workspaceId: string, ticketId: string) =>
    docs.read(indexDocName(workspaceId), (doc) => {
      const parts = indexParts(doc);
      const summary = TicketSummary.safeParse(parts.tickets.get(ticketId));
      const s = summary.success ? summary.data : null;
      const customers = new Map<string, CustomerSummary>();
      const members = new Map<string, MemberProfile>();
      if (s?.requesterId) {
        const c = CustomerSummary.safeParse(parts.customers.get(s.requesterId));
        if (c.success) customers.set(c.data.id, c.data);
      }
      if (s?.assigneeId) {
        const m = MemberProfile.safeParse(parts.members.get(s.assigneeId));
        if (m.success) members.set(m.data.id, m.data);
      }
      const requester = s?.requesterId ? customers.get(s.requesterId) : undefined;
      return {
        organisation: requester?.organisation ?? null,
        nextDueAt: s?.nextDueAt ?? null,
        people: { customers, members }
      };
    });

  /**
   * Runs the rules on one ticket's document, in order, each on the state the ones before left.
   * `triggered`: the ticket changed (trigger rules look too). Returns how many runs it made.
   */
  const processTicket = (
    workspaceId: string,
    ticketId: string,
    triggered: boolean,
    settings: WorkspaceRules,
    active: readonly { rule: AutomationRuleRecord; activeSince: number }[],
    now: number
  ): number => {
    const name = ticketDocName(ticketId);
    if (storage.documentWorkspace(name) !== workspaceId) {
      const updatedAt = docs.read(indexDocName(workspaceId), (doc) => {
        const s = indexParts(doc).tickets.get(ticketId) as { updatedAt?: unknown } | undefined;
        return typeof s?.updatedAt === 'number' ? s.updatedAt : null;
      });
      if (typeof updatedAt === 'number') unavailable.set(ticketId, updatedAt);
      return 0;
    }
    unavailable.delete(ticketId);
    const view = indexView(workspaceId, ticketId);
    if (!view) return 0;
    const finished: { key: string; ok: boolean; rule: AutomationRuleRecord; problem?: string }[] =
      [];
    const stops: {
      rule: AutomationRuleRecord;
      outcome: Extract<RuleOutcome, { kind: 'loop' | 'broken' }>;
    }[] = [];
    const notices: AutomationNotice[] = [];
    let seen: Learnt | null = null;
    docs.change(name, (doc: Y.Doc) => {
      let ticket = readTicket(doc);
      if (!ticket || ticket.fields.workspaceId !== workspaceId) return;
      let state: AutomationTicket = automationTicketOf(ticket, view.organisation, view.nextDueAt);
      const done = new Set<string>();
      for (const { rule, activeSince } of active) {
        if (rule.trigger !== 'time' && !triggered) continue;
        const outcome = evaluateRule(rule, state, {
          now,
          calendar: calendarOf(settings, rule),
          macros: settings.macros,
          activeSince
        });
        if (outcome.kind === 'skip') continue;
        if (outcome.kind !== 'run') {
          stops.push({ rule, outcome });
          continue;
        }
        const claimed = store.claim({
          workspaceId,
          ticketId,
          ruleId: rule.id,
          key: outcome.key,
          at: now
        });
        if (!claimed) {
          if (rule.trigger === 'time') done.add(rule.id);
          continue;
        }
        const result = applyAutomation(
          doc,
          rule,
          outcome.actions,
          { ...view.people, fields: { definitions: settings.fields, words: TEMPLATE_WORDS } },
          now
        );
        if (!result.ok) {
          finished.push({ key: outcome.key, ok: false, rule, problem: result.problem });
          continue;
        }
        finished.push({ key: outcome.key, ok: true, rule });
        if (rule.trigger === 'time') done.add(rule.id);
        if (result.notified.length > 0) {
          notices.push({
            workspaceId,
            ticketId,
            memberIds: result.notified,
            ruleName: rule.name,
            runKey: outcome.key,
            at: now
          });
        }
        ticket = readTicket(doc);
        if (!ticket) return;
        state = automationTicketOf(ticket, view.organisation, view.nextDueAt);
      }
      seen = {
        updatedAt: state.updatedAt,
        statusSince: state.statusSince ?? state.createdAt,
        done
      };
    });
    if (seen) learnt.set(ticketId, seen);
    for (const run of finished) {
      store.finish(ticketId, run.key, run.ok ? 'done' : 'failed');
      if (!run.ok) {
        stopRule(
          workspaceId,
          run.rule,
          { kind: 'broken', key: run.key, detail: run.problem ?? '' },
          ticketId,
          now
        );
      }
    }
    for (const { rule, outcome } of stops) stopRule(workspaceId, rule, outcome, ticketId, now);
    for (const notice of notices) deps.notify?.(notice);
    return finished.filter((r) => r.ok).length;
  };

  /** The summaries' states (with what documents taught), for the time rules and the preview. */
  const summaryStates = (workspaceId: string): AutomationTicket[] =>
    docs.read(indexDocName(workspaceId), (doc) => {
      const parts = indexParts(doc);
      const organisations = new Map<string, string | null>();
      const out: AutomationTicket[] = [];
      for (const [id, value] of parts.tickets) {
        // The update check let only valid summaries in; the shape is still asserted cheaply.
        const s = value as TicketSummary;
        if (typeof s !== 'object' || s === null || typeof s.updatedAt !== 'number') continue;
        let organisation: string | null = null;
        if (s.requesterId) {
          if (!organisations.has(s.requesterId)) {
            const customer = parts.customers.get(s.requesterId) as CustomerSummary | undefined;
            organisations.set(s.requesterId, customer?.organisation ?? null);
          }
          organisation = organisations.get(s.requesterId) ?? null;
        }
        const state = automationTicketOfSummary({ ...s, id }, organisation);
        const known = learnt.get(id);
        if (known && known.updatedAt === s.updatedAt) state.statusSince = known.statusSince;
        out.push(state);
      }
      return out;
    }) ?? [];

  const sweep = (workspaceId: string): number => {
    const touched = changed.get(workspaceId) ?? new Set<string>();
    changed.delete(workspaceId);
    const settings = rulesOf(workspaceId);
    const now = clock.now();
    const active = activeRules(workspaceId, settings, now);
    if (active.length === 0) {
      deps.onSwept?.(workspaceId, 0);
      return 0;
    }
    const timeRules = active.filter((a) => a.rule.trigger === 'time');
    const due = new Set<string>();
    if (timeRules.length > 0) {
      for (const state of summaryStates(workspaceId)) {
        if (unavailable.get(state.id) === state.updatedAt) continue;
        const known = learnt.get(state.id);
        const current = known && known.updatedAt === state.updatedAt ? known : null;
        for (const { rule } of timeRules) {
          if (current?.done.has(rule.id)) continue;
          const outcome = evaluateRule(rule, state, {
            now,
            calendar: calendarOf(settings, rule),
            macros: settings.macros
          });
          if (outcome.kind !== 'skip') {
            due.add(state.id);
            break;
          }
        }
      }
    }
    let runs = 0;
    for (const ticketId of touched) {
      if ((chains.get(ticketId) ?? 0) > MAX_CHAIN) continue;
      runs += processTicket(workspaceId, ticketId, true, settings, active, now);
      due.delete(ticketId);
    }
    for (const ticketId of due)
      runs += processTicket(workspaceId, ticketId, false, settings, active, now);
    deps.onSwept?.(workspaceId, runs);
    return runs;
  };

  const sweeps = workspaceSweeps(sweep, (workspaceId, error) =>
    log(`Automation sweep of ${workspaceId} failed`, error)
  );

  const offs = [
    docs.onLoad(({ ref }) => {
      if (ref.kind === 'index') sweeps.schedule(ref.workspaceId);
    }),
    docs.onChange(({ ref, roots, writer, name }) => {
      if (ref.kind === 'settings') {
        if (roots.has('automations') || roots.has('macros') || roots.has('calendars')) {
          settingsCache.delete(ref.workspaceId);
          sweeps.schedule(ref.workspaceId);
        }
        return;
      }
      // Typing in the reply draft is no event a rule can match: no sweep per keystroke.
      if (ref.kind !== 'ticket' || onlyDraft(roots)) return;
      const chain = writer === null ? (chains.get(ref.ticketId) ?? 0) + 1 : 0;
      if (chain === 0) chains.delete(ref.ticketId);
      else chains.set(ref.ticketId, chain);
      const workspaceId = storage.documentWorkspace(name);
      if (!workspaceId) return;
      let set = changed.get(workspaceId);
      if (!set) changed.set(workspaceId, (set = new Set()));
      set.add(ref.ticketId);
      sweeps.schedule(workspaceId);
    })
  ];

  const tick = setInterval(() => {
    for (const workspaceId of [...settingsCache.keys()]) {
      if (docs.isLoaded(indexDocName(workspaceId))) sweeps.schedule(workspaceId);
    }
  }, deps.tickMs ?? 60_000);
  tick.unref();

  const preview = (
    workspaceId: string,
    rule: AutomationRuleRecord,
    limit = 50
  ): AutomationPreview => {
    const settings = rulesOf(workspaceId);
    const now = clock.now();
    // As if its event happened now: the trigger is not asked for, only the conditions.
    const asNow: AutomationRuleRecord = { ...rule, enabled: true, trigger: 'time' };
    const ctx = { now, calendar: calendarOf(settings, rule), macros: settings.macros };
    const tickets: AutomationPreviewTicket[] = [];
    let total = 0;
    for (const summaryState of summaryStates(workspaceId)) {
      if (evaluateRule(asNow, summaryState, ctx).kind === 'skip') continue;
      const exact =
        summaryState.statusSince !== null || !rule.conditions.hoursSincePending
          ? summaryState
          : docs.read(ticketDocName(summaryState.id), (doc) => {
              const ticket = readTicket(doc);
              return ticket
                ? automationTicketOf(ticket, summaryState.organisation, summaryState.nextDueAt)
                : null;
            });
      if (!exact) continue;
      const outcome = evaluateRule(asNow, exact, ctx);
      if (outcome.kind === 'skip') continue;
      if (rule.trigger === 'time' && outcome.kind === 'run') {
        if (store.run(exact.id, outcome.key) !== null) continue;
      }
      total++;
      if (tickets.length < limit) {
        tickets.push({
          ticketId: exact.id,
          number: exact.number,
          subject: exact.subject,
          status: exact.status,
          outcome: outcome.kind,
          actions: outcome.kind === 'broken' ? [] : outcome.actions.map((a) => a.kind)
        });
      }
    }
    return { tickets, total };
  };

  return {
    sweep,
    preview,
    ruleStates: (workspaceId) => store.rules(workspaceId),
    stop() {
      sweeps.stop();
      clearInterval(tick);
      for (const off of offs) off();
    }
  };
}
