/**
 * Notifications, composed: the queue's tables (`store.ts`), the feed that turns ticket activity
 * into notifications (`feed.ts`), SLA warnings handed over by the breach worker, the delivery
 * worker (push and email, `delivery.ts`), and the services behind the HTTP API.
 *
 * Who is told, and how (decided once, when a notification is queued):
 *   - only members of the ticket's workspace, never the actor themself (`events.ts`);
 *   - in the app always (the inbox row itself);
 *   - by push, to each of the member's subscribed browsers, when their preference for the kind
 *     says so;
 *   - by email, when their preference for the kind says so and they are off shift at that
 *     moment by their own working hours (`memberNow(…).onShift`), to their account's address.
 */
import type { Locale } from '../../src/lib/i18n/locales.ts';
import {
  MarkRead,
  NotificationPrefs,
  PushSubscriptionInput,
  PushUnsubscribe
} from '../../src/lib/contract/notifications.ts';
import { errorBody } from '../../src/lib/contract/errors.ts';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { readTicketFields } from '../../src/lib/domain/ticket.ts';
import { MemberProfile, SYSTEM_ACTOR, type TicketFields } from '../../src/lib/domain/schema.ts';
import { memberNow } from '../../src/lib/domain/working-hours.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import type { NotificationServices } from '../../src/lib/server/notification-services.ts';
import type { SqliteDatabase } from '../db/database.ts';
import type { AccountMailer } from '../accounts/mailer.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import type { SecretBox } from '../mail/secret-box.ts';
import type { SlaWarningCheck } from '../workers/sla-breaches.ts';
import type { AutomationNotice } from '../workers/automations.ts';
import type { NotificationsConfig } from './config.ts';
import { startDelivery, type DeliveryWorker } from './delivery.ts';
import { warningEvents, type NotificationEvent } from './events.ts';
import { startNotificationFeed } from './feed.ts';
import { endpointAllowed, webPushSender, type PushSender } from './push.ts';
import { NotificationStore } from './store.ts';
import { vapidKeys, type VapidKeys } from './vapid.ts';

/** What notifications need to know about people (the accounts module answers). */
export interface NotificationPeople {
  isMember(memberId: string, workspaceId: string): boolean;
  email(memberId: string): string | null;
  name(memberId: string): string | null;
  locale(memberId: string): Locale | null;
}

export interface NotificationsDeps {
  database: SqliteDatabase;
  docs: DocManager;
  clock: Clock;
  config: NotificationsConfig;
  secretBox: SecretBox;
  mailer: AccountMailer;
  people: NotificationPeople;
  /**
   * Tells when a member's access changed (removed, role changed, signed out everywhere): their
   * open inbox streams are closed, and a browser that reconnects is authorized again.
   */
  accessChanges?: (listener: (memberId: string) => void) => () => void;
  /** How push messages leave (default: `web-push` to the subscription's endpoint). */
  push?: PushSender;
  log: (message: string, error?: unknown) => void;
}

type InboxListener = { workspaceId: string; memberId: string; tell(): void; closed(): void };

export class Notifications {
  readonly store: NotificationStore;
  readonly vapid: VapidKeys;
  readonly #deps: NotificationsDeps;
  readonly #listeners = new Set<InboxListener>();
  #push: PushSender | null = null;
  #stopFeed: (() => void) | null = null;
  #stopAccess: (() => void) | null = null;
  #delivery: DeliveryWorker | null = null;

  constructor(deps: NotificationsDeps) {
    this.#deps = deps;
    this.store = new NotificationStore(deps.database, () => deps.clock.now());
    this.vapid = vapidKeys(this.store, deps.secretBox, deps.config.vapid);
  }

