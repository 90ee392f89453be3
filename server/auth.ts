/**
 * Who may open and change which document. This is the one authorization hook: the relay's
 * upgrade and the batch sync both ask `accessFor`, and the write guard re-checks every
 * accepted update against the writer's role *now* (so a role lowered a moment ago already
 * counts).
 *
 *   credential → user → membership in the document's workspace → role → access (roles.ts)
 *
 * Credentials: the session cookie (browsers), an API token in `Authorization: Bearer`
 * (integrations: limited to its workspace and to read or write), or — only when
 * `BATON_DEV_IDENTITY` is on, never in production — the development cookie naming a user id.
 *
 * A document's workspace: the index and settings name it. A ticket — and likewise an article
 * (`kb/<id>`), bound the same way — belongs to the workspace it was created in,
 * and is *bound* to it in the document registry (SQLite) the moment its creating update is
 * accepted: in the write guard, before the update is stored or broadcast. So a stored ticket
 * is always registered, and access to a ticket is decided from the registry alone, without
 * loading its document (a batch of random ids costs no loads). A ticket id nobody has written
 * yet may be opened by any member (the best access their memberships give: it is how a new
 * ticket is created); when it becomes bound, every live connection on it whose member has no
 * access, or another access, in that workspace is closed at once (`onTicketBound`, wired to
 * the relay's `revalidate`), before the creating update reaches them.
 */
import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import {
  articleDocName,
  settingsDocName,
  ticketDocName,
  type DocKind,
  type DocRef
} from '../src/lib/domain/doc-names.ts';
import { readKbSettings } from '../src/lib/domain/settings.ts';
import { readTicketFields } from '../src/lib/domain/ticket.ts';
import { indexParts } from '../src/lib/domain/workspace-index.ts';
import { personalWriteProblem } from '../src/lib/domain/saved-view.ts';
import { onlyAddsNotes } from '../src/lib/domain/note-check.ts';
import { newSideMembers, SIDE_ROOTS } from '../src/lib/domain/side-conversation.ts';
import { authorshipProblemOf } from '../src/lib/domain/authorship.ts';
import { addsTo } from '../src/lib/domain/added-content.ts';
import { DEV_MEMBER_COOKIE, SESSION_COOKIE } from '../src/lib/server/services.ts';
import type { Credential, Principal } from '../src/lib/server/principal.ts';
import type { DocManager, WriteGuard, Writer } from './documents.ts';
import type { DocStorage } from './storage.ts';
import { isAllowedOrigin, systemClock, type BatonConfig, type Clock } from './config.ts';
import { clientAddress } from './client-address.ts';
import type { Accounts } from './accounts/accounts.ts';
import {
  accessOf,
  isAdmin,
  mayEditArticles,
  type Access,
  type Role
} from '../src/lib/domain/roles.ts';

export const DEMO_WORKSPACE_ID = 'demo-workspace';

export type { Access };

export type { Credential, Principal };

/**
 * The writer the document manager's write guard is given: a token's workspace limits it, a
 * session or the development identity is limited by its memberships alone (`''`).
 */
export function writerOf(principal: Principal): Writer {
  return {
    memberId: principal.memberId,
    workspaceId: principal.credential.kind === 'token' ? principal.credential.workspaceId : ''
  };
}

/** Who opened or changed which document (see `Authorizer.onDocumentAccess`). */
export type DocumentAccessEvent =
  | { kind: 'opened'; member: Principal; name: string; workspaceId: string | null }
  | {
      kind: 'changed';
      member: Principal;
      name: string;
      workspaceId: string | null;
      via: 'relay' | 'batch';
      changeId: number;
    }
  | { kind: 'change-count'; changeId: number; count: number };

export type Authorization =
  | { identity: Principal; access: Access }
  | { deny: 4401 | 4403; reason: 'not-signed-in' | 'forbidden' | 'bad-origin' };

/**
 * Whether the index's member profiles are unchanged but for the writer's own. Profiles are
 * what others see of a person (name, hours, skills): agents keep their own, admins anyone's.
 * The members map is small (a team), so comparing it whole is cheap.
 */
function onlyOwnProfile(live: Y.Doc, scratch: Y.Doc, memberId: string): boolean {
  const before = indexParts(live).members;
  const after = indexParts(scratch).members;
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    if (key === memberId) continue;
    if (JSON.stringify(before.get(key)) !== JSON.stringify(after.get(key))) return false;
  }
  return true;
}

