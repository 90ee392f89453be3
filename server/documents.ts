/**
 * The document manager: the one place where documents live in memory and change.
 *
 * Each loaded document has a live Y.Doc (what clients sync with) and a scratch copy that is
 * equal to it whenever it is used. An update from a client is first applied to the scratch
 * copy through `applyChecked` (the domain's validation); only if it passes is it appended to
 * storage, then broadcast to the document's other peers, then applied to the live doc. So the order
 * is always check → persist → broadcast → apply: nothing rejected is stored, and nothing a
 * peer has seen is missing from disk. The update is relayed as the client sent it, before the
 * live doc integrates it, because the peers need nothing from that integration (the check
 * already proved the update applies cleanly: no missing dependencies) and integrating it
 * again is the slowest step left between an edit and its delivery. The live doc's `update`
 * event therefore never broadcasts a client's update a second time. A rejected update leaves
 * the scratch copy dirty; it is rebuilt from the live doc.
 *
 * The live doc integrates a relayed update a few milliseconds later (`LIVE_APPLY_DELAY_MS`),
 * in one transaction with any others that came in meanwhile (`liveDue`), so the relay's
 * thread is free while the peers take the update in, and a burst costs one integration.
 * Nobody reads a live doc that lacks an update that was relayed: `doc` of a loaded document
 * (what `hold`, `attach` and the listeners give out, and what the manager itself uses for
 * checks, sync answers, server changes, compaction and unloading) integrates what is due
 * before it answers. Only a `Y.Doc` kept from earlier (a worker's observer) sees the update
 * when it integrates, as if it had arrived that much later. The change listeners hear of it
 * after it integrated, with the roots it touched.
 *
 * Keystrokes skip the scratch copy: `checkKeystroke` judges an update that only types plain
 * text from the update and the live doc alone, so nothing is integrated before a keystroke is
 * relayed. The scratch copy is then owed those updates (`scratchDue`) and gets them in one
 * transaction the next time anything uses it, or after 200 of them.
 *
 * Server changes (`change`) run on the live doc with the origin `SERVER_ORIGIN`; their update
 * is persisted, applied to the scratch copy and broadcast from the live doc's `update` event.
 *
 * Documents are loaded on demand and unloaded a short grace period after their last peer or
 * holder leaves, after compacting their log. Unloading and the periodic compaction wait for a
 * moment when nobody is typing (`QUIET_MS`). A document whose stored rows do not decode is
 * marked unavailable for the life of the process: it is never loaded, written or compacted,
 * so whatever is on disk stays there for an operator to look at.
 *
 * Storage may answer later (PostgreSQL's `DocLog` returns promises). Each document then has a
 * queue of writes in arrival order: an update is checked on arrival, and stored, broadcast and
 * applied when its turn comes and its append has resolved, so a slow append never lets a later
 * update overtake it, on disk or on the wire. While the queue is empty and the storage answers
 * at once (SQLite), nothing is queued: the update is stored, broadcast and applied in the same
 * call, as before, with no promise or microtask in between. A server change and a compaction
 * take their turn in the same queue.
 *
 * Change listeners come in two kinds. The foreground ones (the index projection, numbering,
 * routing…) run on the next turn after a change, once per document for all changes since.
 * Background ones (`onBackgroundChange`: the search index, the reporting store) do work that
 * nobody waits for on screen: their changes wait in one queue, coalesced per document, drained
 * a slice of time at a time after the foreground listeners, with the event loop free between
 * slices. So a burst of changes (a bulk action on 200 tickets, a mail import) reaches the
 * relay and the index projection first, and the next request is answered between slices.
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import {
  keepsHistory,
  parseDocName,
  settingsDocName,
  type DocRef
} from '../src/lib/domain/doc-names.ts';
import { readCustomFields } from '../src/lib/domain/custom-fields.ts';
import {
  applyChecked,
  knownDocBytes,
  type RejectReason,
  type UpdateVerdict
} from '../src/lib/domain/update-check.ts';
import { checkKeystroke } from '../src/lib/domain/keystroke-check.ts';
import { ticketWorkspace } from '../src/lib/domain/ticket.ts';
import type { AddedContent } from '../src/lib/domain/added-content.ts';
import { isPromise, type DocLog, type MaybePromise } from './db/ports.ts';

export const SERVER_ORIGIN = 'server';

/** Who sent an update from outside: the member, and the workspace they act in. */
export interface Writer {
  memberId: string;
  workspaceId: string;
}