  /**
   * Starts the feed and the delivery worker; settles what a crash left half-sent first. Called
   * after the demo seed, so that the seeded tickets' activity is older than the feed's epoch.
   */
  start(): void {
    const { docs, clock, config, log } = this.#deps;
    const interrupted = this.store.recoverInterrupted();
    if (interrupted.email > 0) {
      log(
        `${interrupted.email} notification email(s) were interrupted while sending; not sent again.`
      );
    }
    this.#stopAccess =
      this.#deps.accessChanges?.((memberId) => {
        for (const listener of [...this.#listeners]) {
          if (listener.memberId !== memberId) continue;
          this.#listeners.delete(listener);
          listener.closed();
        }
      }) ?? null;
    const catchUp = { ms: config.catchUpMs, epoch: this.store.feedEpoch(clock.now()) };
    this.#stopFeed = startNotificationFeed(docs, clock, catchUp, (fields, event) =>
      this.#enqueue(fields.workspaceId, fields, event)
    );
    this.#delivery = startDelivery({
      store: this.store,
      push: () => this.#pushSender(),
      mailer: this.#deps.mailer,
      clock,
      locale: (memberId) => this.#deps.people.locale(memberId),
      memberName: (memberId) => this.#deps.people.name(memberId),
      appUrl: config.appUrl,
      pollMs: config.pollMs,
      retryBaseMs: config.retryBaseMs,
      maxAttempts: config.maxAttempts,
      log
    });
  }

  /** The SLA breach worker's hook: clocks past their warning threshold tell the assignee. */
  readonly onSlaWarning = (check: SlaWarningCheck): void => {
    const events = warningEvents(
      { ticketId: check.ticketId, assigneeId: check.assigneeId },
      check.clocks,
      SYSTEM_ACTOR.id,
      check.now
    );
    if (events.length === 0) return;
    const fields = this.#deps.docs.read(ticketDocName(check.ticketId), readTicketFields);
    if (!fields) return;
    for (const event of events) this.#enqueue(check.workspaceId, fields, event);
  };

  /**
   * The automations worker's hook: a run whose `notify` action named members tells each of them
   * (not the system actor), once per run (the run's key is in the event's key).
   */
  readonly onAutomationNotice = (notice: AutomationNotice): void => {
    const fields = this.#deps.docs.read(ticketDocName(notice.ticketId), readTicketFields);
    if (!fields) return;
    for (const memberId of new Set(notice.memberIds)) {
      this.#enqueue(notice.workspaceId, fields, {
        key: `automation:${notice.ticketId}:${notice.runKey}:${memberId}`,
        kind: 'automation',
        ticketId: notice.ticketId,
        memberId,
        actorId: SYSTEM_ACTOR.id,
        at: notice.at,
        metric: null
      });
    }
  };

  /** Resolves when the delivery worker has nothing in hand (tests). */
  async delivered(): Promise<void> {
    await this.#delivery?.idle();
  }

  /** Looks at the queue now (tests; the worker also polls). */
  wake(): void {
    this.#delivery?.wake();
  }

  async close(): Promise<void> {
    this.#stopFeed?.();
    this.#stopFeed = null;
    this.#stopAccess?.();
    this.#stopAccess = null;
    await this.#delivery?.stop();
    this.#delivery = null;
    for (const listener of this.#listeners) listener.closed();
    this.#listeners.clear();
  }

  #pushSender(): PushSender {
    this.#push ??=
      this.#deps.push ??
      webPushSender({
        vapid: this.vapid,
        subject: this.#deps.config.vapidSubject,
        allowPrivate: this.#deps.config.allowPrivatePushHosts
      });
    return this.#push;
  }

  #profile(workspaceId: string, memberId: string): MemberProfile | null {
    return this.#deps.docs.read(indexDocName(workspaceId), (doc) => {
      const parsed = MemberProfile.safeParse(indexParts(doc).members.get(memberId));
      return parsed.success ? parsed.data : null;
    });
  }

  #enqueue(
    workspaceId: string,
    ticket: Pick<TicketFields, 'number' | 'subject'>,
    event: NotificationEvent
  ): void {
    const { people, clock } = this.#deps;
    if (this.store.has(event.key)) return;
    if (!people.isMember(event.memberId, workspaceId)) return;
    try {
      const added = this.store.enqueue(
        workspaceId,
        event,
        () => ({
          ticketNumber: ticket.number,
          subject: ticket.subject,
          ...(event.entryId ? { entryId: event.entryId } : {}),
          actorName:
            event.kind === 'assigned' ||
            event.kind === 'handover' ||
            event.kind === 'mentioned' ||
            event.kind === 'side-conversation'
              ? event.actorId === SYSTEM_ACTOR.id
                ? SYSTEM_ACTOR.name
                : (this.#profile(workspaceId, event.actorId)?.name ??
                  people.name(event.actorId) ??
                  null)
              : null
        }),
        () => {
          const prefs = this.store.prefs(workspaceId, event.memberId)[event.kind];
          const targets: { channel: 'push' | 'email'; target: string }[] = [];
          if (prefs.push) {
            for (const sub of this.store.subscriptions(event.memberId))
              targets.push({ channel: 'push', target: sub.endpoint });
          }
          if (prefs.email) {
            const profile = this.#profile(workspaceId, event.memberId);
            const email = people.email(event.memberId);
            if (profile && email && !memberNow(profile, clock.now()).onShift)
              targets.push({ channel: 'email', target: email });
          }
          return targets;
        }
      );
      if (!added) return;
    } catch (error) {
      this.#deps.log(`Could not queue notification ${event.key}`, error);
      return;
    }
    this.#tell(workspaceId, event.memberId);
    this.#delivery?.wake();
  }

  #tell(workspaceId: string, memberId: string): void {
    for (const listener of this.#listeners) {
      if (listener.workspaceId === workspaceId && listener.memberId === memberId) listener.tell();
    }
  }

  services(): NotificationServices {
    const ok = (body: unknown, status = 200) => ({ status, body });
    const invalid = (message: string) => ({
      status: 400,
      body: errorBody('invalid-request', message)
    });
    const fieldOf = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
      issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`).join('; ');
    return {
      list: async (workspaceId, memberId) =>
        ok({
          items: this.store.list(workspaceId, memberId),
          unread: this.store.unread(workspaceId, memberId)
        }),
      markRead: async (workspaceId, memberId, body) => {
        const parsed = MarkRead.safeParse(body);
        if (!parsed.success) return invalid(fieldOf(parsed.error.issues));
        const changed = this.store.markRead(
          workspaceId,
          memberId,
          'keys' in parsed.data ? parsed.data.keys : null
        );
        if (changed > 0) this.#tell(workspaceId, memberId);
        return ok({ unread: this.store.unread(workspaceId, memberId) });
      },
      prefs: async (workspaceId, memberId) =>
        ok({
          prefs: this.store.prefs(workspaceId, memberId),
          vapidPublicKey: this.vapid.publicKey
        }),
      setPrefs: async (workspaceId, memberId, body) => {
        const parsed = NotificationPrefs.safeParse(
          body && typeof body === 'object' && 'prefs' in body ? body.prefs : body
        );
        if (!parsed.success) return invalid(fieldOf(parsed.error.issues));
        this.store.setPrefs(workspaceId, memberId, parsed.data);
        return ok({
          prefs: this.store.prefs(workspaceId, memberId),
          vapidPublicKey: this.vapid.publicKey
        });
      },
      subscribe: async (_workspaceId, memberId, body) => {
        const parsed = PushSubscriptionInput.safeParse(body);
        if (!parsed.success) return invalid(fieldOf(parsed.error.issues));
        if (!endpointAllowed(parsed.data.endpoint, this.#deps.config.allowPrivatePushHosts)) {
          return invalid('endpoint: must be an https URL');
        }
        this.store.subscribe(memberId, {
          endpoint: parsed.data.endpoint,
          p256dh: parsed.data.keys.p256dh,
          auth: parsed.data.keys.auth
        });
        return ok(null, 204);
      },
      unsubscribe: async (_workspaceId, memberId, body) => {
        const parsed = PushUnsubscribe.safeParse(body);
        if (!parsed.success) return invalid(fieldOf(parsed.error.issues));
        this.store.unsubscribe(parsed.data.endpoint, memberId);
        return ok(null, 204);
      },
      watch: (workspaceId, memberId, listener, closed) => {
        const entry: InboxListener = {
          workspaceId,
          memberId,
          tell: () => listener(this.store.unread(workspaceId, memberId)),
          closed
        };
        this.#listeners.add(entry);
        entry.tell();
        return () => this.#listeners.delete(entry);
      }
    };
  }
}
