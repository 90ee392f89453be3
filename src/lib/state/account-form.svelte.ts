/**
 * The state every account form shares (sign in, sign up, reset, invitations, new workspace):
 * whether it is busy, and the message to show when the server refused. A refusal the server
 * explains (`AccountError`) is shown on the form; anything else goes to the app's one
 * `handleError`, unless the form has its own words for being offline.
 */
import { AccountError } from './identity.svelte';
import type { ErrorHandler } from './toasts.svelte';

export class AccountForm {
  #busy = $state(false);
  #failed = $state<string | null>(null);

  constructor(
    private readonly handleError: ErrorHandler,
    private readonly offlineMessage: string | null = null
  ) {}

  get busy(): boolean {
    return this.#busy;
  }

  get failed(): string | null {
    return this.#failed;
  }

  /** Shows `message` on the form. */
  fail(message: string): void {
    this.#failed = message;
  }

  /** Runs `action` with the form busy; `what` names it in an unexpected error's toast. */
  async run(what: string, action: () => Promise<void>): Promise<void> {
    this.#busy = true;
    this.#failed = null;
    try {
      await action();
    } catch (error) {
      if (error instanceof AccountError) this.#failed = error.message;
      else if (this.offlineMessage && !navigator.onLine) this.#failed = this.offlineMessage;
      else this.handleError(error, what);
    } finally {
      this.#busy = false;
    }
  }
}