export type DocRejectReason =
  RejectReason | 'forbidden' | 'rate-limited' | 'unavailable' | 'invalid-document';

export type DocVerdict =
  { ok: true; changed: boolean } | { ok: false; reason: DocRejectReason; detail: string };

/** Someone connected to a document (a relay connection) who receives its updates. */
export interface DocPeer {
  deliver(update: Uint8Array): void;
  /**
   * An update this peer sent passed the checks but could not be stored (only when storage
   * answers later, after the verdict was given): it was neither applied nor broadcast.
   */
  storeFailed?(detail: string): void;
}

export interface LiveDoc {
  readonly name: string;
  readonly ref: DocRef;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
}

export interface DocChange {
  name: string;
  ref: DocRef;
  doc: Y.Doc;
  /** The last client who wrote among the changes reported together; `null` if only the server. */
  writer: Writer | null;
  /** The root types (by name) that any of the changes reported together touched. */
  roots: ReadonlySet<string>;
}

/**
 * A rule beyond the document schema, run on the scratch copy after `applyChecked` passed;
 * `live` is the document as it was before the update (for rules about what changed).
 */
export type WriteGuard = (check: {
  name: string;
  ref: DocRef;
  scratch: Y.Doc;
  live: Y.Doc;
  writer: Writer;
  /** What the update added, as the update check found it while applying it to `scratch`. */
  added: AddedContent;
  /**
   * A ticket's workspace id as stored (`null` for other kinds, or a ticket without one): the
   * live doc's once it has one, else the scratch copy's (a new ticket). `applyChecked` refuses
   * a move to another workspace, so the two agree whenever both have one, and the raw value
   * is trusted (no second parse per keystroke).
   */
  ticketWorkspace: string | null;
}) => { reason: 'forbidden' | 'rate-limited' | 'too-large'; detail: string } | null;

/**
 * The storage the manager needs: a `DocLog` whose loads answer at once (a document is loaded
 * inside the synchronous `hold`/`attach`); appends and compactions may answer later.
 */
export type DocManagerStorage = Omit<DocLog, 'load' | 'logLength'> & {
  load(name: string): Uint8Array[] | null;
  logLength(name: string): number;
};

export interface DocManagerOptions {
  storage: DocManagerStorage;
  unloadGraceMs: number;
  compactEveryMs: number;
  compactThreshold: number;
  maxUpdateBytes: number;
  /** How long without a client update counts as quiet for housekeeping (`QUIET_MS`). */
  quietMs?: number;
  guard?: WriteGuard;
  log?: (message: string, error?: unknown) => void;
}

export interface DocStats {
  loadedDocs: number;
  peers: number;
  unavailableDocs: number;
}

export type Held = { ok: true; live: LiveDoc; release(): void } | Unavailable;
type Unavailable = { ok: false; reason: 'invalid-document' | 'unavailable'; detail: string };

interface Entry extends LiveDoc {
  /** The live doc as it is; `doc` is the same, once it has integrated what is due. */
  readonly raw: Y.Doc;
  /** Relayed client updates the live doc has not integrated yet, in order (`#integrateLive`). */
  liveDue: Uint8Array[];
  /** The writer of the last of them, for the change report. */
  liveDueWriter: Writer | null;
  /** When the last client update was relayed (`performance.now()`). */
  lastRelayAt: number;
  /** Read it through `#scratchOf`, which first applies what it is owed. */
  scratch: Y.Doc;
  /** Accepted keystrokes (`checkKeystroke`) not yet applied to the scratch copy, in order. */
  scratchDue: Uint8Array[];
  peers: Set<DocPeer>;
  holds: number;
  unloadTimer: ReturnType<typeof setTimeout> | null;
  /** Log rows written since the last compaction. */
  logRows: number;
  compactScheduled: boolean;
  /** A compaction is queued or running. */
  compacting: boolean;
  serverChanged: boolean;
  /** Changes waiting to be reported to the change listeners (see `#queueChange`). */
  pendingChange: PendingChange | null;
  /** Writes waiting for an earlier one that storage has not confirmed yet; `null`: none. */
  writes: Write[] | null;
}

/** One write in a document's queue (see the file comment). */
interface Write {
  /** A client's update (dropped after an earlier client update failed), or the server's. */
  from: 'client' | 'server';
  store(): MaybePromise<void>;
  stored(): void;
  failed(error: unknown): void;
}

interface PendingChange {
  writer: Writer | null;
  roots: Set<string>;
  /** Whether the report is already scheduled. */
  scheduled: boolean;
}

