/**
 * Roles and what each may do: the one policy the server enforces and the browser follows.
 *
 * Two tables, read together. `accessOf` is what the server checks on every socket and update
 * (the relay's upgrade, the batch sync, the write guard); `may` is what the app offers — a
 * link, a page, a button — so a member never sees a control whose use the server would refuse.
 * The second is derived from the first wherever a document decides it (creating a ticket is a
 * full write on a ticket document); the admin pages (mailbox, members' roles, audit log) are
 * the ones the server's account and mail services keep for `isAdmin`.
 *
 *                 index   settings  ticket          article                          draft
 *   owner         write   write     write           write                            write (own)
 *   admin         write   write     write           write                            write (own)
 *   agent         write   read      write           write (unless kb says editors)   write (own)
 *   light-agent   read    read      write (notes)   read                             —
 *   viewer        read    read      read            read                             —
 *
 * "write (notes)": the light agent's socket is a writer, but the write guard accepts only
 * updates that add internal notes (and the activity and `updatedAt` that go with them).
 * Drafts (`t/<ticket>/draft/<member>`, `private-draft.ts`): only the member the name gives, and
 * only while their role in the ticket's workspace may reply; "—" is no access at all, the same
 * refusal as anyone else's draft gets (the server checks the member, `server/auth.ts`).
 * Articles: the workspace's `kb` setting (`settings.ts`) may restrict writing to editors —
 * owners, admins and the members it names (`mayEditArticles`); the write guard applies it.
 *
 * A role the app does not know (an identity cached by an older version) is given what an
 * agent has in the browser: the server decides, and its refusal is shown then.
 */
import { z } from 'zod';
import type { DocKind } from './doc-names';

export const ROLES = ['owner', 'admin', 'agent', 'light-agent', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** English role names for API answers and logs (the app shows translated ones, `roleLabel`). */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  owner: 'Owner',
  admin: 'Admin',
  agent: 'Agent',
  'light-agent': 'Light agent',
  viewer: 'Viewer'
};

/** Roles an invitation may grant (ownership is handed over on the members page). */
export const INVITE_ROLES = ['admin', 'agent', 'light-agent', 'viewer'] as const;
export const InviteRole = z.enum(INVITE_ROLES);

export type Access = 'read' | 'write';

const ACCESS: Readonly<Record<Role, Readonly<Record<DocKind, Access | null>>>> = {
  owner: { index: 'write', settings: 'write', ticket: 'write', article: 'write', draft: 'write' },
  admin: { index: 'write', settings: 'write', ticket: 'write', article: 'write', draft: 'write' },
  agent: { index: 'write', settings: 'read', ticket: 'write', article: 'write', draft: 'write' },
  'light-agent': {
    index: 'read',
    settings: 'read',
    ticket: 'write',
    article: 'read',
    draft: null
  },
  viewer: { index: 'read', settings: 'read', ticket: 'read', article: 'read', draft: null }
};

/** `null`: no access to documents of this kind (drafts: also only one's own, see above). */
export function accessOf(role: Role, kind: DocKind): Access | null {
  return ACCESS[role][kind];
}

/**
 * What a member may do in the app, by name:
 * - `change-tickets`: status, priority, assignee, tags, the reply draft, the handover note;
 * - `create-tickets`, `reply` (a public reply), `note` (an internal note);
 * - `manage-mailbox`, `manage-members` (invite, change roles), `read-audit-log`,
 *   `manage-settings` (SLA, routing, views);
 * - `read-reports`: the team's reports (everyone who works tickets has a personal one);
 * - `merge-tickets`: merge a ticket into another, split messages off into a new one, and undo
 *   either (`merge.ts`): both write two tickets whole, so full writers of tickets only.
 */
export const ABILITIES = [
  'change-tickets',
  'create-tickets',
  'reply',
  'note',
  'manage-mailbox',
  'manage-members',
  'read-audit-log',
  'manage-settings',
  'edit-articles',
  'read-reports',
  'merge-tickets'
] as const;
export type Ability = (typeof ABILITIES)[number];

function admin(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** Full writers of tickets: everything on a ticket, and new tickets. */
function writesTickets(role: Role): boolean {
  return accessOf(role, 'ticket') === 'write' && role !== 'light-agent';
}

const RULES: Readonly<Record<Ability, (role: Role) => boolean>> = {
  'change-tickets': writesTickets,
  'create-tickets': writesTickets,
  reply: writesTickets,
  note: (role) => accessOf(role, 'ticket') === 'write',
  'manage-mailbox': admin,
  'manage-members': admin,
  'read-audit-log': admin,
  'manage-settings': (role) => accessOf(role, 'settings') === 'write',
  'edit-articles': (role) => accessOf(role, 'article') === 'write',
  'read-reports': admin,
  'merge-tickets': writesTickets
};

/**
 * Whether `role` may do `ability`. `undefined` is a role not known yet (see the header): the
 * ticket work an agent does is offered, the admin pages are not.
 */
export function may(role: Role | null | undefined, ability: Ability): boolean {
  if (role === null) return false;
  return RULES[ability](role ?? 'agent');
}

/** `change`: anything on a ticket or the index; `note`: adding an internal note. */
export type EditKind = 'change' | 'note';

/** Whether `role` may make an edit of this kind (asked before the edit is made). */
export function mayEdit(role: Role | null | undefined, kind: EditKind): boolean {
  return may(role, kind === 'note' ? 'note' : 'change-tickets');
}

/** Who may write the knowledge base: `agents` (every role that writes articles) or `editors`. */
export type KbEditors = 'agents' | 'editors';

/**
 * Whether a member may write articles under the workspace's `kb` setting: with `editors`,
 * owners, admins and the members named editors; otherwise whoever `accessOf` lets write.
 */
export function mayEditArticles(
  role: Role | null | undefined,
  memberId: string,
  kb: { whoEdits: KbEditors; editors: readonly string[] }
): boolean {
  if (!may(role, 'edit-articles')) return false;
  if (kb.whoEdits === 'agents' || isAdmin(role)) return true;
  return kb.editors.includes(memberId);
}

/** Members, invitations, the audit log, the mailbox and API tokens of others. */
export function isAdmin(role: Role | null | undefined): boolean {
  return role !== null && role !== undefined && admin(role);
}

/**
 * Who manages whom: whether `actor` may give someone the role `role`, or change or remove a
 * member who has it. Admins manage agents, light agents and viewers; only owners make, change
 * or remove owners and admins. (Leaving a workspace oneself, and keeping its last owner, are
 * the account service's rules.)
 */
export function mayManageRole(actor: Role | null | undefined, role: Role): boolean {
  return isAdmin(actor) && (actor === 'owner' || !isAdmin(role));
}

/** The workspace pages a role may not open, and the ability each needs. */
export const PAGE_ABILITY = {
  new: 'create-tickets',
  mailbox: 'manage-mailbox',
  audit: 'read-audit-log',
  settings: 'manage-settings'
} as const satisfies Record<string, Ability>;
export type GatedPage = keyof typeof PAGE_ABILITY;

export function mayOpen(role: Role | null | undefined, page: GatedPage): boolean {
  return may(role, PAGE_ABILITY[page]);
}
