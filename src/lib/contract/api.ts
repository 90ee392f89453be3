/**
 * What every JSON endpoint of the HTTP API answers: one zod schema per answer, which the
 * server's answers satisfy and the browser's API client (`$lib/api/client.ts`) parses with.
 * Paths are in `endpoints.ts`, the error body in `errors.ts`, the batch sync in `batch.ts`.
 *
 * Names: a `Membership` is one of the signed-in person's workspaces with their role there;
 * a `WorkspaceMember` is a row of a workspace's member list. `MeIdentity` is who `/api/me`
 * says is signed in; the browser's cached, workspace-bound form of it is `SignedInMember`
 * (`state/identity.svelte.ts`).
 */
import { z } from 'zod';
import { LOCALES } from '../i18n/locales';
import { Role } from '../domain/roles';
import { AuditAction } from './audit-actions';
import { ImportProgress } from './mail-import';

const Time = z.number();

// ---- Who is signed in: GET /api/me (also written into each page, `me-bootstrap.ts`) ----

export const MeIdentity = z.object({ memberId: z.string().min(1), name: z.string().min(1) });
export type MeIdentity = z.infer<typeof MeIdentity>;

export const Membership = z.object({ id: z.string(), name: z.string(), role: Role });
export type Membership = z.infer<typeof Membership>;

export const Me = z.object({
  identity: MeIdentity.nullable(),
  /** The workspace chosen last (where the app lands); `null` before joining one. */
  workspaceId: z.string().nullable(),
  /** The role in `workspaceId`. */
  role: Role.nullable().optional(),
  email: z.string().nullable().optional(),
  /** The language the member chose; `null`: their browser's. */
  locale: z.enum(LOCALES).nullable().optional(),
  workspaces: z.array(Membership).optional()
});
export type Me = z.infer<typeof Me>;

/** PUT /api/me/locale */
export const LocaleAnswer = z.object({ locale: z.enum(LOCALES).nullable() });

// ---- Accounts: /api/auth/* ----

/** sign-up (201), sign-in, reset-confirm: a session cookie is set. */
export const SignedIn = z.object({ user: z.object({ id: z.string(), name: z.string() }) });
/** reset (202, always). */
export const ResetRequested = z.object({ message: z.string() });

export const DemoAccount = z.object({
  /** The member id, so the sign-in page colours each avatar as the app does. */
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role
});
export type DemoAccount = z.infer<typeof DemoAccount>;

/** GET /api/auth/demo: the demo accounts while the demo is on. */
export const DemoInfo = z.union([
  z.object({ enabled: z.literal(true), password: z.string(), accounts: z.array(DemoAccount) }),
  z.object({ enabled: z.literal(false) })
]);
export type DemoInfo = z.infer<typeof DemoInfo>;

// ---- Workspaces, members, invitations ----

export const WorkspaceRef = z.object({ id: z.string(), name: z.string() });

/** POST /api/workspaces (201). */
export const WorkspaceCreated = z.object({ workspace: WorkspaceRef });

export const WorkspaceMember = z.object({
  id: z.string(),
  name: z.string(),
  /** Shown to owners and admins, and to the member themself; else `null`. */
  email: z.string().nullable(),
  role: Role,
  joinedAt: Time
});
export type WorkspaceMember = z.infer<typeof WorkspaceMember>;

export const OpenInvitation = z.object({
  id: z.string(),
  email: z.string().nullable(),
  role: Role,
  expiresAt: Time
});
export type OpenInvitation = z.infer<typeof OpenInvitation>;

/** GET /api/workspaces/<id>/members: the caller's role, the members, open invitations (admins). */
export const MemberList = z.object({
  role: Role,
  members: z.array(WorkspaceMember),
  invitations: z.array(OpenInvitation)
});
export type MemberList = z.infer<typeof MemberList>;

/** PATCH /api/workspaces/<id>/members/<user> */
export const RoleChanged = z.object({ role: Role });

/** POST /api/workspaces/<id>/invitations (201). */
export const InvitationCreated = z.object({
  invitation: OpenInvitation,
  link: z.string(),
  emailed: z.boolean()
});
export type InvitationCreated = z.infer<typeof InvitationCreated>;

/** GET /api/workspaces/join/<token>: what the invitation is for. */
export const InvitationPeek = z.object({
  workspace: WorkspaceRef,
  role: Role,
  email: z.string().nullable()
});
export type InvitationPeek = z.infer<typeof InvitationPeek>;

/** POST /api/workspaces/join/<token> */
export const InvitationAccepted = z.object({ workspace: WorkspaceRef, role: Role });

// ---- API tokens ----

