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
    this.#c.db
      .prepare(
        `INSERT INTO api_tokens (id, hash, user_id, workspace_id, name, scope, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`
      )
      .run(info.id, hashToken(token), userId, workspaceId, info.name, info.scope, info.createdAt);
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
    return this.#c.db
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
    const row = this.#c.db
      .prepare<[string, string], { workspace_id: string; name: string }>(
        'SELECT workspace_id, name FROM api_tokens WHERE id = ? AND user_id = ? AND revoked_at IS NULL'
      )
      .get(tokenId, userId);
    if (!row) return fail('not-found', 'No such token.');
    this.#c.db
      .prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?')
      .run(this.#c.now(), tokenId);
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
    const row = this.#c.db
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
    const user = this.#users.user(row.user_id);
    if (!user) return null;
    this.#c.db
      .prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?')
      .run(this.#c.now(), row.id);
    return { tokenId: row.id, user, workspaceId: row.workspace_id, scope: row.scope };
  }

  apiTokenAlive(tokenId: string): boolean {
    const row = this.#c.db
      .prepare<[string], { revoked_at: number | null }>(
        'SELECT revoked_at FROM api_tokens WHERE id = ?'
      )
      .get(tokenId);
    return row !== undefined && row.revoked_at === null;
  }

  /** Revokes every token of the user (sign-out everywhere, a password reset). */
  revokeAllOf(userId: string): void {
    this.#c.db
      .prepare('UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
      .run(this.#c.now(), userId);
  }

  /** Revokes the user's tokens for one workspace (they left it or were removed). */
  revokeForMember(workspaceId: string, userId: string): void {
    this.#c.db
      .prepare(
        'UPDATE api_tokens SET revoked_at = ? WHERE workspace_id = ? AND user_id = ? AND revoked_at IS NULL'
      )
      .run(this.#c.now(), workspaceId, userId);
  }
}
