/**
 * Who is signed in. Asked from the server (`GET /api/me`) and cached in localStorage, so that
 * after a reload without network the app still knows who its user is and opens from
 * IndexedDB. The development sign-in (`/api/dev/*`) stands in until accounts land.
 */
import { z } from 'zod';
import { safeSet, type KeyValueStorage } from '$lib/sync/storage';

const Identity = z.object({ memberId: z.string().min(1), name: z.string().min(1) });
const MeResponse = z.object({ identity: Identity.nullable(), workspaceId: z.string().nullable() });
const MembersResponse = z.object({ workspaceId: z.string(), members: z.array(Identity) });
const Cached = z.object({ memberId: z.string(), name: z.string(), workspaceId: z.string() });

export interface Session {
  memberId: string;
  name: string;
  workspaceId: string;
}

export type DevMembers = z.infer<typeof MembersResponse>;

export interface IdentityDeps {
  fetch: typeof fetch;
  storage: KeyValueStorage;
  storageKey?: string;
}

export class IdentityStore {
  #session = $state.raw<Session | null>(null);
  /** True when the session came from the cache because the server could not be reached. */
  #fromCache = $state(false);
  readonly #deps: IdentityDeps;
  readonly #key: string;

  constructor(deps: IdentityDeps) {
    this.#deps = deps;
    this.#key = deps.storageKey ?? 'baton:identity';
    this.#session = this.#readCache();
    this.#fromCache = this.#session !== null;
  }

  get session(): Session | null {
    return this.#session;
  }

  get fromCache(): boolean {
    return this.#fromCache;
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
    this.#fromCache = false;
    if (!parsed.success || !parsed.data.identity || !parsed.data.workspaceId) {
      this.#set(null);
      return null;
    }
    this.#set({ ...parsed.data.identity, workspaceId: parsed.data.workspaceId });
    return this.#session;
  }

  async devMembers(): Promise<DevMembers> {
    const response = await this.#deps.fetch('/api/dev/members', { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`Could not list members (HTTP ${response.status}).`);
    const parsed = MembersResponse.safeParse(await response.json());
    if (!parsed.success) throw new Error('The member list from the server was malformed.');
    return parsed.data;
  }

  async signIn(memberId: string): Promise<Session | null> {
    const response = await this.#deps.fetch('/api/dev/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ memberId }),
      credentials: 'same-origin'
    });
    if (!response.ok) throw new Error(`Sign-in failed (HTTP ${response.status}).`);
    return this.load();
  }

  async signOut(): Promise<void> {
    this.#set(null);
    await this.#deps.fetch('/api/dev/sign-out', { method: 'POST', credentials: 'same-origin' });
  }

  /** The server said nobody is signed in. */
  forget(): void {
    this.#set(null);
  }

  reset(): void {
    this.#session = null;
    this.#fromCache = false;
  }
}
