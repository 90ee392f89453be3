/**
 * The seam between SvelteKit's server code and Baton's own server (`server/`).
 *
 * adapter-node bundles SvelteKit's server code separately from `server/main.ts`, so the two
 * cannot share module instances. The Node entry (or the dev plugin) creates the services
 * once and registers them here; hooks and endpoints read them per request. Nothing in
 * `src/` imports `server/` code at run time: only the types below cross.
 */
export type RoleName = 'owner' | 'admin' | 'agent' | 'light-agent' | 'viewer';

export interface Identity {
  /** The user's id; in a workspace, their member id. */
  memberId: string;
  name: string;
  email?: string;
  /** The workspace they work in now (an API token: its workspace); `null` before joining one. */
  workspaceId?: string | null;
  /** Their role in `workspaceId`. */
  role?: RoleName | null;
  /** How they signed in: a browser session, an API token, or the development identity. */
  via?: 'session' | 'token' | 'dev';
  /** An API token's scope. */
  tokenScope?: 'read' | 'write';
}

/** A session whose sliding expiry moved: the cookie is sent again. */
export interface RenewedSession {
  token: string;
  expiresAt: number;
}

export interface BatchSyncResult {
  status: number;
  body: unknown;
}

export interface BatonServices {
  /**
   * Resolves the identity of a request from its session cookie (or, for the batch sync only,
   * an API token in `Authorization: Bearer`); `null` if none.
   */
  identify(
    request: Request,
    ip: string | null
  ): Promise<(Identity & { renewedSession?: RenewedSession }) | null>;
  /** The batch HTTP sync (`POST /api/sync`): state vectors in, missing updates out. */
  batchSync(identity: Identity, body: unknown, ip?: string | null): Promise<BatchSyncResult>;
  /**
   * Development identity (`BATON_DEV_IDENTITY=1`, never in production): the demo workspace's
   * members one may act as; `null` when it is off.
   */
  devMembers(): Promise<{ workspaceId: string; members: Identity[] } | null>;
}

/** The session cookie: a random token; the server keeps only its SHA-256. */
export const SESSION_COOKIE = 'baton_session';

/** The development identity's cookie, honoured only with `BATON_DEV_IDENTITY=1`. */
export const DEV_MEMBER_COOKIE = 'baton_dev_member';

const KEY = Symbol.for('baton.services');
type Registry = { [KEY]?: BatonServices };

export function registerServices(services: BatonServices): void {
  (globalThis as Registry)[KEY] = services;
}

export function getServices(): BatonServices {
  const services = (globalThis as Registry)[KEY];
  if (!services) {
    throw new Error('Baton services are not registered: start Baton through server/main.ts.');
  }
  return services;
}
