/**
 * Mailboxes that sign in with Microsoft 365 or Google (OAuth 2, XOAUTH2 for IMAP and SMTP).
 *
 * Connecting: an admin asks to sign a mailbox in (`start`). Baton makes a random `state` and a
 * PKCE code verifier, keeps them here for ten minutes bound to the workspace, the mailbox and
 * the member who asked, and sends the browser to the provider (arctic builds the URL with the
 * S256 challenge). The provider sends the browser back to the one callback URL with a code and
 * the state. `complete` takes the state out (so it works once: a replayed or forged state
 * finds nothing), checks that it is the same workspace and member, and exchanges the code with
 * the verifier. From the answer it keeps the account (the ID token's e-mail) and the refresh
 * token, sealed with the secret box; the access token stays in memory.
 *
 * Using: the IMAP watcher and the outbound queue ask `credential` for an access token before
 * each connection. It is refreshed a minute before it expires, and at once when the server
 * refused it (`force`, once per failure). When the provider refuses the refresh token
 * (`invalid_grant`: revoked, expired, password changed) the grant is marked
 * `reconnect-needed`: the watcher stops trying, replies wait in the queue, the settings page
 * shows it and admins are told (`onReconnectNeeded`). Signing in again makes it `connected`,
 * and the mailbox's watcher and queue start again.
 *
 * A provider that cannot be reached is not a revoked grant: the caller retries later.
 */
import {
  CodeChallengeMethod,
  OAuth2Client,
  OAuth2RequestError,
  decodeIdToken,
  generateCodeVerifier,
  generateState,
  type OAuth2Tokens
} from 'arctic';
import { z } from 'zod';
import type { OAuthConfig, OAuthProviderConfig, OAuthProviderId } from './oauth-config.ts';
import type { GrantRow, OAuthGrants } from './oauth-store.ts';
import type { SecretBox } from './secret-box.ts';

/** How long a started sign-in may take. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;
/** An access token is refreshed this long before it expires. */
export const OAUTH_REFRESH_MARGIN_MS = 60_000;
/** At most this many sign-ins wait at once (each is a few hundred bytes in memory). */
const MAX_PENDING = 1000;

/** Why a sign-in did not connect the mailbox: what the settings page explains. */
export type OAuthRefusal =
  | 'provider-not-configured'
  | 'state-unknown'
  | 'state-mismatch'
  | 'access-denied'
  | 'code-rejected'
  | 'no-refresh-token'
  | 'no-account'
  | 'provider-unavailable';

export type Credential =
  | { ok: true; token: string | null }
  | { ok: false; reason: 'reconnect-needed' | 'provider-unavailable' };

/** What a browser may see of a mailbox's grant: never a token. */
export interface OAuthGrantView {
  provider: OAuthProviderId;
  account: string;
  state: 'connected' | 'reconnect-needed';
  connectedAt: number;
}

interface Pending {
  workspaceId: string;
  mailboxId: string;
  memberId: string;
  provider: OAuthProviderId;
  codeVerifier: string;
  redirectUri: string;
  expiresAt: number;
}

interface Cached {
  token: string;
  expiresAt: number;
}

export interface MailOAuthDeps {
  grants: OAuthGrants;
  box: SecretBox;
  config: OAuthConfig;
  now: () => number;
  log: (message: string, error?: unknown) => void;
  /** A grant was refused by its provider (told once per refusal, not per retry). */
  onReconnectNeeded?: (workspaceId: string, mailboxId: string, account: string) => void;
}

/** The state we hand out: the workspace it belongs to, a dot, 32 random characters. */
const StateParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{20,100}$/);

const IdTokenClaims = z.looseObject({
  email: z.email().max(254).optional(),
  preferred_username: z.string().max(254).optional(),
  upn: z.string().max(254).optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional()
});

export class MailOAuth {
  readonly #deps: MailOAuthDeps;
  readonly #pending = new Map<string, Pending>();
  readonly #tokens = new Map<string, Cached>();
  readonly #refreshing = new Map<string, Promise<Credential>>();

  constructor(deps: MailOAuthDeps) {
    this.#deps = deps;
  }

  /** The providers the operator configured. */
  providers(): OAuthProviderId[] {
    return (['microsoft', 'google'] as const).filter((p) => this.#deps.config[p] !== undefined);
  }

  #provider(id: string): OAuthProviderConfig | null {
    return id === 'microsoft' || id === 'google' ? (this.#deps.config[id] ?? null) : null;
  }

  #client(provider: OAuthProviderConfig, redirectUri: string | null): OAuth2Client {
    return new OAuth2Client(provider.clientId, provider.clientSecret, redirectUri);
  }

