/**
 * The document pool: one in-memory `Y.Doc` per document name, shared by everything on the
 * page that uses it, each persisted in IndexedDB (y-indexeddb) and, while some screen shows
 * it live, connected to the relay through a stock y-websocket `WebsocketProvider`.
 *
 * Handles are reference counted. The provider lives while at least one live handle is held
 * and is destroyed with the last one; the document itself stays in memory for `idleMs` after
 * its last release (so going back to a ticket is instant), then it is destroyed; its data
 * stays in IndexedDB.
 *
 * Local transactions (edits made here, not updates arriving from IndexedDB, the relay or the
 * batch sync) are reported through `onLocalChange`, which the sync client counts as pending.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { keepsHistory } from '$lib/domain/doc-names';

/** Origin of updates applied by the batch sync: not a local change. */
export const BATCH_ORIGIN = Symbol('baton-batch-sync');

export type RelayStatus = 'connecting' | 'connected' | 'disconnected';

/** Where documents are kept on this device: IndexedDB in the browser, memory in tests. */
export interface LocalPersistence {
  open(
    databaseName: string,
    doc: Y.Doc
  ): {
    /** Origin of the updates it applies to `doc` (they are not local changes). */
    origin: unknown;
    whenLoaded: Promise<void>;
    destroy(): Promise<void>;
  };
  clear(databaseName: string): Promise<void>;
}

export const indexedDbPersistence: LocalPersistence = {
  open(databaseName, doc) {
    const persistence = new IndexeddbPersistence(databaseName, doc);
    return {
      origin: persistence,
      whenLoaded: persistence.whenSynced.then(() => undefined),
      destroy: () => persistence.destroy()
    };
  },
  clear: (databaseName) => clearDocument(databaseName)
};

export interface DocPoolDeps {
  /** The relay's base URL, e.g. `wss://baton.example/sync`; the room is the document name. */
  relayUrl: string;
  /** Prefix of IndexedDB database names, so that apps and tests on one origin do not mix. */
  storagePrefix: string;
  /** Keep released documents in memory this long (ms). */
  idleMs?: number;
  /** A local transaction changed the document. */
  onLocalChange?(name: string): void;
  /** The relay connection of a live document changed state. */
  onRelayStatus?(name: string, status: RelayStatus): void;
  /** The live document finished its initial sync with the relay. */
  onRelaySynced?(name: string): void;
  /** The relay closed a live document's socket for good (4400–4499). */
  onClosed?(name: string, event: { code: number; reason: string }): void;
  /** Local persistence; IndexedDB unless given. */
  persistence?: LocalPersistence;
  /** For tests and other environments. */
  WebSocketPolyfill?: typeof WebSocket;
}

export interface DocHandle {
  readonly name: string;
  readonly doc: Y.Doc;
  /** Resolves once the IndexedDB copy is loaded into `doc`. */
  readonly whenLoaded: Promise<void>;
  /** The awareness of the live connection; `null` for a handle acquired with `live: false`. */
  readonly awareness: Awareness | null;
  /** Whether the pool dropped this document (e.g. its local state was rejected). */
  readonly stale: boolean;
  release(): void;
}

interface Entry {
  name: string;
  doc: Y.Doc;
  persistence: ReturnType<LocalPersistence['open']>;
  whenLoaded: Promise<void>;
  refs: number;
  live: number;
  provider: WebsocketProvider | null;
  idleTimer: ReturnType<typeof setTimeout> | null;
  dead: boolean;
  /** Its provider waits for the local copy before it connects (`connect`). */
  loading: boolean;
  /** Resolves when the entry is closed, so that nobody waits for a load that never comes. */
  closed: () => void;
}

export interface DocPool {
  acquire(name: string, options: { live: boolean }): DocHandle;
  /** Whether the document is in memory now. */
  isOpen(name: string): boolean;
  /** Whether a live provider exists for the document. */
  isLive(name: string): boolean;
  /** Names with a live provider. */
  liveNames(): string[];
  /** Relay status of every live document. */
  relayStatuses(): RelayStatus[];
  /**
   * Drops the document: its provider, its in-memory copy and its IndexedDB database. Handles
   * still held become `stale`; acquire it again to load it fresh from the server.
   */
  drop(name: string): Promise<void>;
  /** Reconnects a live document whose socket the relay closed (e.g. after rate limiting). */
  reconnect(name: string): void;
  /** Deletes the IndexedDB database of a document that is not open. */
  evict(name: string): Promise<void>;
  /** The IndexedDB database name of a document. */
  databaseName(name: string): string;
  destroy(): void;
}

