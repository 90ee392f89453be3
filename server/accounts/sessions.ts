/**
 * Sign-up, sign-in and sessions (`sessions`), following Lucia's guide: a random token in an
 * HttpOnly cookie, its SHA-256 as the session id in the table, 30 days of life renewed (sliding)
 * when less than 15 remain; an expired session is deleted when it is next seen. Sign-out deletes
 * the one row; sign-out everywhere deletes all of the user's rows and revokes their API tokens.
 * Sign-in attempts are reserved before Argon2 and limited per account+address and per address.
 */
import { z } from 'zod';
import { newId } from '../../src/lib/domain/ids.ts';
import type { ApiTokens } from './api-tokens.ts';
import type { Memberships } from './memberships.ts';
import {
  DAY,
  Email,
  fail,
  Password,
  PersonName,
  SESSION_DAYS,
  SESSION_RENEW_DAYS,
  type AccountsContext,
  type RequestContext,
  type Result,
  type Session,
  type User,
  type UserRow
} from './model.ts';
import { PASSWORD_MAX, decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import { KNOWN_ADDRESS_MS, LIMITS, addressKey, retryMessage } from './rate-limit.ts';
import { generateToken, hashToken, looksLikeToken } from './secrets.ts';
import type { Users } from './users.ts';

export class Sessions {
  readonly #c: AccountsContext;
  readonly #users: Users;
  readonly #memberships: Memberships;
  readonly #tokens: ApiTokens;

  constructor(context: AccountsContext, users: Users, memberships: Memberships, tokens: ApiTokens) {
    this.#c = context;
    this.#users = users;
    this.#memberships = memberships;
    this.#tokens = tokens;
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
    const taken = this.#c.limits.reserve([
      { key: `sign-up:ip:${addressKey(ctx.ip)}`, limit: LIMITS.signUpPerIp }
    ]);
    if (!taken.ok)
      return fail('rate-limited', retryMessage(taken.retryAfterMs), taken.retryAfterMs);
    const { email, name, password } = parsed.data;
    if (this.#users.byEmail(email)) {
      return fail('email-taken', 'An account with this email exists. Sign in instead.');
    }
    const passwordHash = await hashPassword(password);
    const user: User = { id: newId(), email, name };
    if (!this.#users.insert(user, passwordHash)) {
      return fail('email-taken', 'An account with this email exists. Sign in instead.');
    }
    this.#c.audit.record({
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
    const row = this.#users.byEmail(email);
    // Counted before the await below, so parallel guesses meet the earlier ones (rate-limit.ts).
    const taken = this.#c.limits.reserve([
      { key: ipKey, limit: LIMITS.signInPerIp },
      { key: pairKey, limit: LIMITS.signInPerPair },
      ...(this.#c.limits.remembers(knownKey)
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
    this.#c.limits.clear(pairKey);
    this.#c.limits.remember(knownKey, KNOWN_ADDRESS_MS);
    const user = { id: row.id, email: row.email, name: row.name };
    for (const ws of this.#memberships.workspacesOf(user.id)) {
      this.#c.audit.record({
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
    const workspaces = row ? this.#memberships.workspacesOf(row.id) : [];
    // A failure for an unknown email belongs to no workspace; it is kept with a null one.
    for (const ws of workspaces.length > 0 ? workspaces : [null]) {
      this.#c.audit.recordRepeated(
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
    return (this.#c.deps.verifyPassword ?? verifyPassword)(stored, password);
  }

  createSession(userId: string): { token: string; expiresAt: number; sessionId: string } {
    const token = generateToken();
    const sessionId = hashToken(token);
    const now = this.#c.now();
    const expiresAt = now + SESSION_DAYS * DAY;
    this.#c.q.run(
      this.#c.k
        .insertInto('sessions')
        .values({ id: sessionId, user_id: userId, expires_at: expiresAt, created_at: now })
    );
    return { token, expiresAt, sessionId };
  }

  /**
   * The session and user of a token, renewing the session when less than 15 days remain
   * (`renewed` tells the caller to send the cookie again). `null` for an unknown or expired one.
   */
  validateSession(token: string): { session: Session; user: User; renewed: boolean } | null {
    if (!looksLikeToken(token)) return null;
    const sessionId = hashToken(token);
    const { q, k } = this.#c;
    const row = q.first(
      k
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select(['s.id', 's.user_id', 's.expires_at', 'u.email', 'u.name'])
        .where('s.id', '=', sessionId)
    );
    if (!row) return null;
    const now = this.#c.now();
    if (now >= row.expires_at) {
      q.run(k.deleteFrom('sessions').where('id', '=', sessionId));
      return null;
    }
    let expiresAt = row.expires_at;
    let renewed = false;
    if (now >= expiresAt - SESSION_RENEW_DAYS * DAY) {
      expiresAt = now + SESSION_DAYS * DAY;
      q.run(k.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', sessionId));
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
    const row = this.#c.q.first(
      this.#c.k.selectFrom('sessions').select('expires_at').where('id', '=', sessionId)
    );
    return row !== undefined && row.expires_at > this.#c.now();
  }

  signOut(token: string, ctx: RequestContext): void {
    const found = this.validateSession(token);
    if (!found) return;
    this.#c.q.run(this.#c.k.deleteFrom('sessions').where('id', '=', found.session.id));
    this.recordForUser(found.user, 'sign-out', ctx);
    this.#c.announce({ kind: 'signed-out', userId: found.user.id, sessionIds: [found.session.id] });
  }

  /** Deletes every session of the user (their sockets are told by the caller's announcement). */
  deleteAllOf(userId: string): void {
    this.#c.q.run(this.#c.k.deleteFrom('sessions').where('user_id', '=', userId));
  }

  /** Ends every session and revokes every API token of the user (a stolen one stops too). */
  signOutEverywhere(userId: string, ctx: RequestContext): void {
    this.#c.q.transaction(() => {
      this.deleteAllOf(userId);
      this.#tokens.revokeAllOf(userId);
    });
    const user = this.#users.user(userId);
    if (user) this.recordForUser(user, 'sign-out-everywhere', ctx);
    this.#c.announce({ kind: 'signed-out', userId, sessionIds: 'all' });
  }

  /** One audit row per workspace of the user (sign-outs, a password reset). */
  recordForUser(
    user: User,
    action: 'sign-out' | 'sign-out-everywhere' | 'password-reset',
    ctx: RequestContext
  ): void {
    for (const ws of this.#memberships.workspacesOf(user.id)) {
      this.#c.audit.record({
        workspaceId: ws.id,
        action,
        actorId: user.id,
        actorName: user.name,
        target: user.email,
        ip: ctx.ip
      });
    }
  }
}