  /** Starts a sign-in: the provider's URL to send the browser to. */
  start(
    workspaceId: string,
    mailboxId: string,
    memberId: string,
    provider: OAuthProviderId,
    redirectUri: string
  ): { ok: true; url: string } | { ok: false; reason: 'provider-not-configured' } {
    const config = this.#provider(provider);
    if (!config) return { ok: false, reason: 'provider-not-configured' };
    this.#sweep();
    const state = `${workspaceId}.${generateState()}`;
    const codeVerifier = generateCodeVerifier();
    this.#pending.set(state, {
      workspaceId,
      mailboxId,
      memberId,
      provider,
      codeVerifier,
      redirectUri,
      expiresAt: this.#deps.now() + OAUTH_STATE_TTL_MS
    });
    const url = this.#client(config, redirectUri).createAuthorizationURLWithPKCE(
      config.authorizeUrl,
      state,
      CodeChallengeMethod.S256,
      codeVerifier,
      config.scopes
    );
    for (const [key, value] of Object.entries(config.authorizeParams)) {
      url.searchParams.set(key, value);
    }
    return { ok: true, url: url.toString() };
  }

  /**
   * The workspace a callback's state names, for the endpoint to authorize the member there
   * before anything else; `null` for a state that is malformed (nothing is looked up).
   */
  stateWorkspace(state: unknown): string | null {
    const parsed = StateParam.safeParse(state);
    return parsed.success ? (parsed.data.split('.')[0] ?? null) : null;
  }

  /**
   * Finishes a sign-in from the provider's redirect. The state is used up whatever happens
   * next, so the same redirect never counts twice.
   */
  async complete(
    workspaceId: string,
    memberId: string,
    query: { state: string | null; code: string | null; error: string | null }
  ): Promise<
    | { ok: true; mailboxId: string; provider: OAuthProviderId; account: string }
    | { ok: false; reason: OAuthRefusal; mailboxId?: string }
  > {
    this.#sweep();
    const pending = query.state === null ? undefined : this.#pending.get(query.state);
    if (!pending || query.state === null) return { ok: false, reason: 'state-unknown' };
    if (pending.workspaceId !== workspaceId || pending.memberId !== memberId) {
      // Not used up: the member who started it may still finish it.
      return { ok: false, reason: 'state-mismatch' };
    }
    this.#pending.delete(query.state);
    const mailboxId = pending.mailboxId;
    if (query.error !== null || query.code === null) {
      return { ok: false, reason: 'access-denied', mailboxId };
    }
    const config = this.#provider(pending.provider);
    if (!config) return { ok: false, reason: 'provider-not-configured', mailboxId };
    let tokens: OAuth2Tokens;
    try {
      tokens = await this.#client(config, pending.redirectUri).validateAuthorizationCode(
        config.tokenUrl,
        query.code,
        pending.codeVerifier
      );
    } catch (error) {
      this.#deps.log(`OAuth sign-in of a ${pending.provider} mailbox failed`, describe(error));
      return {
        ok: false,
        reason: isRefusal(error) ? 'code-rejected' : 'provider-unavailable',
        mailboxId
      };
    }
    const read = readTokens(tokens, this.#deps.now());
    if (!read) return { ok: false, reason: 'code-rejected', mailboxId };
    if (!read.refreshToken) return { ok: false, reason: 'no-refresh-token', mailboxId };
    const account = accountOf(read.idToken, config.clientId);
    if (!account) return { ok: false, reason: 'no-account', mailboxId };
    const now = this.#deps.now();
    this.#deps.grants.put({
      workspaceId,
      mailboxId,
      provider: pending.provider,
      account,
      refreshToken: this.#deps.box.seal(read.refreshToken, grantContext(workspaceId, mailboxId)),
      state: 'connected',
      connectedAt: now,
      updatedAt: now
    });
    this.#tokens.set(key(workspaceId, mailboxId), {
      token: read.accessToken,
      expiresAt: read.expiresAt
    });
    return { ok: true, mailboxId, provider: pending.provider, account };
  }

  /** The mailbox's grant as a browser may see it, or `null` (a password mailbox). */
  view(workspaceId: string, mailboxId: string): OAuthGrantView | null {
    const grant = this.#deps.grants.get(workspaceId, mailboxId);
    if (!grant || (grant.provider !== 'microsoft' && grant.provider !== 'google')) return null;
    return {
      provider: grant.provider,
      account: grant.account,
      state: grant.state,
      connectedAt: grant.connectedAt
    };
  }

  /** Whether the mailbox signs in with OAuth (it has a grant, working or not). */
  has(workspaceId: string, mailboxId: string): boolean {
    return this.#deps.grants.get(workspaceId, mailboxId) !== null;
  }

  /** Forgets a mailbox's grant (the mailbox was removed). */
  forget(workspaceId: string, mailboxId: string): void {
    this.#deps.grants.remove(workspaceId, mailboxId);
    this.#tokens.delete(key(workspaceId, mailboxId));
  }

  /**
   * What to sign in with: `token: null` for a mailbox without a grant (it uses its password),
   * else a current access token; `force` refreshes even a token that looks current (the
   * server just refused it).
   */
  async credential(workspaceId: string, mailboxId: string, force = false): Promise<Credential> {
    const grant = this.#deps.grants.get(workspaceId, mailboxId);
    if (!grant) return { ok: true, token: null };
    if (grant.state === 'reconnect-needed') return { ok: false, reason: 'reconnect-needed' };
    const k = key(workspaceId, mailboxId);
    const cached = this.#tokens.get(k);
    if (!force && cached && cached.expiresAt - OAUTH_REFRESH_MARGIN_MS > this.#deps.now()) {
      return { ok: true, token: cached.token };
    }
    const running = this.#refreshing.get(k);
    if (running) return running;
    const refresh = this.#refresh(grant).finally(() => this.#refreshing.delete(k));
    this.#refreshing.set(k, refresh);
    return refresh;
  }

  async #refresh(grant: GrantRow): Promise<Credential> {
    const { workspaceId, mailboxId } = grant;
    const config = this.#provider(grant.provider);
    const refreshToken = this.#deps.box.open(
      grant.refreshToken,
      grantContext(workspaceId, mailboxId)
    );
    if (!config || refreshToken === null) return this.#refused(grant);
    let tokens: OAuth2Tokens;
    try {
      tokens = await this.#client(config, null).refreshAccessToken(
        config.tokenUrl,
        refreshToken,
        config.scopes
      );
    } catch (error) {
      if (isRefusal(error)) return this.#refused(grant);
      this.#deps.log('Refreshing a mailbox access token failed', describe(error));
      return { ok: false, reason: 'provider-unavailable' };
    }
    const read = readTokens(tokens, this.#deps.now());
    if (!read) return { ok: false, reason: 'provider-unavailable' };
    this.#tokens.set(key(workspaceId, mailboxId), {
      token: read.accessToken,
      expiresAt: read.expiresAt
    });
    // Microsoft rotates refresh tokens: keep the newest.
    if (read.refreshToken && read.refreshToken !== refreshToken) {
      this.#deps.grants.put({
        ...grant,
        refreshToken: this.#deps.box.seal(read.refreshToken, grantContext(workspaceId, mailboxId)),
        updatedAt: this.#deps.now()
      });
    }
    return { ok: true, token: read.accessToken };
  }

  #refused(grant: GrantRow): Credential {
    const { workspaceId, mailboxId } = grant;
    this.#tokens.delete(key(workspaceId, mailboxId));
    const before = this.#deps.grants.get(workspaceId, mailboxId);
    this.#deps.grants.setState(workspaceId, mailboxId, 'reconnect-needed', this.#deps.now());
    if (before?.state === 'connected') {
      this.#deps.log(`The ${grant.provider} sign-in of a mailbox was refused: reconnect needed`);
      this.#deps.onReconnectNeeded?.(workspaceId, mailboxId, grant.account);
    }
    return { ok: false, reason: 'reconnect-needed' };
  }

  #sweep(): void {
    const now = this.#deps.now();
    for (const [state, pending] of this.#pending) {
      if (pending.expiresAt <= now) this.#pending.delete(state);
    }
    // Past the cap the oldest go first (a Map iterates in insertion order).
    for (const state of this.#pending.keys()) {
      if (this.#pending.size < MAX_PENDING) break;
      this.#pending.delete(state);
    }
  }
}

