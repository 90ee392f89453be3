/**
 * The routing settings page: the assignment mode, the capacity and the skill rules, read from
 * the settings document (`SettingsView`) and written into its `routing` root, so they sync and
 * can be changed offline. Every member may read them; only owners and admins change them (the
 * server's write guard refuses anyone else). Each save is validated first by the schema the
 * server's update check applies, and a refusal names the field.
 */
import type * as Y from 'yjs';
import { may, type Role } from '$lib/domain/roles';
import {
  putSettingsRecord,
  removeSettingsRecord,
  ROUTING_ASSIGNMENT_ID,
  type RoutingMode,
  type SkillRuleRecord
} from '$lib/domain/settings';
import type { CustomerLanguage } from '$lib/domain/language';
import type { TicketChannel } from '$lib/domain/schema';
import { newId } from '$lib/domain/ids';
import type { SettingsView } from './settings-view.svelte';

export interface RoutingSettingsDeps {
  settings: SettingsView;
  /** The settings document, while it is open. */
  doc: () => Y.Doc | null;
  role: () => Role | undefined;
}

export type RoutingSaveResult = { ok: true } | { ok: false; problem: string };

/** A skill rule as the form edits it: lists of words typed with commas. */
export interface SkillRuleDraft {
  id: string | null;
  name: string;
  channels: TicketChannel[];
  languages: CustomerLanguage[];
  tags: string;
  skills: string;
}

/** `'a, B ,,c'` → `['a', 'b', 'c']`: trimmed, lowercase, once each. */
export function splitList(text: string): string[] {
  const words = text
    .split(',')
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word !== '');
  return words.filter((word, i) => words.indexOf(word) === i);
}

export function ruleDraft(rule: SkillRuleRecord | null): SkillRuleDraft {
  return {
    id: rule?.id ?? null,
    name: rule?.name ?? '',
    channels: [...(rule?.when.channels ?? [])],
    languages: [...(rule?.when.languages ?? [])],
    tags: (rule?.when.tags ?? []).join(', '),
    skills: (rule?.skills ?? []).join(', ')
  };
}

/** The record a draft makes (validated when saved); a new rule goes after the others. */
export function ruleFromDraft(draft: SkillRuleDraft, position: number): SkillRuleRecord {
  const tags = splitList(draft.tags);
  return {
    kind: 'skill-rule',
    id: draft.id ?? `rule-${newId()}`,
    name: draft.name.trim(),
    position,
    when: {
      ...(draft.channels.length > 0 ? { channels: [...draft.channels] } : {}),
      ...(draft.languages.length > 0 ? { languages: [...draft.languages] } : {}),
      ...(tags.length > 0 ? { tags } : {})
    },
    skills: splitList(draft.skills)
  };
}

export class RoutingSettings {
  readonly #deps: RoutingSettingsDeps;

  constructor(deps: RoutingSettingsDeps) {
    this.#deps = deps;
  }

  get loaded(): boolean {
    return this.#deps.settings.loaded;
  }

  get mayChange(): boolean {
    return may(this.#deps.role(), 'manage-settings');
  }

  get mode(): RoutingMode {
    return this.#deps.settings.settings.routing.mode;
  }

  get capacity(): number | null {
    return this.#deps.settings.settings.routing.capacity;
  }

  /** In the order they are listed. */
  get rules(): readonly SkillRuleRecord[] {
    return this.#deps.settings.settings.routing.rules;
  }

  /** Round-robin's last pick: the next ticket goes to the member after them. */
  get lastMemberId(): string | null {
    return this.#deps.settings.settings.routing.lastMemberId;
  }

  saveAssignment(mode: RoutingMode, capacity: number | null): RoutingSaveResult {
    return this.#put({ kind: 'assignment', id: ROUTING_ASSIGNMENT_ID, mode, capacity });
  }

  saveRule(draft: SkillRuleDraft): RoutingSaveResult {
    const existing = this.rules.find((rule) => rule.id === draft.id);
    const position = existing?.position ?? (this.rules.at(-1)?.position ?? 0) + 1;
    return this.#put(ruleFromDraft(draft, position));
  }

  removeRule(id: string): boolean {
    const doc = this.#writable();
    return doc ? removeSettingsRecord(doc, 'routing', id) : false;
  }

  #writable(): Y.Doc | null {
    return this.mayChange ? this.#deps.doc() : null;
  }

  #put(record: unknown): RoutingSaveResult {
    const doc = this.#writable();
    if (!doc) return { ok: false, problem: 'not-allowed' };
    const problem = putSettingsRecord(doc, 'routing', record);
    return problem ? { ok: false, problem } : { ok: true };
  }
}
