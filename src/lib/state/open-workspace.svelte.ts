/**
 * The composition of one workspace in the browser, for one signed-in member: their local
 * storage (every key and database under their prefix, `sync/local-data.ts`), the board's
 * snapshot cache, the sync client (batch sync, live sockets, pending ledger), the
 * `WorkspaceSession` the pages read, and what keeps it going while it is open — the index
 * opened (and reopened after a rejection), the ticking clock, the paced prefetch for offline
 * use, the ticket page's code fetched ahead once the member starts using the first screen,
 * persistent storage asked for, and data under the old unprefixed names retired.
 *
 * The workspace layout calls `openWorkspace` once per member and workspace and `close()`s it
 * when either changes; `WorkspaceShell` only shows it. Everything that does I/O or touches the
 * browser comes in through `OpenWorkspaceDeps`, so nothing is created at import time.
 */
import { untrack } from 'svelte';
import { createSnapshotCache } from '$lib/sync/snapshot-cache';
import { createSyncClient, type SyncClient } from '$lib/sync/sync-client';
import { SyncStatus } from '$lib/sync/sync-status.svelte';
import { browserStorage } from '$lib/sync/storage';
import { PrefetchPacer } from '$lib/sync/prefetch-pacer';
import { setTimeZone } from '$lib/i18n/runtime';
import { warmFormatters } from '$lib/i18n/format';
import { warmIndexReading } from '$lib/domain/workspace-index';
import {
  LEGACY_PREFIX,
  browserDatabases,
  clearMemberData,
  memberPrefix,
  retireLegacyData
} from '$lib/sync/local-data';
import { requestPersistentStorage } from '$lib/sync/offline-copies.svelte';
import type { AppContext } from './app-context';
import type { SignedInMember } from './identity.svelte';
import { closeInboxes } from './notifications.svelte';
import { signOutOfDevice } from './sign-out';
import { whenIdle } from './schedule';
import { warmUp } from './warm-up';
import { WorkspaceSession } from './workspace-session.svelte';

export interface OpenWorkspaceDeps {
  me: SignedInMember;
  app: AppContext;
  /** The app's origin (`location.origin`): the relay and the API live on it. */
  origin: string;
  /** The server said nobody is signed in any more (after the toast). */
  onSessionEnded: () => void;
  /** Loads the ticket page's code ahead (`preloadCode`); a failure only loses the head start. */
  preloadTicketPage: () => Promise<unknown>;
  /** Asks the member a yes/no question (`confirm`). */
  confirm: (message: string) => boolean;
}

export interface OpenWorkspace {
  readonly session: WorkspaceSession;
  /** Signs out of this device: flush, ask before losing changes, end the session, clear. */
  signOut(): Promise<'signed-out' | 'stayed'>;
  /** Stops everything this workspace started: effects, sockets, the snapshot cache. */
  close(): void;
}

