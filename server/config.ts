/**
 * Baton's configuration, read once from the environment and validated with zod so that a typo
 * fails the start with a message naming the variable instead of surfacing later as odd behaviour.
 */
import { z } from 'zod';
import { parseSecretKey } from './mail/secret-box.ts';
import { parseOAuthConfig, type OAuthConfig } from './mail/oauth-config.ts';
import type { WriteQuotaLimits } from './write-quota.ts';

const Flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((value) => ['1', 'true', 'on', 'yes'].includes(value));

const OriginList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean)
  )
  .pipe(z.array(z.url({ protocol: /^https?$/ })));

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  BATON_DATA_DIR: z.string().min(1).default('./data'),
  ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
  BATON_ALLOWED_ORIGINS: OriginList.optional(),
  /** Default: on, except with NODE_ENV=production (where it may not be turned on). */
  BATON_DEMO: Flag.optional(),
  /** The password of the demo accounts (shown on the sign-in page while the demo is on). */
  BATON_DEMO_PASSWORD: z.string().min(8).max(256).default('baton-demo'),
  /** The development identity cookie (tests and benchmarks); refused in production. */
  BATON_DEV_IDENTITY: Flag.default(false),
  NODE_ENV: z.string().optional(),
  /** adapter-node's: the header a reverse proxy writes the client's address in. */
  ADDRESS_HEADER: z.string().trim().toLowerCase().min(1).optional(),
  /** adapter-node's: with ADDRESS_HEADER=x-forwarded-for, the number of trusted proxies. */
  XFF_DEPTH: z.coerce.number().int().min(1).default(1),
  /** SMTP for account mail (resets, invitations), e.g. smtp://user:pass@host:587. */
  BATON_ACCOUNT_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  BATON_ACCOUNT_MAIL_FROM: z.string().min(3).max(320).default('Baton <no-reply@baton.invalid>'),
  BATON_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024),
  BATON_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(500),
  BATON_RATE_LIMIT_PER_SECOND: z.coerce.number().min(1).default(200),
  BATON_RATE_LIMIT_BYTES_BURST: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  BATON_RATE_LIMIT_BYTES_PER_SECOND: z.coerce
    .number()
    .min(1024)
    .default(1024 * 1024),
  BATON_MAX_SOCKETS_PER_MEMBER: z.coerce.number().int().min(0).default(50),
  BATON_MAX_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(0).default(200),
  BATON_PRESENCE_MAX_STATES: z.coerce.number().int().min(1).default(100),
  BATON_UNLOAD_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  BATON_COMPACT_EVERY_MS: z.coerce.number().int().min(100).default(30_000),
  BATON_COMPACT_THRESHOLD: z.coerce.number().int().min(1).default(500),
  BATON_PING_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  /** Growth one member may add to one document (server/write-quota.ts). */
  BATON_WRITE_BYTES_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  BATON_WRITE_BYTES_BURST: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024),
  BATON_WRITE_ENTRIES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  BATON_WRITE_ENTRIES_BURST: z.coerce.number().int().min(1).default(200),
  /** Bytes one workspace may store; 0: no cap. */
  BATON_WORKSPACE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(2 * 1024 * 1024 * 1024),
  BATON_SECRET_KEY: z
    .string()
    .transform((value, ctx) => {
      const key = parseSecretKey(value.trim());
      if (!key)
        ctx.addIssue({ code: 'custom', message: 'must be 32 bytes: 64 hex digits or base64' });
      return key ?? Buffer.alloc(0);
    })
    .optional(),
  BATON_MAIL_POLL_MS: z.coerce.number().int().min(100).default(60_000),
  BATON_MAIL_MAX_ATTACHMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  BATON_MAIL_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  BATON_MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).default(30_000),
  BATON_MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** Let mailboxes on loopback, private and link-local addresses be used (tests, LAN setups). */
  BATON_MAIL_ALLOW_PRIVATE_HOSTS: Flag.default(false)
});

export interface BatonConfig {
  port: number;
  host: string;
  dataDir: string;
  /**
   * Origins allowed to open a socket or call the API from a browser. `null`: only same-host
   * origins (the Origin's host equals the request's Host header).
   */
  allowedOrigins: string[] | null;
  /** NODE_ENV=production: no demo, no development identity, no demo accounts in the store. */
  production: boolean;
  /** Seed the demo workspace when the store has none, with demo accounts. */
  demo: boolean;
  demoPassword: string;
  /** Accept the development identity cookie (`baton_dev_member`): tests and benchmarks only. */
  devIdentity: boolean;
  /**
   * Behind a reverse proxy: the header with the client's address and, for x-forwarded-for, how
   * many proxies are trusted (adapter-node's ADDRESS_HEADER and XFF_DEPTH, which its
   * `getClientAddress` reads too; `client-address.ts` applies them to the relay's upgrades).
   */
  proxy: { addressHeader: string | null; xffDepth: number };
  /** Account mail (password resets, invitations). `smtpUrl: null`: record to `account_outbox`. */
  accountMail: { smtpUrl: string | null; from: string };
  /** Largest WebSocket message or batch-sync update accepted (bytes). */
  maxMessageBytes: number;
  /** Token bucket per connection: `burst` messages at once, refilled at `perSecond`. */
  rateLimit: { burst: number; perSecond: number };
  /** The same per connection in bytes (never below `maxMessageBytes` at once). */
  byteRateLimit: { burst: number; perSecond: number };
  /** Open relay sockets per member and per remote address; 0: no cap. */
  maxSockets: { perMember: number; perAddress: number };
  /** Presence (awareness) states one document holds at most. */
  maxPresenceStates: number;
  /** How long a document with no connections stays in memory. */
  unloadGraceMs: number;
  compactEveryMs: number;
  /** Compact a document as soon as its update log is longer than this. */
  compactThreshold: number;
  pingIntervalMs: number;
  /** Growth per member and document, and stored bytes per workspace (server/write-quota.ts). */
  writeQuota: WriteQuotaLimits;
  /** The email channel (server/mail). */
  mail: MailConfig;
}