/** One document's changes waiting for the background listeners (see `onChange`). */
interface BackgroundChange {
  entry: Entry;
  writer: Writer | null;
  roots: Set<string>;
}

/** How long background listeners run before the event loop gets a turn. */
const BACKGROUND_SLICE_MS = 8;

/**
 * What a write guard is given. The scratch copy is brought up to date when a guard reads it
 * (the authorizer does for light agents), not for every keystroke.
 */
class WriteCheck {
  readonly name: string;
  readonly ref: DocRef;
  readonly live: Y.Doc;
  readonly #entry: Entry;
  readonly #scratchOf: (entry: Entry) => Y.Doc;

  constructor(
    entry: Entry,
    readonly writer: Writer,
    readonly added: AddedContent,
    scratchOf: (entry: Entry) => Y.Doc
  ) {
    this.name = entry.name;
    this.ref = entry.ref;
    this.live = entry.doc;
    this.#entry = entry;
    this.#scratchOf = scratchOf;
  }

  get scratch(): Y.Doc {
    return this.#scratchOf(this.#entry);
  }

  get ticketWorkspace(): string | null {
    if (this.ref.kind !== 'ticket') return null;
    if (this.#ticketWorkspace === undefined) {
      this.#ticketWorkspace = ticketWorkspace(this.live) ?? ticketWorkspace(this.scratch);
    }
    return this.#ticketWorkspace;
  }
  #ticketWorkspace: string | null | undefined = undefined;
}

/**
 * How long the live doc waits before it integrates relayed updates (see the file comment).
 * Longer than 50 peers take to read an update when they share the server's two cores (about
 * 4 ms; waiting 1 or 3 ms gained nothing, 6 ms took 5–8% off their latency); far shorter than
 * the gap between two keystrokes of one person. Updates coming faster than twice this are
 * integrated at once instead: each would otherwise integrate the one before it in front of its
 * own check (`#accepted`).
 */
const LIVE_APPLY_DELAY_MS = 6;

/**
 * Housekeeping (unloading a document, the periodic compaction) waits for a quiet moment, no
 * client update relayed for this long, so that its milliseconds of work (5 for a workspace's
 * index) do not hold up an edit on its way to the peers; at most `MAX_QUIET_WAIT_MS` more, on
 * a server that is never quiet.
 */
const QUIET_MS = 250;
const MAX_QUIET_WAIT_MS = 60_000;

/** Keystrokes a scratch copy is owed at most (a few kB) before they are applied to it. */
const MAX_SCRATCH_DUE = 200;

/** Marks an update that a client sent and that is already checked, stored and broadcast. */
const CLIENT_ORIGIN = Symbol('client');

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc, guid: doc.guid });
  const state = Y.encodeStateAsUpdate(doc);
  Y.applyUpdate(copy, state);
  knownDocBytes(copy, state.byteLength);
  return copy;
}

export class DocManager {
  readonly #options: DocManagerOptions;
  readonly #storage: DocManagerStorage;
  readonly #loaded = new Map<string, Entry>();
  readonly #unavailable = new Map<string, string>();
  readonly #changeListeners = new Set<(change: DocChange) => void>();
  readonly #backgroundListeners = new Set<(change: DocChange) => void>();
  /** Document name → its changes not yet given to the background listeners, in arrival order. */
  readonly #backgroundQueue = new Map<string, BackgroundChange>();
  #backgroundScheduled = false;
  /** Documents whose live doc is owed relayed updates, and the timer that applies them. */
  readonly #liveDue = new Set<Entry>();
  #liveTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the last client update was relayed, of any document (see `QUIET_MS`). */
  #lastRelayAt = -Infinity;
  #compactWaiting = false;
  readonly #loadListeners = new Set<(live: LiveDoc) => void>();
  readonly #compactTimer: ReturnType<typeof setInterval>;
  /** Resolved when no document has writes waiting (see `flushed`). */
  readonly #idle = new Set<() => void>();
  #queues = 0;
  #closed = false;

