/**
 * Where the HTTP API's endpoints are. Paths are built here, once, for the API client and the
 * server (which writes blob links into email HTML); the SvelteKit route folders mirror them.
 * A workspace-scoped endpoint always names its workspace in the path.
 */
const seg = encodeURIComponent;

/** The endpoints of one workspace: `/api/workspaces/<id>/…`. */
export function workspacePath(workspaceId: string, rest = ''): string {
  return `/api/workspaces/${seg(workspaceId)}${rest}`;
}

/** An attachment or inline image that came to the workspace (`?download=1&name=…`). */
export function blobPath(workspaceId: string, hash: string): string {
  return workspacePath(workspaceId, `/blobs/${seg(hash)}`);
}

/** The sanitised HTML of an email entry, for a sandboxed frame (`?images=1` shows remote images). */
export function mailEntryPath(workspaceId: string, ticketId: string, entryId: string): string {
  return workspacePath(workspaceId, `/mail/entries/${seg(ticketId)}/${seg(entryId)}`);
}

export function mailboxPath(workspaceId: string): string {
  return workspacePath(workspaceId, '/mail/mailbox');
}

export function mailboxTestPath(workspaceId: string): string {
  return workspacePath(workspaceId, '/mail/mailbox/test');
}

/** The workspace's mailboxes, one of them, or its connection test (`test`). */
export function mailboxesPath(workspaceId: string, mailboxId?: string, action?: 'test'): string {
  const rest = mailboxId === undefined ? '' : `/${seg(mailboxId)}${action ? `/${action}` : ''}`;
  return workspacePath(workspaceId, `/mail/mailboxes${rest}`);
}

/** Starts signing a mailbox in with Microsoft 365 or Google (POST `{ provider }` → `{ url }`). */
export function mailOAuthPath(workspaceId: string, mailboxId: string): string {
  return workspacePath(workspaceId, `/mail/oauth/${seg(mailboxId)}`);
}

/**
 * Where the provider sends the browser back: one fixed path (the redirect URI the operator
 * registers), not per workspace; the sign-in's `state` names the workspace.
 */
export const MAIL_OAUTH_CALLBACK_PATH = '/api/mail/oauth/callback';

export function mailImportPath(workspaceId: string, jobId?: string): string {
  return workspacePath(workspaceId, `/mail/import${jobId === undefined ? '' : `/${seg(jobId)}`}`);
}

/** The "could not import" list, or one held message's raw bytes (`raw`) or retry (`retry`). */
export function mailHeldPath(workspaceId: string, id?: string, action?: 'raw' | 'retry'): string {
  const rest = id === undefined ? '' : `/${seg(id)}${action ? `/${action}` : ''}`;
  return workspacePath(workspaceId, `/mail/held${rest}`);
}

/** The header an upload must carry instead of a JSON content type (value `1`): no form can. */
export const UPLOAD_HEADER = 'x-baton-upload';

/** Whether a path is the mail import upload (multipart, not JSON: `$lib/server/http.ts`). */
export function isMailImportUpload(pathname: string): boolean {
  return /^\/api\/workspaces\/[^/]+\/mail\/import$/.test(pathname);
}
