/**
 * Who is signed in. Given by the server with the page (`me-bootstrap.ts`) or asked from it
 * (`GET /api/me`), and cached in localStorage, so that after a reload without network the app
 * still knows who its user is and opens from IndexedDB. Accounts: email and password
 * (`/api/auth/*`), an HttpOnly session cookie the script never sees; the role shown here only
 * shapes the UI (`permissions.ts`) — the server enforces it.
 */
import { z } from 'zod';
import { LOCALES, type Locale } from '$lib/i18n/locales';
import { safeSet, type KeyValueStorage } from '$lib/sync/storage';
import { IDENTITY_KEY } from '$lib/sync/local-data';

const Identity = z.object({ memberId: z.string().min(1), name: z.string().min(1) });
export const ROLE_NAMES = ['owner', 'admin', 'agent', 'light-agent', 'viewer'] as const;
const RoleName = z.enum(ROLE_NAMES);
export type RoleName = z.infer<typeof RoleName>;
const WorkspaceRef = z.object({ id: z.string(), name: z.string(), role: RoleName });
export type WorkspaceRef = z.infer<typeof WorkspaceRef>;
const MeResponse = z.object({
  identity: Identity.nullable(),
  workspaceId: z.string().nullable(),
  role: RoleName.nullable().optional(),
  email: z.string().nullable().optional(),
  /** The language the member chose; `null`: their browser's. */
  locale: z.enum(LOCALES).nullable().optional(),
  workspaces: z.array(WorkspaceRef).optional()
});
type MeResponse = z.infer<typeof MeResponse>;
const Cached = z.object({
  memberId: z.string(),
  name: z.string(),
  workspaceId: z.string(),
  role: RoleName.optional(),
  workspaces: z.array(WorkspaceRef).optional()
});
const ErrorBody = z.object({ error: z.object({ reason: z.string(), message: z.string() }) });
const DemoResponse = z.union([
  z.object({
    enabled: z.literal(true),
    password: z.string(),
    accounts: z.array(
      z.object({ id: z.string(), email: z.string(), name: z.string(), role: RoleName })
    )
  }),
  z.object({ enabled: z.literal(false) })
]);
export type DemoInfo = z.infer<typeof DemoResponse>;

export interface Session {
  memberId: string;
  name: string;
  workspaceId: string;
  /** The role in `workspaceId`; absent in a copy cached by an older version. */
  role?: RoleName;
  workspaces?: WorkspaceRef[];
}

/** What an account endpoint refused, with the server's message for the user. */
export class AccountError extends Error {
  override name = 'AccountError';
  constructor(
    readonly reason: string,
    message: string,
    readonly status: number
  ) {
    super(message);
  }
}

export interface IdentityDeps {
  fetch: typeof fetch;
  storage: KeyValueStorage;
  storageKey?: string;
  /** The `/api/me` answer the server wrote into this page, if it did (`takeMeBootstrap`). */
  bootstrap?: unknown;
}

export class IdentityStore {
  #session = $state.raw<Session | null>(null);
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
    const given = MeResponse.safeParse(deps.bootstrap);
    if (given.success && given.data.identity) this.#accept(given.data);
  }

  /** True once the server has said who is signed in since this page loaded. */
  get confirmed(): boolean {
    return this.#confirmed;
  }

  get session(): Session | null {
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

  #readCache(): Session | null {
    try {
      const parsed = Cached.safeParse(JSON.parse(this.#deps.storage.getItem(this.#key) ?? 'null'));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  #set(session: Session | null): void {
    this.#session = session;
    if (session) safeSet(this.#deps.storage, this.#key, JSON.stringify(session));
    else this.#deps.storage.removeItem(this.#key);
  }

  /** Asks the server who we are; falls back to the cached identity when it cannot be reached. */
  async load(): Promise<Session | null> {
    let response: Response;
    try {
      response = await this.#deps.fetch('/api/me', { credentials: 'same-origin' });
    } catch {
      this.#session = this.#readCache();
      this.#fromCache = true;
      return this.#session;
    }
    if (!response.ok) {
      // A server error is not a sign-out: keep working from the cache.
      if (response.status === 401) this.#set(null);
      this.#fromCache = true;
      return this.#session;
    }
    const parsed = MeResponse.safeParse(await response.json().catch(() => null));
    return this.#accept(parsed.success ? parsed.data : null);
  }

  /** Takes the server's answer (`null`: one it could not read, which counts as signed out). */
  #accept(me: MeResponse | null): Session | null {
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

  /** POSTs JSON to an account endpoint; the parsed answer, or an `AccountError`. */
  async post(path: string, body: unknown = {}): Promise<unknown> {
    const response = await this.#deps.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin'
    });
    if (response.status === 204) return null;
    const value: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = ErrorBody.safeParse(value);
      throw new AccountError(
        error.success ? error.data.error.reason : 'http',
        error.success ? error.data.error.message : `The server answered ${response.status}.`,
        response.status
      );
    }
    return value;
  }

  async demo(): Promise<DemoInfo> {
    const response = await this.#deps.fetch('/api/auth/demo', { credentials: 'same-origin' });
    const parsed = DemoResponse.safeParse(await response.json().catch(() => null));
    return parsed.success ? parsed.data : { enabled: false };
  }

  async signIn(email: string, password: string): Promise<Session | null> {
    await this.post('/api/auth/sign-in', { email, password });
    return this.load();
  }

  async signUp(input: {
    email: string;
    name: string;
    password: string;
    timeZone: string;
  }): Promise<Session | null> {
    await this.post('/api/auth/sign-up', input);
    return this.load();
  }

  async createWorkspace(name: string, timeZone: string): Promise<Session | null> {
    await this.post('/api/workspaces', { name, timeZone });
    return this.load();
  }

  async selectWorkspace(workspaceId: string): Promise<Session | null> {
    await this.post(`/api/workspaces/${encodeURIComponent(workspaceId)}/select`);
    return this.load();
  }

  async signOut(): Promise<void> {
    this.#set(null);
    // JSON, like every state-changing API call: a form on another site cannot send it.
    await this.#deps.fetch('/api/auth/sign-out', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      credentials: 'same-origin'
    });
  }

  async signOutEverywhere(): Promise<void> {
    await this.post('/api/auth/sign-out-everywhere');
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