/** Reads one cookie from a `Cookie` header; `null` when absent or malformed. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

/** The token of an `Authorization: Bearer <token>` header, or `null`. */
export function readBearer(header: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

export interface RequestCredentials {
  cookie: string | null | undefined;
  authorization: string | null | undefined;
  ip: string | null;
}

/** The write guard's refusal. */
function forbidden(detail: string): { reason: 'forbidden'; detail: string } {
  return { reason: 'forbidden', detail };
}

/** How many tickets' workspace bindings the write guard keeps in memory. */
const BOUND_CACHE = 50_000;

export class Authorizer {
  readonly #docs: DocManager;
  readonly #storage: DocStorage;
  readonly #accounts: Accounts;
  readonly #config: Pick<BatonConfig, 'allowedOrigins' | 'devIdentity' | 'proxy'>;
  readonly #clock: Clock;
  readonly #boundListeners = new Set<(name: string, workspaceId: string) => void>();
  readonly #accessListeners = new Set<(event: DocumentAccessEvent) => void>();
  #changeIds = 0;
  /**
   * The write guard runs on every update, so what it reads is kept in memory. A ticket's
   * workspace binding never changes once made: read from the registry once, then from here
   * (the most recent `BOUND_CACHE` tickets).
   */
  readonly #bound = new Map<string, string>();
  /**
   * The roles members hold, by member and workspace; dropped for a member as soon as an access
   * change names them (`onAccessChange`, synchronous with the change). Only roles held are kept:
   * a member who joins needs no announcement to be let in, one who leaves or changes role is.
   */
  readonly #roles = new Map<string, Map<string, Role>>();

  constructor(
    docs: DocManager,
    storage: DocStorage,
    accounts: Accounts,
    config: Pick<BatonConfig, 'allowedOrigins' | 'devIdentity' | 'proxy'>,
    clock: Clock = systemClock
  ) {
    this.#docs = docs;
    this.#storage = storage;
    this.#accounts = accounts;
    this.#config = config;
    this.#clock = clock;
    accounts.onAccessChange((change) => {
      if (change.kind === 'membership') this.#roles.delete(change.userId);
    });
  }

  /** The workspace a ticket is bound to, or `null` if it is not bound yet. */
  #boundWorkspace(name: string): string | null {
    const cached = this.#bound.get(name);
    if (cached !== undefined) return cached;
    const registered = this.#storage.documentWorkspace(name);
    if (registered !== null) this.#rememberBinding(name, registered);
    return registered;
  }

  #rememberBinding(name: string, workspaceId: string): void {
    if (this.#bound.size >= BOUND_CACHE) {
      const oldest = this.#bound.keys().next();
      if (!oldest.done) this.#bound.delete(oldest.value);
    }
    this.#bound.set(name, workspaceId);
  }

  /** The member's role in the workspace now (see `#roles`). */
  #roleOf(memberId: string, workspaceId: string): Role | null {
    const cached = this.#roles.get(memberId)?.get(workspaceId);
    if (cached !== undefined) return cached;
    const role = this.#accounts.role(memberId, workspaceId);
    if (role) {
      let held = this.#roles.get(memberId);
      if (!held) this.#roles.set(memberId, (held = new Map()));
      held.set(workspaceId, role);
    }
    return role;
  }

  /**
   * Who the credentials name, or `null`. `renewedSession` is set when a session's sliding
   * expiry moved (the HTTP layer then sends the cookie again).
   */
  identify(
    credentials: RequestCredentials,
    options: { bearer: boolean } = { bearer: true }
  ): (Principal & { renewedSession?: { token: string; expiresAt: number } }) | null {
    const bearer = options.bearer ? readBearer(credentials.authorization) : null;
    if (bearer) {
      const found = this.#accounts.validateApiToken(bearer);
      if (!found) return null;
      return {
        memberId: found.user.id,
        name: found.user.name,
        email: found.user.email,
        credential: {
          kind: 'token',
          tokenId: found.tokenId,
          workspaceId: found.workspaceId,
          scope: found.scope
        },
        ip: credentials.ip
      };
    }
    const token = readCookie(credentials.cookie, SESSION_COOKIE);
    if (token) {
      const found = this.#accounts.validateSession(token);
      if (found) {
        return {
          memberId: found.user.id,
          name: found.user.name,
          email: found.user.email,
          credential: { kind: 'session', sessionId: found.session.id },
          ip: credentials.ip,
          ...(found.renewed
            ? { renewedSession: { token, expiresAt: found.session.expiresAt } }
            : {})
        };
      }
    }
    if (this.#config.devIdentity) {
      const devId = readCookie(credentials.cookie, DEV_MEMBER_COOKIE);
      const user = devId ? this.#accounts.user(devId) : null;
      if (user) {
        return {
          memberId: user.id,
          name: user.name,
          email: user.email,
          credential: { kind: 'dev' },
          ip: credentials.ip
        };
      }
    }
    return null;
  }

  /** Whether the credential behind `member` still stands (not signed out, not revoked). */
  credentialAlive(member: Principal): boolean {
    switch (member.credential.kind) {
      case 'session':
        return this.#accounts.sessionAlive(member.credential.sessionId);
      case 'token':
        return this.#accounts.apiTokenAlive(member.credential.tokenId);
      case 'dev':
        return this.#accounts.user(member.memberId) !== null;
    }
  }

  /**
   * The workspace a document belongs to; `null` for articles and tickets nobody created yet.
   * Never loads a document: the registry answers for tickets, except for one the server itself
   * is creating this very turn (mail, registered by the projection worker on the next turn),
   * which is in memory and read there.
   */
  documentWorkspace(ref: DocRef): string | null {
    switch (ref.kind) {
      case 'index':
      case 'settings':
        return ref.workspaceId;
      case 'article': {
        const name = articleDocName(ref.articleId);
        const registered = this.#storage.documentWorkspace(name);
        if (registered !== null || !this.#docs.isLoaded(name)) return registered;
        return this.#docs.read(name, (doc) => {
          const workspace = doc.getMap('article').get('workspaceId');
          return typeof workspace === 'string' ? workspace : null;
        });
      }
      case 'ticket':
      case 'draft': {
        // A private draft belongs where its ticket does.
        const name = ticketDocName(ref.ticketId);
        const registered = this.#storage.documentWorkspace(name);
        if (registered !== null || !this.#docs.isLoaded(name)) return registered;
        return this.#docs.read(name, (doc) => readTicketFields(doc)?.workspaceId ?? null);
      }
    }
  }

  /**
   * Whether nothing is stored or loaded under this ticket name, so that a read can be answered
   * with an empty document without loading one (the batch sync).
   */
  isUnwrittenTicket(ref: DocRef): boolean {
    if (ref.kind !== 'ticket') return false;
    const name = ticketDocName(ref.ticketId);
    return this.#storage.documentWorkspace(name) === null && !this.#docs.isLoaded(name);
  }

  /**
   * Binds a ticket to its workspace (the first binding wins) and tells the listeners when this
   * call made it. The write guard calls it for a client's creating update; the projection
   * worker for tickets the server made.
   */
  bindTicket(name: string, workspaceId: string): void {
    if (this.#boundWorkspace(name) !== null) return;
    this.#storage.registerDocument(name, workspaceId, this.#clock.now());
    this.#rememberBinding(name, workspaceId);
    for (const listener of this.#boundListeners) listener(name, workspaceId);
  }

  /** Called synchronously when a ticket becomes bound to a workspace. */
  onTicketBound(listener: (name: string, workspaceId: string) => void): () => void {
    this.#boundListeners.add(listener);
    return () => this.#boundListeners.delete(listener);
  }

  /**
   * Picks the members whose access to a ticket changes when it becomes bound to `workspaceId`
   * (from the best their memberships give to the access of their role there): only their
   * connections need re-authorizing. Memoized per member and credential for one binding.
   */
  bindingChangesAccess(workspaceId: string): (member: Principal) => boolean {
    const memo = new Map<string, boolean>();
    return (member) => {
      const limited = member.credential.kind === 'token' ? member.credential : null;
      const key = `${member.memberId}\n${limited ? `${limited.workspaceId}\n${limited.scope}` : ''}`;
      let changes = memo.get(key);
      if (changes === undefined) {
        // Tickets and articles are bound alike; a socket on either re-authorizes (cheap).
        changes =
          this.#accessIn(member, 'ticket', workspaceId) !==
            this.#accessIn(member, 'ticket', null) ||
          this.#accessIn(member, 'article', workspaceId) !==
            this.#accessIn(member, 'article', null);
        memo.set(key, changes);
      }
      return changes;
    };
  }

  roleIn(memberId: string, workspaceId: string): Role | null {
    return this.#accounts.role(memberId, workspaceId);
  }

  /** The access `member` has to the document, or `null` for none. Loads no document. */
  accessFor(member: Principal, ref: DocRef): Access | null {
    // A private draft is its member's alone: anyone else is refused as for a draft that does
    // not exist, whatever their role (owners too), before anything else is looked up.
    if (ref.kind === 'draft' && ref.memberId !== member.memberId) return null;
    return this.#accessIn(member, ref.kind, this.documentWorkspace(ref));
  }

  /** The access to a document of `kind` in `docWorkspace` (`null`: not bound to one). */
  #accessIn(member: Principal, kind: DocKind, docWorkspace: string | null): Access | null {
    const limited = member.credential.kind === 'token' ? member.credential : null;
    let access: Access | null;
    if (docWorkspace !== null) {
      if (limited && limited.workspaceId !== docWorkspace) return null;
      const role = this.#accounts.role(member.memberId, docWorkspace);
      access = role ? accessOf(role, kind) : null;
    } else {
      // A new ticket (created by whoever writes it first, in a workspace where they may) or an
      // article: the best the member's memberships give.
      const roles = this.#accounts
        .workspacesOf(member.memberId)
        .filter((w) => !limited || w.id === limited.workspaceId)
        .map((w) => accessOf(w.role, kind));
      access = roles.includes('write') ? 'write' : roles.length > 0 ? 'read' : null;
    }
    if (access === 'write' && limited?.scope === 'read') access = 'read';
    return access;
  }

  /** The upgrade's authorization: Origin, identity, then access to this document. */
  authorize(req: IncomingMessage, ref: DocRef): Authorization {
    if (!isAllowedOrigin(this.#config, req.headers.origin, req.headers.host)) {
      return { deny: 4403, reason: 'bad-origin' };
    }
    const identity = this.identify({
      cookie: req.headers.cookie,
      authorization: req.headers.authorization,
      ip: clientAddress(req, this.#config)
    });
    if (!identity) return { deny: 4401, reason: 'not-signed-in' };
    const { renewedSession: _renewed, ...member } = identity;
    const access = this.accessFor(member, ref);
    if (!access) return { deny: 4403, reason: 'forbidden' };
    return { identity: member, access };
  }

  /**
   * Every accepted update passes here after the schema check, on the scratch copy: the writer
   * must hold a writing role in the document's workspace *now*; a light agent may only add
   * internal notes; a ticket stays in the workspace it was created in.
   */
  readonly guard: WriteGuard = (check) => {
    // `check.scratch` is read only where needed: for a keystroke it is brought up to date then.
    const { name, ref, live, writer, added } = check;
    if (ref.kind === 'draft') {
      const problem = this.#draftWriteProblem(ref, writer);
      return problem === null ? null : forbidden(problem);
    }
    let workspaceId: string;
    let unbound = false;
    if (ref.kind === 'ticket') {
      const workspace = check.ticketWorkspace;
      if (workspace === null) return forbidden('Not a ticket.');
      workspaceId = workspace;
      const registered = this.#boundWorkspace(name);
      if (registered !== null && registered !== workspaceId) {
        return forbidden('The ticket belongs to another workspace.');
      }
      unbound = registered === null;
    } else if (ref.kind === 'article') {
      // As for tickets: the fields were accepted by `applyChecked`, which refuses a move.
      const workspace = check.scratch.getMap('article').get('workspaceId');
      if (typeof workspace !== 'string') return forbidden('Not an article.');
      workspaceId = workspace;
      const registered = this.#boundWorkspace(name);
      if (registered !== null && registered !== workspaceId) {
        return forbidden('The article belongs to another workspace.');
      }
      unbound = registered === null;
    } else {
      workspaceId = ref.workspaceId;
    }
    if (writer.workspaceId !== '' && writer.workspaceId !== workspaceId) {
      return forbidden('This token is for another workspace.');
    }
    const role = this.#roleOf(writer.memberId, workspaceId);
    if (!role) return forbidden('You are not a member of this workspace.');
    if (accessOf(role, ref.kind) !== 'write') {
      return forbidden(
        ref.kind === 'settings' ? 'Only admins change settings.' : `A ${role} cannot change this.`
      );
    }
    if (ref.kind === 'article' && !isAdmin(role)) {
      const kb = this.#docs.read(settingsDocName(workspaceId), readKbSettings);
      if (kb && !mayEditArticles(role, writer.memberId, kb)) {
        return forbidden('Only editors change articles in this workspace.');
      }
    }
    if (
      role === 'light-agent' &&
      ref.kind === 'ticket' &&
      !onlyAddsNotes(live, check.scratch, writer.memberId)
    ) {
      return forbidden(
        'Light agents may only add internal notes and write in side conversations they take part in.'
      );
    }
    const forged =
      ref.kind === 'ticket' ? authorshipProblemOf(added.additions, writer.memberId) : null;
    if (forged) return forbidden(forged);
    // Side conversations are started with, and added to, members of the ticket's workspace.
    if (ref.kind === 'ticket' && addsTo(added, SIDE_ROOTS)) {
      for (const member of newSideMembers(live, check.scratch)) {
        if (!this.#roleOf(member, workspaceId)) {
          return forbidden('Side conversations are with members of this workspace only.');
        }
      }
    }
    if (
      ref.kind === 'index' &&
      !isAdmin(role) &&
      !onlyOwnProfile(live, check.scratch, writer.memberId)
    ) {
      return forbidden('Only owners and admins change other members’ profiles.');
    }
    // Members' own views and macros: their owner's alone, whatever the writer's role.
    const personal =
      ref.kind === 'index' ? personalWriteProblem(live, check.scratch, writer.memberId) : null;
    if (personal) return forbidden(personal);
    // Accepted: a ticket's creating update binds it now, before it is stored or broadcast, so
    // no socket opened on the id beforehand by someone outside this workspace receives it.
    if (unbound) this.bindTicket(name, workspaceId);
    return null;
  };

  /**
   * A private draft (`domain/private-draft.ts`) is written by its member only, while their role
   * in the ticket's workspace may reply; for a ticket the server has not got yet (made offline),
   * while some workspace of theirs lets them (the draft holds nothing but their own text).
   */
  #draftWriteProblem(ref: Extract<DocRef, { kind: 'draft' }>, writer: Writer): string | null {
    if (ref.memberId !== writer.memberId) return 'A private draft is its member’s alone.';
    const workspaceId = this.documentWorkspace(ref);
    const mayWrite = (role: Role | null) => role !== null && accessOf(role, 'draft') === 'write';
    if (workspaceId === null) {
      const any = this.#accounts
        .workspacesOf(writer.memberId)
        .some(
          (w) => (writer.workspaceId === '' || w.id === writer.workspaceId) && mayWrite(w.role)
        );
      return any ? null : 'Only members who may reply write reply drafts.';
    }
    if (writer.workspaceId !== '' && writer.workspaceId !== workspaceId) {
      return 'This token is for another workspace.';
    }
    return mayWrite(this.#roleOf(writer.memberId, workspaceId))
      ? null
      : 'Only members who may reply write reply drafts.';
  }

  /**
   * Document access, told to whoever listens (the audit log, `server/audit/document-access.ts`);
   * the authorizer itself keeps no log.
   */
  onDocumentAccess(listener: (event: DocumentAccessEvent) => void): () => void {
    this.#accessListeners.add(listener);
    return () => this.#accessListeners.delete(listener);
  }

  #tellAccess(event: DocumentAccessEvent): void {
    for (const listener of this.#accessListeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('[baton] a document access listener failed', error);
      }
    }
  }

  /** `member` opened a document (the relay, once per connection). */
  opened(member: Principal, name: string, ref: DocRef): void {
    this.#tellAccess({ kind: 'opened', member, name, workspaceId: this.documentWorkspace(ref) });
  }

  /**
   * `member`'s first accepted change to a document (per connection, or per batch request);
   * returns the id that `changedCount` reports the connection's number of changes under.
   */
  changed(member: Principal, name: string, ref: DocRef, via: 'relay' | 'batch'): number | null {
    const changeId = ++this.#changeIds;
    const workspaceId = this.documentWorkspace(ref);
    this.#tellAccess({ kind: 'changed', member, name, workspaceId, via, changeId });
    return changeId;
  }

  /** How many changes the connection made under `changeId`, told when it closes. */

  changedCount(auditId: number | null, count: number): void {
    if (auditId !== null) this.#tellAccess({ kind: 'change-count', changeId: auditId, count });
  }
}
