/**
 * The sync client: the document pool plus everything that keeps local copies and the server
 * in step without a socket per document.
 *
 * - Pending changes: every local transaction is counted per document in the `PendingLedger`
 *   (persisted, so a reload offline still knows). A document leaves the ledger only when a
 *   batch answer shows that the server's state vector covers the local one.
 * - Batch sync (`POST /api/sync`): dirty documents, debounced after local changes, on the
 *   `online` event, at start and periodically; at most 100 documents per request. The first
 *   round sends what the server lacks according to the last state vector it reported (or the
 *   whole state of a ticket it has never reported on); when the answer shows the server still
 *   lacks something, a second round sends exactly that. Returned updates are applied, and
 *   through y-indexeddb stored.
 * - Rejections: a document whose local state the server refuses (close 4422 on the relay, a
 *   `RejectReason` in a batch answer) is dropped locally (memory and IndexedDB) and loaded
 *   again from the server; a document dropped twice in a session is left alone, so nothing
 *   retries forever.
 * - Retention: ticket documents the user opened or created are kept in a bounded LRU set;
 *   others are evicted from IndexedDB, never while they hold unconfirmed changes.
 * - Prefetch: documents to read offline (my tickets, unassigned ones) are pulled in small
 *   batches; each counts as kept (`offline.has`) only once the server has answered for it, and
 *   `offline.progress` says how far the run has got.
 */
import * as Y from 'yjs';
import {
  createDocPool,
  BATCH_ORIGIN,
  type DocHandle,
  type DocPool,
  type LocalPersistence
} from './doc-pool';
import {
  BATCH_PATH,
  chunkRequests,
  postBatch,
  type DocSyncRequest,
  type DocSyncResult,
  type BatchFailure
} from './batch-protocol';
import { BATCH_REACTION, UNKNOWN_REASON_REACTION, type Reaction } from '$lib/contract/reasons';
import { CLOSE, parseClose, relayReaction, type RelayClose } from '$lib/contract/relay';
import { PendingLedger } from './pending-ledger';
import { OfflineCopies } from './offline-copies.svelte';
import { RetentionList } from './retention';
import { isConfirmed } from './state-vector';
import type { KeyValueStorage } from './storage';
import type { SyncStatus } from './sync-status.svelte';
import {
  changeNotSynced,
  changeRefused,
  changeTooLarge,
  changesDiscarded,
  connectionClosed,
  documentMissing,
  documentNameRefused,
  documentTooLargeToSync,
  noAccess,
  refusedOrigin,
  serverRefused,
  slowDown,
  stoppedSyncing
} from '$lib/i18n/messages/sync';

export interface SyncClientDeps {
  /** The app's origin, e.g. `https://baton.example`; the relay and API live on it. */
  origin: string;
  /** Prefix for localStorage keys and IndexedDB database names. */
  storagePrefix: string;
  storage: KeyValueStorage;
  fetch: typeof fetch;
  status: SyncStatus;
  /** The server says nobody is signed in (HTTP 401, close 4401). */
  onSignedOut(): void;
  /** Something the user should know about: a rejected change, a forbidden document. */
  onProblem(message: string): void;
  now?: () => number;
  retentionLimit?: number;
  debounceMs?: number;
  periodMs?: number;
  idleMs?: number;
  /** Local persistence (IndexedDB unless given) and WebSocket class, for tests. */
  persistence?: LocalPersistence;
  WebSocketPolyfill?: typeof WebSocket;
}

export interface SyncClient {
  readonly pool: DocPool;
  readonly status: SyncStatus;
  /** Which documents are kept on this device, and the progress of a prefetch. */
  readonly offline: OfflineCopies;
  /** Counts of unconfirmed local changes per document. */
  pendingCount(name: string): number;
  /** Marks ticket documents as used by this user: they are kept for offline use. */
  keep(...names: string[]): void;
  /**
   * Opens a document for an edit away from its screen (e.g. a status change on the board):
   * from IndexedDB, else pulled through the batch sync. `null` when it is not available
   * (offline and never cached). The caller releases the handle.
   */
  openForEdit(name: string, hasContent: (doc: Y.Doc) => boolean): Promise<DocHandle | null>;
  /**
   * Pulls documents that are not kept yet (prefetch for offline use), `chunk` at a time, and
   * keeps each once the server answered for it. Stops early when the connection goes.
   */
  prefetch(names: readonly string[], options?: { chunk?: number }): Promise<void>;
  /** Syncs every dirty document now. */
  flush(): Promise<void>;
  /** Syncs these documents now (not debounced); resolves true when the server answered. */
  push(names: readonly string[]): Promise<boolean>;
  destroy(): void;
}

