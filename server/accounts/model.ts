/**
 * The accounts modules' shared vocabulary: what a user, session, workspace, membership,
 * invitation and API token are, the input schemas, the result type, and the context each module
 * is built with (`AccountsContext`).
 */
import type { Kysely } from 'kysely';
import type { SqliteDatabase, SqliteStatements } from '../db/database.ts';
import type { AccountsTables } from './migrations.ts';
import { z } from 'zod';
import { TimeZone } from '../../src/lib/domain/schema.ts';
import type { Role as RoleT } from '../../src/lib/domain/roles.ts';
import { isLocale, type Locale } from '../../src/lib/i18n/locales.ts';
import type { Clock } from '../config.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AccountMailer } from './mailer.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.ts';
import type { RateLimiter } from './rate-limit.ts';

export const DAY = 24 * 60 * 60 * 1000;
export const SESSION_DAYS = 30;
export const SESSION_RENEW_DAYS = 15;
export const RESET_TTL_MS = 60 * 60 * 1000;
export const INVITE_TTL_MS = 7 * DAY;

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address.' }).max(254));
export const Password = z
  .string()
  .min(PASSWORD_MIN, `Passwords have at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Passwords have at most ${PASSWORD_MAX} characters.`);
export const PersonName = z.string().trim().min(1, 'Enter your name.').max(120);
export const WorkspaceName = z.string().trim().min(1, 'Name the workspace.').max(80);

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface Session {
  id: string;
  userId: string;
  expiresAt: number;
}

export interface Workspace {
  id: string;
  name: string;
}

export interface Membership extends Workspace {
  role: RoleT;
}

export interface Member extends User {
  role: RoleT;
  joinedAt: number;
}

export interface Invitation {
  id: string;
  workspaceId: string;
  email: string | null;
  role: RoleT;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  workspaceId: string;
  scope: 'read' | 'write';
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** Where a request came from, for rate limits and the audit log. */
export interface RequestContext {
  ip: string | null;
  /** The language the request asked for (Accept-Language), for mail to people without one. */
  locale?: Locale;
}

export function localeOrNull(value: string | null): Locale | null {
  return isLocale(value) ? value : null;
}

export type Failure = {
  ok: false;
  reason:
    | 'invalid-request'
    | 'invalid-credentials'
    | 'email-taken'
    | 'rate-limited'
    | 'invalid-token'
    | 'forbidden'
    | 'not-found'
    | 'last-owner'
    | 'already-member';
  message: string;
  retryAfterMs?: number;
};

export type Result<T> = ({ ok: true } & T) | Failure;

export const fail = (
  reason: Failure['reason'],
  message: string,
  retryAfterMs?: number
): Failure => ({
  ok: false,
  reason,
  message,
  ...(retryAfterMs !== undefined ? { retryAfterMs } : {})
});

export type AccessChange =
  | { kind: 'membership'; userId: string; workspaceId: string }
  | { kind: 'signed-out'; userId: string; sessionIds: string[] | 'all' }
  | { kind: 'token-revoked'; tokenId: string };

export interface AccountsDeps {
  /** Baton's database, with the accounts tables migrated (`accountsSchema`). */
  database: SqliteDatabase;
  clock: Clock;
  mailer: AccountMailer;
  audit: AuditLog;
  /** Puts a member's public profile into the workspace index (new workspace, joined member). */
  putProfile: (workspaceId: string, user: User, timeZone: string) => void;
  /** Checks a password against its stored hash (default: Argon2id; tests count the calls). */
  verifyPassword?: (stored: string, password: string) => Promise<boolean>;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  last_workspace_id: string | null;
  locale: string | null;
}

/** What every accounts module shares: the database, the clock, the limits, the log, the news. */
export interface AccountsContext {
  /** Queries built with `k`, run at once on SQLite. */
  q: SqliteStatements;
  k: Kysely<AccountsTables>;
  deps: AccountsDeps;
  limits: RateLimiter;
  audit: AuditLog;
  now(): number;
  /** Tells the access-change listeners (the relay closes or downgrades sockets). */
  announce(change: AccessChange): void;
}

export function timeZoneOr(zone: string | undefined): string {
  return zone && TimeZone.safeParse(zone).success ? zone : 'UTC';
}