export function createDocPool(deps: DocPoolDeps): DocPool {
  const entries = new Map<string, Entry>();
  const idleMs = deps.idleMs ?? 30_000;
  const databaseName = (name: string) => `${deps.storagePrefix}${name}`;
  const local = deps.persistence ?? indexedDbPersistence;

  function open(name: string): Entry {
    const doc = new Y.Doc({ gc: !keepsHistory(name) });
    const persistence = local.open(databaseName(name), doc);
    let closed = () => {};
    const whenClosed = new Promise<void>((resolve) => (closed = resolve));
    const entry: Entry = {
      name,
      doc,
      persistence,
      whenLoaded: Promise.race([persistence.whenLoaded, whenClosed]),
      refs: 0,
      live: 0,
      provider: null,
      idleTimer: null,
      dead: false,
      loading: false,
      closed
    };
    doc.on('update', (_update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      if (!tr.local || origin === BATCH_ORIGIN || origin === persistence.origin) return;
      if (entry.provider !== null && origin === entry.provider) return;
      deps.onLocalChange?.(name);
    });
    entries.set(name, entry);
    return entry;
  }

  /**
   * Creates the live provider at once (its awareness is there for presence) but opens its
   * socket only once the local copy has loaded. A socket open before that would sync from an
   * empty state vector (the server sends the whole document, megabytes for a large index), and
   * the stock provider relays every update not its own: loading the local copy would go to the
   * server as one update of the whole document (refused as too large for a large index, which
   * then drops the local copy).
   */
  function connect(entry: Entry): void {
    const provider = new WebsocketProvider(deps.relayUrl, entry.name, entry.doc, {
      connect: false,
      ...(deps.WebSocketPolyfill ? { WebSocketPolyfill: deps.WebSocketPolyfill } : {})
    });
    entry.loading = true;
    void entry.whenLoaded.then(() => {
      entry.loading = false;
      if (entry.provider === provider && !entry.dead) provider.connect();
    });
    // Events of a provider being destroyed by us (leaving a page) are not news for the UI.
    const current = () => entry.provider === provider;
    provider.on('status', ({ status }) => {
      if (current()) deps.onRelayStatus?.(entry.name, status);
    });
    provider.on('sync', (synced: boolean) => {
      if (synced && current()) deps.onRelaySynced?.(entry.name);
    });
    provider.on('closed', (event) => {
      if (current()) deps.onClosed?.(entry.name, event);
    });
    entry.provider = provider;
    deps.onRelayStatus?.(entry.name, 'connecting');
  }

  function disconnect(entry: Entry): void {
    if (!entry.provider) return;
    const provider = entry.provider;
    entry.provider = null;
    provider.destroy();
    deps.onRelayStatus?.(entry.name, 'disconnected');
  }

  function close(entry: Entry): void {
    entry.dead = true;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    disconnect(entry);
    entries.delete(entry.name);
    // The persistence closes its database once pending writes are done.
    void entry.persistence.destroy();
    entry.doc.destroy();
    entry.closed();
  }

  function releaseOne(entry: Entry, live: boolean): void {
    if (entry.dead) return;
    entry.refs--;
    if (live) {
      entry.live--;
      if (entry.live === 0) disconnect(entry);
    }
    if (entry.refs === 0) {
      entry.idleTimer = setTimeout(() => {
        if (entry.refs === 0) close(entry);
      }, idleMs);
    }
  }

  return {
    acquire(name, { live }) {
      const entry = entries.get(name) ?? open(name);
      if (entry.idleTimer) {
        clearTimeout(entry.idleTimer);
        entry.idleTimer = null;
      }
      entry.refs++;
      if (live) {
        entry.live++;
        if (!entry.provider) connect(entry);
      }
      let released = false;
      return {
        name,
        doc: entry.doc,
        whenLoaded: entry.whenLoaded,
        get awareness() {
          return live && entry.provider ? entry.provider.awareness : null;
        },
        get stale() {
          return entry.dead;
        },
        release() {
          if (released) return;
          released = true;
          releaseOne(entry, live);
        }
      };
    },
    isOpen: (name) => entries.has(name),
    isLive: (name) => entries.get(name)?.provider != null,
    liveNames: () => [...entries.values()].filter((e) => e.provider).map((e) => e.name),
    relayStatuses() {
      const out: RelayStatus[] = [];
      for (const entry of entries.values()) {
        const p = entry.provider;
        if (p) {
          const connecting = p.wsconnecting || entry.loading;
          out.push(p.wsconnected ? 'connected' : connecting ? 'connecting' : 'disconnected');
        }
      }
      return out;
    },
    async drop(name) {
      const entry = entries.get(name);
      if (entry) {
        close(entry);
        await entry.persistence.destroy();
      }
      await local.clear(databaseName(name));
    },
    reconnect(name) {
      const entry = entries.get(name);
      const provider = entry?.provider;
      if (provider && !entry.loading && !provider.wsconnected && !provider.wsconnecting) {
        provider.connect();
      }
    },
    async evict(name) {
      if (entries.has(name)) return;
      await local.clear(databaseName(name));
    },
    databaseName,
    destroy() {
      for (const entry of [...entries.values()]) close(entry);
    }
  };
}
