/**
 * The workspace's mailboxes (owners and admins): what is saved, without secrets, and what each
 * watcher is doing; adding, saving, removing and testing one. The first in the list is the
 * primary mailbox (the server's order). Refusals throw an `ApiError`.
 */
import type { ListedMailbox, MailboxChecks, MailboxInput, OAuthProvider } from '$lib/contract/api';
import { orThrow, type Api } from '$lib/api/client';

export interface MailboxDeps {
  api: Pick<
    Api,
    | 'mailboxes'
    | 'addMailbox'
    | 'saveMailboxById'
    | 'removeMailbox'
    | 'testMailboxById'
    | 'startMailboxOAuth'
  >;
  workspaceId: string;
}

export class MailboxState {
  #mailboxes = $state.raw<ListedMailbox[]>([]);
  #loaded = $state(false);
  #providers = $state.raw<OAuthProvider[]>([]);
  readonly #deps: MailboxDeps;

  constructor(deps: MailboxDeps) {
    this.#deps = deps;
  }

  /** The saved mailboxes, the primary first (empty before loading). */
  get mailboxes(): ListedMailbox[] {
    return this.#mailboxes;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  /** The providers a mailbox can sign in with here (the operator configured them). */
  get oauthProviders(): OAuthProvider[] {
    return this.#providers;
  }

  /** The primary mailbox: the first enabled one, else the first. */
  get primary(): ListedMailbox | null {
    return this.#mailboxes.find((m) => m.settings.enabled) ?? this.#mailboxes[0] ?? null;
  }

  find(id: string | null): ListedMailbox | null {
    return id === null ? null : (this.#mailboxes.find((m) => m.id === id) ?? null);
  }

  async load(): Promise<ListedMailbox[]> {
    const answer = orThrow(await this.#deps.api.mailboxes(this.#deps.workspaceId));
    this.#mailboxes = answer.mailboxes;
    this.#providers = (answer.oauthProviders ?? []).filter(
      (p): p is OAuthProvider => p === 'microsoft' || p === 'google'
    );
    this.#loaded = true;
    return answer.mailboxes;
  }

  /** Saves a mailbox (`null`: adds a new one) and reloads the list; answers its id. */
  async save(id: string | null, input: MailboxInput): Promise<string | null> {
    const answer = orThrow(
      id === null
        ? await this.#deps.api.addMailbox(this.#deps.workspaceId, input)
        : await this.#deps.api.saveMailboxById(this.#deps.workspaceId, id, input)
    );
    await this.load();
    return answer.mailbox?.id ?? id;
  }

  async remove(id: string): Promise<void> {
    orThrow(await this.#deps.api.removeMailbox(this.#deps.workspaceId, id));
    await this.load();
  }

  /**
   * Tries IMAP and SMTP with these settings; an empty secret uses the saved mailbox's (`id`),
   * a new mailbox (`null`) has none.
   */
  async test(id: string | null, input: MailboxInput): Promise<MailboxChecks> {
    return orThrow(
      await this.#deps.api.testMailboxById(this.#deps.workspaceId, id ?? 'new', input)
    );
  }

  /** Starts signing a saved mailbox in: the provider's page to send the browser to. */
  async signIn(id: string, provider: OAuthProvider): Promise<string> {
    return orThrow(await this.#deps.api.startMailboxOAuth(this.#deps.workspaceId, id, provider))
      .url;
  }

  reset(): void {
    this.#providers = [];
    this.#mailboxes = [];
    this.#loaded = false;
  }
}
