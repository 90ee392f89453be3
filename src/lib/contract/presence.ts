/**
 * Presence: what one client may put in its awareness state, and the limits the relay holds
 * every presence message to. The browser writes these states (`state/presence.svelte.ts`) and
 * reads other people's through the same schema (`state/presence-peers.ts`); the relay refuses
 * to store or relay anything else (`server/presence.ts`).
 *
 * Every field is optional because the stock y-websocket client announces an empty state `{}`
 * before the app fills it in. The object is strict: a key the app does not write is not
 * relayed, so presence cannot become a side channel for arbitrary data, and each string has
 * a small bound so that a valid state is always far below `maxStateBytes`.
 */
import { z } from 'zod';

/** Limits of the wire, the same for every deployment (the per-document cap is configuration). */
export const PRESENCE_LIMITS = {
  /** Bytes of one state's JSON text; a larger one closes the socket with 4413. */
  maxStateBytes: 2048,
  /**
   * Client ids one connection may introduce over its life. The stock client uses one (its
   * document's client id, the same across reconnects); two leave room for a client that
   * re-creates its awareness.
   */
  maxIdsPerConnection: 2
} as const;

const Hex = /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

export const PresenceUser = z.strictObject({
  /** The member's id: the relay refuses a state that names another member. */
  id: z.string().min(1).max(64),
  name: z.string().max(120),
  /** An avatar colour, `#rgb` to `#rrggbbaa`; never a CSS expression. */
  color: z.string().regex(Hex)
});

const YId = z.strictObject({ client: z.int().min(0), clock: z.int().min(0) });

/**
 * A Yjs relative position as JSON: how the rich-text editor's cursor plugin (`@tiptap/y-tiptap`,
 * used by the knowledge base's editor) writes a co-author's caret and selection.
 */
const RelativePositionJson = z.strictObject({
  type: YId.nullable(),
  tname: z.string().max(64).nullable(),
  item: YId.nullable(),
  assoc: z.int().min(-1).max(1)
});

/**
 * A text position: a character offset, an encoded Yjs relative position (base64), or a relative
 * position as JSON (rich text).
 */
const CursorPosition = z.union([
  RelativePositionJson,
  z
    .int()
    .min(0)
    .max(2 ** 31),
  z
    .string()
    .max(256)
    .regex(/^[A-Za-z0-9+/=_-]*$/)
]);

export const PresenceCursor = z.strictObject({ anchor: CursorPosition, head: CursorPosition });

export const PresenceState = z.strictObject({
  user: PresenceUser.optional(),
  /** True while the member types in the shared reply. */
  typing: z.boolean().optional(),
  /**
   * What the member has a draft of on this ticket, private or shared ("X is writing a reply",
   * `private-draft.ts`): only the kind, never a word of the text.
   */
  writing: z.enum(['reply', 'note']).nullable().optional(),
  cursor: PresenceCursor.nullable().optional(),
  /** What the member has open inside the document (a field or a part's name). */
  viewing: z.string().max(128).optional()
});

export type PresenceState = z.infer<typeof PresenceState>;
export type PresenceUser = z.infer<typeof PresenceUser>;
