/** API tokens (`api_tokens`): integration tokens scoped to one workspace, read or write. */
import { z } from 'zod';
import { newId } from '../../src/lib/domain/ids.ts';
import {
  fail,
  type AccountsContext,
  type ApiTokenInfo,
  type RequestContext,
  type Result,
  type User
} from './model.ts';
import type { Memberships } from './memberships.ts';
import { generateToken, hashToken, looksLikeToken } from './secrets.ts';
import type { Users } from './users.ts';

export class ApiTokens {
  readonly #c: AccountsContext;
  readonly #users: Users;
  readonly #memberships: Memberships;

  constructor(context: AccountsContext, users: Users, memberships: Memberships) {
    this.#c = context;
    this.#users = users;
    this.#memberships = memberships;
  }

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
    if (!this.#memberships.role(userId, workspaceId))
      return fail('forbidden', 'Not a member of this workspace.');
    const token = `baton_${generateToken()}`;
    const info: ApiTokenInfo = {
      id: newId(),
      name: parsed.data.name,
      workspaceId,
      scope: parsed.data.scope,
      createdAt: this.#c.now(),
      lastUsedAt: null,
      revokedAt: null
    };
    this.#c.q.run(
      this.#c.k.insertInto('api_tokens').values({
        id: info.id,
        hash: hashToken(token),
        user_id: userId,
        workspace_id: workspaceId,
        name: info.name,
        scope: info.scope,
        created_at: info.createdAt
      })
    );
    this.#c.audit.record({
      workspaceId,
      action: 'api-token-created',
      actorId: userId,
      actorName: this.#users.user(userId)?.name ?? null,
      target: info.name,
      detail: info.scope,
      ip: ctx.ip
    });
    return { ok: true, token, info };
  }

  apiTokens(userId: string, workspaceId: string): ApiTokenInfo[] {
    const { q, k } = this.#c;
    return q
      .all(
        k
          .selectFrom('api_tokens')
          .selectAll()
          .where('user_id', '=', userId)
          .where('workspace_id', '=', workspaceId)
          .where('revoked_at', 'is', null)
          .orderBy('created_at', 'desc')
      )
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
    const { q, k } = this.#c;
    const row = q.first(
      k
        .selectFrom('api_tokens')
        .select(['workspace_id', 'name'])
        .where('id', '=', tokenId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
    );
    if (!row) return fail('not-found', 'No such token.');
    q.run(k.updateTable('api_tokens').set({ revoked_at: this.#c.now() }).where('id', '=', tokenId));
    this.#c.audit.record({
      workspaceId: row.workspace_id,
      action: 'api-token-revoked',
      actorId: userId,
      actorName: this.#users.user(userId)?.name ?? null,
      target: row.name,
      ip: ctx.ip
    });
    this.#c.announce({ kind: 'token-revoked', tokenId });
    return { ok: true };
  }

  /** The user, workspace and scope of an API token; `null` when unknown or revoked. */
  validateApiToken(
    token: string
  ): { tokenId: string; user: User; workspaceId: string; scope: 'read' | 'write' } | null {
    if (!token.startsWith('baton_') || !looksLikeToken(token.slice(6))) return null;
    const { q, k } = this.#c;
    const row = q.first(
      k
        .selectFrom('api_tokens')
        .select(['id', 'user_id', 'workspace_id', 'scope', 'revoked_at'])
        .where('hash', '=', hashToken(token))
    );
    if (!row || row.revoked_at !== null) return null;
    const user = this.#users.user(row.user_id);
    if (!user) return null;
    q.run(
      k.updateTable('api_tokens').set({ last_used_at: this.#c.now() }).where('id', '=', row.id)
    );
    return { tokenId: row.id, user, workspaceId: row.workspace_id, scope: row.scope };
  }

  apiTokenAlive(tokenId: string): boolean {
    const { q, k } = this.#c;
    const row = q.first(k.selectFrom('api_tokens').select('revoked_at').where('id', '=', tokenId));
    return row !== undefined && row.revoked_at === null;
  }

  /** Revokes every token of the user (sign-out everywhere, a password reset). */
  revokeAllOf(userId: string): void {
    const { q, k } = this.#c;
    q.run(
      k
        .updateTable('api_tokens')
        .set({ revoked_at: this.#c.now() })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
    );
  }

  /** Revokes the user's tokens for one workspace (they left it or were removed). */
  revokeForMember(workspaceId: string, userId: string): void {
    const { q, k } = this.#c;
    q.run(
      k
        .updateTable('api_tokens')
        .set({ revoked_at: this.#c.now() })
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
    );
  }
}
