/**
 * Signing out of this device: nothing of the member may stay behind for the next person who
 * uses the browser, and nothing they wrote may be lost without their word.
 *
 *   1. Online: send the unsynced changes (batch sync) and wait for the answer.
 *   2. If changes are still unsynced (offline, or the server refused them), the member is told
 *      how many and confirms that they will be lost; otherwise they stay signed in.
 *   3. End the session on the server (a failure is reported, the sign-out goes on: the cookie
 *      expires on its own and the local data goes anyway).
 *   4. Close the member's documents and caches, then delete their databases and storage keys
 *      (`clearMemberData`).
 */
import {
  confirmUnsyncedSignOut,
  localDataNotCleared,
  signOutUnreachable
} from '$lib/i18n/messages/sign-out';

export interface SignOutDeps {
  online(): boolean;
  /** Syncs every document with unsynced changes. */
  flush(): Promise<void>;
  /** Local changes the server has not confirmed. */
  pending(): number;
  /** Asks the member to confirm losing `message`'s changes; true to go on. */
  confirm(message: string): boolean | Promise<boolean>;
  /** Ends the session on the server. */
  endSession(): Promise<void>;
  /** Closes the documents, sockets and caches, so that nothing writes to them any more. */
  close(): void;
  /** Deletes the member's local databases and keys. */
  clear(): Promise<unknown>;
  onError(error: unknown, context: string): void;
}

/** Signs the member out of this device; `'stayed'` when they chose to keep their changes. */
export async function signOutOfDevice(deps: SignOutDeps): Promise<'signed-out' | 'stayed'> {
  if (deps.online()) {
    // A failed sync leaves the changes counted; the count below decides.
    await deps.flush().catch(() => undefined);
  }
  const unsynced = deps.pending();
  if (unsynced > 0 && !(await deps.confirm(confirmUnsyncedSignOut(unsynced)))) {
    return 'stayed';
  }
  try {
    await deps.endSession();
  } catch (error) {
    deps.onError(error, signOutUnreachable());
  }
  deps.close();
  try {
    await deps.clear();
  } catch (error) {
    deps.onError(error, localDataNotCleared());
  }
  return 'signed-out';
}
