/**
 * Who may open which document. This is the one authorization hook: the relay's upgrade and
 * the batch sync both ask `accessFor`, and the write guard keeps tickets in their workspace.
 *
 * Until accounts land, identity is the development cookie `baton_dev_member`, naming a member
 * of the demo workspace's index; every member may write every document of that workspace.
 * Accounts will replace `identifyCookie` (session → user → membership → role) and refine
 * `accessFor` by role; the callers stay as they are.
 */
import type { IncomingMessage } from 'node:http';
import { indexDocName, ticketDocName, type DocRef } from '../src/lib/domain/doc-names.ts';
import { readIndex } from '../src/lib/domain/workspace-index.ts';
import { readTicketFields } from '../src/lib/domain/ticket.ts';
import { Id } from '../src/lib/domain/schema.ts';
import { DEV_MEMBER_COOKIE, type Identity } from '../src/lib/server/services.ts';
import type { DocManager, WriteGuard } from './documents.ts';
import type { DocStorage } from './storage.ts';
import { isAllowedOrigin, type BatonConfig } from './config.ts';

export const DEMO_WORKSPACE_ID = 'demo-workspace';

/** An identity and the workspace it acts in. */
export interface Member extends Identity {
  workspaceId: string;
}

export type Access = 'read' | 'write';

export type Authorization =
  | { identity: Member; access: Access }
  | { deny: 4401 | 4403; reason: 'not-signed-in' | 'forbidden' | 'bad-origin' };

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

export class Authorizer {
  readonly #docs: DocManager;
  readonly #storage: DocStorage;
  readonly #config: Pick<BatonConfig, 'allowedOrigins'>;

  constructor(docs: DocManager, storage: DocStorage, config: Pick<BatonConfig, 'allowedOrigins'>) {
    this.#docs = docs;
    this.#storage = storage;
    this.#config = config;
  }

  /** Members one may sign in as (development identity). */
  members(workspaceId = DEMO_WORKSPACE_ID): Member[] {
    const members =
      this.#docs.read(indexDocName(workspaceId), (doc) => [...readIndex(doc).members.values()]) ??
      [];
    return members
      .map((m) => ({ memberId: m.id, name: m.name, workspaceId }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  member(memberId: string): Member | null {
    if (!Id.safeParse(memberId).success) return null;
    const profile = this.#docs.read(indexDocName(DEMO_WORKSPACE_ID), (doc) =>
      readIndex(doc).members.get(memberId)
    );
    return profile
      ? { memberId: profile.id, name: profile.name, workspaceId: DEMO_WORKSPACE_ID }
      : null;
  }

  identifyCookie(cookieHeader: string | null | undefined): Member | null {
    const memberId = readCookie(cookieHeader, DEV_MEMBER_COOKIE);
    return memberId ? this.member(memberId) : null;
  }

  /** The access `member` has to the document, or `null` for none. */
  accessFor(member: Member, ref: DocRef): Access | null {
    switch (ref.kind) {
      case 'index':
      case 'settings':
        // Settings are admins-only once roles exist; every member is an admin of the demo.
        return ref.workspaceId === member.workspaceId ? 'write' : null;
      case 'ticket': {
        // A ticket nobody has written yet may be created by anyone; the write guard then
        // makes sure it is created in the writer's own workspace.
        const owner = this.#storage.documentWorkspace(ticketDocName(ref.ticketId));
        return owner === null || owner === member.workspaceId ? 'write' : null;
      }
      case 'article':
        // Articles are not writable yet (the update check refuses them): read-only for now.
        return 'read';
    }
  }

  /** The upgrade's authorization: Origin, identity, then access to this document. */
  authorize(req: IncomingMessage, ref: DocRef): Authorization {
    if (!isAllowedOrigin(this.#config, req.headers.origin, req.headers.host)) {
      return { deny: 4403, reason: 'bad-origin' };
    }
    const identity = this.identifyCookie(req.headers.cookie);
    if (!identity) return { deny: 4401, reason: 'not-signed-in' };
    const access = this.accessFor(identity, ref);
    if (!access) return { deny: 4403, reason: 'forbidden' };
    return { identity, access };
  }

  /** Keeps every ticket in the workspace of whoever created it. */
  readonly guard: WriteGuard = ({ ref, scratch, writer }) => {
    if (ref.kind !== 'ticket') return null;
    const fields = readTicketFields(scratch);
    if (fields && fields.workspaceId !== writer.workspaceId) {
      return { reason: 'forbidden', detail: 'The ticket belongs to another workspace.' };
    }
    return null;
  };
}
