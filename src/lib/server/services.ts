/**
 * The seam between SvelteKit's server code and Baton's own server (`server/`).
 *
 * adapter-node bundles SvelteKit's server code separately from `server/main.ts`, so the two
 * cannot share module instances. The Node entry (or the dev plugin) creates the services
 * once and registers them here; hooks and endpoints read them per request. Nothing in
 * `src/` imports `server/` code at run time: only the types below cross.
 */
export interface Identity {
  memberId: string;
  name: string;
}

export interface BatchSyncResult {
  status: number;
  body: unknown;
}

export interface BatonServices {
  /** Resolves the identity of a request from its cookies / headers; `null` if none. */
  identify(request: Request): Promise<Identity | null>;
  /** The batch HTTP sync (`POST /api/sync`): state vectors in, missing updates out. */
  batchSync(identity: Identity, body: unknown): Promise<BatchSyncResult>;
  /** Development identity (until accounts land): members one may act as, and signing in as one. */
  devMembers(): Promise<{ workspaceId: string; members: Identity[] }>;
}

/** The development identity's cookie (until accounts land): the relay reads it on the upgrade. */
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
