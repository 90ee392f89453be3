/**
 * Microsoft 365 / Google mailboxes (#13 item 13) against real servers: `oauth2-mock-server` as
 * the identity provider (`tests/mail-servers/oauth-provider.ts`), Dovecot checking every
 * XOAUTH2 login with it (`passdb oauth2`, introspection), and the SMTP receiver checking its
 * XOAUTH2 logins the same way. The flow runs as the app runs it: the start endpoint, the
 * provider's authorize redirect followed with `fetch`, the callback endpoint behind the `handle`
 * hook. Then mail comes in as a ticket and a reply goes out signed in with the access token;
 * tokens are refreshed before they expire and when a server refuses one; a revoked grant
 * makes the mailbox "reconnect needed" (admins are emailed) and the reply waits, then goes
 * out after signing in again. Garbage: missing, forged and replayed state, a wrong PKCE
 * verifier, `access_denied`, another admin's or another workspace's sign-in, non-admins.
 */
import { get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { addThreadEntry, readDelivery } from '../../src/lib/domain/ticket.ts';
import { readIndex } from '../../src/lib/domain/workspace-index.ts';
import { MailboxList } from '../../src/lib/contract/api.ts';
import {
  MAIL_OAUTH_CALLBACK_PATH,
  mailOAuthPath,
  mailboxesPath
} from '../../src/lib/contract/endpoints.ts';
import type { AccountMessage } from '../../server/accounts/mailer.ts';
import * as startRoute from '../../src/routes/api/workspaces/[workspace]/mail/oauth/[mailbox]/+server.ts';
import * as callbackRoute from '../../src/routes/api/mail/oauth/callback/+server.ts';
import * as mailboxesRoute from '../../src/routes/api/workspaces/[workspace]/mail/mailboxes/+server.ts';
import { startDovecot, type DovecotServer } from '../mail-servers/dovecot.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver.ts';
import { startOAuthProvider, type OAuthProvider } from '../mail-servers/oauth-provider.ts';
import * as fx from '../mail-servers/fixtures.ts';
import { parseOAuthConfig } from '../../server/mail/oauth-config.ts';
import { startBaton, tempDir, until, type RunningBaton } from './helpers.ts';
import { person, team, type Team } from './auth-helpers.ts';
import { call, registerBaton } from './routes.ts';

const ACCOUNT = 'support@contoso.test';
/** The Google Workspace team's shared mailbox (its own Baton below). */
const GOOGLE_ACCOUNT = 'support@fabrikam.test';
let provider: OAuthProvider;
let imap: DovecotServer;
let smtp: SmtpReceiver;
let relay: RunningBaton;
let dir: ReturnType<typeof tempDir>;
let t: Team;
const adminMail: AccountMessage[] = [];

beforeAll(async () => {
  provider = await startOAuthProvider();
  [imap, smtp] = await Promise.all([
    startDovecot(
      [
        { user: ACCOUNT, password: 'only-for-the-test-client' },
        { user: GOOGLE_ACCOUNT, password: 'only-for-the-test-client' }
      ],
      {
        oauth: { introspectUrl: provider.introspectUrl }
      }
    ),
    startSmtpReceiver({ verifyToken: (user, token) => provider.verify(token) === user })
  ]);
  dir = tempDir();
  relay = await startBaton(
    dir.path,
    {
      mail: {
        secretKey: Buffer.alloc(32, 9),
        pollMs: 300,
        maxAttachmentBytes: 64 * 1024,
        retryBaseMs: 50,
        maxAttempts: 3,
        allowPrivateHosts: true,
        oauth: {
          microsoft: {
            clientId: provider.clientId,
            clientSecret: provider.clientSecret,
            authorizeUrl: provider.authorizeUrl,
            tokenUrl: provider.tokenUrl,
            scopes: ['openid', 'email', 'offline_access'],
            authorizeParams: { prompt: 'select_account' }
          }
        }
      }
    },
    { accountMailer: { send: async (message) => void adminMail.push(message) } }
  );
  registerBaton(relay.baton);
  t = team(relay.baton);
  provider.signInAs(ACCOUNT);
}, 120_000);

afterAll(async () => {
  await relay?.stop();
  dir?.remove();
  await Promise.all([imap?.stop(), smtp?.stop(), provider?.stop()]);
});

const admin = () => t.byRole.get('admin')?.cookie ?? '';
const services = () => relay.baton.mail.services();

/** A mailbox on the test servers, saved without any secret (it is to sign in with OAuth). */
async function newMailbox(address = ACCOUNT): Promise<string> {
  const settings = fx.mailboxSettings(imap, smtp, address, { address });
  const made = await services().createMailbox(t.workspaceId, { settings });
  expect(made.status).toBe(201);
  return (made.body as { mailbox: { id: string } }).mailbox.id;
}

async function listed(cookie = admin()) {
  const response = await call(mailboxesRoute.GET, {
    method: 'GET',
    path: mailboxesPath(t.workspaceId),
    params: { workspace: t.workspaceId },
    cookie
  });
  expect(response.status).toBe(200);
  const text = await response.text();
  return { text, list: MailboxList.parse(JSON.parse(text)) };
}

async function oauthOf(mailboxId: string) {
  return (await listed()).list.mailboxes.find((m) => m.id === mailboxId)?.oauth ?? null;
}

async function start(
  mailboxId: string,
  cookie = admin(),
  body: unknown = { provider: 'microsoft' }
) {
  return call(startRoute.POST, {
    method: 'POST',
    path: mailOAuthPath(t.workspaceId, mailboxId),
    params: { workspace: t.workspaceId, mailbox: mailboxId },
    body,
    cookie
  });
}

/**
 * Starts a sign-in and follows the provider's redirect: the callback URL it sends back.
 * `seen` gets the authorization request the browser is sent to.
 */
async function toProvider(
  mailboxId: string,
  cookie = admin(),
  providerId: 'microsoft' | 'google' = 'microsoft',
  seen: (authorize: URL) => void = () => {}
): Promise<URL> {
  const started = await start(mailboxId, cookie, { provider: providerId });
  expect(started.status).toBe(200);
  const { url } = (await started.json()) as { url: string };
  const authorize = new URL(url);
  seen(authorize);
  expect(authorize.origin).toBe(provider.issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('client_id')).toBe(provider.clientId);
  const redirect = await redirectOf(authorize);
  expect(redirect.status).toBe(302);
  const back = new URL(redirect.location);
  expect(back.pathname).toBe(MAIL_OAUTH_CALLBACK_PATH);
  return back;
}

/**
 * One GET on a connection of its own, not followed: a pooled connection the provider has
 * closed while it sat idle (a Baton starting takes longer than its keep-alive) resets.
 */
function redirectOf(url: URL): Promise<{ status: number; location: string }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent: false }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? '' });
    });
    request.on('error', reject);
  });
}

