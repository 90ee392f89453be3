/**
 * A real OAuth 2 identity provider for tests: `oauth2-mock-server` (authorize with PKCE, token
 * endpoint, signed JWTs) on 127.0.0.1, with what a Microsoft or Google tenant adds around it:
 *
 * - the account a person signs in as (`signInAs`), put in the tokens' `email` claim;
 * - the client id and secret checked at the token endpoint;
 * - refresh tokens that work until revoked (`revoke`), and access tokens that expire
 *   (`accessTtlSeconds`, `expireAccessTokens`);
 * - an RFC 7662 introspection endpoint (POST `token=…`) that Dovecot's `passdb oauth2` asks,
 *   and `verify` for the SMTP receiver: both accept only live access tokens it issued;
 * - a refusal at the authorize step (`denyNext`: `error=access_denied`).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';

export interface OAuthProvider {
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  introspectUrl: string;
  clientId: string;
  clientSecret: string;
  /** Lifetime of the access tokens issued from now on. */
  accessTtlSeconds: number;
  /** The account that the next authorizations sign in as. */
  signInAs(account: string): void;
  /** The next authorization is refused by the person (`error=access_denied`). */
  denyNext(): void;
  /** Every access token issued so far is expired (refresh tokens still work). */
  expireAccessTokens(): void;
  /** The account's grants are revoked: its refresh and access tokens stop working. */
  revoke(account: string): void;
  /** The account a live access token was issued to, else `null`. */
  verify(token: string): string | null;
  /** Token requests answered, by grant type (the refused ones too). */
  counts: { authorization_code: number; refresh_token: number; refused: number };
  stop(): Promise<void>;
}

interface Issued {
  account: string;
  expiresAt: number;
  revoked: boolean;
}

function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function basicClient(req: IncomingMessage): { id: string; secret: string } | null {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return null;
  const [id, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
  return id !== undefined && secret !== undefined
    ? { id: decodeURIComponent(id), secret: decodeURIComponent(secret) }
    : null;
}

export async function startOAuthProvider(
  clientId = 'baton-test-client',
  clientSecret = 'baton-test-secret'
): Promise<OAuthProvider> {
  const issuer = new OAuth2Issuer();
  await issuer.keys.generate('RS256');
  const service = new OAuth2Service(issuer);
  let account = 'support@example.com';
  let deny = 0;
  const codes = new Map<string, string>();
  const refreshTokens = new Map<string, Issued>();
  const accessTokens = new Map<string, Issued>();
  const counts = { authorization_code: 0, refresh_token: 0, refused: 0 };
  const provider: Partial<OAuthProvider> & { accessTtlSeconds: number } = {
    accessTtlSeconds: 3600
  };

  service.on('beforeAuthorizeRedirect', ({ url }: { url: URL }) => {
    if (deny > 0) {
      deny--;
      url.searchParams.delete('code');
      url.searchParams.set('error', 'access_denied');
      return;
    }
    const code = url.searchParams.get('code');
    if (code) codes.set(code, account);
  });

  /** The account a token request is for, or `null` when it must be refused. */
  const accountFor = (body: Record<string, unknown>): string | null => {
    if (body.grant_type === 'authorization_code' && typeof body.code === 'string') {
      return codes.get(body.code) ?? null;
    }
    if (body.grant_type === 'refresh_token' && typeof body.refresh_token === 'string') {
      const grant = refreshTokens.get(body.refresh_token);
      return grant && !grant.revoked ? grant.account : null;
    }
    return null;
  };

  service.on(
    'beforeTokenSigning',
    (
      token: { payload: Record<string, unknown> },
      req: IncomingMessage & { body: Record<string, unknown> }
    ) => {
      const who = accountFor(req.body);
      if (who) token.payload.email = who;
      token.payload.exp = Math.floor(Date.now() / 1000) + provider.accessTtlSeconds;
    }
  );

  service.on(
    'beforeResponse',
    (
      response: { body: Record<string, unknown>; statusCode: number },
      req: IncomingMessage & { body: Record<string, unknown> }
    ) => {
      const body = req.body;
      const client = basicClient(req);
      const grantType = String(body.grant_type);
      if (grantType === 'authorization_code' || grantType === 'refresh_token') counts[grantType]++;
      const refuse = (error: string, status = 400) => {
        counts.refused++;
        response.statusCode = status;
        response.body = { error };
      };
      if (!client || client.id !== clientId || client.secret !== clientSecret) {
        return refuse('invalid_client', 401);
      }
      const who = accountFor(body);
      if (!who) return refuse('invalid_grant');
      if (grantType === 'authorization_code' && typeof body.code === 'string') {
        codes.delete(body.code);
      }
      const expiresAt = Date.now() + provider.accessTtlSeconds * 1000;
      const access = response.body.access_token;
      const refresh = response.body.refresh_token;
      if (typeof access === 'string') {
        accessTokens.set(access, { account: who, expiresAt, revoked: false });
      }
      if (typeof refresh === 'string') {
        refreshTokens.set(refresh, { account: who, expiresAt: Infinity, revoked: false });
      }
      response.body.expires_in = provider.accessTtlSeconds;
    }
  );

  const verify = (token: string): string | null => {
    const issued = accessTokens.get(token);
    return issued && !issued.revoked && issued.expiresAt > Date.now() ? issued.account : null;
  };

  const handler = service.requestHandler;
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.split('?')[0] === '/introspect') {
      void formBody(req).then((form) => {
        const who = verify(form.get('token') ?? '');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(who ? { active: 'yes', email: who } : { active: 'no' }));
      });
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer.url = base;

  return Object.assign(provider, {
    issuer: base,
    authorizeUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    introspectUrl: `${base}/introspect`,
    clientId,
    clientSecret,
    counts,
    signInAs(next: string) {
      account = next;
    },
    denyNext() {
      deny++;
    },
    expireAccessTokens() {
      for (const issued of accessTokens.values()) issued.expiresAt = 0;
    },
    revoke(who: string) {
      for (const issued of [...refreshTokens.values(), ...accessTokens.values()]) {
        if (issued.account === who) issued.revoked = true;
      }
    },
    verify,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  });
}