export function openWorkspace(deps: OpenWorkspaceDeps): OpenWorkspace {
  const { app, me } = deps;
  const storage = browserStorage();
  const databases = browserDatabases();
  const memberId = me.memberId;
  // Every database and key of this member carries their prefix (see `local-data.ts`).
  const prefix = memberPrefix(memberId);
  const snapshots = createSnapshotCache(`${prefix}snapshots`);

  const syncClient = (storagePrefix: string, onSignedOut: () => void): SyncClient =>
    createSyncClient({
      origin: deps.origin,
      storagePrefix,
      storage,
      // Bound: the browser's `fetch` called bare loses its `window`.
      fetch: (input, init) => fetch(input, init),
      status: new SyncStatus(navigator.onLine),
      onSignedOut,
      onProblem: (message) => app.toasts.show(message, 'error')
    });

  const session = new WorkspaceSession({
    workspaceId: me.workspaceId,
    actor: { id: me.memberId, name: me.name },
    // Read when an edit is made: a role changed by an admin counts at once.
    role: () => app.identity.session?.role,
    sync: syncClient(prefix, () => {
      app.identity.forget();
      deps.onSessionEnded();
    }),
    toasts: app.toasts,
    handleError: app.handleError,
    storage,
    snapshots
  });

  let closed = false;
  const stopEffects = $effect.root(() => {
    $effect(() => {
      // Re-open the index if its local copy was dropped (rejected by the server).
      session.sync.status.generation(session.indexName);
      return untrack(() => session.openIndex());
    });

    $effect(() => {
      session.sync.status.generation(session.settingsName);
      return untrack(() => session.openSettings());
    });

    $effect(() => session.clock.start(30_000));

    // What the first list's rows need built once (their ages' and due times' formatters, the
    // index's parsers), built while the tickets are still on their way.
    $effect(() => warmUp([warmFormatters, warmIndexReading]));

    // Times are shown in the member's own time zone (their profile), not the device's: an
    // agent on a laptop left on another zone still reads their own day.
    $effect(() => {
      setTimeZone(session.index.snapshot.members.get(memberId)?.timeZone ?? null);
    });

    // Once the index is here and the server reachable, keep my own open tickets and the
    // unassigned ones on this device too; again when the index changes (a new ticket, a
    // swipe). Paced, not debounced: a list that keeps changing while someone triages must not
    // postpone the run for ever (a run only fetches what is not kept yet).
    const prefetcher = new PrefetchPacer(() => session.prefetchForOffline(), 3000);
    $effect(() => () => prefetcher.stop());
    $effect(() => {
      void session.index.snapshot;
      if (!session.index.loaded || !session.sync.status.online) return;
      prefetcher.request();
    });

    // Every list leads to a ticket: once the first screen shows and the member starts to use
    // it (a pointer move, a tap, a key), fetch the ticket page's code in idle time, so that
    // opening a ticket waits only for the ticket. Not before: the first screen comes first.
    $effect(() => {
      if (!session.index.ready) return;
      const inputs = ['pointermove', 'pointerdown', 'keydown'] as const;
      let cancelIdle = () => {};
      const stopListening = () => {
        for (const type of inputs) removeEventListener(type, onInput);
      };
      const onInput = () => {
        stopListening();
        cancelIdle = whenIdle(() => void deps.preloadTicketPage().catch(() => undefined), 2000);
      };
      for (const type of inputs) addEventListener(type, onInput, { passive: true });
      return () => {
        stopListening();
        cancelIdle();
      };
    });

    // Ask the browser not to evict the offline copies under storage pressure.
    $effect(() => {
      void requestPersistentStorage(navigator.storage).then((state) =>
        session.sync.offline.setPersist(state)
      );
    });

    // Data kept before names were per member: the unsynced changes of its owner (if that is
    // who signed in) are sent through a client on the old names, then it is deleted.
    $effect(() => {
      const timer = setTimeout(() => {
        void retireLegacyData({
          memberId,
          owner: app.identity.cachedAtStart,
          storage,
          databases,
          flush: async () => {
            const legacy = syncClient(LEGACY_PREFIX, () => undefined);
            try {
              await legacy.flush();
              return legacy.status.pending;
            } finally {
              legacy.destroy();
            }
          }
        }).catch((error: unknown) => console.warn('Could not retire old local data', error));
      }, 2000);
      return () => clearTimeout(timer);
    });
  });

  function close(): void {
    if (closed) return;
    closed = true;
    stopEffects();
    session.sync.destroy();
    snapshots.close();
  }

  return {
    session,
    close,
    signOut: () =>
      signOutOfDevice({
        online: () => session.sync.status.online,
        flush: () => session.sync.flush(),
        pending: () => session.sync.status.pending,
        confirm: deps.confirm,
        endSession: () => app.identity.signOut(),
        close: () => {
          session.sync.destroy();
          snapshots.close();
          closeInboxes(app.api, memberId);
        },
        clear: () => clearMemberData({ memberId, storage, databases }),
        onError: (error, context) => app.handleError(error, context)
      })
  };
}
