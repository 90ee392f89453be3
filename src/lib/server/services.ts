/**
 * The seam between SvelteKit's server code and Baton's own server (`server/`).
 *
 * adapter-node bundles SvelteKit's server code separately from `server/main.ts`, so the two
 * cannot share module instances. The Node entry (or the dev plugin) creates the services
 * once and registers them here; hooks and endpoints read them per request. Nothing in
 * `src/` imports `server/` code at run time: only the types below cross.
 */
import type { Role } from '../domain/roles';
import type { Principal } from './principal';
import { serviceSlot } from './service-slot';

export type { Credential, Principal } from './principal';

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
   * Resolves who makes a request from its session cookie (or, for the batch sync only, an API
   * token in `Authorization: Bearer`); `null` if nobody.
   */
  identify(
    request: Request,
    ip: string | null
  ): Promise<(Principal & { renewedSession?: RenewedSession }) | null>;
  /** The batch HTTP sync (`POST /api/sync`): state vectors in, missing updates out. */
  batchSync(principal: Principal, body: unknown): Promise<BatchSyncResult>;
  /** The member's role in a workspace now; `null` when not a member (`authorize.ts`). */
  roleIn(memberId: string, workspaceId: string): Promise<Role | null>;
  /**
   * Development identity (`BATON_DEV_IDENTITY=1`, never in production): the demo workspace's
   * members one may act as; `null` when it is off.
   */
  devMembers(): Promise<{
    workspaceId: string;
    members: { memberId: string; name: string }[];
  } | null>;
}

/** The session cookie: a random token; the server keeps only its SHA-256. */
export const SESSION_COOKIE = 'baton_session';

/** The development identity's cookie, honoured only with `BATON_DEV_IDENTITY=1`. */
export const DEV_MEMBER_COOKIE = 'baton_dev_member';

const slot = serviceSlot<BatonServices>('services', 'services');
export const registerServices = slot.register;
export const getServices = slot.get;