function key(workspaceId: string, mailboxId: string): string {
  return `${workspaceId}/${mailboxId}`;
}

/** What a refresh token is sealed with: copied to another mailbox's row, it does not open. */
function grantContext(workspaceId: string, mailboxId: string): string {
  return `${workspaceId}/${mailboxId}/oauth-refresh`;
}

/** The provider answered and said no (as opposed to not answering). */
function isRefusal(error: unknown): boolean {
  return error instanceof OAuth2RequestError;
}

/** For the log: the provider's error code, never a token or the request. */
function describe(error: unknown): string {
  if (error instanceof OAuth2RequestError) return `${error.code}`;
  return error instanceof Error ? error.name : 'unknown error';
}

function readTokens(
  tokens: OAuth2Tokens,
  now: number
): {
  accessToken: string;
  expiresAt: number;
  refreshToken: string | null;
  idToken: string | null;
} | null {
  try {
    const accessToken = tokens.accessToken();
    const data = tokens.data as Record<string, unknown>;
    const seconds = typeof data.expires_in === 'number' ? data.expires_in : 3600;
    return {
      accessToken,
      expiresAt: now + seconds * 1000,
      refreshToken: tokens.hasRefreshToken() ? tokens.refreshToken() : null,
      idToken: typeof data.id_token === 'string' ? data.id_token : null
    };
  } catch {
    return null;
  }
}

/**
 * The mailbox account from the ID token (it came straight from the provider's token endpoint
 * over TLS, so its signature need not be checked again): its e-mail, else Microsoft's
 * preferred user name when it is an address. The audience must be our client.
 */
function accountOf(idToken: string | null, clientId: string): string | null {
  if (!idToken) return null;
  let claims: unknown;
  try {
    claims = decodeIdToken(idToken);
  } catch {
    return null;
  }
  const parsed = IdTokenClaims.safeParse(claims);
  if (!parsed.success) return null;
  const aud = parsed.data.aud;
  if (aud !== undefined && !(Array.isArray(aud) ? aud.includes(clientId) : aud === clientId)) {
    return null;
  }
  const candidates = [parsed.data.email, parsed.data.preferred_username, parsed.data.upn];
  const address = candidates.find(
    (c): c is string => typeof c === 'string' && z.email().safeParse(c).success
  );
  return address?.toLowerCase() ?? null;
}
