/**
 * Everything a page inside `/w/<workspace>/…` needs: who the user is, the sync client, the
 * workspace index (open and live while the app is), its projection, view preferences, a
 * clock, and the edits that span documents (board moves, new tickets).
 *
 * Created by the workspace layout with its dependencies and shared through Svelte context.
 */
import type * as Y from 'yjs';
import { indexDocName, settingsDocName, ticketDocName } from '$lib/domain/doc-names';
import { newId } from '$lib/domain/ids';
import { addThreadEntry, createTicket, readTicketFields, type NewTicket } from '$lib/domain/ticket';
import { RequiredFieldsError, labelText, setStatusChecked } from '$lib/domain/custom-fields';
import { getLocale } from '$lib/i18n/runtime';
import { fillInBeforeSolving } from '$lib/i18n/messages/fields';
import { isOpenStatus } from '$lib/domain/ticket-status';
import type { Actor, TicketPriority, TicketStatus } from '$lib/domain/schema';
import type { SlaSettings } from '$lib/domain/ticket-sla';
import { compareTickets } from '$lib/domain/workspace-index';
import type { DocHandle } from '$lib/sync/doc-pool';
import type { SnapshotCache } from '$lib/sync/snapshot-cache';
import type { SyncClient } from '$lib/sync/sync-client';
import type { KeyValueStorage } from '$lib/sync/storage';
import { memberPrefix } from '$lib/sync/local-data';
import { TickingNow } from './ticking-now.svelte';
import { IndexView } from './index-view.svelte';
import { PersonalRecordsView } from './saved-views.svelte';
import { SettingsView } from './settings-view.svelte';
import type { RoleName } from './identity.svelte';
import { assertMayEdit } from './permissions';
import { refreshSummary, type EditContext, type TicketEdit } from './ticket-actions';
import { ViewPrefs } from './view-prefs.svelte';
import type { ErrorHandler, Toasts } from './toasts.svelte';

export interface WorkspaceSessionDeps {
  workspaceId: string;
  actor: Actor;
  /** The member's role now (it can change while the app is open); `undefined`: not known. */
  role?: () => RoleName | undefined;
  sync: SyncClient;
  toasts: Toasts;
  handleError: ErrorHandler;
  storage: KeyValueStorage | null;
  /** Plain snapshots of the index for fast cold starts; optional. */
  snapshots?: SnapshotCache;
  now?: () => number;
}

export interface NewTicketInput {
  subject: string;
  requesterId: string | null;
  priority: TicketPriority;
  assigneeId: string | null;
  firstNote: string;
  /**
   * What the first message is: an internal note (the default), the customer's words taken
   * down by the member (a call, a visit: the ticket's channel is then `phone`), or a public
   * reply emailed to the requester (the form checks first that it can reach them).
   */
  firstKind?: 'note' | 'inbound' | 'reply';
}

export class WorkspaceSession {
  readonly workspaceId: string;
  readonly actor: Actor;
  readonly sync: SyncClient;
  readonly toasts: Toasts;
  readonly handleError: ErrorHandler;
  /** This device's key-value storage (localStorage), for what stays on the device. */
  readonly storage: KeyValueStorage | null;
  readonly index = new IndexView();
  /** The member's own saved views and macros in the index (`saved-views.svelte.ts`). */
  readonly personal = new PersonalRecordsView();
  /** The workspace's settings (SLA policies and calendars among them), live while open. */
  readonly settings = new SettingsView();
  readonly prefs: ViewPrefs;
  readonly clock = new TickingNow();
  readonly now: () => number;
  /**
   * The order of tickets on the last list the user saw (board, list, triage), so that "next
   * ticket" on a ticket page follows it. Plain: nothing renders from it.
   */
  #navOrder: readonly string[] = [];
  /** The ticket page last opened, so that a list can give its row the focus back. */
  lastTicketId: string | null = null;
  /** Plain field on purpose: a Y.Doc never goes into `$state`. */
  #indexHandle: DocHandle | null = null;
  #settingsHandle: DocHandle | null = null;
  readonly #snapshots: SnapshotCache | null;
  readonly #role: () => RoleName | undefined;

