/**
 * Accounts: everything the server knows about *who* someone is and *what role* they have where,
 * composed from one small module per concern, each over its own tables (migrations.ts):
 *
 *   users.ts            who someone is: name, address, password hash, language
 *   sessions.ts         sign-up, sign-in (rate-limited before Argon2), Lucia-guide sessions
 *   password-resets.ts  single-use reset links
 *   memberships.ts      workspaces, memberships and roles, and who may change them
 *   invitations.ts      links to join a workspace with a role
 *   api-tokens.ts       integration tokens scoped to one workspace
 *
 * `Accounts` builds them over one shared context and keeps the surface the rest of the server
 * calls (`accounts.role(…)`, `accounts.signIn(…)`): each of those is the module's own method.
 * Every change to a membership, sign-out or revoked token is announced (`onAccessChange`) so
 * that the relay can close or downgrade live sockets at once.
 */
import type { AuditLog } from '../audit/audit-log.ts';
import { SqliteStatements } from '../db/database.ts';
import type { AccountsTables } from './migrations.ts';
import { ApiTokens } from './api-tokens.ts';
import { Invitations } from './invitations.ts';
import { Memberships } from './memberships.ts';
import type { AccessChange, AccountsContext, AccountsDeps } from './model.ts';
import { PasswordResets } from './password-resets.ts';
import { RateLimiter } from './rate-limit.ts';
import { Sessions } from './sessions.ts';
import { Users } from './users.ts';

export * from './model.ts';

export class Accounts {
  readonly users: Users;
  readonly sessions: Sessions;
  readonly resets: PasswordResets;
  readonly memberships: Memberships;
  /** Invitations (the module; `invitations(workspaceId)` lists a workspace's open ones). */
  readonly invites: Invitations;
  readonly tokens: ApiTokens;
  readonly #deps: AccountsDeps;
  readonly #listeners = new Set<(change: AccessChange) => void>();

  // Users
  readonly user: Users['user'];
  readonly userLocale: Users['userLocale'];
  readonly setLocale: Users['setLocale'];
  readonly ensureUser: Users['ensureUser'];
  // Sessions
  readonly signUp: Sessions['signUp'];
  readonly signIn: Sessions['signIn'];
  readonly createSession: Sessions['createSession'];
  readonly validateSession: Sessions['validateSession'];
  readonly sessionAlive: Sessions['sessionAlive'];
  readonly signOut: Sessions['signOut'];
  readonly signOutEverywhere: Sessions['signOutEverywhere'];
  // PasswordResets
  readonly requestPasswordReset: PasswordResets['requestPasswordReset'];
  readonly resetPassword: PasswordResets['resetPassword'];
  // Memberships
  readonly workspace: Memberships['workspace'];
  readonly ensureWorkspace: Memberships['ensureWorkspace'];
  readonly ensureMembership: Memberships['ensureMembership'];
  readonly createWorkspace: Memberships['createWorkspace'];
  readonly role: Memberships['role'];
  readonly workspacesOf: Memberships['workspacesOf'];
  readonly currentWorkspace: Memberships['currentWorkspace'];
  readonly selectWorkspace: Memberships['selectWorkspace'];
  readonly members: Memberships['members'];
  readonly setRole: Memberships['setRole'];
  readonly removeMember: Memberships['removeMember'];
  // Invitations
  readonly invite: Invitations['invite'];
  readonly invitations: Invitations['invitations'];
  readonly revokeInvitation: Invitations['revokeInvitation'];
  readonly peekInvitation: Invitations['peekInvitation'];
  readonly acceptInvitation: Invitations['acceptInvitation'];
  // ApiTokens
  readonly createApiToken: ApiTokens['createApiToken'];
  readonly apiTokens: ApiTokens['apiTokens'];
  readonly revokeApiToken: ApiTokens['revokeApiToken'];
  readonly validateApiToken: ApiTokens['validateApiToken'];
  readonly apiTokenAlive: ApiTokens['apiTokenAlive'];

  constructor(deps: AccountsDeps) {
    this.#deps = deps;
    const context: AccountsContext = {
      q: new SqliteStatements(deps.database.sqlite),
      k: deps.database.kysely.withTables<AccountsTables>(),
      deps,
      limits: new RateLimiter(deps.clock),
      audit: deps.audit,
      now: () => deps.clock.now(),
      announce: (change) => this.#announce(change)
    };
    this.users = new Users(context);
    // Tokens check memberships; leaving a workspace revokes its tokens: the second is late-bound.
    this.memberships = new Memberships(context, this.users, (workspaceId, userId) =>
      this.tokens.revokeForMember(workspaceId, userId)
    );
    this.tokens = new ApiTokens(context, this.users, this.memberships);
    this.sessions = new Sessions(context, this.users, this.memberships, this.tokens);
    this.resets = new PasswordResets(
      context,
      this.users,
      this.memberships,
      this.sessions,
      this.tokens
    );
    this.invites = new Invitations(context, this.users, this.memberships);
    this.user = this.users.user.bind(this.users);
    this.userLocale = this.users.userLocale.bind(this.users);
    this.setLocale = this.users.setLocale.bind(this.users);
    this.ensureUser = this.users.ensureUser.bind(this.users);
    this.signUp = this.sessions.signUp.bind(this.sessions);
    this.signIn = this.sessions.signIn.bind(this.sessions);
    this.createSession = this.sessions.createSession.bind(this.sessions);
    this.validateSession = this.sessions.validateSession.bind(this.sessions);
    this.sessionAlive = this.sessions.sessionAlive.bind(this.sessions);
    this.signOut = this.sessions.signOut.bind(this.sessions);
    this.signOutEverywhere = this.sessions.signOutEverywhere.bind(this.sessions);
    this.requestPasswordReset = this.resets.requestPasswordReset.bind(this.resets);
    this.resetPassword = this.resets.resetPassword.bind(this.resets);
    this.workspace = this.memberships.workspace.bind(this.memberships);
    this.ensureWorkspace = this.memberships.ensureWorkspace.bind(this.memberships);
    this.ensureMembership = this.memberships.ensureMembership.bind(this.memberships);
    this.createWorkspace = this.memberships.createWorkspace.bind(this.memberships);
    this.role = this.memberships.role.bind(this.memberships);
    this.workspacesOf = this.memberships.workspacesOf.bind(this.memberships);
    this.currentWorkspace = this.memberships.currentWorkspace.bind(this.memberships);
    this.selectWorkspace = this.memberships.selectWorkspace.bind(this.memberships);
    this.members = this.memberships.members.bind(this.memberships);
    this.setRole = this.memberships.setRole.bind(this.memberships);
    this.removeMember = this.memberships.removeMember.bind(this.memberships);
    this.invite = this.invites.invite.bind(this.invites);
    this.invitations = this.invites.invitations.bind(this.invites);
    this.revokeInvitation = this.invites.revokeInvitation.bind(this.invites);
    this.peekInvitation = this.invites.peekInvitation.bind(this.invites);
    this.acceptInvitation = this.invites.acceptInvitation.bind(this.invites);
    this.createApiToken = this.tokens.createApiToken.bind(this.tokens);
    this.apiTokens = this.tokens.apiTokens.bind(this.tokens);
    this.revokeApiToken = this.tokens.revokeApiToken.bind(this.tokens);
    this.validateApiToken = this.tokens.validateApiToken.bind(this.tokens);
    this.apiTokenAlive = this.tokens.apiTokenAlive.bind(this.tokens);
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
}
