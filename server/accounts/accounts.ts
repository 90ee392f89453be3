/**
 * Accounts, sessions, workspaces, memberships, invitations and API tokens: everything the
 * server knows about *who* someone is and *what role* they have where. SQLite tables in
 * Baton's file (migrations.ts).
 *
 * Sessions follow Lucia's guide: a random token in an HttpOnly cookie, its SHA-256 as the
 * session id in the table, 30 days of life renewed (sliding) when less than 15 remain; an
 * expired session is deleted when it is next seen. Sign-out deletes the one row; sign-out
 * everywhere and a password reset delete all of the user's rows and revoke their API tokens.
 *
 * Every change to a membership is announced (`onAccessChange`) so that the relay can close or
 * downgrade live sockets at once.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { newId } from '../../src/lib/domain/ids.ts';
import { TimeZone } from '../../src/lib/domain/schema.ts';
import type { Clock } from '../config.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AccountMailer } from './mailer.ts';
import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  decoyHash,
  hashPassword,
  verifyPassword
} from './passwords.ts';
import { KNOWN_ADDRESS_MS, LIMITS, RateLimiter, addressKey, retryMessage } from './rate-limit.ts';
import {
  InviteRole,
  Role,
  isAdmin,
  mayManageRole,
  type Role as RoleT
} from '../../src/lib/domain/roles.ts';
import { generateToken, hashToken, looksLikeToken } from './secrets.ts';
import { isLocale, type Locale } from '../../src/lib/i18n/locales.ts';
import { roleLabel } from '../../src/lib/i18n/messages/common.ts';
import {
  inviteBody,
  inviteSubject,
  resetBody,
  resetSubject
} from '../../src/lib/i18n/messages/email.ts';

const DAY = 24 * 60 * 60 * 1000;
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

function localeOrNull(value: string | null): Locale | null {
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

const fail = (reason: Failure['reason'], message: string, retryAfterMs?: number): Failure => ({
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
  db: Database.Database;
  clock: Clock;
  mailer: AccountMailer;
  audit: AuditLog;
  /** Puts a member's public profile into the workspace index (new workspace, joined member). */
  putProfile: (workspaceId: string, user: User, timeZone: string) => void;
  /** Checks a password against its stored hash (default: Argon2id; tests count the calls). */
  verifyPassword?: (stored: string, password: string) => Promise<boolean>;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  last_workspace_id: string | null;
  locale: string | null;
}

export class Accounts {
  readonly #db: Database.Database;
  readonly #clock: Clock;
  readonly #deps: AccountsDeps;
  readonly #limits: RateLimiter;
  readonly #listeners = new Set<(change: AccessChange) => void>();

  constructor(deps: AccountsDeps) {
    this.#deps = deps;
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#limits = new RateLimiter(deps.clock);
  }

  get audit(): AuditLog {
    return this.#deps.audit;
  }

