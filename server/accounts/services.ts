/**
 * The accounts' HTTP-facing services: parse, authorize by role, call `Accounts`, answer with a
 * status and a JSON body. The SvelteKit endpoints under `src/routes/api/{auth,workspaces,
 * tokens,audit}` are thin wrappers around these.
 */
import { z } from 'zod';
import type {
  AccountResult,
  AccountServices,
  CsvResult
} from '../../src/lib/server/account-services.ts';
import type { Principal } from '../../src/lib/server/principal.ts';
import type { DemoAccount, DemoInfo } from '../../src/lib/contract/api.ts';
import { errorBody, type ApiErrorReason } from '../../src/lib/contract/errors.ts';
import { Id } from '../../src/lib/domain/schema.ts';
import { LOCALES } from '../../src/lib/i18n/locales.ts';
import { readableAuditCsv, type AuditLog } from '../audit/audit-log.ts';
import { AuditView } from '../audit/audit-view.ts';
import { AuditQuerySchema } from '../../src/lib/contract/api.ts';
import { auditSentence } from '../../src/lib/i18n/messages/audit.ts';
import type { Accounts, Failure } from './accounts.ts';
import { ROLE_LABELS, isAdmin, type Role } from '../../src/lib/domain/roles.ts';

const STATUS: Record<Failure['reason'], number> = {
  'invalid-request': 400,
  'invalid-credentials': 401,
  'email-taken': 409,
  'rate-limited': 429,
  'invalid-token': 410,
  forbidden: 403,
  'not-found': 404,
  'last-owner': 409,
  'already-member': 409
};

function failure(f: Failure): AccountResult {
  return { status: STATUS[f.reason], body: errorBody(f.reason, f.message, f.retryAfterMs) };
}

const error = (status: number, reason: ApiErrorReason, message: string): AccountResult => ({
  status,
  body: errorBody(reason, message)
});

/** The demo as configured; the sign-in page gets the contract's `DemoInfo` from it. */
export interface DemoSettings {
  enabled: boolean;
  password: string;
  accounts: DemoAccount[];
}

/** A refused audit filter, naming the field (`from: Invalid input…`). */
function invalidFilter(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'filter';
  return `Invalid filter: ${field}: ${issue?.message ?? 'invalid'}`;
}

function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) if (value !== '') out[key] = value;
  return out;
}