const MAX_DROPS = 2;

/** What the member is told when the relay closes a document's socket. */
function describeClose(close: RelayClose, text: string): string {
  const { detail } = close;
  switch (close.code) {
    case CLOSE.forbidden:
      if (close.reason === 'bad-origin') return refusedOrigin();
      return detail ? serverRefused({ detail }) : noAccess();
    case CLOSE.invalidDocument:
      return documentMissing();
    case CLOSE.tooLarge:
      return changeTooLarge();
    case CLOSE.invalidUpdate:
      return changeRefused({ detail: detail || text });
    case CLOSE.rateLimited:
      return slowDown();
    default:
      return connectionClosed({ reason: text || String(close.code) });
  }
}

/** What to do with a document a batch answer refused (`BATCH_REACTION`). */
function batchReaction(result: Extract<DocSyncResult, { ok: false }>): Reaction {
  if (result.reason === 'bad-response') return 'retry';
  if (result.reason === 'unknown') return UNKNOWN_REASON_REACTION;
  return BATCH_REACTION[result.reason];
}

export function createSyncClient(deps: SyncClientDeps): SyncClient {
  const { status, storage, storagePrefix } = deps;
  const now = deps.now ?? Date.now;
  const debounceMs = deps.debounceMs ?? 800;
  const periodMs = deps.periodMs ?? 30_000;
  const apiUrl = `${deps.origin}${BATCH_PATH}`;
  const relayUrl = `${deps.origin.replace(/^http/, 'ws')}/sync`;

  const ledger = new PendingLedger(storage, storagePrefix);
  const retention = new RetentionList(storage, storagePrefix, deps.retentionLimit ?? 300);
  const offline = new OfflineCopies();
  const showKept = () => offline.setKept(retention.names);
  showKept();
  const drops = new Map<string, number>();
  /** Documents the server refused for good this session: not retried. */
  const stuck = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let destroyed = false;

  const pool: DocPool = createDocPool({
    relayUrl,
    storagePrefix,
    idleMs: deps.idleMs,
    ...(deps.persistence ? { persistence: deps.persistence } : {}),
    ...(deps.WebSocketPolyfill ? { WebSocketPolyfill: deps.WebSocketPolyfill } : {}),
    onLocalChange(name) {
      ledger.add(name);
      schedule(debounceMs);
    },
    onRelayStatus() {
      status.setRelay(pool.relayStatuses());
    },
    onRelaySynced() {
      status.setRelay(pool.relayStatuses());
      // The socket is up again: confirm whatever is pending through the batch endpoint.
      if (ledger.total > 0) schedule(debounceMs);
    },
    onClosed(name, event) {
      status.setRelay(pool.relayStatuses());
      const close = parseClose(event.code, event.reason);
      switch (relayReaction(close)) {
        case 'signed-out':
          deps.onSignedOut();
          return;
        case 'drop-local':
          void dropLocalState(name, describeClose(close, event.reason));
          return;
        case 'retry':
          deps.onProblem(describeClose(close, event.reason));
          setTimeout(() => pool.reconnect(name), 10_000);
          return;
        case 'stuck':
          deps.onProblem(describeClose(close, event.reason));
      }
    }
  });

  status.setPending(ledger.total);
  const unsubscribe = ledger.subscribe(() => status.setPending(ledger.total));

  async function dropLocalState(name: string, message: string): Promise<void> {
    const count = (drops.get(name) ?? 0) + 1;
    drops.set(name, count);
    if (count > MAX_DROPS) {
      stuck.add(name);
      ledger.clear(name);
      deps.onProblem(stoppedSyncing({ problem: message }));
      return;
    }
    deps.onProblem(changesDiscarded({ problem: message }));
    ledger.forget(name);
    await pool.drop(name);
    status.bumpGeneration(name);
  }

  function schedule(delay: number): void {
    if (destroyed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, delay);
  }

  function request(handle: DocHandle, first: boolean): DocSyncRequest {
    const { doc, name } = handle;
    const stateVector = Y.encodeStateVector(doc);
    const known = ledger.serverVector(name);
    if (known) {
      if (isConfirmed(doc, known)) return { name, stateVector };
      return { name, stateVector, update: Y.encodeStateAsUpdate(doc, known) };
    }
    // Never heard from the server about it: a ticket is small, send it whole at once; the
    // index may be large, so ask for the server's state vector first.
    if (first && name.startsWith('t/') && ledger.isDirty(name)) {
      return { name, stateVector, update: Y.encodeStateAsUpdate(doc) };
    }
    return { name, stateVector };
  }

  /** Posts one chunk; splits it when the server finds it too large. */
  async function post(
    chunk: DocSyncRequest[],
    handles: Map<string, DocHandle>
  ): Promise<BatchFailure | null> {
    const outcome = await postBatch(deps.fetch, apiUrl, chunk);
    if (!outcome.ok) {
      if (outcome.failure.kind === 'too-large' && chunk.length > 1) {
        const half = Math.ceil(chunk.length / 2);
        return (
          (await post(chunk.slice(0, half), handles)) ?? (await post(chunk.slice(half), handles))
        );
      }
      if (outcome.failure.kind === 'too-large') {
        const name = chunk[0]?.name ?? '';
        stuck.add(name);
        ledger.clear(name);
        deps.onProblem(documentTooLargeToSync());
        return null;
      }
      return outcome.failure;
    }
    status.setReachable(true);
    for (const result of outcome.docs) {
      const handle = handles.get(result.name);
      if (!handle || handle.stale) continue;
      if (result.ok) {
        if (result.update.length > 2) Y.applyUpdate(handle.doc, result.update, BATCH_ORIGIN);
        ledger.setServerVector(result.name, result.stateVector);
        if (isConfirmed(handle.doc, result.stateVector)) ledger.clear(result.name);
      } else {
        const reaction = batchReaction(result);
        if (reaction === 'stuck') {
          stuck.add(result.name);
          ledger.forget(result.name);
          deps.onProblem(
            result.reason === 'forbidden'
              ? result.detail
                ? changeNotSynced({ detail: result.detail })
                : noAccess()
              : documentNameRefused()
          );
        } else if (reaction === 'drop-local') {
          await dropLocalState(
            result.name,
            changeRefused({ detail: result.detail || result.reason })
          );
        }
      }
    }
    return null;
  }

  /** Syncs the given documents: pushes what the server lacks and pulls what this copy lacks. */
  async function sync(names: readonly string[]): Promise<BatchFailure | null> {
    const handles = new Map<string, DocHandle>();
    for (const name of names) handles.set(name, pool.acquire(name, { live: false }));
    try {
      await Promise.all([...handles.values()].map((h) => h.whenLoaded));
      for (let round = 0; round < 2; round++) {
        const targets = [...handles.values()].filter(
          (h) =>
            !h.stale &&
            !stuck.has(h.name) &&
            (round === 0 || !isConfirmed(h.doc, ledger.serverVector(h.name)))
        );
        if (targets.length === 0) break;
        for (const chunk of chunkRequests(targets.map((h) => request(h, round === 0)))) {
          const failure = await post(chunk, handles);
          if (failure) return failure;
        }
      }
      return null;
    } finally {
      for (const handle of handles.values()) handle.release();
    }
  }

  function reportFailure(failure: BatchFailure): void {
    if (failure.kind === 'network') status.setReachable(false);
    if (failure.kind === 'not-signed-in') deps.onSignedOut();
  }

  /**
   * Ticket documents go before the index: the server checks summaries written into the index
   * against its copy of each ticket, so a ticket's change must arrive before its summary.
   */
  function ticketsFirst(names: readonly string[]): string[] {
    return [...names].sort((a, b) => Number(!a.startsWith('t/')) - Number(!b.startsWith('t/')));
  }

  async function runSync(names: readonly string[]): Promise<boolean> {
    if (names.length === 0) return true;
    status.beginBatch();
    const failure: BatchFailure | null = await sync(ticketsFirst(names)).catch(
      (error: unknown) => ({
        kind: 'server' as const,
        message: error instanceof Error ? error.message : String(error)
      })
    );
    if (failure) reportFailure(failure);
    status.endBatch(failure ? { ok: false, error: failure.message } : { ok: true, at: now() });
    return failure === null;
  }

  async function flush(): Promise<void> {
    if (destroyed) return;
    if (running) {
      again = true;
      return running;
    }
    const names = ledger.dirty().filter((n) => !stuck.has(n));
    if (names.length === 0) return;
    running = runSync(names)
      .then(() => undefined)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          schedule(debounceMs);
        }
      });
    return running;
  }

  function evictOverflow(): void {
    const keep = (name: string) => ledger.isDirty(name) || pool.isOpen(name);
    for (const name of retention.overflow(keep)) {
      ledger.forget(name);
      pool.evict(name).catch(() => {
        retention.touch(name);
        showKept();
      });
    }
    showKept();
  }

  /** Deletes ticket databases left over from earlier sessions that are not kept any more. */
  async function sweep(): Promise<void> {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
    const prefix = pool.databaseName('t/');
    const databases = await indexedDB.databases();
    for (const { name: dbName } of databases) {
      if (!dbName?.startsWith(prefix)) continue;
      const name = dbName.slice(storagePrefix.length);
      if (retention.has(name) || ledger.isDirty(name) || pool.isOpen(name)) continue;
      await pool.evict(name);
      ledger.forget(name);
    }
  }

  const onOnline = () => {
    status.setBrowserOnline(true);
    status.setReachable(true);
    void flush();
  };
  const onOffline = () => status.setBrowserOnline(false);
  const onStorage = (event: StorageEvent) => {
    if (ledger.owns(event.key)) ledger.reload();
  };
  const hasWindow = typeof window !== 'undefined';
  if (hasWindow) {
    status.setBrowserOnline(navigator.onLine);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    window.addEventListener('storage', onStorage);
  }
  const interval = setInterval(() => {
    if (ledger.total > 0) void flush();
  }, periodMs);
  schedule(0);
  const sweepTimer = setTimeout(() => {
    evictOverflow();
    sweep().catch(() => undefined);
  }, 5_000);

  let prefetching: Promise<void> | null = null;

  async function prefetchRun(names: readonly string[], chunk: number): Promise<void> {
    const missing = [...new Set(names)].filter((n) => !retention.has(n) && !stuck.has(n));
    if (missing.length === 0 || !status.online) return;
    let done = 0;
    offline.setProgress({ done, total: missing.length });
    try {
      for (let i = 0; i < missing.length && !destroyed; i += chunk) {
        const slice = missing.slice(i, i + chunk);
        if (!status.online || !(await runSync(slice))) break;
        // Oldest first, so that the prefetched set does not push recently opened tickets out.
        for (const name of slice) if (!stuck.has(name)) retention.keepOlder(name);
        done += slice.length;
        showKept();
        offline.setProgress({ done, total: missing.length });
      }
      evictOverflow();
    } finally {
      offline.setProgress(null);
    }
  }

  return {
    pool,
    status,
    offline,
    pendingCount: (name) => ledger.count(name),
    keep(...names) {
      retention.touch(...names);
      evictOverflow();
    },
    async openForEdit(name, hasContent) {
      const handle = pool.acquire(name, { live: false });
      await handle.whenLoaded;
      if (!hasContent(handle.doc) && status.online) await runSync([name]);
      if (!handle.stale && hasContent(handle.doc)) {
        retention.touch(name);
        showKept();
        return handle;
      }
      handle.release();
      return null;
    },
    async prefetch(names, options = {}) {
      // One run at a time; a second call waits for the first and then fills what is left.
      while (prefetching) await prefetching;
      prefetching = prefetchRun(names, Math.max(1, Math.min(100, options.chunk ?? 10)));
      try {
        await prefetching;
      } finally {
        prefetching = null;
      }
    },
    flush,
    push: (names) => runSync(names),
    destroy() {
      destroyed = true;
      if (timer) clearTimeout(timer);
      clearInterval(interval);
      clearTimeout(sweepTimer);
      unsubscribe();
      if (hasWindow) {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
        window.removeEventListener('storage', onStorage);
      }
      pool.destroy();
    }
  };
}
