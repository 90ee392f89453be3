/**
 * The automations page: the rules of the settings document's `automations` root, in the order
 * they run, written there (they sync, and can be changed offline), and what the server knows of
 * each (the error that stopped one) and the test mode, over the HTTP API. Owners and admins
 * only: the server's write guard refuses anyone else's rules, and the endpoints their calls.
 * Each save is checked first exactly as the server's update check will (`automationProblem`:
 * the shape, then the templates), so a refusal names the field before anything is written.
 */
import type * as Y from 'yjs';
import type { Api } from '$lib/api/client';
import { may, type Role } from '$lib/domain/roles';
import {
  AUTOMATIONS_ROOT,
  readAutomations,
  type AutomationRuleRecord
} from '$lib/domain/automation-record';
import { automationProblem } from '$lib/domain/automation';
import { MacroRecord } from '$lib/domain/macro-record';
import type { AutomationRuleStatus, AutomationTestAnswer } from '$lib/contract/automations';
import { followDocument } from './doc-projection';

export interface AutomationSettingsDeps {
  api: Api;
  workspaceId: string;
  role: () => Role | undefined;
}

export type AutomationSaveResult = { ok: true } | { ok: false; problem: string };

export interface MacroChoice {
  id: string;
  name: string;
}

interface Snapshot {
  rules: AutomationRuleRecord[];
  macros: MacroChoice[];
}

const EMPTY: Snapshot = { rules: [], macros: [] };

function readSnapshot(doc: Y.Doc): Snapshot {
  const macros: MacroChoice[] = [];
  for (const [key, value] of doc.getMap('macros')) {
    const parsed = MacroRecord.safeParse(value);
    if (parsed.success && parsed.data.id === key) macros.push({ id: key, name: parsed.data.name });
  }
  macros.sort((a, b) => a.name.localeCompare(b.name));
  return { rules: readAutomations(doc), macros };
}

export class AutomationSettings {
  readonly #deps: AutomationSettingsDeps;
  #doc: Y.Doc | null = null;
  #snapshot = $state.raw<Snapshot>(EMPTY);
  #loaded = $state(false);
  #states = $state.raw<Readonly<Record<string, AutomationRuleStatus>>>({});
  #test = $state.raw<{
    rule: AutomationRuleRecord;
    name: string;
    answer: AutomationTestAnswer;
  } | null>(null);
  #testFailed = $state(false);

  constructor(deps: AutomationSettingsDeps) {
    this.#deps = deps;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  get rules(): readonly AutomationRuleRecord[] {
    return this.#snapshot.rules;
  }

  get macros(): readonly MacroChoice[] {
    return this.#snapshot.macros;
  }

  get mayChange(): boolean {
    return may(this.#deps.role(), 'manage-settings');
  }

  /** The error that stopped a rule, as the server keeps it; `null`: none. */
  errorOf(ruleId: string): AutomationRuleStatus['error'] {
    return Object.hasOwn(this.#states, ruleId) ? (this.#states[ruleId]?.error ?? null) : null;
  }

  get test() {
    return this.#test;
  }

  get testFailed(): boolean {
    return this.#testFailed;
  }

  /** Follows the settings document; returns the cleanup for `$effect`. */
  connect(doc: Y.Doc, whenLoaded: Promise<void>): () => void {
    this.#doc = doc;
    const stop = followDocument(
      doc,
      [doc.getMap(AUTOMATIONS_ROOT), doc.getMap('macros')],
      whenLoaded,
      {
        read: readSnapshot,
        set: (snapshot) => (this.#snapshot = snapshot),
        loaded: () => (this.#loaded = true)
      }
    );
    return () => {
      stop();
      this.#doc = null;
    };
  }

  /** Loads what the server knows of the rules (admins only; others see no errors). */
  async loadStates(): Promise<void> {
    if (!this.mayChange) return;
    const result = await this.#deps.api.automationStatus(this.#deps.workspaceId);
    if (result.ok) this.#states = Object.fromEntries(result.value.rules.map((r) => [r.ruleId, r]));
  }

  /** Writes `rule` (new or edited) after the server's own check; a refusal names the field. */
  save(rule: AutomationRuleRecord): AutomationSaveResult {
    const doc = this.#doc;
    if (!doc) return { ok: false, problem: 'the settings are not open' };
    const problem = automationProblem(rule);
    if (problem) return { ok: false, problem };
    doc.getMap(AUTOMATIONS_ROOT).set(rule.id, rule);
    return { ok: true };
  }

  setEnabled(rule: AutomationRuleRecord, enabled: boolean): AutomationSaveResult {
    return this.save({ ...rule, enabled });
  }

  remove(ruleId: string): void {
    this.#doc?.getMap(AUTOMATIONS_ROOT).delete(ruleId);
  }

  /** The position a new rule takes: after the last. */
  nextPosition(): number {
    const last = this.rules.at(-1);
    return last ? last.position + 1 : 1;
  }

  /** Moves a rule one place up or down (only its own record changes, so moves merge). */
  move(ruleId: string, step: -1 | 1): void {
    const rules = this.rules;
    const at = rules.findIndex((r) => r.id === ruleId);
    const rule = rules[at];
    const neighbour = rules[at + step];
    if (!rule || !neighbour) return;
    const beyond = rules[at + 2 * step];
    const position = beyond
      ? (neighbour.position + beyond.position) / 2
      : neighbour.position + step;
    this.save({ ...rule, position });
  }

  /** Asks the server which tickets `rule` would touch now (the test mode). */
  async runTest(rule: AutomationRuleRecord): Promise<void> {
    this.#testFailed = false;
    const result = await this.#deps.api.testAutomation(this.#deps.workspaceId, rule);
    if (!result.ok) {
      this.#test = null;
      this.#testFailed = true;
      return;
    }
    this.#test = { rule, name: rule.name, answer: result.value };
  }

  closeTest(): void {
    this.#test = null;
    this.#testFailed = false;
  }

  reset(): void {
    this.#snapshot = EMPTY;
    this.#loaded = false;
    this.#states = {};
    this.#test = null;
    this.#testFailed = false;
  }
}