export function createAccountServices(
  accounts: Accounts,
  audit: AuditLog,
  demo: DemoSettings
): AccountServices {
  const validWorkspace = (id: string) => Id.safeParse(id).success;

  /** The caller's role in the workspace, or an error result. */
  function roleOf(identity: Principal, workspaceId: string): Role | AccountResult {
    if (!validWorkspace(workspaceId)) return error(404, 'not-found', 'No such workspace.');
    if (identity.credential.kind === 'token')
      return error(403, 'forbidden', 'API tokens only sync.');
    const role = accounts.role(identity.memberId, workspaceId);
    return role ?? error(403, 'forbidden', 'You are not a member of this workspace.');
  }

  const sessionResult = (
    r: { token: string; expiresAt: number; user: { id: string; name: string } },
    status = 200
  ): AccountResult => ({
    status,
    body: { user: { id: r.user.id, name: r.user.name } },
    session: { token: r.token, expiresAt: r.expiresAt }
  });

  return {
    async signUp(body, info) {
      const r = await accounts.signUp(body, { ip: info.ip });
      return r.ok ? sessionResult(r, 201) : failure(r);
    },
    async signIn(body, info) {
      const r = await accounts.signIn(body, { ip: info.ip });
      return r.ok ? sessionResult(r) : failure(r);
    },
    async signOut(token, info) {
      if (token) accounts.signOut(token, { ip: info.ip });
      return { status: 204, body: null, session: 'clear' };
    },
    async signOutEverywhere(identity, info) {
      if (identity.credential.kind === 'token')
        return error(403, 'forbidden', 'Not with an API token.');
      accounts.signOutEverywhere(identity.memberId, { ip: info.ip });
      return { status: 204, body: null, session: 'clear' };
    },
    async requestReset(body, info) {
      const r = await accounts.requestPasswordReset(
        body,
        { ip: info.ip, locale: info.locale },
        info.origin
      );
      return r.ok
        ? {
            status: 202,
            body: { message: 'If an account has this address, a reset link is on its way.' }
          }
        : failure(r);
    },
    async resetPassword(body, info) {
      const r = await accounts.resetPassword(body, { ip: info.ip });
      return r.ok ? sessionResult(r) : failure(r);
    },
    async me(identity) {
      if (!identity) return { status: 200, body: { identity: null, workspaceId: null } };
      const workspaces = accounts.workspacesOf(identity.memberId);
      // Where the app lands when no URL names a workspace (the last one chosen).
      const current = accounts.currentWorkspace(identity.memberId);
      return {
        status: 200,
        body: {
          identity: { memberId: identity.memberId, name: identity.name },
          email: identity.email,
          workspaceId: current?.id ?? null,
          role: current?.role ?? null,
          locale: accounts.userLocale(identity.memberId),
          workspaces: workspaces.map((w) => ({ id: w.id, name: w.name, role: w.role }))
        }
      };
    },
    async setLocale(identity, body) {
      if (identity.credential.kind === 'token')
        return error(403, 'forbidden', 'Not with an API token.');
      const parsed = z.strictObject({ locale: z.enum(LOCALES).nullable() }).safeParse(body);
      if (!parsed.success) {
        return error(400, 'invalid-request', `locale: one of ${LOCALES.join(', ')}, or null.`);
      }
      accounts.setLocale(identity.memberId, parsed.data.locale);
      return { status: 200, body: { locale: parsed.data.locale } };
    },
    async demo() {
      const body: DemoInfo = demo.enabled
        ? { enabled: true, password: demo.password, accounts: demo.accounts }
        : { enabled: false };
      return { status: 200, body };
    },

    async createWorkspace(identity, body, info) {
      if (identity.credential.kind === 'token')
        return error(403, 'forbidden', 'Not with an API token.');
      const r = accounts.createWorkspace(identity.memberId, body, { ip: info.ip });
      return r.ok ? { status: 201, body: { workspace: r.workspace } } : failure(r);
    },
    async selectWorkspace(identity, workspaceId) {
      const role = roleOf(identity, workspaceId);
      if (typeof role !== 'string') return role;
      accounts.selectWorkspace(identity.memberId, workspaceId);
      return { status: 204, body: null };
    },
    async members(identity, workspaceId) {
      const role = roleOf(identity, workspaceId);
      if (typeof role !== 'string') return role;
      const admin = isAdmin(role);
      return {
        status: 200,
        body: {
          role,
          members: accounts.members(workspaceId).map((m) => ({
            id: m.id,
            name: m.name,
            // Addresses are for the people who manage the team.
            email: admin || m.id === identity.memberId ? m.email : null,
            role: m.role,
            roleLabel: ROLE_LABELS[m.role],
            joinedAt: m.joinedAt
          })),
          invitations: admin
            ? accounts.invitations(workspaceId).map((i) => ({
                id: i.id,
                email: i.email,
                role: i.role,
                expiresAt: i.expiresAt
              }))
            : []
        }
      };
    },
    async setRole(identity, workspaceId, userId, body, info) {
      const role = roleOf(identity, workspaceId);
      if (typeof role !== 'string') return role;
      const parsed = z.object({ role: z.string() }).safeParse(body);
      if (!parsed.success) return error(400, 'invalid-request', 'Send { "role": "…" }.');
      const r = accounts.setRole(identity.memberId, workspaceId, userId, parsed.data.role, {
        ip: info.ip
      });
      return r.ok ? { status: 200, body: { role: r.role } } : failure(r);
    },
    async removeMember(identity, workspaceId, userId, info) {
      const role = roleOf(identity, workspaceId);
      if (typeof role !== 'string') return role;
      const r = accounts.removeMember(identity.memberId, workspaceId, userId, { ip: info.ip });
      return r.ok ? { status: 204, body: null } : failure(r);
    },
    async invite(identity, workspaceId, body, info) {
      const role = roleOf(identity, workspaceId);
      if (typeof role !== 'string') return role;
      try {
        const r = await accounts.invite(identity.memberId, workspaceId, body, info, info.origin);
        return r.ok
          ? {
              status: 201,
              body: {
                invitation: {
                  id: r.invitation.id,
                  email: r.invitation.email,
                  role: r.invitation.role,
                  expiresAt: r.invitation.expiresAt
                },
                link: r.link,
                emailed: r.emailed
              }
            }
          : failure(r);
      } catch {
        return error(
          502,
          'mail-failed',
          'The invitation was made but the email could not be sent.'
        );
      }
    },
    async revokeInvitation(identity, workspaceId, invitationId, info) {
      const role = roleOf(identity, workspaceId);
      if (typeof role !== 'string') return role;
      const r = accounts.revokeInvitation(identity.memberId, workspaceId, invitationId, info);
      return r.ok ? { status: 204, body: null } : failure(r);
    },
    async peekInvitation(token) {
      const found = accounts.peekInvitation(token);
      return found
        ? {
            status: 200,
            body: { workspace: found.workspace, role: found.role, email: found.email }
          }
        : error(410, 'invalid-token', 'This invitation is invalid, used or expired.');
    },
    async acceptInvitation(identity, token, body, info) {
      if (identity.credential.kind === 'token')
        return error(403, 'forbidden', 'Not with an API token.');
      const parsed = z.object({ timeZone: z.string().max(64).optional() }).safeParse(body ?? {});
      const r = accounts.acceptInvitation(
        identity.memberId,
        token,
        parsed.success ? parsed.data : {},
        info
      );
      return r.ok ? { status: 200, body: { workspace: r.workspace, role: r.role } } : failure(r);
    },

    async apiTokens(identity, workspaceId) {
      const role = roleOf(identity, workspaceId);
      if (typeof role !== 'string') return role;
      return { status: 200, body: { tokens: accounts.apiTokens(identity.memberId, workspaceId) } };
    },
    async createApiToken(identity, workspaceId, body, info) {
      const role = roleOf(identity, workspaceId);
      if (typeof role !== 'string') return role;
      const r = accounts.createApiToken(identity.memberId, workspaceId, body, info);
      // The token is shown once; only its hash is kept.
      return r.ok ? { status: 201, body: { token: r.token, info: r.info } } : failure(r);
    },
    async revokeApiToken(identity, tokenId, info) {
      if (identity.credential.kind === 'token')
        return error(403, 'forbidden', 'Not with an API token.');
      const r = accounts.revokeApiToken(identity.memberId, tokenId, info);
      return r.ok ? { status: 204, body: null } : failure(r);
    },

    async audit(identity, workspaceId, query) {
      const role = roleOf(identity, workspaceId);
      if (typeof role !== 'string') return role;
      if (!isAdmin(role))
        return error(403, 'forbidden', 'Only owners and admins read the audit log.');
      const parsed = AuditQuerySchema.safeParse(queryObject(query));
      if (!parsed.success) return error(400, 'invalid-request', invalidFilter(parsed.error));
      const view = new AuditView(audit, audit.directory);
      return {
        status: 200,
        body: view.page({ workspaceId, ...parsed.data, limit: parsed.data.limit ?? 200 })
      };
    },
    async auditCsv(identity, workspaceId, query, info): Promise<CsvResult> {
      const role = roleOf(identity, workspaceId);
      if (typeof role !== 'string') return role;
      if (!isAdmin(role))
        return error(403, 'forbidden', 'Only owners and admins export the audit log.');
      const parsed = AuditQuerySchema.safeParse(queryObject(query));
      if (!parsed.success) return error(400, 'invalid-request', invalidFilter(parsed.error));
      const view = new AuditView(audit, audit.directory);
      const { events } = view.page({ workspaceId, ...parsed.data, limit: 10_000 });
      const locale = info.locale ?? 'en';
      audit.record({
        workspaceId,
        action: 'audit-exported',
        actorId: identity.memberId,
        actorName: identity.name,
        detail: `${events.length} events`,
        ip: info.ip
      });
      return {
        status: 200,
        body: null,
        csv: readableAuditCsv(events, (e) => auditSentence(e, { locale })),
        filename: `baton-audit-${workspaceId}.csv`
      };
    }
  };
}
