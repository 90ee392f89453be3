/**
 * The first-run checklist of a workspace: connect a mailbox, invite the team, set your working
 * hours, create a first ticket. Each step is done when the data says so, not when it was
 * clicked: a mailbox is saved (the mailbox API), the index holds more than one member's
 * profile, the member's profile holds hours of their own, the index holds a ticket. A step the
 * member's role cannot do is not offered (the mailbox and invitations are an admin's; hours
 * and tickets need write access to the index and to tickets). The list goes away when every
 * offered step is done, or when the member dismisses it; that choice is kept on this device,
 * under the member's own prefix, so it is deleted with their other local data at sign-out.
 *
 * Working hours: every profile is created with the same default (Monday to Friday, 09:00 to
 * 17:00, `putProfile` in `server/baton.ts`), so "set" means either different from that
 * default, or saved as they are on the profile page on this device (saving the same hours
 * changes nothing in the index that could tell).
 */
import { z } from 'zod';
import { weekFromLegacy, type MemberProfile, type WorkingHours } from '$lib/domain/schema';
import { WEEKDAY_KEYS } from '$lib/domain/business-calendar';
import { memberPrefix } from '$lib/sync/local-data';
import { browserStorage, safeSet, type KeyValueStorage } from '$lib/sync/storage';
import type { RoleName } from './identity.svelte';
import { isAdmin, mayEdit } from '$lib/domain/roles';
import type { Api } from '$lib/api/client';

export const FIRST_RUN_STEPS = ['mailbox', 'invite', 'hours', 'ticket'] as const;
export type FirstRunStep = (typeof FIRST_RUN_STEPS)[number];

/** The hours every new profile starts with (`putProfile` in `server/baton.ts`). */
export const DEFAULT_WORKING_HOURS: WorkingHours = weekFromLegacy({
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00'
});

export interface FirstRunFacts {
  role: RoleName | undefined;
  /** Whether a mailbox is saved; `null` while not known (not asked yet, or not allowed to ask). */
  mailbox: boolean | null;
  memberCount: number;
  /** The member's own profile in the index; `null` before the index has it. */
  profile: MemberProfile | null;
  /** The member saved their hours on the profile page on this device. */
  hoursConfirmed: boolean;
  ticketCount: number;
}

export interface FirstRunItem {
  step: FirstRunStep;
  done: boolean;
}

export function isDefaultHours(hours: WorkingHours): boolean {
  return WEEKDAY_KEYS.every(
    (key) =>
      hours[key].length === DEFAULT_WORKING_HOURS[key].length &&
      hours[key].every(
        ([from, to], i) =>
          from === DEFAULT_WORKING_HOURS[key][i]?.[0] && to === DEFAULT_WORKING_HOURS[key][i]?.[1]
      )
  );
}

/** The steps this member is offered, each with whether the data shows it done. */
export function firstRunItems(facts: FirstRunFacts): FirstRunItem[] {
  const admin = isAdmin(facts.role);
  const writer = mayEdit(facts.role, 'change');
  const items: FirstRunItem[] = [];
  if (admin) items.push({ step: 'mailbox', done: facts.mailbox === true });
  if (admin) items.push({ step: 'invite', done: facts.memberCount > 1 });
  if (writer) {
    const own = facts.profile;
    items.push({
      step: 'hours',
      done: facts.hoursConfirmed || (own !== null && !isDefaultHours(own.workingHours))
    });
  }
  if (writer) items.push({ step: 'ticket', done: facts.ticketCount > 0 });
  return items;
}

const Stored = z.object({
  dismissed: z.boolean().catch(false),
  hoursConfirmed: z.boolean().catch(false)
});

export interface FirstRunDeps {
  memberId: string;
  workspaceId: string;
  /** Where the checklist remembers (the browser's localStorage unless given). */
  storage?: KeyValueStorage | null;
  api: Pick<Api, 'mailbox'>;
}

/** What the checklist remembers on this device and what it asked the server. */
export class FirstRun {
  #dismissed = $state(false);
  #hoursConfirmed = $state(false);
  #mailbox = $state<boolean | null>(null);
  readonly #deps: FirstRunDeps;
  readonly #storage: KeyValueStorage | null;
  readonly #key: string;

  constructor(deps: FirstRunDeps) {
    this.#deps = deps;
    this.#storage = deps.storage === undefined ? browserStorage() : deps.storage;
    this.#key = `${memberPrefix(deps.memberId)}first-run`;
    this.#load();
  }

  get dismissed(): boolean {
    return this.#dismissed;
  }

  get hoursConfirmed(): boolean {
    return this.#hoursConfirmed;
  }

  get mailbox(): boolean | null {
    return this.#mailbox;
  }

  /**
   * Asks whether the workspace has a mailbox (admins only: the API refuses anyone else, and
   * the step is not offered to them). A failure leaves it unknown, shown as not done.
   */
  async loadMailbox(): Promise<void> {
    const answer = await this.#deps.api.mailbox(this.#deps.workspaceId);
    if (answer.ok) this.#mailbox = answer.value.mailbox !== null;
  }

  dismiss(): void {
    this.#dismissed = true;
    this.#save();
  }

  confirmHours(): void {
    this.#hoursConfirmed = true;
    this.#save();
  }

  reset(): void {
    this.#dismissed = false;
    this.#hoursConfirmed = false;
    this.#mailbox = null;
    this.#storage?.removeItem(this.#key);
  }

  #load(): void {
    const raw = this.#storage?.getItem(this.#key);
    if (!raw) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return;
    }
    const stored = Stored.safeParse(value);
    if (!stored.success) return;
    this.#dismissed = stored.data.dismissed;
    this.#hoursConfirmed = stored.data.hoursConfirmed;
  }

  #save(): void {
    if (!this.#storage) return;
    safeSet(
      this.#storage,
      this.#key,
      JSON.stringify({ dismissed: this.#dismissed, hoursConfirmed: this.#hoursConfirmed })
    );
  }
}
