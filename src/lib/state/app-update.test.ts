import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppUpdate, type AppUpdateDeps } from './app-update.svelte';

/**
 * The browser side of the service worker (container, registration, workers) as small event
 * targets whose state the test moves the way Chromium does; AppUpdate is the real one.
 */
class Worker extends EventTarget {
  readonly posted: unknown[] = [];
  constructor(public state: ServiceWorkerState) {
    super();
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  become(state: ServiceWorkerState): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class Registration extends EventTarget {
  installing: Worker | null = null;
  waiting: Worker | null = null;
  active: Worker | null = null;
  updates = 0;
  failUpdates = false;
  update(): Promise<void> {
    this.updates++;
    return this.failUpdates ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve();
  }
  /** A new worker is found and installs; with pages controlled, it then waits. */
  found(): Worker {
    const worker = new Worker('installing');
    this.installing = worker;
    this.dispatchEvent(new Event('updatefound'));
    this.installing = null;
    this.waiting = worker;
    worker.become('installed');
    return worker;
  }
}

class Container extends EventTarget {
  constructor(
    public controller: Worker | null,
    readonly registration: Registration
  ) {
    super();
  }
  register(): Promise<Registration> {
    return Promise.resolve(this.registration);
  }
  /** The waiting worker takes over this page. */
  takeOver(): void {
    const worker = this.registration.waiting ?? this.registration.installing;
    if (!worker) throw new Error('no worker to take over');
    this.registration.waiting = null;
    this.registration.active = worker;
    worker.become('activating');
    this.controller = worker;
    this.dispatchEvent(new Event('controllerchange'));
  }
}

class Visibility extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
}

interface Page {
  update: AppUpdate;
  container: Container;
  registration: Registration;
  visibility: Visibility;
  reloads: number;
  stop: () => void;
}

/** One page load: starts AppUpdate against `registration`, controlled or not. */
async function open(registration: Registration, controlled = true): Promise<Page> {
  const container = new Container(controlled ? registration.active : null, registration);
  const visibility = new Visibility();
  const update = new AppUpdate();
  const page: Page = { update, container, registration, visibility, reloads: 0, stop: () => {} };
  page.stop = update.start({
    container: container as unknown as ServiceWorkerContainer,
    scriptUrl: '/service-worker.js',
    type: 'classic',
    reload: () => page.reloads++,
    visibility: visibility as unknown as AppUpdateDeps['visibility']
  });
  await vi.advanceTimersByTimeAsync(0); // register() settles
  return page;
}

function withActive(): Registration {
  const registration = new Registration();
  registration.active = new Worker('activated');
  return registration;
}

const SKIP = { type: 'skip-waiting' };

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('AppUpdate', () => {
  it('a first visit installs the worker without a prompt or a reload', async () => {
    const page = await open(new Registration(), false);
    page.registration.found();
    expect(page.update.available).toBe(false);
    // Installed with nothing to wait for, it activates and claims the page.
    page.container.takeOver();
    expect(page.reloads).toBe(0);
    page.stop();
  });

  it('a new deploy found while the page is controlled offers the update; Reload asks the worker to take over and reloads when it has', async () => {
    const page = await open(withActive());
    expect(page.update.available).toBe(false);
    const next = page.registration.found();
    expect(page.update.available).toBe(true);
    expect(page.update.applying).toBe(false);

    page.update.apply();
    expect(page.update.applying).toBe(true);
    expect(next.posted).toEqual([SKIP]);
    expect(page.reloads).toBe(0);

    page.container.takeOver();
    expect(page.reloads).toBe(1);
    page.stop();
  });

  it('a worker already waiting when the page opens is offered too', async () => {
    const registration = withActive();
    registration.waiting = new Worker('installed');
    const page = await open(registration);
    expect(page.update.available).toBe(true);
    page.stop();
  });

  it('Reload with no worker waiting does nothing', async () => {
    const page = await open(withActive());
    page.update.apply();
    expect(page.update.applying).toBe(false);
    expect(page.reloads).toBe(0);
    page.stop();
  });

  it('a takeover asked for in another tab reloads this one too', async () => {
    const registration = withActive();
    const page = await open(registration);
    registration.found();
    page.container.takeOver();
    expect(page.reloads).toBe(1);
    page.stop();
  });

  it('Later hides the prompt', async () => {
    const page = await open(withActive());
    page.registration.found();
    page.update.dismiss();
    expect(page.update.available).toBe(false);
    page.stop();
  });

  it('checks for a new deploy when the app comes back to the foreground and on the half hour; offline checks fail quietly', async () => {
    const page = await open(withActive());
    page.visibility.visibilityState = 'hidden';
    page.visibility.dispatchEvent(new Event('visibilitychange'));
    expect(page.registration.updates).toBe(0);
    page.visibility.visibilityState = 'visible';
    page.registration.failUpdates = true;
    page.visibility.dispatchEvent(new Event('visibilitychange'));
    expect(page.registration.updates).toBe(1);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(page.registration.updates).toBe(2);
    page.stop();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    page.visibility.dispatchEvent(new Event('visibilitychange'));
    expect(page.registration.updates).toBe(2);
  });
});

describe('a page the first worker did not claim', () => {
  it('asks the active worker to claim it, and does not reload when it does', async () => {
    const registration = withActive();
    const page = await open(registration, false);
    expect(registration.active?.posted).toEqual([{ type: 'claim' }]);
    page.container.controller = registration.active;
    page.container.dispatchEvent(new Event('controllerchange'));
    expect(page.reloads).toBe(0);
    page.stop();
  });

  it('asks nothing of the worker when the page is controlled or no worker is active yet', async () => {
    const controlled = withActive();
    (await open(controlled, true)).stop();
    expect(controlled.active?.posted).toEqual([]);
    const installing = new Registration();
    (await open(installing, false)).stop();
    expect(installing.active).toBeNull();
  });
});
