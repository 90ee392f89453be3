/**
 * The "could not import" list (owners and admins): messages the mailbox delivered that could
 * not become a ticket, each with a link to its raw bytes and a retry. Refusals throw an
 * `ApiError`; a retry reloads the list, since a message that went anywhere leaves it.
 */
import type { HeldMessage, HeldRetried } from '$lib/contract/api';
import { orThrow, type Api } from '$lib/api/client';

export interface MailFailuresDeps {
  api: Pick<Api, 'heldMessages' | 'retryHeld' | 'heldRawHref'>;
  workspaceId: string;
}

export class MailFailuresState {
  #held = $state.raw<HeldMessage[]>([]);
  #loaded = $state(false);
  /** The message being retried, if any. */
  #retrying = $state<string | null>(null);
  readonly #deps: MailFailuresDeps;

  constructor(deps: MailFailuresDeps) {
    this.#deps = deps;
  }

  get held(): HeldMessage[] {
    return this.#held;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  get retrying(): string | null {
    return this.#retrying;
  }

  async load(): Promise<HeldMessage[]> {
    const answer = orThrow(await this.#deps.api.heldMessages(this.#deps.workspaceId));
    this.#held = answer.held;
    this.#loaded = true;
    return answer.held;
  }

  /** Where the browser downloads a held message (a link). */
  rawHref(id: string): string {
    return this.#deps.api.heldRawHref(this.#deps.workspaceId, id);
  }

  async retry(id: string): Promise<HeldRetried> {
    this.#retrying = id;
    try {
      const answer = orThrow(await this.#deps.api.retryHeld(this.#deps.workspaceId, id));
      await this.load();
      return answer;
    } finally {
      this.#retrying = null;
    }
  }

  reset(): void {
    this.#held = [];
    this.#loaded = false;
    this.#retrying = null;
  }
}