/** The callback as the browser brings it back: the page it is sent on to. */
async function callback(back: URL | string, cookie = admin()): Promise<Response> {
  const url = typeof back === 'string' ? new URL(back, 'http://127.0.0.1') : back;
  return call(callbackRoute.GET, {
    method: 'GET',
    path: `${url.pathname}${url.search}`,
    params: {},
    cookie
  });
}

function outcome(response: Response): string | null {
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get('location') ?? '', 'http://127.0.0.1');
  expect(location.pathname).toBe(`/w/${t.workspaceId}/mailbox`);
  return location.searchParams.get('oauth');
}

function tickets() {
  return relay.baton.docs.read(indexDocName(t.workspaceId), (doc) => readIndex(doc).tickets) ?? [];
}

function reply(ticketId: string, body: string): string {
  const author = t.byRole.get('agent');
  if (!author) throw new Error('no agent');
  const name = ticketDocName(ticketId);
  const client = new Y.Doc();
  const state = relay.baton.docs.read(name, (doc) => Y.encodeStateAsUpdate(doc));
  if (!state) throw new Error(`No ticket ${ticketId}`);
  Y.applyUpdate(client, state);
  const before = Y.encodeStateVector(client);
  const actor = { id: author.id, name: author.name };
  const entry = addThreadEntry(client, 'reply', body, actor, Date.now());
  const verdict = relay.baton.docs.applyFromClient(name, Y.encodeStateAsUpdate(client, before), {
    memberId: author.id,
    workspaceId: t.workspaceId
  });
  if (!verdict.ok) throw new Error(`The reply was refused: ${verdict.reason}`);
  return entry.id;
}

function deliveryOf(ticketId: string, entryId: string) {
  return relay.baton.docs.read(ticketDocName(ticketId), (doc) => readDelivery(doc).get(entryId));
}

const receivedWith = (text: string) => smtp.received.find((m) => m.raw.toString().includes(text));

