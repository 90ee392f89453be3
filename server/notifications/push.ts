/**
 * Sending one Web Push message. `web-push` encrypts the payload (aes128gcm) and signs the VAPID
 * header; the request itself is made here, to the one address the endpoint's host was checked
 * against (`mail/mail-host.ts`): members choose their endpoints, so without the check the
 * server would post to whatever it can reach (its loopback, its LAN, a metadata service), and
 * a second DNS look-up at connect time could be answered differently. Plain http and internal
 * hosts are allowed only with BATON_PUSH_ALLOW_PRIVATE_HOSTS (tests, a LAN push service).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import webpush from 'web-push';
import { resolveMailHost } from '../mail/mail-host.ts';
import type { PushSubscriptionRow } from './store.ts';
import type { VapidKeys } from './vapid.ts';

export type PushOutcome =
  | { ok: true }
  /** The subscription is gone (404/410): forget it, do not retry. */
  | { ok: false; gone: true; error: string }
  | { ok: false; gone: false; retry: boolean; error: string };

export interface PushSender {
  send(sub: PushSubscriptionRow, payload: string, key: string): Promise<PushOutcome>;
}

/** A push service collapses messages with the same topic: at most 32 base64url characters. */
export function pushTopic(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

/** Whether an endpoint may be used at all (scheme); the host is checked when sending. */
export function endpointAllowed(endpoint: string, allowPrivate: boolean): boolean {
  try {
    const url = new URL(endpoint);
    return url.protocol === 'https:' || (allowPrivate && url.protocol === 'http:');
  } catch {
    return false;
  }
}

export function webPushSender(options: {
  vapid: VapidKeys;
  subject: string;
  allowPrivate: boolean;
  timeoutMs?: number;
}): PushSender {
  return {
    async send(sub, payload, key) {
      if (!endpointAllowed(sub.endpoint, options.allowPrivate)) {
        return { ok: false, gone: true, error: 'The endpoint is not an https URL.' };
      }
      let details: webpush.RequestDetails;
      try {
        details = webpush.generateRequestDetails(
          { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
          payload,
          {
            vapidDetails: { subject: options.subject, ...options.vapid },
            TTL: 24 * 3600,
            topic: pushTopic(key),
            urgency: 'high',
            contentEncoding: 'aes128gcm'
          }
        );
      } catch (error) {
        // Keys that do not encrypt (garbage a client registered): never deliverable.
        return {
          ok: false,
          gone: true,
          error: error instanceof Error ? error.message : 'bad keys'
        };
      }
      const url = new URL(details.endpoint);
      const target = await resolveMailHost(url.hostname, { allowPrivate: options.allowPrivate });
      if (!target.ok)
        return { ok: false, gone: true, error: `Push host refused: ${target.reason}` };
      return new Promise<PushOutcome>((resolve) => {
        const client = url.protocol === 'https:' ? https : http;
        const request = client.request(
          {
            host: target.address,
            ...(target.servername ? { servername: target.servername } : {}),
            port: url.port || (url.protocol === 'https:' ? 443 : 80),
            path: `${url.pathname}${url.search}`,
            method: 'POST',
            headers: { ...details.headers, host: url.host },
            timeout: options.timeoutMs ?? 15_000
          },
          (response) => {
            const status = response.statusCode ?? 0;
            response.resume();
            response.on('end', () => {
              if (status >= 200 && status < 300) resolve({ ok: true });
              else if (status === 404 || status === 410)
                resolve({ ok: false, gone: true, error: `The push service answered ${status}.` });
              else
                resolve({
                  ok: false,
                  gone: false,
                  retry: status === 429 || status >= 500,
                  error: `The push service answered ${status}.`
                });
            });
          }
        );
        request.on('timeout', () => request.destroy(new Error('The push service did not answer.')));
        request.on('error', (error) =>
          resolve({ ok: false, gone: false, retry: true, error: error.message })
        );
        request.end(details.body ?? undefined);
      });
    }
  };
}