  onAccessChange(listener: (change: AccessChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #announce(change: AccessChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error('[baton] an access-change listener failed', error);
      }
    }
  }

  #now(): number {
    return this.#clock.now();
  }

  // Users ---------------------------------------------------------------------------------------

  user(userId: string): User | null {
    const row = this.#db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(userId);
    return row ? { id: row.id, email: row.email, name: row.name } : null;
  }

  /** The language the member chose; `null`: they follow their browser's. */
  userLocale(userId: string): Locale | null {
    const row = this.#db
      .prepare<[string], { locale: string | null }>('SELECT locale FROM users WHERE id = ?')
      .get(userId);
    return localeOrNull(row?.locale ?? null);
  }

  /** Stores the member's language (`null`: follow the browser). */
  setLocale(userId: string, locale: Locale | null): void {
    this.#db.prepare('UPDATE users SET locale = ? WHERE id = ?').run(locale, userId);
  }

  #userByEmail(email: string): UserRow | undefined {
    return this.#db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?').get(email);
  }

  /** Creates a user with an already hashed password (the demo seed); skips an existing id. */
  ensureUser(user: User, passwordHash: string): void {
    this.#db
      .prepare(
        `INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`
      )
      .run(user.id, user.email, user.name, passwordHash, this.#now());
  }

  async signUp(
    input: unknown,
    ctx: RequestContext
  ): Promise<Result<{ user: User; token: string; expiresAt: number }>> {
    const parsed = z
      .object({
        email: Email,
        name: PersonName,
        password: Password,
        timeZone: z.string().max(64).optional()
      })
      .safeParse(input);
    if (!parsed.success) {
      return fail('invalid-request', parsed.error.issues[0]?.message ?? 'Invalid sign-up.');
    }
    const taken = this.#limits.reserve([
      { key: `sign-up:ip:${addressKey(ctx.ip)}`, limit: LIMITS.signUpPerIp }
    ]);
    if (!taken.ok)
      return fail('rate-limited', retryMessage(taken.retryAfterMs), taken.retryAfterMs);
    const { email, name, password } = parsed.data;
    if (this.#userByEmail(email)) {
      return fail('email-taken', 'An account with this email exists. Sign in instead.');
    }
    const passwordHash = await hashPassword(password);
    const user: User = { id: newId(), email, name };
    try {
      this.#db
        .prepare(
          'INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)'
        )
        .run(user.id, email, name, passwordHash, this.#now());
    } catch {
      return fail('email-taken', 'An account with this email exists. Sign in instead.');
    }
    this.audit.record({
      action: 'sign-up',
      actorId: user.id,
      actorName: name,
      target: email,
      ip: ctx.ip
    });
    const session = this.createSession(user.id);
    return { ok: true, user, ...session };
  }

  async signIn(
    input: unknown,
    ctx: RequestContext
  ): Promise<Result<{ user: User; token: string; expiresAt: number }>> {
    const parsed = z
      .object({ email: Email, password: z.string().max(PASSWORD_MAX) })
      .safeParse(input);
    if (!parsed.success) return fail('invalid-request', 'Enter your email and password.');
    const { email, password } = parsed.data;
    const address = addressKey(ctx.ip);
    const ipKey = `sign-in:ip:${address}`;
    const pairKey = `sign-in:pair:${address}:${email}`;
    const accountKey = `sign-in:account:${email}`;
    const knownKey = `sign-in:known:${address}:${email}`;
    const row = this.#userByEmail(email);
    // Counted before the await below, so parallel guesses meet the earlier ones (rate-limit.ts).
    const taken = this.#limits.reserve([
      { key: ipKey, limit: LIMITS.signInPerIp },
      { key: pairKey, limit: LIMITS.signInPerPair },
      ...(this.#limits.remembers(knownKey)
        ? []
        : [{ key: accountKey, limit: LIMITS.signInPerAccount }])
    ]);
    if (!taken.ok) {
      this.#recordFailure(row, email, ctx, 'rate-limited');
      return fail('rate-limited', retryMessage(taken.retryAfterMs), taken.retryAfterMs);
    }
    const valid = await this.#verify(row?.password_hash ?? decoyHash(), password);
    if (!row || !valid) {
      this.#recordFailure(row, email, ctx, row ? 'wrong password' : 'unknown email');
      return fail('invalid-credentials', 'The email or password is not right.');
    }
    // Only failures count: the owner's own sign-in gives its hits back.
    taken.refund([ipKey, pairKey, accountKey]);
    this.#limits.clear(pairKey);
    this.#limits.remember(knownKey, KNOWN_ADDRESS_MS);
    const user = { id: row.id, email: row.email, name: row.name };
    for (const ws of this.workspacesOf(user.id)) {
      this.audit.record({
        workspaceId: ws.id,
        action: 'sign-in',
        actorId: user.id,
        actorName: user.name,
        target: user.email,
        ip: ctx.ip
      });
    }
    return { ok: true, user, ...this.createSession(user.id) };
  }

  /**
   * Failed sign-ins are aggregated per account, address and window (audit-log.ts): a stranger's
   * flood raises a count, and attempts the rate limit refused add nothing after the first.
   */
  #recordFailure(
    row: UserRow | undefined,
    email: string,
    ctx: RequestContext,
    why: 'rate-limited' | 'wrong password' | 'unknown email'
  ) {
    const workspaces = row ? this.workspacesOf(row.id) : [];
    // A failure for an unknown email belongs to no workspace; it is kept with a null one.
    for (const ws of workspaces.length > 0 ? workspaces : [null]) {
      this.audit.recordRepeated(
        {
          workspaceId: ws?.id ?? null,
          action: 'sign-in-failed',
          actorId: row?.id ?? null,
          actorName: row?.name ?? null,
          target: email,
          detail: why,
          ip: ctx.ip
        },
        { windowMs: LIMITS.signInPerPair.windowMs, counted: why !== 'rate-limited' }
      );
    }
  }

  #verify(stored: string, password: string): Promise<boolean> {
    return (this.#deps.verifyPassword ?? verifyPassword)(stored, password);
  }

  // Sessions ------------------------------------------------------------------------------------

  createSession(userId: string): { token: string; expiresAt: number; sessionId: string } {
    const token = generateToken();
    const sessionId = hashToken(token);
    const now = this.#now();
    const expiresAt = now + SESSION_DAYS * DAY;
    this.#db
      .prepare('INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)')
      .run(sessionId, userId, expiresAt, now);
    return { token, expiresAt, sessionId };
  }

  /**
   * The session and user of a token, renewing the session when less than 15 days remain
   * (`renewed` tells the caller to send the cookie again). `null` for an unknown or expired one.
   */
  validateSession(token: string): { session: Session; user: User; renewed: boolean } | null {
    if (!looksLikeToken(token)) return null;
    const sessionId = hashToken(token);
    const row = this.#db
      .prepare<
        [string],
        { id: string; user_id: string; expires_at: number; email: string; name: string }
      >(
        `SELECT s.id, s.user_id, s.expires_at, u.email, u.name
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`
      )
      .get(sessionId);
    if (!row) return null;
    const now = this.#now();
    if (now >= row.expires_at) {
      this.#db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
      return null;
    }
    let expiresAt = row.expires_at;
    let renewed = false;
    if (now >= expiresAt - SESSION_RENEW_DAYS * DAY) {
      expiresAt = now + SESSION_DAYS * DAY;
      this.#db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(expiresAt, sessionId);
      renewed = true;
    }
    return {
      session: { id: sessionId, userId: row.user_id, expiresAt },
      user: { id: row.user_id, email: row.email, name: row.name },
      renewed
    };
  }

  /** Whether a session id (the hash) is still valid, without renewing it: the relay's recheck. */
  sessionAlive(sessionId: string): boolean {
    const row = this.#db
      .prepare<[string], { expires_at: number }>('SELECT expires_at FROM sessions WHERE id = ?')
      .get(sessionId);
    return row !== undefined && row.expires_at > this.#now();
  }

  signOut(token: string, ctx: RequestContext): void {
    const found = this.validateSession(token);
    if (!found) return;
    this.#db.prepare('DELETE FROM sessions WHERE id = ?').run(found.session.id);
    this.#recordForUser(found.user, 'sign-out', ctx);
    this.#announce({ kind: 'signed-out', userId: found.user.id, sessionIds: [found.session.id] });
  }

  /** Ends every session and revokes every API token of the user (a stolen one stops too). */
  signOutEverywhere(userId: string, ctx: RequestContext): void {
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
      this.#revokeApiTokensOf(userId);
    })();
    const user = this.user(userId);
    if (user) this.#recordForUser(user, 'sign-out-everywhere', ctx);
    this.#announce({ kind: 'signed-out', userId, sessionIds: 'all' });
  }

  #revokeApiTokensOf(userId: string): void {
    this.#db
      .prepare('UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
      .run(this.#now(), userId);
  }

  #recordForUser(
    user: User,
    action: 'sign-out' | 'sign-out-everywhere' | 'password-reset',
    ctx: RequestContext
  ): void {
    for (const ws of this.workspacesOf(user.id)) {
      this.audit.record({
        workspaceId: ws.id,
        action,
        actorId: user.id,
        actorName: user.name,
        target: user.email,
        ip: ctx.ip
      });
    }
  }

  // Password reset ------------------------------------------------------------------------------

  /**
   * Sends a single-use reset link when the email has an account. Answers the same either way,
   * so that the form does not tell who has an account.
   */
  async requestPasswordReset(
    input: unknown,
    ctx: RequestContext,
    origin: string
  ): Promise<Result<object>> {
    const parsed = z.object({ email: Email }).safeParse(input);
    if (!parsed.success) return fail('invalid-request', 'Enter a valid email address.');
    const email = parsed.data.email;
    const address = addressKey(ctx.ip);
    // Keyed by the asking address: a stranger's requests use up the stranger's allowance only.
    // Whether the account exists changes neither the keys nor the answer.
    const taken = this.#limits.reserve([
      { key: `reset:ip:${address}`, limit: LIMITS.resetPerIp },
      { key: `reset:pair:${address}:${email}`, limit: LIMITS.resetPerPair }
    ]);
    if (!taken.ok)
      return fail('rate-limited', retryMessage(taken.retryAfterMs), taken.retryAfterMs);
    if (!this.#limits.remembers(`sign-in:known:${address}:${email}`)) {
      const mails = this.#limits.reserve([
        { key: `reset:account:${email}`, limit: LIMITS.resetMailsPerAccount }
      ]);
      // Past the mail-bomb ceiling: answered like any request, and no mail goes out.
      if (!mails.ok) return { ok: true };
    }
    const row = this.#userByEmail(email);
    if (!row) return { ok: true };
    const token = generateToken();
    this.#db
      .prepare('INSERT INTO password_resets (id, user_id, expires_at) VALUES (?, ?, ?)')
      .run(hashToken(token), row.id, this.#now() + RESET_TTL_MS);
    for (const ws of this.workspacesOf(row.id)) {
      this.audit.record({
        workspaceId: ws.id,
        action: 'password-reset-requested',
        actorId: row.id,
        actorName: row.name,
        target: email,
        ip: ctx.ip
      });
    }
    const locale = localeOrNull(row.locale) ?? ctx.locale ?? 'en';
    await this.#deps.mailer.send({
      to: email,
      subject: resetSubject({ locale }),
      text: resetBody({ name: row.name, link: `${origin}/reset/${token}` }, { locale })
    });
    return { ok: true };
  }

  /**
   * Sets a new password with a reset token; ends every session, revokes every API token and
   * starts a new session.
   */
  async resetPassword(
    input: unknown,
    ctx: RequestContext
  ): Promise<Result<{ user: User; token: string; expiresAt: number }>> {
    const parsed = z.object({ token: z.string().max(64), password: Password }).safeParse(input);
    if (!parsed.success) {
      return fail('invalid-request', parsed.error.issues[0]?.message ?? 'Invalid request.');
    }
    const id = hashToken(parsed.data.token);
    const row = this.#db
      .prepare<[string], { user_id: string; expires_at: number; used_at: number | null }>(
        'SELECT user_id, expires_at, used_at FROM password_resets WHERE id = ?'
      )
      .get(id);
    if (!row || row.used_at !== null || row.expires_at <= this.#now()) {
      return fail(
        'invalid-token',
        'This reset link is invalid, used or expired. Ask for a new one.'
      );
    }
    const passwordHash = await hashPassword(parsed.data.password);
    const used = this.#db.transaction(() => {
      const claimed = this.#db
        .prepare('UPDATE password_resets SET used_at = ? WHERE id = ? AND used_at IS NULL')
        .run(this.#now(), id);
      if (claimed.changes !== 1) return false;
      this.#db
        .prepare('UPDATE users SET password_hash = ? WHERE id = ?')
        .run(passwordHash, row.user_id);
      this.#db.prepare('DELETE FROM sessions WHERE user_id = ?').run(row.user_id);
      this.#revokeApiTokensOf(row.user_id);
      return true;
    })();
    if (!used) return fail('invalid-token', 'This reset link was already used.');
    this.#announce({ kind: 'signed-out', userId: row.user_id, sessionIds: 'all' });
    const user = this.user(row.user_id);
    if (!user) return fail('invalid-token', 'The account no longer exists.');
    this.#recordForUser(user, 'password-reset', ctx);
    return { ok: true, user, ...this.createSession(user.id) };
  }

  // Workspaces and memberships ------------------------------------------------------------------

  workspace(workspaceId: string): Workspace | null {
    return (
      this.#db
        .prepare<[string], Workspace>('SELECT id, name FROM workspaces WHERE id = ?')
        .get(workspaceId) ?? null
    );
  }

  /** Creates the workspace row only (the demo seed, which writes its own index). */
  ensureWorkspace(workspace: Workspace, createdBy: string): void {
    this.#db
      .prepare(
        `INSERT INTO workspaces (id, name, created_by, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`
      )
      .run(workspace.id, workspace.name, createdBy, this.#now());
  }

  ensureMembership(workspaceId: string, userId: string, role: RoleT): void {
    this.#db
      .prepare(
        `INSERT INTO memberships (workspace_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`
      )
      .run(workspaceId, userId, role, this.#now());
  }

  createWorkspace(
    userId: string,
    input: unknown,
    ctx: RequestContext
  ): Result<{ workspace: Workspace }> {
    const parsed = z
      .object({ name: WorkspaceName, timeZone: z.string().max(64).optional() })
      .safeParse(input);
    if (!parsed.success) {
      return fail('invalid-request', parsed.error.issues[0]?.message ?? 'Invalid workspace.');
    }
    const user = this.user(userId);
    if (!user) return fail('forbidden', 'Sign in first.');
    const workspace: Workspace = { id: newId(), name: parsed.data.name };
    this.#db.transaction(() => {
      this.ensureWorkspace(workspace, userId);
      this.ensureMembership(workspace.id, userId, 'owner');
      this.selectWorkspace(userId, workspace.id);
    })();
    // The index is created once, here, by the server: its first content is the owner's profile.
    this.#deps.putProfile(workspace.id, user, timeZoneOr(parsed.data.timeZone));
    this.audit.record({
      workspaceId: workspace.id,
      action: 'workspace-created',
      actorId: userId,
      actorName: user.name,
      target: workspace.name,
      ip: ctx.ip
    });
    return { ok: true, workspace };
  }

  /** Asked on every accepted update (the write guard): one prepared statement, kept. */
  #roleStatement: Database.Statement<[string, string], { role: string }> | null = null;

  role(userId: string, workspaceId: string): RoleT | null {
    this.#roleStatement ??= this.#db.prepare<[string, string], { role: string }>(
      'SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?'
    );
    const row = this.#roleStatement.get(workspaceId, userId);
    const parsed = Role.safeParse(row?.role);
    return parsed.success ? parsed.data : null;
  }

  workspacesOf(userId: string): Membership[] {
    return this.#db
      .prepare<[string], { id: string; name: string; role: string }>(
        `SELECT w.id, w.name, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
         WHERE m.user_id = ? ORDER BY m.joined_at, w.name`
      )
      .all(userId)
      .flatMap((row) => {
        const role = Role.safeParse(row.role);
        return role.success ? [{ id: row.id, name: row.name, role: role.data }] : [];
      });
  }

  /** The workspace the user works in now: the last one chosen, else the first joined. */
  currentWorkspace(userId: string): Membership | null {
    const all = this.workspacesOf(userId);
    const last = this.#db
      .prepare<[string], { last_workspace_id: string | null }>(
        'SELECT last_workspace_id FROM users WHERE id = ?'
      )
      .get(userId)?.last_workspace_id;
    return all.find((m) => m.id === last) ?? all[0] ?? null;
  }

  selectWorkspace(userId: string, workspaceId: string): boolean {
    if (!this.role(userId, workspaceId)) return false;
    this.#db
      .prepare('UPDATE users SET last_workspace_id = ? WHERE id = ?')
      .run(workspaceId, userId);
    return true;
  }

  members(workspaceId: string): Member[] {
    return this.#db
      .prepare<
        [string],
        { id: string; email: string; name: string; role: string; joined_at: number }
      >(
        `SELECT u.id, u.email, u.name, m.role, m.joined_at FROM memberships m
         JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ? ORDER BY u.name`
      )
      .all(workspaceId)
      .flatMap((row) => {
        const role = Role.safeParse(row.role);
        return role.success
          ? [
              {
                id: row.id,
                email: row.email,
                name: row.name,
                role: role.data,
                joinedAt: row.joined_at
              }
            ]
          : [];
      });
  }

  #owners(workspaceId: string): number {
    return (
      this.#db
        .prepare<[string], { n: number }>(
          "SELECT COUNT(*) AS n FROM memberships WHERE workspace_id = ? AND role = 'owner'"
        )
        .get(workspaceId)?.n ?? 0
    );
  }

  /**
   * Changes a member's role. Admins manage agents and below; only owners make or unmake owners
   * and admins. The last owner cannot be demoted.
   */
  setRole(
    actorId: string,
    workspaceId: string,
    userId: string,
    roleInput: unknown,
    ctx: RequestContext
  ): Result<{ role: RoleT }> {
    const role = Role.safeParse(roleInput);
    if (!role.success) return fail('invalid-request', 'Unknown role.');
    const actorRole = this.role(actorId, workspaceId);
    const current = this.role(userId, workspaceId);
    if (!isAdmin(actorRole)) return fail('forbidden', 'Only owners and admins change roles.');
    if (!current) return fail('not-found', 'This person is not a member of the workspace.');
    if (!mayManageRole(actorRole, current) || !mayManageRole(actorRole, role.data)) {
      return fail('forbidden', 'Only owners make or change owners and admins.');
    }
    if (current === role.data) return { ok: true, role: role.data };
    const changed = this.#db.transaction(() => {
      if (current === 'owner' && this.#owners(workspaceId) <= 1) return false;
      this.#db
        .prepare('UPDATE memberships SET role = ? WHERE workspace_id = ? AND user_id = ?')
        .run(role.data, workspaceId, userId);
      return true;
    })();
    if (!changed) {
      return fail('last-owner', 'A workspace needs an owner: make someone else owner first.');
    }
    const actor = this.user(actorId);
    const target = this.user(userId);
    this.audit.record({
      workspaceId,
      action: 'role-changed',
      actorId,
      actorName: actor?.name ?? null,
      target: target?.email ?? userId,
      detail: `${current} → ${role.data}`,
      ip: ctx.ip
    });
    this.#announce({ kind: 'membership', userId, workspaceId });
    return { ok: true, role: role.data };
  }

  /** Removes a member (or lets a member leave). The last owner cannot be removed. */
  removeMember(
    actorId: string,
    workspaceId: string,
    userId: string,
    ctx: RequestContext
  ): Result<object> {
    const actorRole = this.role(actorId, workspaceId);
    const current = this.role(userId, workspaceId);
    if (!current) return fail('not-found', 'This person is not a member of the workspace.');
    const leaving = actorId === userId;
    if (!leaving && !isAdmin(actorRole)) {
      return fail('forbidden', 'Only owners and admins remove members.');
    }
    if (!leaving && !mayManageRole(actorRole, current)) {
      return fail('forbidden', 'Only owners remove owners and admins.');
    }
    const removed = this.#db.transaction(() => {
      if (current === 'owner' && this.#owners(workspaceId) <= 1) return false;
      this.#db
        .prepare('DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?')
        .run(workspaceId, userId);
      this.#db
        .prepare(
          'UPDATE api_tokens SET revoked_at = ? WHERE workspace_id = ? AND user_id = ? AND revoked_at IS NULL'
        )
        .run(this.#now(), workspaceId, userId);
      return true;
    })();
    if (!removed) {
      return fail('last-owner', 'The last owner cannot be removed: make someone else owner first.');
    }
    const actor = this.user(actorId);
    const target = this.user(userId);
    this.audit.record({
      workspaceId,
      action: 'member-removed',
      actorId,
      actorName: actor?.name ?? null,
      target: target?.email ?? userId,
      detail: `was ${current}`,
      ip: ctx.ip
    });
    this.#announce({ kind: 'membership', userId, workspaceId });
    return { ok: true };
  }

  // Invitations ---------------------------------------------------------------------------------

  async invite(
    actorId: string,
    workspaceId: string,
    input: unknown,
    ctx: RequestContext,
    origin: string
  ): Promise<Result<{ invitation: Invitation; link: string; emailed: boolean }>> {
    const parsed = z
      .object({
        email: Email.optional(),
        role: InviteRole
      })
      .safeParse(input);
    if (!parsed.success) {
      return fail('invalid-request', parsed.error.issues[0]?.message ?? 'Invalid invitation.');
    }
    const actorRole = this.role(actorId, workspaceId);
    if (!isAdmin(actorRole)) return fail('forbidden', 'Only owners and admins invite people.');
    if (!mayManageRole(actorRole, parsed.data.role)) {
      return fail('forbidden', 'Only owners invite admins.');
    }
    const workspace = this.workspace(workspaceId);
    const actor = this.user(actorId);
    if (!workspace || !actor) return fail('not-found', 'No such workspace.');
    const token = generateToken();
    const now = this.#now();
    const invitation: Invitation = {
      id: hashToken(token),
      workspaceId,
      email: parsed.data.email ?? null,
      role: parsed.data.role,
      createdAt: now,
      expiresAt: now + INVITE_TTL_MS,
      usedAt: null
    };
    this.#db
      .prepare(
        `INSERT INTO invitations (id, workspace_id, email, role, invited_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        invitation.id,
        workspaceId,
        invitation.email,
        invitation.role,
        actorId,
        now,
        invitation.expiresAt
      );
    this.audit.record({
      workspaceId,
      action: 'invitation-created',
      actorId,
      actorName: actor.name,
      target: invitation.email ?? 'link',
      detail: `as ${invitation.role}`,
      ip: ctx.ip
    });
    const link = `${origin}/invite/${token}`;
    if (invitation.email) {
      // The invitee has no language yet: the one the inviter works in is the best guess.
      const locale = this.userLocale(actorId) ?? ctx.locale ?? 'en';
      await this.#deps.mailer.send({
        to: invitation.email,
        subject: inviteSubject({ inviter: actor.name, workspace: workspace.name }, { locale }),
        text: inviteBody(
          {
            inviter: actor.name,
            workspace: workspace.name,
            role: roleLabel(invitation.role, { locale }).toLowerCase(),
            link
          },
          { locale }
        )
      });
    }
    return { ok: true, invitation, link, emailed: invitation.email !== null };
  }

  invitations(workspaceId: string): Invitation[] {
    return this.#db
      .prepare<
        [string, number],
        {
          id: string;
          workspace_id: string;
          email: string | null;
          role: string;
          created_at: number;
          expires_at: number;
          used_at: number | null;
        }
      >(
        `SELECT * FROM invitations WHERE workspace_id = ? AND used_at IS NULL AND expires_at > ?
         ORDER BY created_at DESC`
      )
      .all(workspaceId, this.#now())
      .map((row) => ({
        id: row.id,
        workspaceId: row.workspace_id,
        email: row.email,
        role: Role.catch('viewer').parse(row.role),
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        usedAt: row.used_at
      }));
  }

  revokeInvitation(
    actorId: string,
    workspaceId: string,
    invitationId: string,
    ctx: RequestContext
  ): Result<object> {
    if (!isAdmin(this.role(actorId, workspaceId))) {
      return fail('forbidden', 'Only owners and admins revoke invitations.');
    }
    const done = this.#db
      .prepare(
        'UPDATE invitations SET expires_at = ? WHERE id = ? AND workspace_id = ? AND used_at IS NULL'
      )
      .run(this.#now(), invitationId, workspaceId);
    if (done.changes === 0) return fail('not-found', 'No such open invitation.');
    this.audit.record({
      workspaceId,
      action: 'invitation-revoked',
      actorId,
      actorName: this.user(actorId)?.name ?? null,
      ip: ctx.ip
    });
    return { ok: true };
  }

  /** What an invitation link is for (shown before accepting); `null` when unusable. */
  peekInvitation(
    token: string
  ): { workspace: Workspace; role: RoleT; email: string | null } | null {
    const row = this.#openInvitation(token);
    if (!row) return null;
    const workspace = this.workspace(row.workspace_id);
    const role = Role.safeParse(row.role);
    return workspace && role.success ? { workspace, role: role.data, email: row.email } : null;
  }

  #openInvitation(token: string) {
    if (!looksLikeToken(token)) return null;
    const row = this.#db
      .prepare<
        [string],
        {
          id: string;
          workspace_id: string;
          email: string | null;
          role: string;
          expires_at: number;
          used_at: number | null;
        }
      >('SELECT * FROM invitations WHERE id = ?')
      .get(hashToken(token));
    if (!row || row.used_at !== null || row.expires_at <= this.#now()) return null;
    return row;
  }

  acceptInvitation(
    userId: string,
    token: string,
    input: { timeZone?: string | undefined },
    ctx: RequestContext
  ): Result<{ workspace: Workspace; role: RoleT }> {
    const row = this.#openInvitation(token);
    const user = this.user(userId);
    if (!row || !user) {
      return fail(
        'invalid-token',
        'This invitation is invalid, used or expired. Ask for a new one.'
      );
    }
    if (row.email !== null && row.email !== user.email) {
      return fail('forbidden', `This invitation is for ${row.email}. Sign in with that address.`);
    }
    const role = Role.catch('viewer').parse(row.role);
    const workspace = this.workspace(row.workspace_id);
    if (!workspace) return fail('invalid-token', 'The workspace no longer exists.');
    if (this.role(userId, workspace.id)) {
      return fail('already-member', `You are already a member of ${workspace.name}.`);
    }
    const claimed = this.#db.transaction(() => {
      const used = this.#db
        .prepare('UPDATE invitations SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL')
        .run(this.#now(), userId, row.id);
      if (used.changes !== 1) return false;
      this.ensureMembership(workspace.id, userId, role);
      this.selectWorkspace(userId, workspace.id);
      return true;
    })();
    if (!claimed) return fail('invalid-token', 'This invitation was already used.');
    this.#deps.putProfile(workspace.id, user, timeZoneOr(input.timeZone));
    this.audit.record({
      workspaceId: workspace.id,
      action: 'member-joined',
      actorId: userId,
      actorName: user.name,
      target: user.email,
      detail: `as ${role}`,
      ip: ctx.ip
    });
    this.#announce({ kind: 'membership', userId, workspaceId: workspace.id });
    return { ok: true, workspace, role };
  }

  // API tokens ----------------------------------------------------------------------------------

  createApiToken(
    userId: string,
    workspaceId: string,
    input: unknown,
    ctx: RequestContext
  ): Result<{ token: string; info: ApiTokenInfo }> {
    const parsed = z
      .object({ name: z.string().trim().min(1).max(80), scope: z.enum(['read', 'write']) })
      .safeParse(input);
    if (!parsed.success) return fail('invalid-request', 'Name the token and choose read or write.');
    if (!this.role(userId, workspaceId))
      return fail('forbidden', 'Not a member of this workspace.');
    const token = `baton_${generateToken()}`;
    const info: ApiTokenInfo = {
      id: newId(),
      name: parsed.data.name,
      workspaceId,
      scope: parsed.data.scope,
      createdAt: this.#now(),
      lastUsedAt: null,
      revokedAt: null
    };
    this.#db
      .prepare(
        `INSERT INTO api_tokens (id, hash, user_id, workspace_id, name, scope, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`
      )
      .run(info.id, hashToken(token), userId, workspaceId, info.name, info.scope, info.createdAt);
    this.audit.record({
      workspaceId,
      action: 'api-token-created',
      actorId: userId,
      actorName: this.user(userId)?.name ?? null,
      target: info.name,
      detail: info.scope,
      ip: ctx.ip
    });
    return { ok: true, token, info };
  }

  apiTokens(userId: string, workspaceId: string): ApiTokenInfo[] {
    return this.#db
      .prepare<
        [string, string],
        {
          id: string;
          name: string;
          workspace_id: string;
          scope: 'read' | 'write';
          created_at: number;
          last_used_at: number | null;
          revoked_at: number | null;
        }
      >(
        `SELECT * FROM api_tokens WHERE user_id = ? AND workspace_id = ? AND revoked_at IS NULL
         ORDER BY created_at DESC`
      )
      .all(userId, workspaceId)
      .map((row) => ({
        id: row.id,
        name: row.name,
        workspaceId: row.workspace_id,
        scope: row.scope,
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at,
        revokedAt: row.revoked_at
      }));
  }

  revokeApiToken(userId: string, tokenId: string, ctx: RequestContext): Result<object> {
    const row = this.#db
      .prepare<[string, string], { workspace_id: string; name: string }>(
        'SELECT workspace_id, name FROM api_tokens WHERE id = ? AND user_id = ? AND revoked_at IS NULL'
      )
      .get(tokenId, userId);
    if (!row) return fail('not-found', 'No such token.');
    this.#db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').run(this.#now(), tokenId);
    this.audit.record({
      workspaceId: row.workspace_id,
      action: 'api-token-revoked',
      actorId: userId,
      actorName: this.user(userId)?.name ?? null,
      target: row.name,
      ip: ctx.ip
    });
    this.#announce({ kind: 'token-revoked', tokenId });
    return { ok: true };
  }

  /** The user, workspace and scope of an API token; `null` when unknown or revoked. */
  validateApiToken(
    token: string
  ): { tokenId: string; user: User; workspaceId: string; scope: 'read' | 'write' } | null {
    if (!token.startsWith('baton_') || !looksLikeToken(token.slice(6))) return null;
    const row = this.#db
      .prepare<
        [string],
        {
          id: string;
          user_id: string;
          workspace_id: string;
          scope: 'read' | 'write';
          revoked_at: number | null;
        }
      >('SELECT id, user_id, workspace_id, scope, revoked_at FROM api_tokens WHERE hash = ?')
      .get(hashToken(token));
    if (!row || row.revoked_at !== null) return null;
    const user = this.user(row.user_id);
    if (!user) return null;
    this.#db
      .prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?')
      .run(this.#now(), row.id);
    return { tokenId: row.id, user, workspaceId: row.workspace_id, scope: row.scope };
  }

  apiTokenAlive(tokenId: string): boolean {
    const row = this.#db
      .prepare<[string], { revoked_at: number | null }>(
        'SELECT revoked_at FROM api_tokens WHERE id = ?'
      )
      .get(tokenId);
    return row !== undefined && row.revoked_at === null;
  }
}

function timeZoneOr(zone: string | undefined): string {
  return zone && TimeZone.safeParse(zone).success ? zone : 'UTC';
}
