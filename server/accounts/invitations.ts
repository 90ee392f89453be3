/**
 * Invitations (`invitations`): a link (optionally for one address) to join a workspace with a
 * role, by the SHA-256 of its token; expiring after a week, single use, revocable by admins.
 */
import { z } from 'zod';
import {
  InviteRole,
  Role,
  isAdmin,
  mayManageRole,
  type Role as RoleT
} from '../../src/lib/domain/roles.ts';
import { roleLabel } from '../../src/lib/i18n/messages/common.ts';
import { inviteBody, inviteSubject } from '../../src/lib/i18n/messages/email.ts';
import type { Memberships } from './memberships.ts';
import {
  Email,
  fail,
  INVITE_TTL_MS,
  timeZoneOr,
  type AccountsContext,
  type Invitation,
  type RequestContext,
  type Result,
  type Workspace
} from './model.ts';
import { generateToken, hashToken, looksLikeToken } from './secrets.ts';
import type { Users } from './users.ts';

export class Invitations {
  readonly #c: AccountsContext;
  readonly #users: Users;
  readonly #memberships: Memberships;

  constructor(context: AccountsContext, users: Users, memberships: Memberships) {
    this.#c = context;
    this.#users = users;
    this.#memberships = memberships;
  }

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
    const actorRole = this.#memberships.role(actorId, workspaceId);
    if (!isAdmin(actorRole)) return fail('forbidden', 'Only owners and admins invite people.');
    if (!mayManageRole(actorRole, parsed.data.role)) {
      return fail('forbidden', 'Only owners invite admins.');
    }
    const workspace = this.#memberships.workspace(workspaceId);
    const actor = this.#users.user(actorId);
    if (!workspace || !actor) return fail('not-found', 'No such workspace.');
    const token = generateToken();
    const now = this.#c.now();
    const invitation: Invitation = {
      id: hashToken(token),
      workspaceId,
      email: parsed.data.email ?? null,
      role: parsed.data.role,
      createdAt: now,
      expiresAt: now + INVITE_TTL_MS,
      usedAt: null
    };
    this.#c.q.run(
      this.#c.k.insertInto('invitations').values({
        id: invitation.id,
        workspace_id: workspaceId,
        email: invitation.email,
        role: invitation.role,
        invited_by: actorId,
        created_at: now,
        expires_at: invitation.expiresAt
      })
    );
    this.#c.audit.record({
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
      const locale = this.#users.userLocale(actorId) ?? ctx.locale ?? 'en';
      await this.#c.deps.mailer.send({
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
    const { q, k } = this.#c;
    return q
      .all(
        k
          .selectFrom('invitations')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('used_at', 'is', null)
          .where('expires_at', '>', this.#c.now())
          .orderBy('created_at', 'desc')
      )
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
    if (!isAdmin(this.#memberships.role(actorId, workspaceId))) {
      return fail('forbidden', 'Only owners and admins revoke invitations.');
    }
    const done = this.#c.q.run(
      this.#c.k
        .updateTable('invitations')
        .set({ expires_at: this.#c.now() })
        .where('id', '=', invitationId)
        .where('workspace_id', '=', workspaceId)
        .where('used_at', 'is', null)
    );
    if (done.changes === 0) return fail('not-found', 'No such open invitation.');
    this.#c.audit.record({
      workspaceId,
      action: 'invitation-revoked',
      actorId,
      actorName: this.#users.user(actorId)?.name ?? null,
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
    const workspace = this.#memberships.workspace(row.workspace_id);
    const role = Role.safeParse(row.role);
    return workspace && role.success ? { workspace, role: role.data, email: row.email } : null;
  }

  #openInvitation(token: string) {
    if (!looksLikeToken(token)) return null;
    const row = this.#c.q.first(
      this.#c.k.selectFrom('invitations').selectAll().where('id', '=', hashToken(token))
    );
    if (!row || row.used_at !== null || row.expires_at <= this.#c.now()) return null;
    return row;
  }

  acceptInvitation(
    userId: string,
    token: string,
    input: { timeZone?: string | undefined },
    ctx: RequestContext
  ): Result<{ workspace: Workspace; role: RoleT }> {
    const row = this.#openInvitation(token);
    const user = this.#users.user(userId);
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
    const workspace = this.#memberships.workspace(row.workspace_id);
    if (!workspace) return fail('invalid-token', 'The workspace no longer exists.');
    if (this.#memberships.role(userId, workspace.id)) {
      return fail('already-member', `You are already a member of ${workspace.name}.`);
    }
    const claimed = this.#c.q.transaction(() => {
      const used = this.#c.q.run(
        this.#c.k
          .updateTable('invitations')
          .set({ used_at: this.#c.now(), used_by: userId })
          .where('id', '=', row.id)
          .where('used_at', 'is', null)
      );
      if (used.changes !== 1) return false;
      this.#memberships.ensureMembership(workspace.id, userId, role);
      this.#memberships.selectWorkspace(userId, workspace.id);
      return true;
    });
    if (!claimed) return fail('invalid-token', 'This invitation was already used.');
    this.#c.deps.putProfile(workspace.id, user, timeZoneOr(input.timeZone));
    this.#c.audit.record({
      workspaceId: workspace.id,
      action: 'member-joined',
      actorId: userId,
      actorName: user.name,
      target: user.email,
      detail: `as ${role}`,
      ip: ctx.ip
    });
    this.#c.announce({ kind: 'membership', userId, workspaceId: workspace.id });
    return { ok: true, workspace, role };
  }
}
