/**
 * Who is signed in. Given by the server with the page (`me-bootstrap.ts`) or asked from it
 * (`GET /api/me`), and cached in localStorage, so that after a reload without network the app
 * still knows who its user is and opens from IndexedDB. Accounts: email and password
 * (`/api/auth/*`), an HttpOnly session cookie the script never sees; the role shown here only
 * shapes the UI (`permissions.ts`) — the server enforces it.
 */
import { z } from 'zod';
import type { Locale } from '$lib/i18n/locales';
import { safeSet, type KeyValueStorage } from '$lib/sync/storage';
import { IDENTITY_KEY } from '$lib/sync/local-data';
import { ROLES, Role } from '$lib/domain/roles';
import { Me, Membership, type DemoInfo, type InvitationPeek } from '$lib/contract/api';
import { orThrow, type Api } from '$lib/api/client';

/** The role names (`domain/roles.ts`), under the name the pages use. */
export const ROLE_NAMES = ROLES;
export type RoleName = Role;
export type WorkspaceRef = Membership;
export type { DemoInfo };

/**
 * The signed-in member as this browser knows them, in the workspace they work in: what the
 * server said (`/api/me`), cached on the device. (Not a server session row: the browser never
 * sees its session.)
 */
export interface SignedInMember {
  memberId: string;
  name: string;
  workspaceId: string;
  /** The role in `workspaceId`; absent in a copy cached by an older version. */
  role?: RoleName;
  workspaces?: WorkspaceRef[];
}

const Cached = z.object({
  memberId: z.string(),
  name: z.string(),
  workspaceId: z.string(),
  role: Role.optional(),
  workspaces: z.array(Membership).optional()
});

export interface IdentityDeps {
  api: Api;
  storage: KeyValueStorage;
  storageKey?: string;
  /** The `/api/me` answer the server wrote into this page, if it did (`takeMeBootstrap`). */
  bootstrap?: unknown;
}

export class IdentityStore {
  #session = $state.raw<SignedInMember | null>(null);
  /** Signed in but in no workspace yet (a new account): the app asks them to create one. */
  #homeless = $state(false);
  #locale: Locale | null = null;
  /** True when the session came from the cache because the server could not be reached. */
  #fromCache = $state(false);
  /** The server has said who we are since this page loaded (with the page or `/api/me`). */
  #confirmed = false;
  readonly #deps: IdentityDeps;
  readonly #key: string;
  /**
   * The member the cache named when this page started, before the server's answer replaced
   * it: whose data the device held from before (see `retireLegacyData`).
   */
  readonly cachedAtStart: string | null;

  constructor(deps: IdentityDeps) {
    this.#deps = deps;
    this.#key = deps.storageKey ?? IDENTITY_KEY;
    this.#session = this.#readCache();
    this.cachedAtStart = this.#session?.memberId ?? null;
    this.#fromCache = this.#session !== null;
    // Only a signed-in answer counts: a page without one (an offline shell, a signed-out
    // visit) leaves the cache in charge until `/api/me` is asked.
    const given = Me.safeParse(deps.bootstrap);
    if (given.success && given.data.identity) this.#accept(given.data);
  }

  /** True once the server has said who is signed in since this page loaded. */
  get confirmed(): boolean {
    return this.#confirmed;
  }

  get session(): SignedInMember | null {
    return this.#session;
  }

  get fromCache(): boolean {
    return this.#fromCache;
  }

  /** The language the signed-in member chose (from the server's last answer), if any. */
  get locale(): Locale | null {
    return this.#locale;
  }

  get signedInWithoutWorkspace(): boolean {
    return this.#homeless;
  }