describe('a mailbox signed in with Microsoft (OAuth 2, XOAUTH2)', () => {
  let mailboxId = '';
  let ticketId = '';

  it('connects through the flow; mail comes in as a ticket and a reply goes out with XOAUTH2', async () => {
    mailboxId = await newMailbox();
    expect(await oauthOf(mailboxId)).toBeNull();
    const back = await toProvider(mailboxId);
    expect(back.searchParams.get('code')).toBeTruthy();
    expect(outcome(await callback(back))).toBe('connected');

    const { text, list } = await listed();
    const view = list.mailboxes.find((m) => m.id === mailboxId);
    expect(view?.oauth).toMatchObject({
      provider: 'microsoft',
      account: ACCOUNT,
      state: 'connected'
    });
    expect(view?.settings.imap).toMatchObject({ auth: 'oauth2', user: ACCOUNT });
    expect(view?.settings.smtp).toMatchObject({ auth: 'oauth2', user: ACCOUNT });
    expect(view?.hasImapSecret).toBe(false);
    // No token of any kind leaves the server: neither sealed nor plain.
    expect(text).not.toMatch(/refresh|access_?token|"v1\./i);

    await imap.append(
      ACCOUNT,
      fx.plain({
        to: `Support <${ACCOUNT}>`,
        subject: 'Printer on fire (OAuth)',
        messageId: '<oauth-1@example.fi>'
      })
    );
    await until(
      () => tickets().some((x) => x.subject === 'Printer on fire (OAuth)'),
      'the ticket made from mail fetched with XOAUTH2',
      20_000
    );
    ticketId = tickets().find((x) => x.subject === 'Printer on fire (OAuth)')?.id ?? '';

    const entryId = reply(ticketId, 'We are on it (first reply).');
    await until(
      () => deliveryOf(ticketId, entryId)?.state === 'sent',
      'the first reply sent',
      20_000
    );
    const sent = receivedWith('We are on it (first reply).');
    expect(sent?.user).toBe(`xoauth2:${ACCOUNT}`);
    expect(sent?.to).toEqual([fx.CUSTOMER]);
  }, 60_000);

  it('refreshes a token the server refuses (expired early) once, and the reply still goes', async () => {
    const before = { ...provider.counts };
    provider.expireAccessTokens();
    const entryId = reply(ticketId, 'Second reply after the token expired.');
    await until(
      () => deliveryOf(ticketId, entryId)?.state === 'sent',
      'the second reply sent',
      20_000
    );
    expect(deliveryOf(ticketId, entryId)?.attempts).toBe(1);
    expect(receivedWith('Second reply after the token expired.')?.user).toBe(`xoauth2:${ACCOUNT}`);
    expect(provider.counts.refresh_token - before.refresh_token).toBe(1);
    expect(provider.counts.refused).toBe(before.refused);
  }, 60_000);

  it('refreshes before expiry: a token with less than a minute left is renewed before use', async () => {
    provider.accessTtlSeconds = 30;
    provider.expireAccessTokens();
    const first = reply(ticketId, 'Third reply: renews the short token.');
    await until(
      () => deliveryOf(ticketId, first)?.state === 'sent',
      'the third reply sent',
      20_000
    );
    const before = { ...provider.counts };
    const smtpBefore = smtp.received.length;
    const second = reply(ticketId, 'Fourth reply: renewed before use.');
    await until(
      () => deliveryOf(ticketId, second)?.state === 'sent',
      'the fourth reply sent',
      20_000
    );
    // The cached token (30 s left) was not used: a new one, without any refusal first.
    expect(provider.counts.refresh_token - before.refresh_token).toBe(1);
    expect(provider.counts.refused).toBe(before.refused);
    expect(smtp.received.length).toBe(smtpBefore + 1);
    provider.accessTtlSeconds = 3600;
  }, 60_000);

  it('a revoked grant: "reconnect needed", admins are emailed, the reply waits and goes after signing in again', async () => {
    provider.revoke(ACCOUNT);
    const entryId = reply(ticketId, 'Fifth reply, written while revoked.');
    await until(
      async () => (await oauthOf(mailboxId))?.state === 'reconnect-needed',
      'the mailbox marked reconnect needed',
      20_000
    );
    await until(
      () => deliveryOf(ticketId, entryId)?.reason === 'reconnect-needed',
      'the reply waiting for the reconnect',
      10_000
    );
    expect(deliveryOf(ticketId, entryId)?.state).toBe('queued');
    expect(receivedWith('Fifth reply, written while revoked.')).toBeUndefined();
    const admins = [t.owner.email, t.byRole.get('admin')?.email];
    await until(() => adminMail.length >= 2, 'the admins emailed', 5000);
    expect(adminMail.map((m) => m.to).sort()).toEqual([...admins].sort());
    expect(adminMail[0]?.subject).toContain(ACCOUNT);
    expect(JSON.stringify(adminMail)).not.toMatch(/eyJ|refresh_token/);

    // Mail that arrives meanwhile is not lost either.
    await imap.append(
      ACCOUNT,
      fx.plain({
        to: `Support <${ACCOUNT}>`,
        subject: 'Arrived while revoked',
        messageId: '<oauth-2@example.fi>'
      })
    );

    // An admin signs in again: connected, and the waiting reply goes out (once).
    expect(outcome(await callback(await toProvider(mailboxId)))).toBe('connected');
    expect((await oauthOf(mailboxId))?.state).toBe('connected');
    await until(
      () => deliveryOf(ticketId, entryId)?.state === 'sent',
      'the waiting reply sent',
      20_000
    );
    expect(smtp.received.filter((m) => m.raw.toString().includes('Fifth reply')).length).toBe(1);
    await until(
      () => tickets().some((x) => x.subject === 'Arrived while revoked'),
      'the mail that arrived while revoked, as a ticket',
      20_000
    );
  }, 90_000);
});

describe('bad sign-ins change nothing', () => {
  let mailboxId = '';
  const unchanged = async () => expect(await oauthOf(mailboxId)).toBeNull();

  beforeAll(async () => {
    mailboxId = await newMailbox('billing@contoso.test');
  });

  it('a missing or malformed state is refused outright', async () => {
    for (const query of [
      '',
      '?code=abc',
      '?state=&code=abc',
      `?state=${'x'.repeat(5000)}`,
      '?state=a.b'
    ]) {
      const response = await callback(`${MAIL_OAUTH_CALLBACK_PATH}${query}`);
      expect(response.status).toBe(400);
    }
    await unchanged();
  });

  it('a forged state (well-formed, never handed out) is unknown', async () => {
    const forged = `${t.workspaceId}.${'A'.repeat(32)}`;
    expect(outcome(await callback(`${MAIL_OAUTH_CALLBACK_PATH}?state=${forged}&code=abc`))).toBe(
      'state-unknown'
    );
    await unchanged();
  });

  it('a replayed callback counts once', async () => {
    const other = await newMailbox('sales@contoso.test');
    const back = await toProvider(other);
    expect(outcome(await callback(back))).toBe('connected');
    const before = { ...provider.counts };
    expect(outcome(await callback(back))).toBe('state-unknown');
    expect(provider.counts.authorization_code).toBe(before.authorization_code);
    expect((await oauthOf(other))?.state).toBe('connected');
    expect((await services().removeMailbox(t.workspaceId, other)).status).toBe(200);
  }, 30_000);

  it('a code exchanged with another sign-in’s PKCE verifier is rejected by the provider', async () => {
    const a = await toProvider(mailboxId);
    const b = await toProvider(mailboxId);
    const swapped = new URL(b);
    swapped.searchParams.set('code', a.searchParams.get('code') ?? '');
    expect(outcome(await callback(swapped))).toBe('code-rejected');
    await unchanged();
  }, 30_000);

  it('error=access_denied from the provider', async () => {
    provider.denyNext();
    const back = await toProvider(mailboxId);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
    expect(outcome(await callback(back))).toBe('access-denied');
    await unchanged();
  });

  it('another admin, a non-admin, a stranger or nobody cannot finish the sign-in', async () => {
    const back = await toProvider(mailboxId);
    // The owner is an admin here too, but did not start this sign-in.
    expect(outcome(await callback(back, t.owner.cookie))).toBe('state-mismatch');
    for (const role of ['agent', 'light-agent', 'viewer'] as const) {
      expect((await callback(back, t.byRole.get(role)?.cookie)).status).toBe(403);
    }
    expect((await callback(back, t.stranger.cookie)).status).toBe(403);
    expect((await callback(back, '')).status).toBe(401);
    await unchanged();
    // The state was not used up by any of them: the admin who started it still can.
    expect(outcome(await callback(back))).toBe('connected');
    expect((await oauthOf(mailboxId))?.account).toBe(ACCOUNT);
  }, 30_000);

  it('a state moved to another workspace (where the member is admin) is unknown there', async () => {
    const back = await toProvider(mailboxId);
    const mine = person(relay.baton, 'admin', 'two-workspaces');
    relay.baton.accounts.ensureMembership(t.workspaceId, mine.id, 'admin');
    const other = relay.baton.accounts.createWorkspace(
      mine.id,
      { name: 'Other Ltd' },
      { ip: null }
    );
    if (!other.ok) throw new Error(other.message);
    const state = back.searchParams.get('state') ?? '';
    const moved = new URL(back);
    moved.searchParams.set('state', `${other.workspace.id}.${state.split('.')[1] ?? ''}`);
    const answer = await callback(moved, mine.cookie);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(
      `/w/${other.workspace.id}/mailbox?oauth=state-unknown`
    );
    // The sign-in itself was not touched: its own admin still finishes it.
    expect(outcome(await callback(back))).toBe('connected');
  }, 30_000);

  it('the start endpoint refuses garbage, an unknown mailbox and a provider not configured', async () => {
    const bad = await start(mailboxId, admin(), { provider: 'yahoo' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('provider');
    expect((await start(mailboxId, admin(), { provider: 'microsoft', extra: 1 })).status).toBe(400);
    expect((await start(mailboxId, admin(), 'microsoft')).status).toBe(400);
    expect((await start('mb-000000000000')).status).toBe(404);
    const google = await start(mailboxId, admin(), { provider: 'google' });
    expect(google.status).toBe(409);
    expect(JSON.stringify(await google.json())).toContain('provider-not-configured');
  });
});

describe('a mailbox signed in with Google (the provider as the environment configures it)', () => {
  let microsoftTeam: RunningBaton;
  let googleDir: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    // Google's settings as an operator gives them (`BATON_OAUTH_GOOGLE_*`), its endpoints
    // pointed at the test provider: what Baton asks Google for is what production asks.
    const parsed = parseOAuthConfig({
      BATON_OAUTH_GOOGLE_CLIENT_ID: provider.clientId,
      BATON_OAUTH_GOOGLE_CLIENT_SECRET: provider.clientSecret,
      BATON_OAUTH_GOOGLE_AUTHORIZE_URL: provider.authorizeUrl,
      BATON_OAUTH_GOOGLE_TOKEN_URL: provider.tokenUrl
    });
    if (!parsed.ok) throw new Error(parsed.issues.join('; '));
    expect(parsed.config.microsoft).toBeUndefined();
    googleDir = tempDir();
    microsoftTeam = relay;
    relay = await startBaton(googleDir.path, {
      mail: {
        secretKey: Buffer.alloc(32, 7),
        pollMs: 300,
        maxAttachmentBytes: 64 * 1024,
        retryBaseMs: 50,
        maxAttempts: 3,
        allowPrivateHosts: true,
        oauth: parsed.config
      }
    });
    registerBaton(relay.baton);
    t = team(relay.baton);
    provider.signInAs(GOOGLE_ACCOUNT);
  }, 120_000);

  afterAll(async () => {
    await relay.stop();
    googleDir.remove();
    relay = microsoftTeam;
  });

  it('an admin connects the shared mailbox with one sign-in; mail comes in and a reply goes out', async () => {
    const mailboxId = await newMailbox(GOOGLE_ACCOUNT);
    const microsoft = await start(mailboxId, admin(), { provider: 'microsoft' });
    expect(microsoft.status).toBe(409);

    let authorize: URL | null = null;
    const back = await toProvider(mailboxId, admin(), 'google', (url) => (authorize = url));
    // Google gives a refresh token only for offline access, and again only on consent.
    expect(authorize!.searchParams.get('access_type')).toBe('offline');
    expect(authorize!.searchParams.get('prompt')).toBe('consent');
    expect(authorize!.searchParams.get('scope')?.split(' ')).toContain('https://mail.google.com/');
    expect(outcome(await callback(back))).toBe('connected');
    expect(await oauthOf(mailboxId)).toMatchObject({
      provider: 'google',
      account: GOOGLE_ACCOUNT,
      state: 'connected'
    });

    await imap.append(
      GOOGLE_ACCOUNT,
      fx.plain({
        to: `Support <${GOOGLE_ACCOUNT}>`,
        subject: 'Invoice PDF is empty (Google)',
        messageId: '<google-oauth-1@example.fi>'
      })
    );
    await until(
      () => tickets().some((x) => x.subject === 'Invoice PDF is empty (Google)'),
      'the ticket made from mail fetched with XOAUTH2',
      20_000
    );
    const ticketId = tickets().find((x) => x.subject === 'Invoice PDF is empty (Google)')?.id ?? '';
    const entryId = reply(ticketId, 'A new invoice is on its way.');
    await until(() => deliveryOf(ticketId, entryId)?.state === 'sent', 'the reply sent', 20_000);
    const sent = receivedWith('A new invoice is on its way.');
    expect(sent?.user).toBe(`xoauth2:${GOOGLE_ACCOUNT}`);
    expect(sent?.to).toEqual([fx.CUSTOMER]);
  }, 60_000);
});
