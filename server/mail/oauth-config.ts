/**
 * The OAuth 2 providers a mailbox can sign in with (Microsoft 365, Google Workspace), from the
 * server's environment. The operator registers Baton as an app with the provider and sets its
 * client id and secret here; they never come from, or go to, a browser. A provider without a
 * client id is not offered. The endpoints and scopes have the providers' defaults and can be
 * overridden (another Microsoft cloud, a test identity provider).
 *
 *   BATON_OAUTH_MICROSOFT_CLIENT_ID / _CLIENT_SECRET / _TENANT (default `organizations`)
 *   BATON_OAUTH_GOOGLE_CLIENT_ID / _CLIENT_SECRET
 *   BATON_OAUTH_<PROVIDER>_AUTHORIZE_URL / _TOKEN_URL / _SCOPES (space-separated)
 *
 * The redirect URI to register is `<ORIGIN>/api/mail/oauth/callback`.
 */
import { z } from 'zod';

export const OAuthProviderId = z.enum(['microsoft', 'google']);
export type OAuthProviderId = z.infer<typeof OAuthProviderId>;

export interface OAuthProviderConfig {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  scopes: string[];
  /** Extra parameters of the authorization request (Google gives a refresh token only offline). */
  authorizeParams: Record<string, string>;
}

export type OAuthConfig = Partial<Record<OAuthProviderId, OAuthProviderConfig>>;

const Url = z.url({ protocol: /^https?$/ });
const Text = z.string().trim().min(1).max(2000);
const Tenant = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.-]{1,100}$/, 'a tenant id, domain, "organizations" or "common"');

const Env = z.object({
  BATON_OAUTH_MICROSOFT_CLIENT_ID: Text.optional(),
  BATON_OAUTH_MICROSOFT_CLIENT_SECRET: Text.optional(),
  BATON_OAUTH_MICROSOFT_TENANT: Tenant.default('organizations'),
  BATON_OAUTH_MICROSOFT_AUTHORIZE_URL: Url.optional(),
  BATON_OAUTH_MICROSOFT_TOKEN_URL: Url.optional(),
  BATON_OAUTH_MICROSOFT_SCOPES: Text.optional(),
  BATON_OAUTH_GOOGLE_CLIENT_ID: Text.optional(),
  BATON_OAUTH_GOOGLE_CLIENT_SECRET: Text.optional(),
  BATON_OAUTH_GOOGLE_AUTHORIZE_URL: Url.optional(),
  BATON_OAUTH_GOOGLE_TOKEN_URL: Url.optional(),
  BATON_OAUTH_GOOGLE_SCOPES: Text.optional()
});

/**
 * Reads the providers from the environment (empty values already dropped); each refusal names
 * its variable. A client id without a secret is refused: both providers need one for a web app.
 */
export function parseOAuthConfig(
  env: Record<string, string | undefined>
): { ok: true; config: OAuthConfig } | { ok: false; issues: string[] } {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    };
  }
  const e = parsed.data;
  const issues: string[] = [];
  const config: OAuthConfig = {};
  const scopes = (value: string | undefined, fallback: string[]) =>
    value ? value.split(/\s+/).filter((s) => s !== '') : fallback;
  if (e.BATON_OAUTH_MICROSOFT_CLIENT_ID) {
    if (!e.BATON_OAUTH_MICROSOFT_CLIENT_SECRET) {
      issues.push('BATON_OAUTH_MICROSOFT_CLIENT_SECRET: required with the client id');
    } else {
      const base = `https://login.microsoftonline.com/${e.BATON_OAUTH_MICROSOFT_TENANT}/oauth2/v2.0`;
      config.microsoft = {
        clientId: e.BATON_OAUTH_MICROSOFT_CLIENT_ID,
        clientSecret: e.BATON_OAUTH_MICROSOFT_CLIENT_SECRET,
        authorizeUrl: e.BATON_OAUTH_MICROSOFT_AUTHORIZE_URL ?? `${base}/authorize`,
        tokenUrl: e.BATON_OAUTH_MICROSOFT_TOKEN_URL ?? `${base}/token`,
        scopes: scopes(e.BATON_OAUTH_MICROSOFT_SCOPES, [
          'openid',
          'email',
          'offline_access',
          'https://outlook.office.com/IMAP.AccessAsUser.All',
          'https://outlook.office.com/SMTP.Send'
        ]),
        authorizeParams: { prompt: 'select_account' }
      };
    }
  }
  if (e.BATON_OAUTH_GOOGLE_CLIENT_ID) {
    if (!e.BATON_OAUTH_GOOGLE_CLIENT_SECRET) {
      issues.push('BATON_OAUTH_GOOGLE_CLIENT_SECRET: required with the client id');
    } else {
      config.google = {
        clientId: e.BATON_OAUTH_GOOGLE_CLIENT_ID,
        clientSecret: e.BATON_OAUTH_GOOGLE_CLIENT_SECRET,
        authorizeUrl:
          e.BATON_OAUTH_GOOGLE_AUTHORIZE_URL ?? 'https://accounts.google.com/o/oauth2/v2/auth',
        tokenUrl: e.BATON_OAUTH_GOOGLE_TOKEN_URL ?? 'https://oauth2.googleapis.com/token',
        scopes: scopes(e.BATON_OAUTH_GOOGLE_SCOPES, [
          'openid',
          'email',
          'https://mail.google.com/'
        ]),
        // Google hands out a refresh token only for offline access, and again only on consent.
        authorizeParams: { access_type: 'offline', prompt: 'consent' }
      };
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, config };
}
