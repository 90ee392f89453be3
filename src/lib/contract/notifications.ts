/**
 * The notifications API, written once for the server and the browser: the event kinds, the
 * inbox's items, a member's preferences, a Web Push subscription, and the paths.
 *
 *   GET    /api/workspaces/<ws>/notifications          the member's inbox (newest first)
 *   POST   /api/workspaces/<ws>/notifications/read     `{ keys }` or `{ all: true }` marked read
 *   GET    /api/workspaces/<ws>/notifications/stream   Server-Sent Events: `changed` (data: the
 *                                                      unread count) whenever the inbox changes
 *   GET    /api/workspaces/<ws>/notifications/prefs    preferences and the VAPID public key
 *   PUT    /api/workspaces/<ws>/notifications/prefs    preferences
 *   POST   /api/workspaces/<ws>/notifications/push     subscribe this browser to Web Push
 *   DELETE /api/workspaces/<ws>/notifications/push     `{ endpoint }`: unsubscribe it
 */
import { z } from 'zod';
import type { SlaMetric } from '../domain/sla';
import { workspacePath } from './endpoints';

export const NOTIFICATION_KINDS = [
  'assigned',
  'handover',
  'sla-warning',
  'sla-breach',
  'bad-rating',
  /** A note or a side message mentioned the member (`domain/mentions.ts`). */
  'mentioned',
  /** A new message in a side conversation the member takes part in. */
  'side-conversation',
  /** An automation's `notify` action named the member (`server/workers/automations.ts`). */
  'automation'
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

// The SLA's metrics (`domain/sla.ts` SLA_METRICS), spelled here so that the bell does not load
// the SLA code; the type below keeps the two lists equal.
const METRICS = ['firstReply', 'nextReply', 'resolution'] as const satisfies readonly SlaMetric[];
type SameMetrics = SlaMetric extends (typeof METRICS)[number] ? true : never;
const sameMetrics: SameMetrics = true;
void sameMetrics;

export const NotificationItem = z.object({
  key: z.string(),
  kind: NotificationKind,
  ticketId: z.string(),
  ticketNumber: z.number().int().nullable(),
  subject: z.string(),
  /** Who did it (assigned, handed over); `null` for the SLA's own events. */
  actorName: z.string().nullable(),
  metric: z.enum(METRICS).nullable(),
  /** The note or side message it is about (`mentioned`, `side-conversation`): the link's anchor. */
  entryId: z.string().nullable().optional(),
  at: z.number(),
  read: z.boolean()
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationList = z.object({
  items: z.array(NotificationItem),
  unread: z.number().int().min(0)
});
export type NotificationList = z.infer<typeof NotificationList>;

/** POST …/notifications/read */
export const MarkRead = z.union([
  z.strictObject({ keys: z.array(z.string().min(1).max(500)).min(1).max(500) }),
  z.strictObject({ all: z.literal(true) })
]);
export type MarkRead = z.infer<typeof MarkRead>;

export const Unread = z.object({ unread: z.number().int().min(0) });

/** In-app is always on; web push and email (when off shift) per kind. */
export const KindPrefs = z.strictObject({ push: z.boolean(), email: z.boolean() });
export type KindPrefs = z.infer<typeof KindPrefs>;

export const NotificationPrefs = z.strictObject({
  assigned: KindPrefs,
  handover: KindPrefs,
  'sla-warning': KindPrefs,
  'sla-breach': KindPrefs,
  'bad-rating': KindPrefs,
  mentioned: KindPrefs,
  'side-conversation': KindPrefs,
  automation: KindPrefs
});
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;

/** Push is on for every kind (it needs a subscription anyway); email only when chosen. */
export const DEFAULT_PREFS: NotificationPrefs = {
  assigned: { push: true, email: false },
  handover: { push: true, email: false },
  'sla-warning': { push: true, email: false },
  'sla-breach': { push: true, email: false },
  'bad-rating': { push: true, email: false },
  mentioned: { push: true, email: false },
  'side-conversation': { push: true, email: false },
  automation: { push: true, email: false }
};

export const PrefsAnswer = z.object({
  prefs: NotificationPrefs,
  /** The server's VAPID public key (base64url), for `PushManager.subscribe`. */
  vapidPublicKey: z.string()
});
export type PrefsAnswer = z.infer<typeof PrefsAnswer>;

/** A browser's `PushSubscription.toJSON()`, as much of it as the server keeps. */
export const PushSubscriptionInput = z.object({
  endpoint: z.url().max(2000),
  keys: z.object({
    p256dh: z.string().min(1).max(200),
    auth: z.string().min(1).max(100)
  })
});
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionInput>;

export const PushUnsubscribe = z.object({ endpoint: z.string().min(1).max(2000) });

/** What a push message carries: the words are already in the member's language. */
export const PushPayload = z.object({
  key: z.string(),
  title: z.string(),
  body: z.string(),
  /** The ticket's page, opened when the notification is clicked. */
  url: z.string()
});
export type PushPayload = z.infer<typeof PushPayload>;

export const notificationsPath = (workspaceId: string, rest = '') =>
  workspacePath(workspaceId, `/notifications${rest}`);
