/**
 * The member's notification preferences (profile page) and this browser's Web Push
 * subscription. The permission prompt is only ever asked from `turnOnPush`, which the page
 * calls from a click: browsers ignore (or hold against the site) prompts nobody asked for.
 */
import type { Api } from '$lib/api/client';
import type {
  KindPrefs,
  NotificationKind,
  NotificationPrefs,
  PushSubscriptionInput
} from '$lib/contract/notifications';

/** The browser's push machinery, as much as this needs (a port, so tests run without one). */
export interface PushPort {
  supported(): boolean;
  permission(): NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  /** This browser's current subscription, if any. */
  current(): Promise<{ json: PushSubscriptionInput; unsubscribe(): Promise<boolean> } | null>;
  subscribe(vapidPublicKey: string): Promise<PushSubscriptionInput>;
}

export type PushState = 'unsupported' | 'denied' | 'off' | 'on';

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function asInput(subscription: PushSubscription): PushSubscriptionInput {
  const json = subscription.toJSON();
  return {
    endpoint: json.endpoint ?? subscription.endpoint,
    keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' }
  };
}

export const browserPush: PushPort = {
  supported: () =>
    typeof navigator !== 'undefined' &&
    'serviceWorker' in navigator &&
    typeof window !== 'undefined' &&
    'PushManager' in window &&
    'Notification' in window,
  permission: () => Notification.permission,
  requestPermission: () => Notification.requestPermission(),
  async current() {
    const registration = await navigator.serviceWorker.getRegistration();
    const subscription = (await registration?.pushManager.getSubscription()) ?? null;
    return subscription
      ? { json: asInput(subscription), unsubscribe: () => subscription.unsubscribe() }
      : null;
  },
  async subscribe(vapidPublicKey) {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) throw new Error('No service worker is registered to receive push.');
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(vapidPublicKey)
    });
    return asInput(subscription);
  }
};

export class NotificationPrefsState {
  #prefs = $state.raw<NotificationPrefs | null>(null);
  #vapidPublicKey = '';
  #push = $state<PushState>('off');
  #busy = $state(false);
  readonly #api: Api;
  readonly #workspaceId: string;
  readonly #port: PushPort;

  constructor(deps: { api: Api; workspaceId: string; push?: PushPort }) {
    this.#api = deps.api;
    this.#workspaceId = deps.workspaceId;
    this.#port = deps.push ?? browserPush;
  }

  get prefs(): NotificationPrefs | null {
    return this.#prefs;
  }

  get push(): PushState {
    return this.#push;
  }

  get busy(): boolean {
    return this.#busy;
  }

  async load(): Promise<void> {
    const answer = await this.#api.notificationPrefs(this.#workspaceId);
    if (!answer.ok) throw new Error(answer.failure.message);
    this.#prefs = answer.value.prefs;
    this.#vapidPublicKey = answer.value.vapidPublicKey;
    await this.#readPush();
  }

  /** Changes one switch; goes back if the server refuses. */
  async set(kind: NotificationKind, channel: keyof KindPrefs, value: boolean): Promise<void> {
    const before = this.#prefs;
    if (!before) return;
    const next: NotificationPrefs = { ...before, [kind]: { ...before[kind], [channel]: value } };
    this.#prefs = next;
    const answer = await this.#api.setNotificationPrefs(this.#workspaceId, next);
    if (!answer.ok) {
      this.#prefs = before;
      throw new Error(answer.failure.message);
    }
    this.#prefs = answer.value.prefs;
  }

  /** Asks for permission (from a click only), subscribes this browser, tells the server. */
  async turnOnPush(): Promise<void> {
    if (!this.#port.supported() || this.#busy) return;
    this.#busy = true;
    try {
      const permission =
        this.#port.permission() === 'granted' ? 'granted' : await this.#port.requestPermission();
      if (permission !== 'granted') {
        this.#push = permission === 'denied' ? 'denied' : 'off';
        return;
      }
      const subscription = await this.#port.subscribe(this.#vapidPublicKey);
      const answer = await this.#api.subscribePush(this.#workspaceId, subscription);
      if (!answer.ok) throw new Error(answer.failure.message);
      this.#push = 'on';
    } finally {
      this.#busy = false;
    }
  }

  async turnOffPush(): Promise<void> {
    if (!this.#port.supported() || this.#busy) return;
    this.#busy = true;
    try {
      const current = await this.#port.current();
      if (current) {
        await this.#api.unsubscribePush(this.#workspaceId, current.json.endpoint);
        await current.unsubscribe();
      }
      this.#push = 'off';
    } finally {
      this.#busy = false;
    }
  }

  reset(): void {
    this.#prefs = null;
    this.#vapidPublicKey = '';
    this.#push = 'off';
    this.#busy = false;
  }

  async #readPush(): Promise<void> {
    if (!this.#port.supported()) {
      this.#push = 'unsupported';
      return;
    }
    if (this.#port.permission() === 'denied') {
      this.#push = 'denied';
      return;
    }
    const current = await this.#port.current().catch(() => null);
    this.#push = current && this.#port.permission() === 'granted' ? 'on' : 'off';
  }
}
