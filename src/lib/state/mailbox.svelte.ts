/**
 * The workspace's mailbox settings (owners and admins): what is saved, without secrets, and
 * what the watcher is doing; saving and testing a connection. Refusals throw an `ApiError`.
 */
import type { MailboxChecks, MailboxInput, MailboxView, WatcherState } from '$lib/contract/api';
import { orThrow, type Api } from '$lib/api/client';

export interface MailboxDeps {
  api: Pick<Api, 'mailbox' | 'saveMailbox' | 'testMailbox'>;
  workspaceId: string;
}

export class MailboxState {
  #mailbox = $state.raw<MailboxView | null>(null);
  #watcher = $state<WatcherState | null>(null);
  readonly #deps: MailboxDeps;

  constructor(deps: MailboxDeps) {
    this.#deps = deps;
  }

  /** The saved mailbox; `null` when none is saved (or before loading). */
  get mailbox(): MailboxView | null {
    return this.#mailbox;
  }

  get watcher(): WatcherState | null {
    return this.#watcher;
  }

  async load(): Promise<MailboxView | null> {
    const answer = orThrow(await this.#deps.api.mailbox(this.#deps.workspaceId));
    this.#mailbox = answer.mailbox;
    this.#watcher = answer.status?.state ?? null;
    return answer.mailbox;
  }

  async save(input: MailboxInput): Promise<void> {
    orThrow(await this.#deps.api.saveMailbox(this.#deps.workspaceId, input));
  }

  /** Tries IMAP and SMTP with these settings (an empty secret: the saved one). */
  async test(input: MailboxInput): Promise<MailboxChecks> {
    return orThrow(await this.#deps.api.testMailbox(this.#deps.workspaceId, input));
  }

  reset(): void {
    this.#mailbox = null;
    this.#watcher = null;
  }
}