export const TokenScope = z.enum(['read', 'write']);
export type TokenScope = z.infer<typeof TokenScope>;

export const ApiTokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  scope: TokenScope,
  createdAt: Time
});
export type ApiTokenInfo = z.infer<typeof ApiTokenInfo>;

/** GET /api/workspaces/<id>/tokens */
export const TokenList = z.object({ tokens: z.array(ApiTokenInfo) });
/** POST /api/workspaces/<id>/tokens (201): the secret, shown once. */
export const TokenCreated = z.object({ token: z.string(), info: ApiTokenInfo });

// ---- Audit log ----

export const AuditEvent = z.object({
  id: z.number(),
  at: Time,
  actorName: z.string().nullable(),
  actorId: z.string().nullable(),
  /** A string, not `AuditAction`: a newer server may record actions this page does not know. */
  action: z.string(),
  target: z.string().nullable(),
  detail: z.string().nullable(),
  ip: z.string().nullable(),
  count: z.number(),
  /**
   * What the target names, resolved by the server from what it holds (accounts for members,
   * the workspace index or the ticket itself for tickets and their customers); never a label
   * a client wrote into the log.
   */
  ticket: z
    .object({
      number: z.number().nullable(),
      subject: z.string().nullable(),
      customer: z.string().nullable()
    })
    .nullable(),
  /** The kind of document opened or changed, when the target is one. */
  document: z.enum(['ticket', 'index', 'settings', 'article', 'draft']).nullable(),
  /** The member the action was about (a role change, a removal), by current name. */
  member: z.string().nullable(),
  /** Changes made during this visit (a `document-opened` row with its edits folded in). */
  changes: z.number()
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** GET /api/workspaces/<id>/audit: a page, and where the next (older) one starts. */
export const AuditPage = z.object({
  events: z.array(AuditEvent),
  /** Pass as `before` for older events; `null` when there are none. */
  nextBefore: z.number().nullable()
});

/** The audit log's filters (query string of the list and of its CSV export). */
export interface AuditQuery {
  action?: AuditAction;
  /** Who acted: part of a name, or a member id. */
  actor?: string;
  /** A ticket: `#42`, `42`, or part of its subject. */
  ticket?: string;
  /** Part of the raw target (an email address, a token name…). */
  target?: string;
  from?: number;
  to?: number;
  before?: number;
  limit?: number;
}

/** The filters as the server reads them from a query string; each refusal names the field. */
export const AuditQuerySchema = z.strictObject({
  action: AuditAction.optional(),
  actor: z.string().trim().min(1).max(120).optional(),
  ticket: z.string().trim().min(1).max(200).optional(),
  target: z.string().trim().min(1).max(200).optional(),
  from: z.coerce.number().int().min(0).max(8.64e15).optional(),
  to: z.coerce.number().int().min(0).max(8.64e15).optional(),
  before: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional()
});

// ---- Mail ----

const Security = z.enum(['tls', 'starttls', 'none']);
const Auth = z.enum(['password', 'oauth2']);

/** A mailbox's rules for machine and list mail (docs/mail.md). */
export const MailRulesView = z.object({
  replyTo: z.enum(['always', 'no-reply-senders', 'never']),
  autoGenerated: z.enum(['hear', 'ignore']),
  listMail: z.enum(['replies', 'hear', 'ignore']),
  heardLists: z.array(z.string())
});
export type MailRulesView = z.infer<typeof MailRulesView>;

/** The settings as the server holds them (`server/mail/mailbox.ts` `MailboxSettings`). */
export const MailboxSettingsView = z.object({
  address: z.string(),
  displayName: z.string(),
  imap: z.object({
    host: z.string(),
    port: z.number(),
    security: Security,
    user: z.string(),
    auth: Auth,
    folder: z.string()
  }),
  smtp: z.object({
    host: z.string(),
    port: z.number(),
    security: Security,
    user: z.string(),
    auth: Auth
  }),
  processed: z.enum(['flag', 'move']),
  moveTo: z.string(),
  reopenDays: z.number(),
  enabled: z.boolean(),
  /** Which machine and list mail is heard (`server/mail/mailbox.ts` `MailRules`). */
  rules: MailRulesView.optional(),
  /** Under every reply sent from this mailbox. */
  signature: z.string().optional(),
  /** Put on every ticket that comes in on this mailbox. */
  defaultTags: z.array(z.string()).optional()
});
export type MailboxSettingsView = z.infer<typeof MailboxSettingsView>;

export const MailboxView = z.object({
  /** The mailbox's id in its workspace (several mailboxes, #13.14). */
  id: z.string().optional(),
  settings: MailboxSettingsView,
  hasImapSecret: z.boolean(),
  hasSmtpSecret: z.boolean()
});
export type MailboxView = z.infer<typeof MailboxView>;

/** What the mailbox watcher is doing; its `message` is English for logs, so only the state is read. */
export const WatcherState = z.enum(['connecting', 'watching', 'failed', 'stopped']);
export type WatcherState = z.infer<typeof WatcherState>;

/** GET …/mail/mailbox; PUT answers `{ mailbox }` alone. */
export const MailboxAnswer = z.object({
  mailbox: MailboxView.nullable(),
  status: z.object({ state: WatcherState }).nullable().optional().catch(null)
});
export type MailboxAnswer = z.infer<typeof MailboxAnswer>;

/** The providers a mailbox can sign in with (`server/mail/oauth-config.ts`). */
export const OAuthProvider = z.enum(['microsoft', 'google']);
export type OAuthProvider = z.infer<typeof OAuthProvider>;

/** A mailbox's OAuth sign-in (`server/mail/oauth.ts` `OAuthGrantView`): never a token. */
export const OAuthGrantView = z.object({
  provider: OAuthProvider,
  account: z.string(),
  state: z.enum(['connected', 'reconnect-needed']),
  connectedAt: z.number()
});
export type OAuthGrantView = z.infer<typeof OAuthGrantView>;

/** GET …/mail/mailboxes: the workspace's mailboxes, the primary (oldest) first. */
export const MailboxList = z.object({
  mailboxes: z.array(
    MailboxView.extend({
      id: z.string(),
      status: z.object({ state: WatcherState }).nullable().optional().catch(null),
      /** Signed in with Microsoft or Google; `null` for a password mailbox. */
      oauth: OAuthGrantView.nullable().optional().catch(null)
    })
  ),
  /** The providers this server offers (the operator configured their client ids). */
  oauthProviders: z.array(z.string()).optional().catch([])
});
export type MailboxList = z.infer<typeof MailboxList>;
export type ListedMailbox = MailboxList['mailboxes'][number];

/** POST …/mail/oauth/<mailbox>: where to send the browser to sign the mailbox in. */
export const OAuthStarted = z.object({ url: z.url({ protocol: /^https?$/ }) });
export type OAuthStarted = z.infer<typeof OAuthStarted>;

/** DELETE …/mail/mailboxes/<id> */
export const MailboxRemoved = z.object({ removed: z.literal(true) });

/** What an admin sends to save or test: the settings, plus secrets only when they change. */
export interface MailboxInput {
  settings: MailboxSettingsView;
  imapSecret?: string;
  smtpSecret?: string;
}

/**
 * One server's test result. Its `message` is English for logs: a failure is shown by its
 * `reason` (`server/mail/mailbox.ts` `MailConnectionError`).
 */
export const ConnectionCheck = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: z.string() })
]);
/** POST …/mail/mailbox/test */
export const MailboxChecks = z.object({ imap: ConnectionCheck, smtp: ConnectionCheck });
export type MailboxChecks = z.infer<typeof MailboxChecks>;

