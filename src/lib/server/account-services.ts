/**
 * The seam between SvelteKit's endpoints and Baton's accounts (`server/accounts`), registered
 * like `services.ts` (the two bundles cannot share module instances). Only plain data crosses.
 * Each call answers with an HTTP status and a JSON body; a call that starts or ends a session
 * says so in `session`, and the endpoint sets or clears the cookie.
 */
import type { Principal } from './principal';
import type { Locale } from '../i18n/locales';
import { serviceSlot } from './service-slot';

export interface RequestInfo {
  ip: string | null;
  /** The origin links in emails point to (`https://baton.example`). */
  origin: string;
  /** The language the browser asks for (`Accept-Language`): mail to someone without one. */
  locale?: Locale;
}

export interface AccountResult {
  status: number;
  body: unknown;
  session?: { token: string; expiresAt: number } | 'clear';
}

export interface CsvResult {
  status: number;
  body: unknown;
  csv?: string;
  filename?: string;
}

export interface AccountServices {
  signUp(body: unknown, info: RequestInfo): Promise<AccountResult>;
  signIn(body: unknown, info: RequestInfo): Promise<AccountResult>;
  signOut(sessionToken: string | null, info: RequestInfo): Promise<AccountResult>;
  signOutEverywhere(principal: Principal, info: RequestInfo): Promise<AccountResult>;
  requestReset(body: unknown, info: RequestInfo): Promise<AccountResult>;
  resetPassword(body: unknown, info: RequestInfo): Promise<AccountResult>;
  /** Who is signed in, their workspaces and roles (`GET /api/me`). */
  me(principal: Principal | null): Promise<AccountResult>;
  /** Stores the member's language (`PUT /api/me/locale`, body `{ locale }`; `null` follows the browser). */
  setLocale(principal: Principal, body: unknown): Promise<AccountResult>;
  /** What the sign-in page shows: the demo accounts when the demo is on. */
  demo(): Promise<AccountResult>;

  createWorkspace(principal: Principal, body: unknown, info: RequestInfo): Promise<AccountResult>;
  selectWorkspace(principal: Principal, workspaceId: string): Promise<AccountResult>;
  members(principal: Principal, workspaceId: string): Promise<AccountResult>;
  setRole(
    principal: Principal,
    workspaceId: string,
    userId: string,
    body: unknown,
    info: RequestInfo
  ): Promise<AccountResult>;
  removeMember(
    principal: Principal,
    workspaceId: string,
    userId: string,
    info: RequestInfo
  ): Promise<AccountResult>;
  invite(
    principal: Principal,
    workspaceId: string,
    body: unknown,
    info: RequestInfo
  ): Promise<AccountResult>;
  revokeInvitation(
    principal: Principal,
    workspaceId: string,
    invitationId: string,
    info: RequestInfo
  ): Promise<AccountResult>;
  peekInvitation(token: string): Promise<AccountResult>;
  acceptInvitation(
    principal: Principal,
    token: string,
    body: unknown,
    info: RequestInfo
  ): Promise<AccountResult>;

  apiTokens(principal: Principal, workspaceId: string): Promise<AccountResult>;
  createApiToken(
    principal: Principal,
    workspaceId: string,
    body: unknown,
    info: RequestInfo
  ): Promise<AccountResult>;
  revokeApiToken(principal: Principal, tokenId: string, info: RequestInfo): Promise<AccountResult>;

  audit(principal: Principal, workspaceId: string, query: URLSearchParams): Promise<AccountResult>;
  auditCsv(
    principal: Principal,
    workspaceId: string,
    query: URLSearchParams,
    info: RequestInfo
  ): Promise<CsvResult>;
}

const slot = serviceSlot<AccountServices>('account-services', 'account services');
export const registerAccountServices = slot.register;
export const getAccountServices = slot.get;
