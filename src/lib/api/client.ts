/**
 * The one way from the UI to the HTTP API: a typed client built on the contract
 * (`$lib/contract`). It is created with the `fetch` to use (the browser's, or one a test
 * hands in) and is passed to the state classes through the app context, never imported as a
 * module singleton.
 *
 * Every method resolves to a result, never throws: `{ ok: true, value }` with the answer
 * parsed by the contract's schema, or `{ ok: false, failure }` with a named `ApiFailure`
 * (the server's refusal and its reason, the network, or an answer that is not what the
 * contract says). State classes that prefer exceptions (forms) use `orThrow`, which throws an
 * `ApiError` carrying the failure.
 */
import type { z } from 'zod';
import * as C from '$lib/contract/api';
import type * as A from '$lib/contract/archive';
import { failureOf, type ApiFailure } from '$lib/contract/errors';
import {
  UPLOAD_HEADER,
  blobPath,
  mailEntryPath,
  mailHeldPath,
  mailImportPath,
  mailOAuthPath,
  mailboxPath,
  mailboxTestPath,
  mailboxesPath,
  workspacePath
} from '$lib/contract/endpoints';
import * as N from '$lib/contract/notifications';
import type * as R from '$lib/contract/replies';
import type * as RP from '$lib/contract/reports';
import type { Locale } from '$lib/i18n/locales';
import type { Role } from '$lib/domain/roles';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

/** A failed call as an exception, for code that works with `try`. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly failure: ApiFailure) {
    super(failure.message);
  }

  /**
   * The server's reason for `errorMessage`: `http` when it named none this client knows (the
   * words then say the status), `network` or `bad-response` when it did not answer one.
   */
  get reason(): string {
    if (this.failure.kind !== 'http') return this.failure.kind;
    return this.failure.reason === 'unknown' ? 'http' : this.failure.reason;
  }

  get status(): number {
    return this.failure.kind === 'network' ? 0 : this.failure.status;
  }

  get retryAfterMs(): number | undefined {
    return this.failure.kind === 'http' ? this.failure.retryAfterMs : undefined;
  }
}

/** The value of a result, or its failure thrown as an `ApiError`. */
export function orThrow<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new ApiError(result.failure);
  return result.value;
}

/**
 * Sends a multipart upload and reports its progress (0–1); resolves with the answer's status
 * and text. The browser's is `xhrUpload` (`fetch` cannot report upload progress).
 */
export type Uploader = (
  path: string,
  form: FormData,
  headers: Record<string, string>,
  onProgress: (fraction: number) => void
) => Promise<{ status: number; text: string }>;

export interface ApiDeps {
  fetch: typeof fetch;
  /** For the mail import's upload; the browser's `XMLHttpRequest` unless given. */
  upload?: Uploader;
}