export interface MailConfig {
  /** 32-byte key for mailbox secrets at rest; `null`: a development key, with a warning. */
  secretKey: Buffer | null;
  /** How often mailboxes are polled when IDLE is unavailable or quiet. */
  pollMs: number;
  /** Attachments and inline images over this are not stored (listed as too large). */
  maxAttachmentBytes: number;
  /** A whole message over this is not parsed: it goes to the "could not import" list. */
  maxMessageBytes?: number;
  /** First retry delay of an outgoing message; doubled per attempt. */
  retryBaseMs: number;
  maxAttempts: number;
  /**
   * Whether mailboxes may be on loopback, private, link-local or other internal addresses.
   * Off: the mailbox test and the IMAP/SMTP clients refuse them (no probing the server's LAN).
   */
  allowPrivateHosts: boolean;
  /** OAuth 2 sign-in for mailboxes (Microsoft 365, Google): `mail/oauth-config.ts`. */
  oauth?: OAuthConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): BatonConfig {
  // Empty strings count as unset: `PORT= npm start` should mean "the default".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== '')
  );
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment for Baton:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.BATON_DEV_IDENTITY && e.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid environment for Baton:\n  BATON_DEV_IDENTITY: not allowed when NODE_ENV=production'
    );
  }
  const production = e.NODE_ENV === 'production';
  if (e.BATON_DEMO === true && production) {
    throw new ConfigError(
      'Invalid environment for Baton:\n  BATON_DEMO: not allowed when NODE_ENV=production (the demo accounts share a published password)'
    );
  }
  const origins = [...(e.ORIGIN ? [e.ORIGIN] : []), ...(e.BATON_ALLOWED_ORIGINS ?? [])];
  const oauth = parseOAuthConfig(present);
  if (!oauth.ok) {
    throw new ConfigError(`Invalid environment for Baton:\n  ${oauth.issues.join('\n  ')}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.BATON_DATA_DIR,
    allowedOrigins: origins.length > 0 ? origins.map((origin) => new URL(origin).origin) : null,
    production,
    demo: e.BATON_DEMO ?? !production,
    demoPassword: e.BATON_DEMO_PASSWORD,
    devIdentity: e.BATON_DEV_IDENTITY,
    proxy: { addressHeader: e.ADDRESS_HEADER ?? null, xffDepth: e.XFF_DEPTH },
    accountMail: { smtpUrl: e.BATON_ACCOUNT_SMTP_URL ?? null, from: e.BATON_ACCOUNT_MAIL_FROM },
    maxMessageBytes: e.BATON_MAX_MESSAGE_BYTES,
    rateLimit: { burst: e.BATON_RATE_LIMIT_BURST, perSecond: e.BATON_RATE_LIMIT_PER_SECOND },
    byteRateLimit: {
      burst: e.BATON_RATE_LIMIT_BYTES_BURST,
      perSecond: e.BATON_RATE_LIMIT_BYTES_PER_SECOND
    },
    maxSockets: {
      perMember: e.BATON_MAX_SOCKETS_PER_MEMBER,
      perAddress: e.BATON_MAX_SOCKETS_PER_ADDRESS
    },
    maxPresenceStates: e.BATON_PRESENCE_MAX_STATES,
    unloadGraceMs: e.BATON_UNLOAD_GRACE_MS,
    compactEveryMs: e.BATON_COMPACT_EVERY_MS,
    compactThreshold: e.BATON_COMPACT_THRESHOLD,
    pingIntervalMs: e.BATON_PING_INTERVAL_MS,
    writeQuota: {
      bytesPerMinute: e.BATON_WRITE_BYTES_PER_MINUTE,
      bytesBurst: e.BATON_WRITE_BYTES_BURST,
      entriesPerMinute: e.BATON_WRITE_ENTRIES_PER_MINUTE,
      entriesBurst: e.BATON_WRITE_ENTRIES_BURST,
      workspaceMaxBytes: e.BATON_WORKSPACE_MAX_BYTES,
      recountMs: 60_000
    },
    mail: {
      secretKey: e.BATON_SECRET_KEY ?? null,
      pollMs: e.BATON_MAIL_POLL_MS,
      maxAttachmentBytes: e.BATON_MAIL_MAX_ATTACHMENT_BYTES,
      maxMessageBytes: e.BATON_MAIL_MAX_MESSAGE_BYTES,
      retryBaseMs: e.BATON_MAIL_RETRY_BASE_MS,
      maxAttempts: e.BATON_MAIL_MAX_ATTEMPTS,
      allowPrivateHosts: e.BATON_MAIL_ALLOW_PRIVATE_HOSTS,
      oauth: oauth.config
    }
  };
}

/** Defaults for tests and tools: the same values as an empty environment, with overrides. */
export function testConfig(overrides: Partial<BatonConfig> & { dataDir: string }): BatonConfig {
  return { ...loadConfig({}), ...overrides };
}

/** Whether a browser `Origin` may talk to us. Absent Origin: not a browser, nothing to check. */
export function isAllowedOrigin(
  config: Pick<BatonConfig, 'allowedOrigins'>,
  origin: string | undefined | null,
  host: string | undefined | null
): boolean {
  if (!origin) return true;
  if (config.allowedOrigins) return config.allowedOrigins.includes(origin);
  try {
    return host !== undefined && host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
