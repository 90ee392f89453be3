/**
 * The state every account form shares (sign in, sign up, reset, invitations, new workspace):
 * whether it is busy, and the message to show when the server refused. A refusal the server
 * names (`ApiError`) is shown on the form in the member's language (`errorMessage`, never
 * the server's English); anything else goes to the app's one `handleError`, unless the form has
 * its own words for being offline.
 */
import { errorMessage } from '$lib/i18n/messages/errors';
import { ApiError } from '$lib/api/client';

/** A refusal the server named (or a failed call), as components catch it. */
export { ApiError };
import type { ErrorHandler } from './toasts.svelte';

/**
 * How long a rate limit lasts, in ms, when the refusal says: the error body's `retryAfterMs`,
 * else the minutes in its message ("Try again in 3 minutes.", `server/accounts/rate-limit.ts`);
 * without either the text says "a few minutes".
 */
export function retryAfterMs(error: ApiError): number | undefined {
  if (error.reason !== 'rate-limited') return undefined;
  if (error.retryAfterMs !== undefined) return error.retryAfterMs;
  const minutes = /\bin (\d+) minutes?\b/.exec(error.message)?.[1];
  return minutes === undefined ? undefined : Number(minutes) * 60_000;
}

/** What to show for a refusal the server named. */
export function accountErrorText(error: ApiError): string {
  const wait = retryAfterMs(error);
  return errorMessage(error.reason, {
    status: error.status,
    ...(wait !== undefined ? { retryAfterMs: wait } : {})
  });
}

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
      if (error instanceof ApiError) this.#failed = accountErrorText(error);
      else if (this.offlineMessage && !navigator.onLine) this.#failed = this.offlineMessage;
      else this.handleError(error, what);
    } finally {
      this.#busy = false;
    }
  }
}
