/**
 * The relay's close codes and reasons (`/sync/<doc>`, y-websocket), and what the browser does
 * when the relay closes a document's socket. Codes 4400–4499 make the stock client stop
 * reconnecting; it reports them (`doc-pool.ts` `onClosed`). A close reason is a reason word,
 * then for most a `: detail` for people (`forbidden: Light agents may only add internal notes.`).
 */
import { UPDATE_REJECT_REASONS, type Reaction } from './reasons';

export const CLOSE = {
  malformed: 4400,
  notSignedIn: 4401,
  forbidden: 4403,
  invalidDocument: 4404,
  tooLarge: 4413,
  invalidUpdate: 4422,
  rateLimited: 4429,
  /** The member's access changed: the client reconnects and is authorized afresh. */
  accessChanged: 4001,
  unavailable: 1011,
  goingAway: 1001
} as const;
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** The first word of a close reason. */
export const CLOSE_REASONS = [
  'malformed-frame',
  'unknown-message-type',
  'not-signed-in',
  'forbidden',
  'bad-origin',
  'invalid-document',
  'too-large',
  'rate-limited',
  'access-changed',
  'document-unavailable',
  'internal-error',
  'presence-forged',
  'presence-too-many-ids',
  ...UPDATE_REJECT_REASONS
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export interface RelayClose {
  code: number;
  reason: CloseReason | 'unknown';
  /** The text after `reason: `, for people; `''` when there is none. */
  detail: string;
}

function isCloseReason(word: string): word is CloseReason {
  return (CLOSE_REASONS as readonly string[]).includes(word);
}

/** Reads a close event's code and reason text. */
export function parseClose(code: number, text: string): RelayClose {
  const colon = text.indexOf(':');
  const word = (colon < 0 ? text : text.slice(0, colon)).trim();
  const detail = colon < 0 ? '' : text.slice(colon + 1).trim();
  return { code, reason: isCloseReason(word) ? word : 'unknown', detail };
}

/** What the browser does when the relay closes a document's socket for good. */
export type RelayReaction = Reaction | 'signed-out';

/**
 * - 4401: nobody is signed in any more.
 * - 4413 and 4422: the update was refused; the local copy is dropped.
 * - 4403 with a detail: a change the role does not allow (a light agent's edit beyond notes),
 *   or access removed while connected — the local copy holds what the server will never take.
 *   4403 without one: the upgrade was refused (no access, a foreign origin); nothing to retry.
 * - 4429: too fast; reconnect later.
 * - anything else (4400, 4404…): not tried again this session.
 */
export function relayReaction(close: RelayClose): RelayReaction {
  switch (close.code) {
    case CLOSE.notSignedIn:
      return 'signed-out';
    case CLOSE.tooLarge:
    case CLOSE.invalidUpdate:
      return 'drop-local';
    case CLOSE.forbidden:
      return close.reason === 'forbidden' && close.detail !== '' ? 'drop-local' : 'stuck';
    case CLOSE.rateLimited:
      return 'retry';
    default:
      return 'stuck';
  }
}
