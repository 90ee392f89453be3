/**
 * The notifications module's port onto its own tables (`migrations.ts`), synchronous on SQLite
 * like the mail store: the feed enqueues inside a document's update, in the same turn.
 *
 * The queue's two promises:
 *   - an event is queued once: its key is the primary key, and `enqueue` is one transaction
 *     that inserts the notification and its deliveries only if the key is new;
 *   - a delivery leaves at most once: `claim` moves it to `sending` (and counts the attempt)
 *     before anything is sent, `finish` records the outcome. What a crash leaves in `sending`
 *     is settled at the next start by `recoverInterrupted`: push goes again (the push service
 *     and the service worker collapse a repeat by its key: the same topic and tag, so the
 *     member sees one), email does not (SMTP has no such collapse; it is marked `unknown`).
 */
import { SqliteStatements, type SqliteDatabase } from '../db/database.ts';
import {
  DEFAULT_PREFS,
  NOTIFICATION_KINDS,
  type NotificationItem,
  type NotificationKind,
  type NotificationPrefs
} from '../../src/lib/contract/notifications.ts';
import type { NotificationTables } from './migrations.ts';
import type { NotificationEvent } from './events.ts';

/** What the inbox shows about a notification, taken when it is queued. */
export interface NotificationDetail {
  ticketNumber: number | null;
  subject: string;
  actorName: string | null;
  /** The note or side message it is about, when it is about one. */
  entryId?: string;
}

export interface Delivery {
  key: string;
  channel: 'push' | 'email';
  target: string;
  attempts: number;
}

export interface QueuedNotification {
  key: string;
  workspaceId: string;
  memberId: string;
  kind: NotificationKind;
  ticketId: string;
  detail: NotificationDetail;
  metric: NotificationItem['metric'];
  at: number;
}

export interface PushSubscriptionRow {
  endpoint: string;
  p256dh: string;
  auth: string;
}

type StoredDetail = NotificationDetail & { metric: NotificationItem['metric'] };

function parseDetail(text: string): StoredDetail {
  const value = JSON.parse(text) as Partial<StoredDetail>;
  return {
    ticketNumber: typeof value.ticketNumber === 'number' ? value.ticketNumber : null,
    subject: typeof value.subject === 'string' ? value.subject : '',
    actorName: typeof value.actorName === 'string' ? value.actorName : null,
    ...(typeof value.entryId === 'string' ? { entryId: value.entryId } : {}),
    metric: value.metric ?? null
  };
}

function isKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export class NotificationStore {
  readonly #q: SqliteStatements;
  readonly #k;
  readonly #now: () => number;

  constructor(database: SqliteDatabase, now: () => number) {
    this.#q = new SqliteStatements(database.sqlite);
    this.#k = database.kysely.withTables<NotificationTables>();
    this.#now = now;
  }

  /**
   * Queues a notification and its deliveries, once per key. Returns whether it was new.
   * `targets` are asked only for a new key (a repeat costs one primary-key look-up).
   */
  enqueue(
    workspaceId: string,
    event: NotificationEvent,
    detail: () => NotificationDetail,
    targets: () => { channel: 'push' | 'email'; target: string }[]
  ): boolean {
    const k = this.#k;
    return this.#q.transaction(() => {
      const known = this.#q.first(
        k.selectFrom('notifications').select('key').where('key', '=', event.key)
      );
      if (known) return false;
      const now = this.#now();
      this.#q.run(
        k.insertInto('notifications').values({
          key: event.key,
          workspace_id: workspaceId,
          member_id: event.memberId,
          kind: event.kind,
          ticket_id: event.ticketId,
          detail: JSON.stringify({ ...detail(), metric: event.metric }),
          at: event.at,
          created_at: now,
          read_at: null
        })
      );
      for (const { channel, target } of targets()) {
        this.#q.run(
          k
            .insertInto('notification_deliveries')
            .values({
              notification_key: event.key,
              channel,
              target,
              state: 'pending',
              attempts: 0,
              next_at: now,
              last_error: null,
              updated_at: now
            })
            .onConflict((oc) => oc.doNothing())
        );
      }
      return true;
    }, 'immediate');
  }

  has(key: string): boolean {
    return (
      this.#q.first(this.#k.selectFrom('notifications').select('key').where('key', '=', key)) !==
      undefined
    );
  }

  /** The member's inbox in a workspace, newest first. */
  list(workspaceId: string, memberId: string, limit = 100): NotificationItem[] {
    const rows = this.#q.all(
      this.#k
        .selectFrom('notifications')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('member_id', '=', memberId)
        .orderBy('created_at', 'desc')
        .orderBy('at', 'desc')
        .orderBy('key')
        .limit(limit)
    );
    return rows.flatMap((row) => {
      if (!isKind(row.kind)) return [];
      const detail = parseDetail(row.detail);
      return [
        {
          key: row.key,
          kind: row.kind,
          ticketId: row.ticket_id,
          ticketNumber: detail.ticketNumber,
          subject: detail.subject,
          actorName: detail.actorName,
          metric: detail.metric,
          entryId: detail.entryId ?? null,
          at: row.at,
          read: row.read_at !== null
        }
      ];
    });
  }

  unread(workspaceId: string, memberId: string): number {
    const row = this.#q.first(
      this.#k
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('workspace_id', '=', workspaceId)
        .where('member_id', '=', memberId)
        .where('read_at', 'is', null)
    );
    return Number(row?.count ?? 0);
  }

  /** Marks the member's own notifications read (`keys: null`: all of them). */
  markRead(workspaceId: string, memberId: string, keys: readonly string[] | null): number {
    let query = this.#k
      .updateTable('notifications')
      .set({ read_at: this.#now() })
      .where('workspace_id', '=', workspaceId)
      .where('member_id', '=', memberId)
      .where('read_at', 'is', null);
    if (keys) query = query.where('key', 'in', [...keys]);
    return this.#q.run(query).changes;
  }

  /** A notification as the deliveries need it. */
  notification(key: string): QueuedNotification | null {
    const row = this.#q.first(
      this.#k.selectFrom('notifications').selectAll().where('key', '=', key)
    );
    if (!row || !isKind(row.kind)) return null;
    const { metric, ...detail } = parseDetail(row.detail);
    return {
      key: row.key,
      workspaceId: row.workspace_id,
      memberId: row.member_id,
      kind: row.kind,
      ticketId: row.ticket_id,
      detail,
      metric,
      at: row.at
    };
  }

  // ---- Deliveries ----

  /** Moves up to `limit` due deliveries to `sending`, counting the attempt; returns them. */
  claim(limit: number): Delivery[] {
    const k = this.#k;
    const now = this.#now();
    return this.#q.transaction(() => {
      const due = this.#q.all(
        k
          .selectFrom('notification_deliveries')
          .select(['notification_key', 'channel', 'target', 'attempts'])
          .where('state', '=', 'pending')
          .where('next_at', '<=', now)
          .orderBy('next_at')
          .limit(limit)
      );
      for (const row of due) {
        this.#q.run(
          k
            .updateTable('notification_deliveries')
            .set({ state: 'sending', attempts: row.attempts + 1, updated_at: now })
            .where('notification_key', '=', row.notification_key)
            .where('channel', '=', row.channel)
            .where('target', '=', row.target)
        );
      }
      return due.map((row) => ({
        key: row.notification_key,
        channel: row.channel,
        target: row.target,
        attempts: row.attempts + 1
      }));
    }, 'immediate');
  }

  /** Records a claimed delivery's outcome: sent, failed for good, or to try again at `retryAt`. */
  finish(
    delivery: Delivery,
    outcome:
      { state: 'sent' } | { state: 'failed'; error: string } | { retryAt: number; error: string }
  ): void {
    const now = this.#now();
    const set =
      'retryAt' in outcome
        ? { state: 'pending' as const, next_at: outcome.retryAt, last_error: outcome.error }
        : outcome.state === 'sent'
          ? { state: 'sent' as const, last_error: null }
          : { state: 'failed' as const, last_error: outcome.error };
    this.#q.run(
      this.#k
        .updateTable('notification_deliveries')
        .set({ ...set, updated_at: now })
        .where('notification_key', '=', delivery.key)
        .where('channel', '=', delivery.channel)
        .where('target', '=', delivery.target)
    );
  }

  /** At start: what a crash left in `sending` (see the header). Returns how many of each. */
  recoverInterrupted(): { push: number; email: number } {
    const k = this.#k;
    const now = this.#now();
    const push = this.#q.run(
      k
        .updateTable('notification_deliveries')
        .set({ state: 'pending', next_at: now, updated_at: now })
        .where('state', '=', 'sending')
        .where('channel', '=', 'push')
    ).changes;
    const email = this.#q.run(
      k
        .updateTable('notification_deliveries')
        .set({
          state: 'unknown',
          last_error: 'Interrupted while sending; not sent again.',
          updated_at: now
        })
        .where('state', '=', 'sending')
        .where('channel', '=', 'email')
    ).changes;
    return { push, email };
  }

  /** Every delivery of a notification (tests, diagnostics). */
  deliveries(key: string): { channel: string; target: string; state: string; attempts: number }[] {
    return this.#q.all(
      this.#k
        .selectFrom('notification_deliveries')
        .select(['channel', 'target', 'state', 'attempts'])
        .where('notification_key', '=', key)
        .orderBy('channel')
        .orderBy('target')
    );
  }

  // ---- Preferences ----

  prefs(workspaceId: string, memberId: string): NotificationPrefs {
    const prefs: NotificationPrefs = structuredClone(DEFAULT_PREFS);
    const rows = this.#q.all(
      this.#k
        .selectFrom('notification_prefs')
        .select(['kind', 'push', 'email'])
        .where('workspace_id', '=', workspaceId)
        .where('member_id', '=', memberId)
    );
    for (const row of rows) {
      if (isKind(row.kind)) prefs[row.kind] = { push: row.push === 1, email: row.email === 1 };
    }
    return prefs;
  }

  setPrefs(workspaceId: string, memberId: string, prefs: NotificationPrefs): void {
    const k = this.#k;
    this.#q.transaction(() => {
      for (const kind of NOTIFICATION_KINDS) {
        const values = { push: prefs[kind].push ? 1 : 0, email: prefs[kind].email ? 1 : 0 };
        this.#q.run(
          k
            .insertInto('notification_prefs')
            .values({ workspace_id: workspaceId, member_id: memberId, kind, ...values })
            .onConflict((oc) =>
              oc.columns(['workspace_id', 'member_id', 'kind']).doUpdateSet(values)
            )
        );
      }
    });
  }

  // ---- Push subscriptions ----

  /** Keeps a browser's subscription for the member (an endpoint moves to whoever subscribed last). */
  subscribe(memberId: string, sub: PushSubscriptionRow): void {
    const values = { member_id: memberId, p256dh: sub.p256dh, auth: sub.auth };
    this.#q.run(
      this.#k
        .insertInto('push_subscriptions')
        .values({ endpoint: sub.endpoint, created_at: this.#now(), ...values })
        .onConflict((oc) => oc.column('endpoint').doUpdateSet(values))
    );
  }

  /** Removes a subscription: the member's own (`memberId`), or any gone one (`null`). */
  unsubscribe(endpoint: string, memberId: string | null): boolean {
    let query = this.#k.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint);
    if (memberId !== null) query = query.where('member_id', '=', memberId);
    return this.#q.run(query).changes > 0;
  }

  subscriptions(memberId: string): PushSubscriptionRow[] {
    return this.#q.all(
      this.#k
        .selectFrom('push_subscriptions')
        .select(['endpoint', 'p256dh', 'auth'])
        .where('member_id', '=', memberId)
        .orderBy('created_at')
    );
  }

  subscription(endpoint: string): (PushSubscriptionRow & { memberId: string }) | null {
    const row = this.#q.first(
      this.#k.selectFrom('push_subscriptions').selectAll().where('endpoint', '=', endpoint)
    );
    return row
      ? { endpoint: row.endpoint, p256dh: row.p256dh, auth: row.auth, memberId: row.member_id }
      : null;
  }

  // ---- State ----

  /** When the feed first ran on this store (set once, at `now`, the first time it is asked). */
  feedEpoch(now: number): number {
    this.#q.run(
      this.#k
        .insertInto('notification_state')
        .values({ name: 'feed-epoch', value: String(now) })
        .onConflict((oc) => oc.column('name').doNothing())
    );
    const row = this.#q.first(
      this.#k.selectFrom('notification_state').select('value').where('name', '=', 'feed-epoch')
    );
    return Number(row?.value ?? now);
  }

  // ---- Keys ----

  key(id: string): { publicKey: string; privateKey: string } | null {
    const row = this.#q.first(
      this.#k.selectFrom('notification_keys').selectAll().where('id', '=', id)
    );
    return row ? { publicKey: row.public_key, privateKey: row.private_key } : null;
  }

  /** Stores a key pair once; returns the one stored (the first writer's, if two raced). */
  keepKey(
    id: string,
    pair: { publicKey: string; privateKey: string }
  ): { publicKey: string; privateKey: string } {
    this.#q.run(
      this.#k
        .insertInto('notification_keys')
        .values({
          id,
          public_key: pair.publicKey,
          private_key: pair.privateKey,
          created_at: this.#now()
        })
        .onConflict((oc) => oc.column('id').doNothing())
    );
    return this.key(id) ?? pair;
  }
}
