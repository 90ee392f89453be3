/**
 * The data layer's ports: what the server needs from storage, each a few functions over one
 * module's own tables. Nothing outside a module reads its tables; another module asks its port
 * (mail finds a ticket by its number through `TicketNumbers`, not through `ticket_numbers`).
 *
 * Every answer is a `MaybePromise`: the SQLite adapters answer at once (better-sqlite3 is
 * synchronous, and the relay's hot path must not pay a microtask per update), the PostgreSQL
 * adapters answer later. A caller that must work on both treats the answer as possibly a
 * promise; `DocManager` queues appends per document so that a late answer never reorders
 * updates. `Now<P>` is the same port answered at once, which the synchronous callers (the
 * authorizer, the workers, the demo seed) take until they become async with the scale-out step.
 */

export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** A port whose every function answers at once (an adapter over a synchronous driver). */
export type Now<P> = {
  [K in keyof P]: P[K] extends (...args: infer A) => MaybePromise<infer R>
    ? (...args: A) => R
    : P[K];
};

/** A document's stored updates: an optional snapshot plus an append-only log. */
export interface DocLog {
  /** Snapshot first (if any), then the log in order; `null` when nothing is stored. */
  load(name: string): MaybePromise<Uint8Array[] | null>;
  /** Counted as saved once this has returned (or its promise resolved). */
  append(name: string, update: Uint8Array): MaybePromise<void>;
  /** Replaces everything stored for `name` with `state`, which must cover all of it. */
  compact(name: string, state: Uint8Array): MaybePromise<void>;
  /** How many log rows wait for compaction. */
  logLength(name: string): MaybePromise<number>;
}

/**
 * Which workspace each document belongs to; the first registration wins. A ticket is
 * registered before its first update is stored (the write guard, the demo seed), so nothing is
 * stored under a ticket name the registry does not know, and deciding access to a ticket never
 * needs its document.
 */
export interface DocumentRegistry {
  registerDocument(name: string, workspaceId: string, createdAt: number): MaybePromise<void>;
  documentWorkspace(name: string): MaybePromise<string | null>;
  /** The ticket documents registered to each workspace (the reporting store's rebuild). */
  registeredTickets(workspaceId?: string): MaybePromise<{ name: string; workspaceId: string }[]>;
  /**
   * Ticket documents with stored rows but no registration: left by an older Baton, or by a
   * process that died between storing a server-made ticket and registering it.
   */
  unregisteredTickets(): MaybePromise<string[]>;
  /**
   * Bytes stored (snapshots and log rows) for the workspace's registered documents and for
   * `alsoNames` (its index and settings, which are named after it rather than registered).
   */
  workspaceBytes(workspaceId: string, alsoNames?: readonly string[]): MaybePromise<number>;
}

/** Human-friendly ticket numbers, unique per workspace. */
export interface TicketNumbers {
  /** The ticket's number in its workspace: allocated on the first call, the same ever after. */
  ticketNumber(ticketId: string, workspaceId: string): MaybePromise<number>;
  /** The ticket that has this number in the workspace, if any. */
  ticketWithNumber(workspaceId: string, number: number): MaybePromise<string | null>;
}
