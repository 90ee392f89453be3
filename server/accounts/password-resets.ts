/**
 * Password resets (`password_resets`): single-use links by the SHA-256 of their token, an hour
 * long; asking answers the same whether or not the address has an account. Using one sets the
 * password, ends every session, revokes every API token and starts a new session.
 */
import { z } from 'zod';
import type { ApiTokens } from './api-tokens.ts';
import type { Memberships } from './memberships.ts';
import {
  Email,
  fail,
  localeOrNull,
  Password,
  RESET_TTL_MS,
  type AccountsContext,
  type RequestContext,
  type Result,
  type User
} from './model.ts';
import { hashPassword } from './passwords.ts';
import { LIMITS, addressKey, retryMessage } from './rate-limit.ts';
import { generateToken, hashToken } from './secrets.ts';
import type { Sessions } from './sessions.ts';
import type { Users } from './users.ts';
import { resetBody, resetSubject } from '../../src/lib/i18n/messages/email.ts';

export class PasswordResets {
  readonly #c: AccountsContext;
  readonly #users: Users;
  readonly #memberships: Memberships;
  readonly #sessions: Sessions;
  readonly #tokens: ApiTokens;

  constructor(
    context: AccountsContext,
    users: Users,
    memberships: Memberships,
    sessions: Sessions,
    tokens: ApiTokens
  ) {
    this.#c = context;
    this.#users = users;
    this.#memberships = memberships;
    this.#sessions = sessions;
    this.#tokens = tokens;
  }

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
    const taken = this.#c.limits.reserve([
      { key: `reset:ip:${address}`, limit: LIMITS.resetPerIp },
      { key: `reset:pair:${address}:${email}`, limit: LIMITS.resetPerPair }
    ]);
    if (!taken.ok)
      return fail('rate-limited', retryMessage(taken.retryAfterMs), taken.retryAfterMs);
    if (!this.#c.limits.remembers(`sign-in:known:${address}:${email}`)) {
      const mails = this.#c.limits.reserve([
        { key: `reset:account:${email}`, limit: LIMITS.resetMailsPerAccount }
      ]);
      // Past the mail-bomb ceiling: answered like any request, and no mail goes out.
      if (!mails.ok) return { ok: true };
    }
    const row = this.#users.byEmail(email);
    if (!row) return { ok: true };
    const token = generateToken();
    this.#c.q.run(
      this.#c.k.insertInto('password_resets').values({
        id: hashToken(token),
        user_id: row.id,
        expires_at: this.#c.now() + RESET_TTL_MS
      })
    );
    for (const ws of this.#memberships.workspacesOf(row.id)) {
      this.#c.audit.record({
        workspaceId: ws.id,
        action: 'password-reset-requested',
        actorId: row.id,
        actorName: row.name,
        target: email,
        ip: ctx.ip
      });
    }
    const locale = localeOrNull(row.locale) ?? ctx.locale ?? 'en';
    await this.#c.deps.mailer.send({
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
    const { q, k } = this.#c;
    const row = q.first(
      k
        .selectFrom('password_resets')
        .select(['user_id', 'expires_at', 'used_at'])
        .where('id', '=', id)
    );
    if (!row || row.used_at !== null || row.expires_at <= this.#c.now()) {
      return fail(
        'invalid-token',
        'This reset link is invalid, used or expired. Ask for a new one.'
      );
    }
    const passwordHash = await hashPassword(parsed.data.password);
    const used = q.transaction(() => {
      const claimed = q.run(
        k
          .updateTable('password_resets')
          .set({ used_at: this.#c.now() })
          .where('id', '=', id)
          .where('used_at', 'is', null)
      );
      if (claimed.changes !== 1) return false;
      this.#users.setPasswordHash(row.user_id, passwordHash);
      this.#sessions.deleteAllOf(row.user_id);
      this.#tokens.revokeAllOf(row.user_id);
      return true;
    });
    if (!used) return fail('invalid-token', 'This reset link was already used.');
    this.#c.announce({ kind: 'signed-out', userId: row.user_id, sessionIds: 'all' });
    const user = this.#users.user(row.user_id);
    if (!user) return fail('invalid-token', 'The account no longer exists.');
    this.#sessions.recordForUser(user, 'password-reset', ctx);
    return { ok: true, user, ...this.#sessions.createSession(user.id) };
  }
}
