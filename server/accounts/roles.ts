/**
 * Roles and what each may do with each kind of document. This table is the whole policy: the
 * relay's upgrade, the batch sync and the write guard all read it, and the authorization
 * matrix test asserts it cell by cell.
 *
 *                 index   settings  ticket          article
 *   owner         write   write     write           read
 *   admin         write   write     write           read
 *   agent         write   read      write           read
 *   light-agent   read    read      write (notes)   read
 *   viewer        read    read      read            read
 *
 * "write (notes)": the light agent's socket is a writer, but the write guard accepts only
 * updates that add internal notes (and the activity and `updatedAt` that go with them).
 * Articles are not writable by anyone yet (update-check refuses them).
 */
import { z } from 'zod';
import type { DocKind } from '../../src/lib/domain/doc-names.ts';

export const ROLES = ['owner', 'admin', 'agent', 'light-agent', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles an invitation may grant (ownership is handed over on the members page). */
export const INVITE_ROLES = ['admin', 'agent', 'light-agent', 'viewer'] as const;
export const InviteRole = z.enum(INVITE_ROLES);

export type Access = 'read' | 'write';

const POLICY: Record<Role, Record<DocKind, Access>> = {
  owner: { index: 'write', settings: 'write', ticket: 'write', article: 'read' },
  admin: { index: 'write', settings: 'write', ticket: 'write', article: 'read' },
  agent: { index: 'write', settings: 'read', ticket: 'write', article: 'read' },
  'light-agent': { index: 'read', settings: 'read', ticket: 'write', article: 'read' },
  viewer: { index: 'read', settings: 'read', ticket: 'read', article: 'read' }
};

export function accessOf(role: Role, kind: DocKind): Access {
  return POLICY[role][kind];
}

/** Members, invitations, the audit log and API tokens of others. */
export function isAdmin(role: Role | null | undefined): boolean {
  return role === 'owner' || role === 'admin';
}

/** Whether `role` may create tickets (a full write on a ticket document). */
export function writesTickets(role: Role): boolean {
  return role === 'owner' || role === 'admin' || role === 'agent';
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  agent: 'Agent',
  'light-agent': 'Light agent',
  viewer: 'Viewer'
};
