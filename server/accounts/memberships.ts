/**
 * Workspaces and memberships (`workspaces`, `memberships`): which workspaces exist, who is a
 * member where with which role, and the rules for changing that (admins manage agents and
 * below, only owners owners and admins, never the last owner).
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { newId } from '../../src/lib/domain/ids.ts';
import { Role, isAdmin, mayManageRole, type Role as RoleT } from '../../src/lib/domain/roles.ts';
import {
  fail,
  timeZoneOr,
  WorkspaceName,
  type AccountsContext,
  type Member,
  type Membership,
  type RequestContext,
  type Result,
  type Workspace
} from './model.ts';
import type { Users } from './users.ts';

export class Memberships {
  readonly #c: AccountsContext;
  readonly #users: Users;
  /** Revokes a member's API tokens for the workspace they leave (api-tokens.ts). */
  readonly #revokeTokens: (workspaceId: string, userId: string) => void;

  constructor(
    context: AccountsContext,
    users: Users,
    revokeTokens: (workspaceId: string, userId: string) => void
  ) {
    this.#c = context;
    this.#users = users;
    this.#revokeTokens = revokeTokens;
  }

  workspace(workspaceId: string): Workspace | null {
    return (
      this.#c.q.first(
        this.#c.k.selectFrom('workspaces').select(['id', 'name']).where('id', '=', workspaceId)
      ) ?? null
    );
  }

  /** Creates the workspace row only (the demo seed, which writes its own index). */
  ensureWorkspace(workspace: Workspace, createdBy: string): void {
    this.#c.q.run(
      this.#c.k
        .insertInto('workspaces')
        .values({
          id: workspace.id,
          name: workspace.name,
          created_by: createdBy,
          created_at: this.#c.now()
        })
        .onConflict((oc) => oc.doNothing())
    );
  }

  ensureMembership(workspaceId: string, userId: string, role: RoleT): void {
    this.#c.q.run(
      this.#c.k
        .insertInto('memberships')
        .values({ workspace_id: workspaceId, user_id: userId, role, joined_at: this.#c.now() })
        .onConflict((oc) => oc.doNothing())
    );
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
    const user = this.#users.user(userId);
    if (!user) return fail('forbidden', 'Sign in first.');
    const workspace: Workspace = { id: newId(), name: parsed.data.name };
    this.#c.q.transaction(() => {
      this.ensureWorkspace(workspace, userId);
      this.ensureMembership(workspace.id, userId, 'owner');
      this.selectWorkspace(userId, workspace.id);
    });
    // The index is created once, here, by the server: its first content is the owner's profile.
    this.#c.deps.putProfile(workspace.id, user, timeZoneOr(parsed.data.timeZone));
    this.#c.audit.record({
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
    // Compiled and prepared once: workspace_id, user_id.
    this.#roleStatement ??= this.#c.q.prepare<[string, string], { role: string }>(
      this.#c.k
        .selectFrom('memberships')
        .select('role')
        .where('workspace_id', '=', '')
        .where('user_id', '=', '')
    );
    const row = this.#roleStatement.get(workspaceId, userId);
    const parsed = Role.safeParse(row?.role);
    return parsed.success ? parsed.data : null;
  }

  workspacesOf(userId: string): Membership[] {
    const { q, k } = this.#c;
    return q
      .all(
        k
          .selectFrom('memberships as m')
          .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
          .select(['w.id', 'w.name', 'm.role'])
          .where('m.user_id', '=', userId)
          .orderBy('m.joined_at')
          .orderBy('w.name')
      )
      .flatMap((row) => {
        const role = Role.safeParse(row.role);
        return role.success ? [{ id: row.id, name: row.name, role: role.data }] : [];
      });
  }

  /** The workspace the user works in now: the last one chosen, else the first joined. */
  currentWorkspace(userId: string): Membership | null {
    const all = this.workspacesOf(userId);
    const last = this.#users.lastWorkspace(userId);
    return all.find((m) => m.id === last) ?? all[0] ?? null;
  }

  selectWorkspace(userId: string, workspaceId: string): boolean {
    if (!this.role(userId, workspaceId)) return false;
    this.#users.setLastWorkspace(userId, workspaceId);
    return true;
  }

  members(workspaceId: string): Member[] {
    const { q, k } = this.#c;
    return q
      .all(
        k
          .selectFrom('memberships as m')
          .innerJoin('users as u', 'u.id', 'm.user_id')
          .select(['u.id', 'u.email', 'u.name', 'm.role', 'm.joined_at'])
          .where('m.workspace_id', '=', workspaceId)
          .orderBy('u.name')
      )
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
      this.#c.q.first(
        this.#c.k
          .selectFrom('memberships')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('workspace_id', '=', workspaceId)
          .where('role', '=', 'owner')
      )?.n ?? 0
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
    const changed = this.#c.q.transaction(() => {
      if (current === 'owner' && this.#owners(workspaceId) <= 1) return false;
      this.#c.q.run(
        this.#c.k
          .updateTable('memberships')
          .set({ role: role.data })
          .where('workspace_id', '=', workspaceId)
          .where('user_id', '=', userId)
      );
      return true;
    });
    if (!changed) {
      return fail('last-owner', 'A workspace needs an owner: make someone else owner first.');
    }
    const actor = this.#users.user(actorId);
    const target = this.#users.user(userId);
    this.#c.audit.record({
      workspaceId,
      action: 'role-changed',
      actorId,
      actorName: actor?.name ?? null,
      target: target?.email ?? userId,
      detail: `${current} → ${role.data}`,
      ip: ctx.ip
    });
    this.#c.announce({ kind: 'membership', userId, workspaceId });
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
    const removed = this.#c.q.transaction(() => {
      if (current === 'owner' && this.#owners(workspaceId) <= 1) return false;
      this.#c.q.run(
        this.#c.k
          .deleteFrom('memberships')
          .where('workspace_id', '=', workspaceId)
          .where('user_id', '=', userId)
      );
      this.#revokeTokens(workspaceId, userId);
      return true;
    });
    if (!removed) {
      return fail('last-owner', 'The last owner cannot be removed: make someone else owner first.');
    }
    const actor = this.#users.user(actorId);
    const target = this.#users.user(userId);
    this.#c.audit.record({
      workspaceId,
      action: 'member-removed',
      actorId,
      actorName: actor?.name ?? null,
      target: target?.email ?? userId,
      detail: `was ${current}`,
      ip: ctx.ip
    });
    this.#c.announce({ kind: 'membership', userId, workspaceId });
    return { ok: true };
  }
}