/** POST …/mail/import (202). */
export const ImportStarted = z.object({ jobId: z.string(), total: z.number().optional() });
export type ImportStarted = z.infer<typeof ImportStarted>;
/** GET …/mail/import/<job> */
export const ImportStatus = z.object({ progress: ImportProgress });

/** Why a message could not become a ticket (`server/mail/held.ts` `HeldReason`). */
export const HeldReason = z.enum(['empty', 'too-large', 'unreadable', 'no-sender', 'failed']);
export type HeldReason = z.infer<typeof HeldReason>;

/** One message in the "could not import" list. `detail` is English, for logs and support. */
export const HeldMessage = z.object({
  id: z.string(),
  reason: HeldReason.catch('failed'),
  detail: z.string(),
  messageId: z.string().nullable(),
  subject: z.string(),
  sender: z.string(),
  size: z.number(),
  tries: z.number(),
  receivedAt: z.number(),
  updatedAt: z.number()
});
export type HeldMessage = z.infer<typeof HeldMessage>;

/** GET …/mail/held */
export const HeldList = z.object({ held: z.array(HeldMessage) });
export type HeldList = z.infer<typeof HeldList>;

/** POST …/mail/held/<id>/retry: where the message went this time. */
export const HeldRetried = z.object({
  outcome: z.enum(['imported', 'held', 'ignored']),
  ticketId: z.string().nullable(),
  reason: z.string().nullable()
});
export type HeldRetried = z.infer<typeof HeldRetried>;

/** An answer without a body (204). */
export const NoContent = z.null();