  #readCache(): SignedInMember | null {
    try {
      const parsed = Cached.safeParse(JSON.parse(this.#deps.storage.getItem(this.#key) ?? 'null'));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  #set(session: SignedInMember | null): void {
    this.#session = session;
    if (session) safeSet(this.#deps.storage, this.#key, JSON.stringify(session));
    else this.#deps.storage.removeItem(this.#key);
  }

  /** Asks the server who we are; falls back to the cached identity when it cannot be reached. */
  async load(): Promise<SignedInMember | null> {
    const answer = await this.#deps.api.me();
    if (!answer.ok) {
      const { failure } = answer;
      if (failure.kind === 'network') {
        this.#session = this.#readCache();
        this.#fromCache = true;
        return this.#session;
      }
      if (failure.kind === 'bad-response') return this.#accept(null);
      // A server error is not a sign-out: keep working from the cache.
      if (failure.reason === 'not-signed-in') this.#set(null);
      this.#fromCache = true;
      return this.#session;
    }
    return this.#accept(answer.value);
  }

  /** Takes the server's answer (`null`: one it could not read, which counts as signed out). */
  #accept(me: Me | null): SignedInMember | null {
    this.#fromCache = false;
    this.#confirmed = true;
    this.#homeless = me !== null && me.identity !== null && !me.workspaceId;
    this.#locale = me?.locale ?? null;
    if (!me?.identity || !me.workspaceId) {
      this.#set(null);
      return null;
    }
    this.#set({
      ...me.identity,
      workspaceId: me.workspaceId,
      ...(me.role ? { role: me.role } : {}),
      ...(me.workspaces ? { workspaces: me.workspaces } : {})
    });
    return this.#session;
  }

  /** The demo accounts the sign-in page offers (none when the demo is off or unreachable). */
  async demo(): Promise<DemoInfo> {
    const answer = await this.#deps.api.demo();
    return answer.ok ? answer.value : { enabled: false };
  }

  /** Each of these throws an `ApiError` when the server refuses (the forms show its reason). */
  async signIn(email: string, password: string): Promise<SignedInMember | null> {
    orThrow(await this.#deps.api.signIn({ email, password }));
    return this.load();
  }

  async signUp(input: {
    email: string;
    name: string;
    password: string;
    timeZone: string;
  }): Promise<SignedInMember | null> {
    orThrow(await this.#deps.api.signUp(input));
    return this.load();
  }

  async requestReset(email: string): Promise<void> {
    orThrow(await this.#deps.api.requestReset(email));
  }

  /** Sets a new password with the emailed link's token; signs in. */
  async resetPassword(token: string, password: string): Promise<SignedInMember | null> {
    orThrow(await this.#deps.api.resetPassword(token, password));
    return this.load();
  }

  /** What an invitation is for; `null` when it is invalid, used, expired or unreachable. */
  async peekInvitation(token: string): Promise<InvitationPeek | null> {
    const answer = await this.#deps.api.peekInvitation(token);
    return answer.ok ? answer.value : null;
  }

  async acceptInvitation(token: string, timeZone: string): Promise<SignedInMember | null> {
    orThrow(await this.#deps.api.acceptInvitation(token, timeZone));
    return this.load();
  }

  async createWorkspace(name: string, timeZone: string): Promise<SignedInMember | null> {
    orThrow(await this.#deps.api.createWorkspace(name, timeZone));
    return this.load();
  }

  async selectWorkspace(workspaceId: string): Promise<SignedInMember | null> {
    orThrow(await this.#deps.api.selectWorkspace(workspaceId));
    return this.load();
  }

  /** Stores the member's language (`null`: follow the browser); `false` when refused. */
  async setLocale(locale: Locale | null): Promise<boolean> {
    return (await this.#deps.api.setLocale(locale)).ok;
  }

  async signOut(): Promise<void> {
    this.#set(null);
    await this.#deps.api.signOut();
  }

  async signOutEverywhere(): Promise<void> {
    orThrow(await this.#deps.api.signOutEverywhere());
    this.#set(null);
  }

  /** The server said nobody is signed in. */
  forget(): void {
    this.#set(null);
  }

  reset(): void {
    this.#session = null;
    this.#fromCache = false;
    this.#confirmed = false;
    this.#homeless = false;
  }
}
