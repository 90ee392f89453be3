/**
 * The member's inbox in a workspace, for the bell and the notifications page: the list and the
 * unread count from the HTTP API (`GET …/notifications`), kept live by the inbox's event stream
 * (`…/notifications/stream`, one `EventSource` while the bell is on screen: each `changed`
 * event reloads the list), by the browser coming back online, and by the service worker when a
 * push message arrives. The last list is kept under the member's local-data prefix, so an
 * offline start shows what this device saw last (and sign-out clears it with the rest).
 *
 * Marking read is optimistic: the list changes at once, and goes back if the server refuses.
 */
import type { Api } from '$lib/api/client';
import { NotificationList, type NotificationItem } from '$lib/contract/notifications';
import { memberPrefix } from '$lib/sync/local-data';

/** What the state needs to keep its copy (the browser's localStorage unless given). */
export interface InboxStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** An `EventSource`, or what a test hands in. */
export interface InboxStream {
  addEventListener(type: 'changed', listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface InboxDeps {
  api: Api;
  workspaceId: string;
  memberId: string;
  storage?: InboxStorage | null;
  openStream?: ((url: string) => InboxStream) | null;
}

export type InboxSource = 'none' | 'server' | 'cache';

export class Inbox {
  #items = $state.raw<readonly NotificationItem[]>([]);
  #source = $state<InboxSource>('none');
  #loading = $state(false);
  readonly #deps: InboxDeps;
  #stream: InboxStream | null = null;
  #watchers = 0;
  #loadAgain = false;
  #closed = false;

  constructor(deps: InboxDeps) {
    this.#deps = deps;
    this.#fromCache();
  }

  get items(): readonly NotificationItem[] {
    return this.#items;
  }

  get unread(): number {
    return this.#items.filter((item) => !item.read).length;
  }

  /** Where the list came from: the server, or this device's copy (offline). */
  get source(): InboxSource {
    return this.#source;
  }

  get loading(): boolean {
    return this.#loading;
  }

  get #cacheKey(): string {
    return `${memberPrefix(this.#deps.memberId)}inbox:${this.#deps.workspaceId}`;
  }

  get #storage(): InboxStorage | null {
    if (this.#deps.storage !== undefined) return this.#deps.storage;
    return typeof localStorage === 'undefined' ? null : localStorage;
  }

  /** Loads the list from the server; offline, keeps (or falls back to) the device's copy. */
  async load(): Promise<void> {
    if (this.#closed) return;
    if (this.#loading) {
      this.#loadAgain = true;
      return;
    }
    this.#loading = true;
    try {
      do {
        this.#loadAgain = false;
        const answer = await this.#deps.api.notifications(this.#deps.workspaceId);
        if (answer.ok) {
          this.#set(answer.value.items, 'server');
        } else if (answer.failure.kind === 'network') {
          if (this.#source === 'none') this.#fromCache();
          return;
        } else {
          throw new Error(answer.failure.message);
        }
      } while (this.#loadAgain);
    } finally {
      this.#loading = false;
    }
  }

  /**
   * Keeps the list live while something on screen watches it (the bell); returns the cleanup
   * for `$effect`. One stream however many watchers.
   */
  watch(): () => void {
    this.#watchers++;
    if (this.#watchers === 1) this.#open();
    const online = () => void this.load().catch(() => {});
    const fromWorker = (event: MessageEvent<unknown>) => {
      const data = event.data;
      if (typeof data === 'object' && data !== null && 'type' in data && data.type === 'push')
        online();
    };
    if (typeof window !== 'undefined') window.addEventListener('online', online);
    if (typeof navigator !== 'undefined' && navigator.serviceWorker)
      navigator.serviceWorker.addEventListener('message', fromWorker);
    return () => {
      if (typeof window !== 'undefined') window.removeEventListener('online', online);
      if (typeof navigator !== 'undefined' && navigator.serviceWorker)
        navigator.serviceWorker.removeEventListener('message', fromWorker);
      if (this.#watchers === 0) return; // closed (or reset) meanwhile
      this.#watchers--;
      if (this.#watchers === 0) {
        this.#stream?.close();
        this.#stream = null;
      }
    };
  }

  async markRead(keys: readonly string[]): Promise<void> {
    const wanted = this.#items.filter((i) => !i.read && keys.includes(i.key)).map((i) => i.key);
    if (wanted.length === 0) return;
    await this.#mark(
      (item) => wanted.includes(item.key),
      () => this.#deps.api.markNotificationsRead(this.#deps.workspaceId, { keys: wanted })
    );
  }

  async markAllRead(): Promise<void> {
    if (this.unread === 0) return;
    await this.#mark(
      () => true,
      () => this.#deps.api.markNotificationsRead(this.#deps.workspaceId, { all: true })
    );
  }

  reset(): void {
    this.#stream?.close();
    this.#stream = null;
    this.#watchers = 0;
    this.#items = [];
    this.#source = 'none';
    this.#loading = false;
  }

  /**
   * For good (signing out): the stream stops, and nothing still on its way (a load the browser
   * coming back online started) is kept on the device or shown afterwards.
   */
  close(): void {
    this.reset();
    this.#closed = true;
  }

  async #mark(
    which: (item: NotificationItem) => boolean,
    send: () => ReturnType<Api['markNotificationsRead']>
  ): Promise<void> {
    const before = this.#items;
    this.#set(
      before.map((item) => (which(item) && !item.read ? { ...item, read: true } : item)),
      this.#source === 'none' ? 'server' : this.#source
    );
    const answer = await send();
    if (!answer.ok) {
      this.#set(before, this.#source);
      throw new Error(answer.failure.message);
    }
    // A load asked before the server took the mark answers with the item still unread, and the
    // stream's next count agrees with what is shown now, so nothing would correct it: load
    // again (after that one, when one is on its way).
    void this.load().catch(() => {});
  }

  #open(): void {
    const open =
      this.#deps.openStream === undefined
        ? typeof EventSource === 'undefined'
          ? null
          : (url: string) => new EventSource(url)
        : this.#deps.openStream;
    if (!open || this.#closed) return;
    this.#stream = open(this.#deps.api.notificationStreamHref(this.#deps.workspaceId));
    // Sent at once on (re)connecting and on every change: reload when it disagrees, or when
    // the list shown is this device's old copy.
    this.#stream.addEventListener('changed', (event) => {
      const unread = Number(event.data);
      if (this.#source !== 'server' || unread !== this.unread) void this.load().catch(() => {});
    });
  }

  #set(items: readonly NotificationItem[], source: InboxSource): void {
    if (this.#closed) return;
    this.#items = items;
    this.#source = source;
    if (source !== 'server') return;
    try {
      this.#storage?.setItem(this.#cacheKey, JSON.stringify({ items, unread: this.unread }));
    } catch {
      // Storage full or denied: the list still shows, it just is not kept.
    }
  }

  #fromCache(): void {
    let text: string | null;
    try {
      text = this.#storage?.getItem(this.#cacheKey) ?? null;
    } catch {
      return;
    }
    if (!text) return;
    try {
      const parsed = NotificationList.safeParse(JSON.parse(text));
      if (parsed.success) {
        this.#items = parsed.data.items;
        this.#source = 'cache';
      }
    } catch {
      // A damaged copy is ignored; the next load replaces it.
    }
  }
}

const inboxes = new WeakMap<Api, Map<string, Inbox>>();

/**
 * The one inbox of a member in a workspace for this API client, so the bell and the page show
 * the same list (made on first use, never at import).
 */
export function inboxFor(api: Api, workspaceId: string, memberId: string): Inbox {
  let byKey = inboxes.get(api);
  if (!byKey) {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a registry of state objects, not state
    byKey = new Map();
    inboxes.set(api, byKey);
  }
  const key = `${workspaceId}\n${memberId}`;
  let inbox = byKey.get(key);
  if (!inbox) {
    inbox = new Inbox({ api, workspaceId, memberId });
    byKey.set(key, inbox);
  }
  return inbox;
}

/** Closes every inbox of the member for this API client (sign-out), so none writes again. */
export function closeInboxes(api: Api, memberId: string): void {
  const byKey = inboxes.get(api);
  if (!byKey) return;
  for (const [key, inbox] of byKey) {
    if (!key.endsWith(`\n${memberId}`)) continue;
    inbox.close();
    byKey.delete(key);
  }
}
