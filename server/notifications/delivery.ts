/**
 * The delivery worker: takes due deliveries from the queue (`store.claim`, which marks them
 * `sending` first), sends each one — a push message to one subscription, or an email to one
 * address — and records the outcome. A failure that may pass (a network error, 429, 5xx) is
 * tried again later, doubling the wait from `retryBaseMs`, up to `maxAttempts`; a subscription
 * the push service calls gone (404/410) is forgotten. Woken when something is queued, and
 * every `pollMs` for retries.
 *
 * Words are written here in the member's language (their profile's choice, else English):
 * the service worker shows a push message's title and body as they come.
 */
import type { PushPayload } from '../../src/lib/contract/notifications.ts';
import type { Locale } from '../../src/lib/i18n/locales.ts';
import {
  emailBody,
  emailSubject,
  kindTitle,
  notificationLine
} from '../../src/lib/i18n/messages/notifications.ts';
import type { AccountMailer } from '../accounts/mailer.ts';
import type { Clock } from '../config.ts';
import type { PushSender } from './push.ts';
import type { Delivery, NotificationStore, QueuedNotification } from './store.ts';

export interface DeliveryDeps {
  store: NotificationStore;
  push: () => PushSender;
  mailer: AccountMailer;
  clock: Clock;
  locale: (memberId: string) => Locale | null;
  memberName: (memberId: string) => string | null;
  appUrl: string;
  pollMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  log: (message: string, error?: unknown) => void;
}

export interface DeliveryWorker {
  wake(): void;
  /** Resolves when nothing is being sent (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const BATCH = 20;

export function ticketUrl(
  appUrl: string,
  n: Pick<QueuedNotification, 'workspaceId' | 'ticketId'> & {
    detail?: Pick<QueuedNotification['detail'], 'entryId'>;
  }
) {
  // A mention opens the ticket at the note or side message (`#entry-<id>`).
  const anchor = n.detail?.entryId ? `#entry-${encodeURIComponent(n.detail.entryId)}` : '';
  return `${appUrl}/w/${encodeURIComponent(n.workspaceId)}/t/${encodeURIComponent(n.ticketId)}${anchor}`;
}

export function ticketLabel(n: QueuedNotification): string {
  return n.detail.ticketNumber !== null ? `#${n.detail.ticketNumber}` : n.detail.subject;
}

/** The push message of a notification, in `locale`. */
export function pushPayload(n: QueuedNotification, locale: Locale, appUrl: string): PushPayload {
  const o = { locale };
  const line = notificationLine(
    { kind: n.kind, ticket: ticketLabel(n), actor: n.detail.actorName, metric: n.metric },
    o
  );
  return {
    key: n.key,
    title: kindTitle(n.kind, o),
    body: n.detail.ticketNumber !== null ? `${line}: ${n.detail.subject}` : line,
    url: ((url) => url.pathname + url.hash)(new URL(ticketUrl(appUrl, n)))
  };
}

export function startDelivery(deps: DeliveryDeps): DeliveryWorker {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const retryAt = (attempts: number) =>
    deps.clock.now() + deps.retryBaseMs * 2 ** Math.max(0, attempts - 1);

  const failOrRetry = (delivery: Delivery, error: string) => {
    if (delivery.attempts >= deps.maxAttempts)
      deps.store.finish(delivery, { state: 'failed', error });
    else deps.store.finish(delivery, { retryAt: retryAt(delivery.attempts), error });
  };

  const sendOne = async (delivery: Delivery) => {
    const n = deps.store.notification(delivery.key);
    if (!n) {
      deps.store.finish(delivery, { state: 'failed', error: 'The notification is gone.' });
      return;
    }
    const locale = deps.locale(n.memberId) ?? 'en';
    if (delivery.channel === 'push') {
      const sub = deps.store.subscription(delivery.target);
      if (!sub || sub.memberId !== n.memberId) {
        deps.store.finish(delivery, { state: 'failed', error: 'No longer subscribed.' });
        return;
      }
      const outcome = await deps
        .push()
        .send(sub, JSON.stringify(pushPayload(n, locale, deps.appUrl)), n.key);
      if (outcome.ok) deps.store.finish(delivery, { state: 'sent' });
      else if (outcome.gone) {
        deps.store.unsubscribe(sub.endpoint, null);
        deps.store.finish(delivery, { state: 'failed', error: outcome.error });
      } else if (outcome.retry) failOrRetry(delivery, outcome.error);
      else deps.store.finish(delivery, { state: 'failed', error: outcome.error });
      return;
    }
    const o = { locale };
    const line = notificationLine(
      { kind: n.kind, ticket: ticketLabel(n), actor: n.detail.actorName, metric: n.metric },
      o
    );
    try {
      await deps.mailer.send({
        to: delivery.target,
        subject: emailSubject(
          { kind: n.kind, ticket: ticketLabel(n), subject: n.detail.subject },
          o
        ),
        text: emailBody(
          {
            name: deps.memberName(n.memberId) ?? '',
            line,
            subject: n.detail.subject,
            link: ticketUrl(deps.appUrl, n)
          },
          o
        )
      });
      deps.store.finish(delivery, { state: 'sent' });
    } catch (error) {
      failOrRetry(delivery, error instanceof Error ? error.message : String(error));
    }
  };

  const run = async () => {
    do {
      again = false;
      let batch: Delivery[];
      try {
        batch = deps.store.claim(BATCH);
      } catch (error) {
        deps.log('Could not read the notification queue', error);
        return;
      }
      for (const delivery of batch) {
        try {
          await sendOne(delivery);
        } catch (error) {
          deps.log(`Could not deliver notification ${delivery.key}`, error);
          try {
            failOrRetry(delivery, error instanceof Error ? error.message : String(error));
          } catch {
            // The store is closing; `sending` is settled at the next start.
          }
        }
      }
      if (batch.length === BATCH) again = true;
    } while (again && !stopped);
  };

  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = null;
      schedule();
    });
  };

  const schedule = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      kick();
    }, deps.pollMs);
    timer.unref();
  };

  kick();

  return {
    wake: () => kick(),
    idle: async () => {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    }
  };
}
