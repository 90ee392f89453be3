/**
 * The notifications module's own tables (`notificationsSchema`, run by server/db/migrate.ts with
 * the other modules' lists, each with its own bookkeeping), for SQLite and PostgreSQL.
 * Timestamps are epoch milliseconds (BIGINT on PostgreSQL).
 *
 *   notifications            the inbox: one row per (event, member), by a key derived from the
 *                            event itself (`events.ts`), so the same event is never queued twice
 *   notification_deliveries  the durable queue of what leaves Baton: one row per notification,
 *                            channel and target (a push subscription, an email address), with
 *                            its state, attempts and last error
 *   notification_prefs       per member, workspace and event kind: web push on/off, email when
 *                            off shift on/off (a missing row: the defaults in `prefs.ts`)
 *   push_subscriptions       a browser's Web Push subscription (endpoint and keys), per member
 *   notification_keys        the server's VAPID key pair when none is configured, the private
 *                            key sealed like mailbox secrets (`mail/secret-box.ts`)
 *   notification_state       small named values; `feed-epoch`: when this store first ran the feed
 *                            (activity from before it is history, never a notification)
 */
import type { ModuleSchema } from '../db/migrate.ts';

export type NotificationTables = {
  notifications: {
    key: string;
    workspace_id: string;
    member_id: string;
    kind: string;
    ticket_id: string;
    /** JSON: what the inbox shows (number, subject, actor's name, SLA metric). */
    detail: string;
    at: number;
    created_at: number;
    read_at: number | null;
  };
  notification_deliveries: {
    notification_key: string;
    channel: 'push' | 'email';
    /** The push subscription's endpoint, or the email address. */
    target: string;
    state: 'pending' | 'sending' | 'sent' | 'failed' | 'unknown';
    attempts: number;
    next_at: number;
    last_error: string | null;
    updated_at: number;
  };
  notification_prefs: {
    workspace_id: string;
    member_id: string;
    kind: string;
    push: number;
    email: number;
  };
  push_subscriptions: {
    endpoint: string;
    member_id: string;
    p256dh: string;
    auth: string;
    created_at: number;
  };
  notification_keys: { id: string; public_key: string; private_key: string; created_at: number };
  notification_state: { name: string; value: string };
};

function tables(time: 'INTEGER' | 'BIGINT'): string[] {
  return [
    `CREATE TABLE notifications (
       key TEXT PRIMARY KEY,
       workspace_id TEXT NOT NULL,
       member_id TEXT NOT NULL,
       kind TEXT NOT NULL,
       ticket_id TEXT NOT NULL,
       detail TEXT NOT NULL,
       at ${time} NOT NULL,
       created_at ${time} NOT NULL,
       read_at ${time}
     )`,
    `CREATE INDEX notifications_by_member ON notifications (workspace_id, member_id, created_at)`,
    `CREATE TABLE notification_deliveries (
       notification_key TEXT NOT NULL REFERENCES notifications (key) ON DELETE CASCADE,
       channel TEXT NOT NULL CHECK (channel IN ('push', 'email')),
       target TEXT NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'unknown')),
       attempts INTEGER NOT NULL,
       next_at ${time} NOT NULL,
       last_error TEXT,
       updated_at ${time} NOT NULL,
       PRIMARY KEY (notification_key, channel, target)
     )`,
    `CREATE INDEX notification_deliveries_due ON notification_deliveries (state, next_at)`,
    `CREATE TABLE notification_prefs (
       workspace_id TEXT NOT NULL,
       member_id TEXT NOT NULL,
       kind TEXT NOT NULL,
       push INTEGER NOT NULL,
       email INTEGER NOT NULL,
       PRIMARY KEY (workspace_id, member_id, kind)
     )`,
    `CREATE TABLE push_subscriptions (
       endpoint TEXT PRIMARY KEY,
       member_id TEXT NOT NULL,
       p256dh TEXT NOT NULL,
       auth TEXT NOT NULL,
       created_at ${time} NOT NULL
     )`,
    `CREATE INDEX push_subscriptions_by_member ON push_subscriptions (member_id)`,
    `CREATE TABLE notification_keys (
       id TEXT PRIMARY KEY,
       public_key TEXT NOT NULL,
       private_key TEXT NOT NULL,
       created_at ${time} NOT NULL
     )`
  ];
}

export const notificationsSchema: ModuleSchema = {
  module: 'notifications',
  steps: [
    { name: '0001-notifications', sqlite: tables('INTEGER'), postgres: tables('BIGINT') },
    {
      name: '0002-notification-state',
      sqlite: ['CREATE TABLE notification_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)'],
      postgres: ['CREATE TABLE notification_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)']
    }
  ]
};