  /**
   * A ticket's custom field values are checked against its workspace's definitions, read from
   * the settings document when an update writes them (rare: a click, not a keystroke).
   */
  readonly #checkOptions = {
    customFields: (workspaceId: string) => this.read(settingsDocName(workspaceId), readCustomFields)
  };

  constructor(options: DocManagerOptions) {
    this.#options = options;
    this.#storage = options.storage;
    this.#compactTimer = setInterval(
      () => this.#compactWhenQuiet(performance.now() + MAX_QUIET_WAIT_MS),
      options.compactEveryMs
    );
    this.#compactTimer.unref();
  }

  /**
   * Called after accepted changes (client or server), once they are stored and broadcast: on
   * the next turn of the event loop, once per document for all the changes that came in
   * meanwhile. So listeners (the workers) never sit between an edit and its broadcast, and a
   * burst of keystrokes costs them one run, not one per keystroke.
   */
  onChange(listener: (change: DocChange) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  /**
   * The same changes for work nobody waits for on screen (the search index, the reporting
   * store): after the `onChange` listeners, a slice of time at a time (see the file comment).
   */
  onBackgroundChange(listener: (change: DocChange) => void): () => void {
    this.#backgroundListeners.add(listener);
    return () => this.#backgroundListeners.delete(listener);
  }

  /** Called when a document has been loaded into memory. */
  onLoad(listener: (live: LiveDoc) => void): () => void {
    this.#loadListeners.add(listener);
    return () => this.#loadListeners.delete(listener);
  }

  /** Keeps a document loaded while the caller works with it. */
  hold(name: string): Held {
    const entry = this.#acquire(name);
    if (!entry.ok) return entry;
    let released = false;
    return {
      ok: true,
      live: entry.entry,
      release: () => {
        if (released) return;
        released = true;
        this.#release(entry.entry);
      }
    };
  }

  /** Connects a peer: it receives every update it did not send itself, until `detach`. */
  attach(name: string, peer: DocPeer): { ok: true; live: LiveDoc } | Unavailable {
    const entry = this.#acquire(name);
    if (!entry.ok) return entry;
    entry.entry.peers.add(peer);
    entry.entry.holds--; // the peer itself keeps the document loaded from now on
    return { ok: true, live: entry.entry };
  }

  detach(name: string, peer: DocPeer): void {
    const entry = this.#loaded.get(name);
    if (!entry || !entry.peers.delete(peer)) return;
    this.#maybeScheduleUnload(entry);
  }

  /** Runs `fn` on the live document, read-only; `null` when it cannot be loaded. */
  read<T>(name: string, fn: (doc: Y.Doc) => T): T | null {
    const held = this.hold(name);
    if (!held.ok) return null;
    try {
      return fn(held.live.doc);
    } finally {
      held.release();
    }
  }

  /**
   * Checks an update from a client and, if it passes, stores, broadcasts (to every peer but
   * `from`) and applies it. Nothing of a rejected update is kept.
   */
  applyFromClient(
    name: string,
    update: Uint8Array,
    writer: Writer,
    from: DocPeer | null = null
  ): DocVerdict {
    const acquired = this.#acquire(name);
    if (!acquired.ok) return acquired;
    const entry = acquired.entry;
    try {
      if (update.byteLength > this.#options.maxUpdateBytes) {
        return {
          ok: false,
          reason: 'too-large',
          detail: `The update is over ${this.#options.maxUpdateBytes} bytes.`
        };
      }
      // A keystroke is checked against the live doc, which has every accepted update only
      // while nothing waits in the queue.
      const typed =
        entry.writes === null ? checkKeystroke(entry.doc, entry.scratch, entry.ref, update) : null;
      let verdict: UpdateVerdict;
      if (typed !== null) {
        entry.scratchDue.push(update);
        verdict = { ok: true, changed: true, added: typed };
      } else {
        verdict = applyChecked(this.#scratchOf(entry), entry.ref, update, this.#checkOptions);
        if (!verdict.ok) {
          this.#rebuildScratch(entry);
          return verdict;
        }
        if (!verdict.changed) return verdict;
      }
      const denial = this.#options.guard?.(
        new WriteCheck(entry, writer, verdict.added, this.#scratchUpToDate)
      );
      if (denial) {
        this.#rebuildScratch(entry);
        return { ok: false, ...denial };
      }
      if (entry.writes === null) {
        // The hot path: nothing waits, so store now and, if storage answered at once, finish now.
        let stored: MaybePromise<void>;
        try {
          stored = this.#storage.append(name, update);
        } catch (error) {
          this.#rebuildScratch(entry);
          this.#log(`Could not store an update to ${name}`, error);
          return { ok: false, reason: 'unavailable', detail: 'The update could not be stored.' };
        }
        if (!isPromise(stored)) {
          this.#accepted(entry, update, writer, from);
          return verdict;
        }
        this.#startQueue(entry, this.#clientWrite(entry, update, writer, from), stored);
        return verdict;
      }
      entry.writes.push(this.#clientWrite(entry, update, writer, from));
      return verdict;
    } finally {
      this.#release(entry);
    }
  }

  /**
   * Changes a document as the server (workers use the domain functions inside `fn`). Returns
   * whether anything changed; `false` also when the document is unavailable.
   */
  change(name: string, fn: (doc: Y.Doc) => void): boolean {
    const acquired = this.#acquire(name);
    if (!acquired.ok) return false;
    const entry = acquired.entry;
    try {
      entry.serverChanged = false;
      entry.doc.transact(() => fn(entry.doc), SERVER_ORIGIN);
      if (!entry.serverChanged) return false;
      this.#afterWrite(entry);
      this.#queueChange(entry, null);
      return true;
    } finally {
      this.#release(entry);
    }
  }

  /** Resolves once no document has writes waiting for storage (at once with SQLite). */
  flushed(): Promise<void> {
    if (this.#queues === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.add(resolve));
  }

  isLoaded(name: string): boolean {
    return this.#loaded.has(name);
  }

  unavailableReason(name: string): string | null {
    return this.#unavailable.get(name) ?? null;
  }

  stats(): DocStats {
    let peers = 0;
    for (const entry of this.#loaded.values()) peers += entry.peers.size;
    return { loadedDocs: this.#loaded.size, peers, unavailableDocs: this.#unavailable.size };
  }

  /** Compacts every loaded document with log rows waiting. */
  compactAll(): void {
    for (const entry of this.#loaded.values()) this.#compact(entry);
  }

  /** Compacts and drops every document; the manager is unusable afterwards. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#compactTimer);
    if (this.#liveTimer) clearTimeout(this.#liveTimer);
    this.#backgroundQueue.clear();
    for (const entry of [...this.#loaded.values()]) this.#unload(entry);
  }

  #acquire(name: string): { ok: true; entry: Entry } | Unavailable {
    if (this.#closed)
      return { ok: false, reason: 'unavailable', detail: 'The server is shutting down.' };
    let entry = this.#loaded.get(name);
    if (!entry) {
      const ref = parseDocName(name);
      if (!ref) return { ok: false, reason: 'invalid-document', detail: 'Not a document name.' };
      const known = this.#unavailable.get(name);
      if (known !== undefined) return { ok: false, reason: 'unavailable', detail: known };
      const loaded = this.#load(name, ref);
      if (!loaded.ok) return loaded;
      entry = loaded.entry;
    }
    if (entry.unloadTimer) {
      clearTimeout(entry.unloadTimer);
      entry.unloadTimer = null;
    }
    entry.holds++;
    return { ok: true, entry };
  }

  #release(entry: Entry): void {
    entry.holds--;
    this.#maybeScheduleUnload(entry);
  }

  #load(name: string, ref: DocRef): { ok: true; entry: Entry } | Unavailable {
    // Named by the document's name (logs say which), which also spares a random uuid per load.
    const doc = new Y.Doc({ gc: !keepsHistory(name), guid: name });
    let rows: Uint8Array[] | null;
    try {
      rows = this.#storage.load(name);
      for (const row of rows ?? []) {
        // decodeUpdate walks the whole row strictly; applyUpdate alone may skip over damage.
        Y.decodeUpdate(row);
        Y.applyUpdate(doc, row);
      }
      if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
        throw new Error('stored updates depend on changes that are not stored');
      }
    } catch (error) {
      doc.destroy();
      const detail = `The stored document does not load: ${error instanceof Error ? error.message : String(error)}`;
      this.#unavailable.set(name, detail);
      this.#log(`Document ${name} is unavailable`, error);
      return { ok: false, reason: 'unavailable', detail };
    }
    const awareness = new Awareness(doc);
    const integrate = (due: Entry) => this.#integrateLive(due);
    // The server is not a participant: it relays the states of others and has none itself.
    awareness.setLocalState(null);
    const entry: Entry = {
      name,
      ref,
      raw: doc,
      get doc() {
        if (entry.liveDue.length > 0) integrate(entry);
        return doc;
      },
      liveDue: [],
      liveDueWriter: null,
      lastRelayAt: -Infinity,
      awareness,
      scratch: copyOf(doc),
      scratchDue: [],
      peers: new Set(),
      holds: 0,
      unloadTimer: null,
      logRows: rows && rows.length > 0 ? this.#storage.logLength(name) : 0,
      compactScheduled: false,
      compacting: false,
      serverChanged: false,
      pendingChange: null,
      writes: null
    };
    const onUpdate = (update: Uint8Array, origin: unknown) =>
      this.#onLiveUpdate(entry, update, origin);
    doc.on('update', onUpdate);
    // While anyone listens to `update`, Yjs encodes every transaction's update, a third of the
    // cost of integrating a keystroke. A client's update needs none (it is stored and relayed
    // as it came), so the listener is taken off for it and put back for any other transaction.
    // Yjs emits `afterTransactionCleanup` for each transaction right before it looks for
    // `update` listeners, so this holds for transactions nested in observers too.
    doc.on('afterTransactionCleanup', (tr: Y.Transaction) => {
      if (tr.origin === CLIENT_ORIGIN) doc.off('update', onUpdate);
      else doc.on('update', onUpdate);
    });
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.changed.size === 0) return;
      // Which roots changed, so that a listener can skip work a change cannot affect (the
      // index summary does not depend on the reply draft). Documents are flat: every changed
      // type is a root. The set is made here and filled into the queued change right after.
      const roots = (entry.pendingChange ??= { writer: null, roots: new Set(), scheduled: false })
        .roots;
      for (const [rootName, type] of doc.share) if (tr.changed.has(type)) roots.add(rootName);
    });
    this.#loaded.set(name, entry);
    // Hold the document while the load listeners run, so they cannot unload it under us.
    entry.holds++;
    try {
      this.#notify(this.#loadListeners, entry, 'load');
    } finally {
      entry.holds--;
    }
    return { ok: true, entry };
  }

  #onLiveUpdate(entry: Entry, update: Uint8Array, origin: unknown): void {
    if (origin === CLIENT_ORIGIN) return; // stored and broadcast by `applyFromClient`
    // A server change: persist first, then keep the scratch copy equal to the live doc.
    entry.serverChanged = true;
    Y.applyUpdate(this.#scratchOf(entry), update);
    const broadcast = () => {
      entry.logRows++;
      for (const peer of entry.peers) this.#deliver(entry, peer, update);
    };
    this.#inOrder(entry, {
      from: 'server',
      store: () => this.#storage.append(entry.name, update),
      stored: broadcast,
      failed: (error) => {
        // The live doc has it; the next compaction writes it out with everything else.
        this.#log(`Could not store a server change to ${entry.name}`, error);
        broadcast();
      }
    });
  }

  /** A checked client update, stored: count it, broadcast it, apply it, report it. */
  #accepted(entry: Entry, update: Uint8Array, writer: Writer, from: DocPeer | null): void {
    entry.logRows++;
    for (const peer of entry.peers) if (peer !== from) this.#deliver(entry, peer, update);
    if (entry.liveDue.length === 0) {
      entry.holds++; // kept loaded until the live doc has it
      this.#liveDue.add(entry);
    }
    entry.liveDue.push(update);
    entry.liveDueWriter = writer;
    // In a burst, at once (see `LIVE_APPLY_DELAY_MS`); else a moment later, with any others.
    const now = performance.now();
    const burst = now - entry.lastRelayAt < 2 * LIVE_APPLY_DELAY_MS;
    entry.lastRelayAt = now;
    this.#lastRelayAt = now;
    if (burst) this.#integrateLive(entry);
    else if (this.#liveTimer === null) {
      this.#liveTimer = setTimeout(this.#integrateAllLive, LIVE_APPLY_DELAY_MS);
      this.#liveTimer.unref();
    }
    // A long run of keystrokes is applied to the scratch copy now and then, not kept.
    if (entry.scratchDue.length >= MAX_SCRATCH_DUE) this.#scratchOf(entry);
    this.#afterWrite(entry);
  }

  readonly #integrateAllLive = (): void => {
    this.#liveTimer = null;
    for (const entry of this.#liveDue) this.#integrateLive(entry);
  };

  /** The live doc integrates the relayed updates it is owed, in one transaction. */
  #integrateLive(entry: Entry): void {
    const due = entry.liveDue;
    if (due.length === 0) return;
    const writer = entry.liveDueWriter;
    entry.liveDue = [];
    entry.liveDueWriter = null;
    this.#liveDue.delete(entry);
    try {
      // Not local, as `Y.applyUpdate` marks the transaction it makes.
      Y.transact(
        entry.raw,
        () => {
          for (const update of due) Y.applyUpdate(entry.raw, update);
        },
        CLIENT_ORIGIN,
        false
      );
    } finally {
      this.#queueChange(entry, writer);
      this.#release(entry);
    }
  }

  #clientWrite(entry: Entry, update: Uint8Array, writer: Writer, from: DocPeer | null): Write {
    return {
      from: 'client',
      store: () => this.#storage.append(entry.name, update),
      stored: () => this.#accepted(entry, update, writer, from),
      failed: (error) => {
        this.#log(`Could not store an update to ${entry.name}`, error);
        // Client updates queued behind it were checked on a copy that had it: drop them too,
        // and check from the live doc again (server writes stay: the live doc has them).
        const dropped = entry.writes?.filter((write) => write.from === 'client') ?? [];
        if (entry.writes) entry.writes = entry.writes.filter((write) => write.from === 'server');
        this.#rebuildScratch(entry);
        from?.storeFailed?.('The update could not be stored.');
        for (const write of dropped) write.failed(error);
      }
    };
  }

  /** Runs `write` now if nothing waits and storage answers at once; else in its turn. */
  #inOrder(entry: Entry, write: Write): void {
    if (entry.writes !== null) {
      entry.writes.push(write);
      return;
    }
    let result: MaybePromise<void>;
    try {
      result = write.store();
    } catch (error) {
      write.failed(error);
      return;
    }
    if (isPromise(result)) this.#startQueue(entry, write, result);
    else write.stored();
  }

  /** `first` is being stored (`pending`): later writes wait in `entry.writes` until it is. */
  #startQueue(entry: Entry, first: Write, pending: Promise<void>): void {
    entry.writes = [];
    entry.holds++; // a document with writes waiting stays loaded
    this.#queues++;
    void this.#drain(entry, first, pending);
  }

  async #drain(entry: Entry, first: Write, pending: Promise<void>): Promise<void> {
    let write: Write | undefined = first;
    let result: MaybePromise<void> = pending;
    while (write) {
      try {
        await result;
        write.stored();
      } catch (error) {
        write.failed(error);
      }
      write = entry.writes?.shift();
      if (!write) break;
      try {
        result = write.store();
      } catch (error) {
        result = Promise.reject(error);
      }
    }
    entry.writes = null;
    this.#queues--;
    this.#release(entry);
    if (this.#closed && this.#loaded.get(entry.name) === entry) this.#unload(entry);
    if (this.#queues === 0) {
      for (const resolve of this.#idle) resolve();
      this.#idle.clear();
    }
  }

  #deliver(entry: Entry, peer: DocPeer, update: Uint8Array): void {
    try {
      peer.deliver(update);
    } catch (error) {
      this.#log(`Could not deliver an update of ${entry.name}`, error);
    }
  }

  /**
   * Reports a change on the next turn of the event loop, merged with any other change to the
   * same document until then. The document is held meanwhile, so it cannot unload between
   * the change and its report.
   */
  #queueChange(entry: Entry, writer: Writer | null): void {
    const scheduled = entry.pendingChange?.scheduled ?? false;
    const pending = (entry.pendingChange ??= { writer: null, roots: new Set(), scheduled: false });
    if (writer) pending.writer = writer;
    if (scheduled) return;
    pending.scheduled = true;
    entry.holds++;
    setImmediate(() => {
      entry.pendingChange = null;
      try {
        if (!this.#closed && this.#loaded.get(entry.name) === entry) {
          this.#emitChange({
            name: entry.name,
            ref: entry.ref,
            doc: entry.doc,
            writer: pending.writer,
            roots: pending.roots
          });
          this.#queueBackground(entry, pending.writer, pending.roots);
        }
      } finally {
        this.#release(entry);
      }
    });
  }

  #queueBackground(entry: Entry, writer: Writer | null, roots: ReadonlySet<string>): void {
    if (this.#backgroundListeners.size === 0) return;
    const queued = this.#backgroundQueue.get(entry.name);
    if (queued) {
      if (writer) queued.writer = writer;
      for (const root of roots) queued.roots.add(root);
    } else {
      entry.holds++; // kept loaded until the background listeners had it
      this.#backgroundQueue.set(entry.name, { entry, writer, roots: new Set(roots) });
    }
    if (this.#backgroundScheduled) return;
    this.#backgroundScheduled = true;
    setImmediate(() => this.#drainBackground());
  }

  #drainBackground(): void {
    this.#backgroundScheduled = false;
    const until = performance.now() + BACKGROUND_SLICE_MS;
    for (const [name, queued] of this.#backgroundQueue) {
      this.#backgroundQueue.delete(name);
      try {
        if (!this.#closed && this.#loaded.get(name) === queued.entry) {
          const change: DocChange = {
            name,
            ref: queued.entry.ref,
            doc: queued.entry.doc,
            writer: queued.writer,
            roots: queued.roots
          };
          this.#notify(this.#backgroundListeners, change, 'change');
        }
      } finally {
        this.#release(queued.entry);
      }
      if (performance.now() >= until) break;
    }
    if (this.#backgroundQueue.size > 0 && !this.#closed) {
      this.#backgroundScheduled = true;
      setImmediate(() => this.#drainBackground());
    }
  }

  #emitChange(change: DocChange): void {
    this.#notify(this.#changeListeners, change, 'change');
  }

  /** Calls each listener; one that throws is logged, and the others still run. */
  #notify<T extends { name: string }>(
    listeners: ReadonlySet<(value: T) => void>,
    value: T,
    what: 'change' | 'load'
  ): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        this.#log(`A ${what} listener failed for ${value.name}`, error);
      }
    }
  }

  #afterWrite(entry: Entry): void {
    if (entry.logRows <= this.#options.compactThreshold || entry.compactScheduled) return;
    entry.compactScheduled = true;
    setImmediate(() => {
      entry.compactScheduled = false;
      if (this.#loaded.get(entry.name) === entry) this.#compact(entry);
    });
  }

  #compact(entry: Entry): void {
    if (entry.logRows === 0 || entry.compacting) return;
    entry.compacting = true;
    this.#inOrder(entry, {
      from: 'server',
      // The state is taken when its turn comes: everything queued before it is in the live doc.
      store: () => this.#storage.compact(entry.name, Y.encodeStateAsUpdate(entry.doc)),
      stored: () => {
        entry.compacting = false;
        entry.logRows = 0;
      },
      failed: (error) => {
        entry.compacting = false;
        this.#log(`Could not compact ${entry.name}`, error);
      }
    });
  }

  #rebuildScratch(entry: Entry): void {
    entry.scratch.destroy();
    entry.scratch = copyOf(entry.doc);
    entry.scratchDue = [];
  }

  readonly #scratchUpToDate = (entry: Entry): Y.Doc => this.#scratchOf(entry);

  /** The scratch copy, once it has every keystroke it is owed (one transaction for all). */
  #scratchOf(entry: Entry): Y.Doc {
    const due = entry.scratchDue;
    if (due.length > 0) {
      entry.scratchDue = [];
      Y.transact(entry.scratch, () => {
        for (const update of due) Y.applyUpdate(entry.scratch, update);
      });
    }
    return entry.scratch;
  }

  #maybeScheduleUnload(entry: Entry): void {
    if (entry.holds > 0 || entry.peers.size > 0 || entry.unloadTimer || this.#closed) return;
    const deadline = performance.now() + this.#options.unloadGraceMs + MAX_QUIET_WAIT_MS;
    const attempt = () => {
      entry.unloadTimer = null;
      if (entry.holds > 0 || entry.peers.size > 0) return;
      const wait = this.#untilQuiet(deadline);
      if (wait === 0) {
        this.#unload(entry);
        return;
      }
      entry.unloadTimer = setTimeout(attempt, wait);
      entry.unloadTimer.unref();
    };
    entry.unloadTimer = setTimeout(attempt, this.#options.unloadGraceMs);
    entry.unloadTimer.unref();
  }

  /** Milliseconds until the relay has been quiet long enough (`QUIET_MS`); 0 past `deadline`. */
  #untilQuiet(deadline: number): number {
    const now = performance.now();
    if (now >= deadline) return 0;
    return Math.max(0, this.#lastRelayAt + (this.#options.quietMs ?? QUIET_MS) - now);
  }

  #compactWhenQuiet(deadline: number): void {
    if (this.#compactWaiting || this.#closed) return;
    const wait = this.#untilQuiet(deadline);
    if (wait === 0) {
      this.compactAll();
      return;
    }
    this.#compactWaiting = true;
    setTimeout(() => {
      this.#compactWaiting = false;
      this.#compactWhenQuiet(deadline);
    }, wait).unref();
  }

  #unload(entry: Entry): void {
    if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
    // Only when closing can a document unload with updates due (they hold it otherwise).
    this.#integrateLive(entry);
    this.#compact(entry);
    // Storage answers later: unload once the queue is done (it holds the document till then).
    if (entry.writes !== null) return;
    this.#loaded.delete(entry.name);
    entry.awareness.destroy();
    entry.raw.destroy();
    entry.scratch.destroy();
  }

  #log(message: string, error?: unknown): void {
    (this.#options.log ?? defaultLog)(message, error);
  }
}

function defaultLog(message: string, error?: unknown): void {
  console.error(`[baton] ${message}`, error ?? '');
}
