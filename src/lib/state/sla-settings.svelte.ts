/**
 * The service-levels settings page: the workspace's business calendars and its ordered SLA
 * policies, read from the settings document (`SettingsView`) and written into it, so they
 * sync like everything else and can be changed offline. Only owners and admins may change
 * them (the server's write guard refuses anyone else); each save is validated first by the
 * same schema the server's update check applies, and a refusal names the field.
 */
import type * as Y from 'yjs';
import { may, type Role } from '$lib/domain/roles';
import {
  moveSlaPolicy,
  putSettingsRecord,
  removeSettingsRecord,
  type CalendarRecord,
  type SlaPolicyRecord
} from '$lib/domain/settings';
import type { OfficialHolidayType } from '$lib/domain/public-holidays';
import type { SettingsView } from './settings-view.svelte';

export interface SlaSettingsDeps {
  settings: SettingsView;
  /** The settings document, while it is open. */
  doc: () => Y.Doc | null;
  role: () => Role | undefined;
}

export type SaveResult = { ok: true; id: string } | { ok: false; problem: string };

export class SlaSettings {
  readonly #deps: SlaSettingsDeps;

  constructor(deps: SlaSettingsDeps) {
    this.#deps = deps;
  }

  get loaded(): boolean {
    return this.#deps.settings.loaded;
  }

  get mayChange(): boolean {
    return may(this.#deps.role(), 'manage-settings');
  }

  /** By name. */
  get calendars(): CalendarRecord[] {
    return [...this.#deps.settings.settings.calendars.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)
    );
  }

  /** In the order they apply. */
  get policies(): readonly SlaPolicyRecord[] {
    return this.#deps.settings.settings.slaPolicies;
  }

  get lastPosition(): number {
    return this.policies.at(-1)?.position ?? 0;
  }

  /** Whether a policy counts on this calendar (it cannot be removed then). */
  inUse(calendarId: string): boolean {
    return this.policies.some((policy) => policy.calendarId === calendarId);
  }

  saveCalendar(record: CalendarRecord): SaveResult {
    return this.#put('calendars', record);
  }

  savePolicy(record: SlaPolicyRecord): SaveResult {
    return this.#put('slaPolicies', record);
  }

  removeCalendar(id: string): boolean {
    const doc = this.#writable();
    if (!doc || this.inUse(id)) return false;
    return removeSettingsRecord(doc, 'calendars', id);
  }

  removePolicy(id: string): boolean {
    const doc = this.#writable();
    return doc ? removeSettingsRecord(doc, 'slaPolicies', id) : false;
  }

  movePolicy(id: string, step: -1 | 1): boolean {
    const doc = this.#writable();
    return doc ? moveSlaPolicy(doc, id, step) : false;
  }

  /**
   * A country's public holidays in `years` (and the bank holidays when `bank`), loaded with
   * the holiday data only when asked (it is large).
   */
  async holidays(country: string, years: readonly number[], bank: boolean): Promise<string[]> {
    const { holidayDates } = await import('$lib/domain/public-holidays');
    const also: OfficialHolidayType[] = bank ? ['bank'] : [];
    return holidayDates(country, years, also);
  }

  #writable(): Y.Doc | null {
    return this.mayChange ? this.#deps.doc() : null;
  }

  #put(root: 'calendars' | 'slaPolicies', record: CalendarRecord | SlaPolicyRecord): SaveResult {
    const doc = this.#writable();
    if (!doc) return { ok: false, problem: 'not-allowed' };
    const problem = putSettingsRecord(doc, root, record);
    return problem ? { ok: false, problem } : { ok: true, id: record.id };
  }
}