  constructor(deps: WorkspaceSessionDeps) {
    this.workspaceId = deps.workspaceId;
    this.actor = deps.actor;
    this.sync = deps.sync;
    this.toasts = deps.toasts;
    this.handleError = deps.handleError;
    this.storage = deps.storage;
    this.prefs = new ViewPrefs(deps.storage, `${memberPrefix(deps.actor.id)}view-prefs`);
    this.now = deps.now ?? Date.now;
    this.#snapshots = deps.snapshots ?? null;
    this.#role = deps.role ?? (() => undefined);
  }

  get role(): RoleName | undefined {
    return this.#role();
  }

  get indexName(): string {
    return indexDocName(this.workspaceId);
  }

  /**
   * Opens the index live and projects it; the returned cleanup closes it. With a snapshot
   * cache, the cached board is shown first and the document (whose decoding blocks the main
   * thread for a while with 10,000 tickets) is opened only after that has painted.
   */
  openIndex(): () => void {
    let stopped = false;
    let opened = false;
    let close = () => {};
    const open = () => {
      if (stopped || opened) return;
      opened = true;
      const handle = this.sync.pool.acquire(this.indexName, { live: true });
      this.#indexHandle = handle;
      const cache = this.#snapshots ? { store: this.#snapshots, key: this.indexName } : undefined;
      const stop = this.index.connect(handle.doc, handle.whenLoaded, cache);
      const stopPersonal = this.personal.connect(handle.doc, this.actor.id);
      close = () => {
        stop();
        stopPersonal();
        if (this.#indexHandle === handle) this.#indexHandle = null;
        handle.release();
      };
    };
    if (this.#snapshots) {
      const fallback = setTimeout(open, 300);
      void this.index.showCached({ store: this.#snapshots, key: this.indexName }).then((shown) => {
        clearTimeout(fallback);
        if (shown) requestAnimationFrame(() => setTimeout(open, 0));
        else open();
      });
    } else {
      open();
    }
    return () => {
      stopped = true;
      close();
    };
  }

  get settingsName(): string {
    return settingsDocName(this.workspaceId);
  }

  /** Opens the settings document live and projects it; the returned cleanup closes it. */
  openSettings(): () => void {
    const handle = this.sync.pool.acquire(this.settingsName, { live: true });
    this.#settingsHandle = handle;
    const stop = this.settings.connect(handle.doc, handle.whenLoaded);
    return () => {
      stop();
      if (this.#settingsHandle === handle) this.#settingsHandle = null;
      handle.release();
    };
  }

  /** The settings document while it is open (admins edit it through `state/sla-settings`). */
  get settingsDoc(): Y.Doc | null {
    return this.#settingsHandle?.doc ?? null;
  }

  setNavOrder(ids: readonly string[]): void {
    this.#navOrder = ids;
  }

  /** The ticket after (`step` 1) or before (-1) this one on the last list shown. */
  neighbour(ticketId: string, step: 1 | -1): string | null {
    const order = this.#navOrder;
    const at = order.indexOf(ticketId);
    if (at === -1) return order[0] ?? null;
    return order[at + step] ?? null;
  }

  get indexDoc(): Y.Doc | null {
    return this.#indexHandle?.doc ?? null;
  }

  get editContext(): EditContext {
    return {
      indexDoc: this.indexDoc,
      actor: this.actor,
      now: this.now,
      role: this.role,
      // Not loaded yet: the summary goes without its due time, and the server adds it.
      sla: this.settings.loaded ? this.slaSettings : null
    };
  }

  /** What a ticket's SLA reads: the settings, and the requesters' organisations from the index. */
  get slaSettings(): SlaSettings {
    const customers = this.index.snapshot.customers;
    return {
      ...this.settings.settings,
      organisationOf: (customerId) => customers.get(customerId)?.organisation ?? null
    };
  }

  /**
   * Changes a ticket's status from anywhere (the board): opens its document from IndexedDB,
   * or pulls it from the server, applies `setStatus` and writes the summary. Returns false
   * when the ticket is not available (offline and never opened here).
   */
  async setStatus(ticketId: string, status: TicketStatus): Promise<boolean> {
    const fields = this.settings.settings.customFields;
    try {
      const done = await this.editOffscreen(ticketId, (doc, actor, now) =>
        setStatusChecked(doc, status, fields, actor, now)
      );
      return done !== null;
    } catch (error) {
      // Solving with a required field empty: said in the member's language, naming the fields.
      if (!(error instanceof RequiredFieldsError)) throw error;
      const names = error.missing.map((f) => labelText(f.label, getLocale())).join(', ');
      throw new Error(fillInBeforeSolving({ fields: names }), { cause: error });
    }
  }

  /**
   * Applies a domain edit to a ticket that is not on screen (board moves, swipes on the
   * triage list, their undo): opens its document from IndexedDB, or pulls it from the server,
   * edits it, and writes the summary. `null` when the ticket is not available (offline and
   * not kept on this device); otherwise what the edit returned.
   */
  async editOffscreen<T>(ticketId: string, edit: TicketEdit<T>): Promise<{ value: T } | null> {
    assertMayEdit(this.role, 'change');
    const name = ticketDocName(ticketId);
    const handle = await this.sync.openForEdit(name, (doc) => readTicketFields(doc) !== null);
    if (!handle) return null;
    try {
      const value = edit(handle.doc, this.actor, this.now());
      await this.#pushFirst(name);
      refreshSummary(this.editContext, handle.doc);
      return { value };
    } finally {
      handle.release();
    }
  }

  /**
   * Sends a ticket document that is not live on screen to the server before its summary is
   * written into the (live) index: the server checks client-written summaries against its
   * copy of the ticket and would otherwise put the old one back until the ticket arrives.
   * Offline, or when the server is slow, the summary is written anyway after a short wait.
   */
  async #pushFirst(name: string): Promise<void> {
    if (!this.sync.status.online) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1500)));
    await Promise.race([this.sync.push([name]).then(() => undefined), timeout]);
    clearTimeout(timer);
  }

  /**
   * Keeps the member's own open tickets and the unassigned open ones on this device, so that
   * they can be read and triaged offline (a train, a ferry); pulled through the batch sync in
   * the background. Bounded: at most `limit` of each — my most recently updated, the most
   * urgent unassigned — well inside the retention limit, so opened tickets are not pushed out.
   */
  async prefetchForOffline(limit = 100): Promise<void> {
    const open = this.index.snapshot.tickets.filter((t) => isOpenStatus(t.status));
    const mine = open
      .filter((t) => t.assigneeId === this.actor.id)
      .sort(compareTickets('updated'))
      .slice(0, limit);
    const unassigned = open
      .filter((t) => t.assigneeId === null)
      .sort(compareTickets('priority'))
      .slice(0, limit);
    await this.sync.prefetch([...mine, ...unassigned].map((t) => ticketDocName(t.id)));
  }

  /** Creates a ticket (works offline); returns its id. */
  async createTicket(input: NewTicketInput): Promise<string> {
    assertMayEdit(this.role, 'change');
    const id = newId();
    const name = ticketDocName(id);
    const handle = this.sync.pool.acquire(name, { live: false });
    try {
      await handle.whenLoaded;
      const body = input.firstNote.trim();
      const kind = input.firstKind ?? 'note';
      const ticket: NewTicket = {
        id,
        workspaceId: this.workspaceId,
        subject: input.subject,
        priority: input.priority,
        channel: kind === 'inbound' ? 'phone' : 'web',
        requesterId: input.requesterId,
        assigneeId: input.assigneeId,
        ...(body && kind !== 'reply' ? { firstMessage: { kind, body, author: this.actor } } : {})
      };
      createTicket(handle.doc, ticket, this.actor, this.now());
      // A reply goes through the thread's own rule (first response, the ticket opens).
      if (body && kind === 'reply')
        addThreadEntry(handle.doc, 'reply', body, this.actor, this.now());
      refreshSummary(this.editContext, handle.doc);
    } finally {
      handle.release();
    }
    this.sync.keep(name);
    return id;
  }
}