/** An upload through `XMLHttpRequest`, which reports how much of the body has gone. */
export const xhrUpload: Uploader = (path, form, headers, onProgress) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new Error('The upload did not reach the server.'));
    xhr.send(form);
  });

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON (a proxy's page): the status says what happened.
    return null;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The contracts of pages off the first screen, loaded on their first call: their schemas are
 * not built (nor downloaded) while the board or triage list opens.
 */
const archiveContract = () => import('$lib/contract/archive');
const reportsContract = () => import('$lib/contract/reports');
const searchContract = () => import('$lib/contract/search');
const helpContract = () => import('$lib/contract/help');
const repliesContract = () => import('$lib/contract/replies');

const seg = encodeURIComponent;

function auditQueryString(query: C.AuditQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A report's query string (`$lib/contract/reports.ts`): the fields given, in order. */
function reportQueryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return `?${params.toString()}`;
}

export function createApi(deps: ApiDeps) {
  /**
   * One JSON call. Every state-changing call says `Content-Type: application/json`, body or
   * not: the API refuses what a form on another site could send (`$lib/server/http.ts`).
   */
  async function call<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    body?: unknown
  ): Promise<ApiResult<z.infer<S>>> {
    let response: Response;
    try {
      response = await deps.fetch(path, {
        method,
        credentials: 'same-origin',
        ...(method === 'GET'
          ? {}
          : {
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body ?? {})
            })
      });
    } catch (error) {
      return {
        ok: false,
        failure: { kind: 'network', message: error instanceof Error ? error.message : 'offline' }
      };
    }
    const json: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) return { ok: false, failure: failureOf(response.status, json) };
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      return {
        ok: false,
        failure: {
          kind: 'bad-response',
          status: response.status,
          message: `The answer to ${method} ${path} is not what the contract says.`
        }
      };
    }
    return { ok: true, value: parsed.data };
  }

  /**
   * One multipart upload with progress, the header no form on another site can send, and its
   * answer checked like a call's.
   */
  async function upload<S extends z.ZodType>(
    path: string,
    form: FormData,
    schema: S,
    onProgress: (fraction: number) => void
  ): Promise<ApiResult<z.infer<S>>> {
    let answer: { status: number; text: string };
    try {
      answer = await (deps.upload ?? xhrUpload)(path, form, { [UPLOAD_HEADER]: '1' }, onProgress);
    } catch (error) {
      return {
        ok: false,
        failure: { kind: 'network', message: error instanceof Error ? error.message : 'offline' }
      };
    }
    const json = parseText(answer.text);
    if (answer.status < 200 || answer.status >= 300) {
      return { ok: false, failure: failureOf(answer.status, json) };
    }
    const parsed = schema.safeParse(json);
    return parsed.success
      ? { ok: true, value: parsed.data }
      : {
          ok: false,
          failure: {
            kind: 'bad-response',
            status: answer.status,
            message: 'The answer to the upload is not what the contract says.'
          }
        };
  }

  const ws = workspacePath;

  return {
    // Who is signed in
    me: () => call('GET', '/api/me', C.Me),
    setLocale: (locale: Locale | null) => call('PUT', '/api/me/locale', C.LocaleAnswer, { locale }),

    // Accounts
    demo: () => call('GET', '/api/auth/demo', C.DemoInfo),
    signIn: (body: { email: string; password: string }) =>
      call('POST', '/api/auth/sign-in', C.SignedIn, body),
    signUp: (body: { email: string; name: string; password: string; timeZone: string }) =>
      call('POST', '/api/auth/sign-up', C.SignedIn, body),
    requestReset: (email: string) => call('POST', '/api/auth/reset', C.ResetRequested, { email }),
    resetPassword: (token: string, password: string) =>
      call('POST', '/api/auth/reset-confirm', C.SignedIn, { token, password }),
    signOut: () => call('POST', '/api/auth/sign-out', C.NoContent),
    signOutEverywhere: () => call('POST', '/api/auth/sign-out-everywhere', C.NoContent),

    // Workspaces
    createWorkspace: (name: string, timeZone: string) =>
      call('POST', '/api/workspaces', C.WorkspaceCreated, { name, timeZone }),
    selectWorkspace: (workspaceId: string) => call('POST', ws(workspaceId, '/select'), C.NoContent),

    // Members and invitations
    members: (workspaceId: string) => call('GET', ws(workspaceId, '/members'), C.MemberList),
    setRole: (workspaceId: string, userId: string, role: Role) =>
      call('PATCH', ws(workspaceId, `/members/${seg(userId)}`), C.RoleChanged, { role }),
    removeMember: (workspaceId: string, userId: string) =>
      call('DELETE', ws(workspaceId, `/members/${seg(userId)}`), C.NoContent),
    invite: (workspaceId: string, body: { role: Role; email?: string }) =>
      call('POST', ws(workspaceId, '/invitations'), C.InvitationCreated, body),
    revokeInvitation: (workspaceId: string, invitationId: string) =>
      call('DELETE', ws(workspaceId, `/invitations/${seg(invitationId)}`), C.NoContent),
    peekInvitation: (token: string) =>
      call('GET', `/api/workspaces/join/${seg(token)}`, C.InvitationPeek),
    acceptInvitation: (token: string, timeZone: string) =>
      call('POST', `/api/workspaces/join/${seg(token)}`, C.InvitationAccepted, { timeZone }),

    // API tokens
    tokens: (workspaceId: string) => call('GET', ws(workspaceId, '/tokens'), C.TokenList),
    createToken: (workspaceId: string, body: { name: string; scope: C.TokenScope }) =>
      call('POST', ws(workspaceId, '/tokens'), C.TokenCreated, body),
    revokeToken: (tokenId: string) => call('DELETE', `/api/tokens/${seg(tokenId)}`, C.NoContent),

    // Audit log
    audit: (workspaceId: string, query: C.AuditQuery) =>
      call('GET', ws(workspaceId, `/audit${auditQueryString(query)}`), C.AuditPage),
    /** Where the browser downloads the filtered log as CSV (a link, not a call). */
    auditCsvHref: (workspaceId: string, query: C.AuditQuery) =>
      ws(workspaceId, `/audit/csv${auditQueryString(query)}`),

    // The archive: closed tickets that left the index (`contract/archive.ts`).
    archive: async (workspaceId: string, query: A.ArchiveQueryInput = {}) => {
      const { archivePath, ArchiveAnswer } = await archiveContract();
      return call('GET', archivePath(workspaceId, query), ArchiveAnswer);
    },

    // Reports
    report: async (workspaceId: string, query: RP.ReportParamsInput) =>
      call(
        'GET',
        ws(workspaceId, `/reports${reportQueryString(query)}`),
        (await reportsContract()).ReportView
      ),
    reportTickets: async (
      workspaceId: string,
      query: RP.ReportParamsInput & { number: string; dimension?: string; key?: string }
    ) =>
      call(
        'GET',
        ws(workspaceId, `/reports/tickets${reportQueryString(query)}`),
        (await reportsContract()).ReportTickets
      ),
    /** Where the browser downloads a report or its tickets as CSV (a link, not a call). */
    reportCsvHref: (
      workspaceId: string,
      query: RP.ReportParamsInput & {
        what: 'report' | 'tickets';
        number?: string;
        dimension?: string;
        key?: string;
      }
    ) => ws(workspaceId, `/reports/csv${reportQueryString(query)}`),

    // Search: the workspace's tickets, customers and articles on the server (`contract/search.ts`).
    search: async (workspaceId: string, q: string) => {
      const { searchPath, ServerSearchAnswer } = await searchContract();
      return call('GET', searchPath(workspaceId, q), ServerSearchAnswer);
    },

    // Automations (`contract/automations.ts`): the rules' states, the test mode; admins only.
    automationStatus: async (workspaceId: string) => {
      const { automationsPath, AutomationStatusAnswer } = await import('$lib/contract/automations');
      return call('GET', automationsPath(workspaceId), AutomationStatusAnswer);
    },
    testAutomation: async (workspaceId: string, rule: unknown) => {
      const { automationTestPath, AutomationTestAnswer } =
        await import('$lib/contract/automations');
      return call('POST', automationTestPath(workspaceId), AutomationTestAnswer, { rule });
    },

    // The public help centre (`contract/help.ts`)
    helpCentreStatus: async (workspaceId: string) => {
      const { helpCentrePath, HelpCentreStatus } = await helpContract();
      return call('GET', helpCentrePath(workspaceId), HelpCentreStatus);
    },
    articleFeedback: async (workspaceId: string, articleId: string) => {
      const { articleFeedbackPath, ArticleFeedback } = await helpContract();
      return call('GET', articleFeedbackPath(workspaceId, articleId), ArticleFeedback);
    },

    // Mail
    mailbox: (workspaceId: string) => call('GET', mailboxPath(workspaceId), C.MailboxAnswer),
    saveMailbox: (workspaceId: string, input: C.MailboxInput) =>
      call('PUT', mailboxPath(workspaceId), C.MailboxAnswer, input),
    testMailbox: (workspaceId: string, input: C.MailboxInput) =>
      call('POST', mailboxTestPath(workspaceId), C.MailboxChecks, input),
    mailboxes: (workspaceId: string) => call('GET', mailboxesPath(workspaceId), C.MailboxList),
    addMailbox: (workspaceId: string, input: C.MailboxInput) =>
      call('POST', mailboxesPath(workspaceId), C.MailboxAnswer, input),
    saveMailboxById: (workspaceId: string, mailboxId: string, input: C.MailboxInput) =>
      call('PUT', mailboxesPath(workspaceId, mailboxId), C.MailboxAnswer, input),
    removeMailbox: (workspaceId: string, mailboxId: string) =>
      call('DELETE', mailboxesPath(workspaceId, mailboxId), C.MailboxRemoved),
    testMailboxById: (workspaceId: string, mailboxId: string, input: C.MailboxInput) =>
      call('POST', mailboxesPath(workspaceId, mailboxId, 'test'), C.MailboxChecks, input),
    /** Where to send the browser to sign the mailbox in with its provider. */
    startMailboxOAuth: (workspaceId: string, mailboxId: string, provider: C.OAuthProvider) =>
      call('POST', mailOAuthPath(workspaceId, mailboxId), C.OAuthStarted, { provider }),
    importStatus: (workspaceId: string, jobId: string) =>
      call('GET', mailImportPath(workspaceId, jobId), C.ImportStatus),
    heldMessages: (workspaceId: string) => call('GET', mailHeldPath(workspaceId), C.HeldList),
    retryHeld: (workspaceId: string, id: string) =>
      call('POST', mailHeldPath(workspaceId, id, 'retry'), C.HeldRetried),
    /** Where an admin downloads a held message's raw bytes (a link, not a call). */
    heldRawHref: (workspaceId: string, id: string) => mailHeldPath(workspaceId, id, 'raw'),
    /**
     * Uploads `.mbox` / `.eml` files (form field `files`) to import, reporting the upload's
     * progress; the answer names the import job. Multipart with the header no form can send.
     */
    startImport: (
      workspaceId: string,
      form: FormData,
      onProgress: (fraction: number) => void
    ): Promise<ApiResult<C.ImportStarted>> =>
      upload(mailImportPath(workspaceId), form, C.ImportStarted, onProgress),
    /** An email's sanitised HTML, for a sandboxed frame (a link, not a call). */
    mailEntryHref: (workspaceId: string, ticketId: string, entryId: string, images: boolean) =>
      `${mailEntryPath(workspaceId, ticketId, entryId)}${images ? '?images=1' : ''}`,
    // Notifications (the member's own)
    notifications: (workspaceId: string) =>
      call('GET', N.notificationsPath(workspaceId), N.NotificationList),
    markNotificationsRead: (workspaceId: string, body: N.MarkRead) =>
      call('POST', N.notificationsPath(workspaceId, '/read'), N.Unread, body),
    /** The inbox's Server-Sent Events (a URL for `EventSource`, not a call). */
    notificationStreamHref: (workspaceId: string) => N.notificationsPath(workspaceId, '/stream'),
    notificationPrefs: (workspaceId: string) =>
      call('GET', N.notificationsPath(workspaceId, '/prefs'), N.PrefsAnswer),
    setNotificationPrefs: (workspaceId: string, prefs: N.NotificationPrefs) =>
      call('PUT', N.notificationsPath(workspaceId, '/prefs'), N.PrefsAnswer, { prefs }),
    subscribePush: (workspaceId: string, subscription: N.PushSubscriptionInput) =>
      call('POST', N.notificationsPath(workspaceId, '/push'), C.NoContent, subscription),
    unsubscribePush: (workspaceId: string, endpoint: string) =>
      call('DELETE', N.notificationsPath(workspaceId, '/push'), C.NoContent, { endpoint }),

    // Public replies as email
    /** Uploads one file for a reply (multipart, field `file`), reporting the upload's progress. */
    uploadReplyAttachment: async (
      workspaceId: string,
      file: Blob,
      name: string,
      onProgress: (fraction: number) => void = () => undefined
    ): Promise<ApiResult<R.AttachmentUploaded>> => {
      const { replyAttachmentPath, AttachmentUploaded } = await repliesContract();
      const form = new FormData();
      form.append('file', file, name);
      return upload(replyAttachmentPath(workspaceId), form, AttachmentUploaded, onProgress);
    },
    retryReply: async (workspaceId: string, ticketId: string, entryId: string) => {
      const { replyRetryPath, ReplyRetried } = await repliesContract();
      return call('POST', replyRetryPath(workspaceId, ticketId, entryId), ReplyRetried);
    },
    signature: async (workspaceId: string) => {
      const { signaturePath, SignatureAnswer } = await repliesContract();
      return call('GET', signaturePath(workspaceId), SignatureAnswer);
    },
    saveSignature: async (workspaceId: string, signature: string) => {
      const { signaturePath, SignatureAnswer } = await repliesContract();
      return call('PUT', signaturePath(workspaceId), SignatureAnswer, { signature });
    },

    /** An attachment (a link, not a call). */
    blobHref: (workspaceId: string, hash: string, name: string, download: boolean) =>
      `${blobPath(workspaceId, hash)}?${new URLSearchParams({
        name,
        ...(download ? { download: '1' } : {})
      }).toString()}`
  };
}

export type Api = ReturnType<typeof createApi>;
