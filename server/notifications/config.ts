/**
 * The notifications' settings, from the environment (zod at the boundary; each refusal names
 * the variable):
 *
 *   BATON_VAPID_PUBLIC_KEY, BATON_VAPID_PRIVATE_KEY  the Web Push key pair (base64url, as
 *       `web-push generate-vapid-keys` prints it); both or neither. Without them the server
 *       makes a pair on its first start and keeps it in its store (the private key sealed with
 *       BATON_SECRET_KEY, like mailbox secrets), so subscriptions survive restarts.
 *   BATON_VAPID_SUBJECT  who runs this server, for push services: `mailto:` or `https:`
 *       (default `mailto:` + BATON_ACCOUNT_MAIL_FROM's address).
 *   BATON_PUSH_ALLOW_PRIVATE_HOSTS  accept push endpoints on loopback or private addresses
 *       and over plain http (tests, a push service on the LAN); off: https to public hosts only.
 *   BATON_APP_URL  the address members open Baton at, for links in emails (default: the
 *       first of ORIGIN / BATON_ALLOWED_ORIGINS, else http://localhost:<PORT>).
 */
import { z } from 'zod';
import { ConfigError, type BatonConfig } from '../config.ts';

export interface NotificationsConfig {
  vapid: { publicKey: string; privateKey: string } | null;
  vapidSubject: string;
  allowPrivatePushHosts: boolean;
  appUrl: string;
  /** How often the delivery queue is looked at when nothing wakes it. */
  pollMs: number;
  /** How far back the feed looks over a ticket's activity when the ticket loads. */
  catchUpMs: number;
  /** First retry delay of a delivery; doubled per attempt, up to `maxAttempts`. */
  retryBaseMs: number;
  maxAttempts: number;
}

const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');
const Subject = z
  .string()
  .refine(
    (value) => /^(mailto:.+@.+|https:\/\/.+)$/.test(value),
    'must be a mailto: or https: URL'
  );

const Env = z.object({
  BATON_VAPID_PUBLIC_KEY: Base64Url.length(87, 'must be 65 bytes in base64url').optional(),
  BATON_VAPID_PRIVATE_KEY: Base64Url.length(43, 'must be 32 bytes in base64url').optional(),
  BATON_VAPID_SUBJECT: Subject.optional(),
  BATON_PUSH_ALLOW_PRIVATE_HOSTS: z.enum(['0', '1', 'true', 'false']).optional(),
  BATON_APP_URL: z.url().optional(),
  BATON_NOTIFY_POLL_MS: z.coerce.number().int().min(50).optional()
});

export function loadNotificationsConfig(
  config: Pick<BatonConfig, 'accountMail' | 'allowedOrigins' | 'port'>,
  env: Record<string, string | undefined> = process.env
): NotificationsConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => name.startsWith('BATON_') && value)
  );
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment for Baton:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (!!e.BATON_VAPID_PUBLIC_KEY !== !!e.BATON_VAPID_PRIVATE_KEY) {
    const missing = e.BATON_VAPID_PUBLIC_KEY ? 'BATON_VAPID_PRIVATE_KEY' : 'BATON_VAPID_PUBLIC_KEY';
    throw new ConfigError(
      `Invalid environment for Baton:\n  ${missing}: set both VAPID keys, or neither`
    );
  }
  const from = /<([^>]+)>/.exec(config.accountMail.from)?.[1] ?? config.accountMail.from;
  return {
    vapid:
      e.BATON_VAPID_PUBLIC_KEY && e.BATON_VAPID_PRIVATE_KEY
        ? { publicKey: e.BATON_VAPID_PUBLIC_KEY, privateKey: e.BATON_VAPID_PRIVATE_KEY }
        : null,
    vapidSubject:
      e.BATON_VAPID_SUBJECT ?? (from.includes('@') ? `mailto:${from}` : 'mailto:baton@example.com'),
    allowPrivatePushHosts:
      e.BATON_PUSH_ALLOW_PRIVATE_HOSTS === '1' || e.BATON_PUSH_ALLOW_PRIVATE_HOSTS === 'true',
    appUrl: (
      e.BATON_APP_URL ??
      config.allowedOrigins?.[0] ??
      `http://localhost:${config.port}`
    ).replace(/\/+$/, ''),
    pollMs: e.BATON_NOTIFY_POLL_MS ?? 5_000,
    catchUpMs: 3 * 24 * 3_600_000,
    retryBaseMs: 30_000,
    maxAttempts: 8
  };
}
