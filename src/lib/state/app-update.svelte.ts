/**
 * The service worker's registration and the "update available" prompt.
 *
 * A new deploy means a new `service-worker.js`. The browser finds it when it checks (on
 * navigations, and here on `check()`: every half hour and when the app comes back to the
 * foreground), installs it, and — because pages are already controlled — leaves it waiting
 * (see `src/service-worker.ts`). `available` turns true; `apply()` tells the waiting worker to
 * take over and the page reloads once it has (`controllerchange`), so the page never runs
 * the old code against the new worker's caches.
 */
export interface AppUpdateDeps {
  container: ServiceWorkerContainer;
  scriptUrl: string;
  type: WorkerType;
  reload: () => void;
  /** The document, for "the app came back to the foreground". */
  visibility: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
  onError?: (error: unknown) => void;
}

export class AppUpdate {
  #available = $state(false);
  #applying = $state(false);
  #registration: ServiceWorkerRegistration | null = null;

  get available(): boolean {
    return this.#available;
  }

  get applying(): boolean {
    return this.#applying;
  }

  /** Registers the worker and watches for updates; returns the cleanup. */
  start(deps: AppUpdateDeps, checkEveryMs = 30 * 60_000): () => void {
    let stopped = false;
    const hadController = deps.container.controller !== null;
    const watch = (worker: ServiceWorker | null) => {
      if (!worker) return;
      const settle = () => {
        // Installed while a page is controlled by the old worker: an update is waiting.
        if (worker.state === 'installed' && deps.container.controller) this.#available = true;
      };
      worker.addEventListener('statechange', settle);
      settle();
    };
    const onControllerChange = () => {
      // The first worker claiming a fresh page is not an update; a takeover after apply() is.
      if (this.#applying || hadController) deps.reload();
    };
    deps.container.addEventListener('controllerchange', onControllerChange);
    void deps.container
      .register(deps.scriptUrl, { type: deps.type })
      .then((registration) => {
        if (stopped) return;
        this.#registration = registration;
        // A page whose navigation was under way while the first worker activated is not
        // among the pages it claimed: without a controller its later requests (the code it
        // fetches on demand) miss the cache when offline. Ask the worker to claim it.
        if (!deps.container.controller && registration.active) {
          registration.active.postMessage({ type: 'claim' });
        }
        watch(registration.waiting);
        registration.addEventListener('updatefound', () => watch(registration.installing));
      })
      .catch((error: unknown) => deps.onError?.(error));
    const check = () => void this.check();
    const onVisible = () => {
      if (deps.visibility.visibilityState === 'visible') check();
    };
    const timer = setInterval(check, checkEveryMs);
    deps.visibility.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      deps.visibility.removeEventListener('visibilitychange', onVisible);
      deps.container.removeEventListener('controllerchange', onControllerChange);
    };
  }

  /** Asks the browser to look for a new worker now (offline, this quietly fails). */
  async check(): Promise<void> {
    try {
      await this.#registration?.update();
    } catch {
      // Offline or the server is away: try again on the next check.
    }
  }

  /** Lets the waiting worker take over; the page reloads when it has. */
  apply(): void {
    const waiting = this.#registration?.waiting;
    if (!waiting) return;
    this.#applying = true;
    waiting.postMessage({ type: 'skip-waiting' });
  }

  dismiss(): void {
    this.#available = false;
  }
}
