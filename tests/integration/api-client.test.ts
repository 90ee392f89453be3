/**
 * The browser's API client (`src/lib/api/client.ts`) against the real endpoints, run as the
 * app runs them (`routes.ts`: the hook, then each `+server.ts`), on a real Baton with real
 * sessions. Answers are parsed by the contract's schemas, so a server answer that drifted from
 * the contract fails here as `bad-response`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../src/lib/api/client.ts';
import { tempDir, type RunningBaton } from './helpers.ts';
import { startWith, team, type Team } from './auth-helpers.ts';
import { registerBaton, routeFetch, type RouteTable } from './routes.ts';
import * as me from '../../src/routes/api/me/+server.ts';
import * as locale from '../../src/routes/api/me/locale/+server.ts';
import * as demo from '../../src/routes/api/auth/demo/+server.ts';
import * as workspaces from '../../src/routes/api/workspaces/+server.ts';
import * as select from '../../src/routes/api/workspaces/[workspace]/select/+server.ts';
import * as members from '../../src/routes/api/workspaces/[workspace]/members/+server.ts';
import * as member from '../../src/routes/api/workspaces/[workspace]/members/[user]/+server.ts';
import * as invitations from '../../src/routes/api/workspaces/[workspace]/invitations/+server.ts';
import * as invitation from '../../src/routes/api/workspaces/[workspace]/invitations/[invitation]/+server.ts';
import * as join from '../../src/routes/api/workspaces/join/[token]/+server.ts';
import * as tokens from '../../src/routes/api/workspaces/[workspace]/tokens/+server.ts';
import * as token from '../../src/routes/api/tokens/[token]/+server.ts';
import * as audit from '../../src/routes/api/workspaces/[workspace]/audit/+server.ts';
import * as mailbox from '../../src/routes/api/workspaces/[workspace]/mail/mailbox/+server.ts';
import * as importJob from '../../src/routes/api/workspaces/[workspace]/mail/import/[job]/+server.ts';

const ROUTES: RouteTable = [
  ['/api/me', me],
  ['/api/me/locale', locale],
  ['/api/auth/demo', demo],
  ['/api/workspaces', workspaces],
  ['/api/workspaces/join/[token]', join],
  ['/api/workspaces/[workspace]/select', select],
  ['/api/workspaces/[workspace]/members', members],
  ['/api/workspaces/[workspace]/members/[user]', member],
  ['/api/workspaces/[workspace]/invitations', invitations],
  ['/api/workspaces/[workspace]/invitations/[invitation]', invitation],
  ['/api/workspaces/[workspace]/tokens', tokens],
  ['/api/tokens/[token]', token],
  ['/api/workspaces/[workspace]/audit', audit],
  ['/api/workspaces/[workspace]/mail/mailbox', mailbox],
  ['/api/workspaces/[workspace]/mail/import/[job]', importJob]
];

let dir: ReturnType<typeof tempDir>;
let running: RunningBaton;
let t: Team;
const apiAs = (cookie?: string): Api => createApi({ fetch: routeFetch(ROUTES, cookie) });

beforeAll(async () => {
  dir = tempDir();
  running = await startWith(dir.path);
  registerBaton(running.baton);
  t = team(running.baton);
});

afterAll(async () => {
  await running.stop();
  dir.remove();
});

describe('the API client', () => {
  it('says who is signed in, and nobody without a session', async () => {
    const owner = await apiAs(t.owner.cookie).me();
    expect(owner).toMatchObject({
      ok: true,
      value: { identity: { memberId: t.owner.id }, workspaces: [{ id: t.workspaceId }] }
    });
    expect(await apiAs().me()).toEqual({
      ok: true,
      value: { identity: null, workspaceId: null }
    });
    expect(await apiAs().demo()).toEqual({ ok: true, value: { enabled: false } });
  });

  it('manages members and invitations, and names each refusal', async () => {
    const api = apiAs(t.owner.cookie);
    const list = await api.members(t.workspaceId);
    if (!list.ok) throw new Error(list.failure.message);
    expect(list.value.role).toBe('owner');
    expect(list.value.members.map((m) => m.role).sort()).toEqual(
      ['admin', 'agent', 'light-agent', 'owner', 'viewer'].sort()
    );

    const made = await api.invite(t.workspaceId, { role: 'agent' });
    if (!made.ok) throw new Error(made.failure.message);
    expect(made.value.link).toMatch(/\/invite\//);
    expect((await api.peekInvitation(made.value.link.split('/').pop() ?? '')).ok).toBe(true);
    expect(await api.revokeInvitation(t.workspaceId, made.value.invitation.id)).toEqual({
      ok: true,
      value: null
    });

    const viewer = t.byRole.get('viewer');
    if (!viewer) throw new Error('no viewer');
    expect(await api.setRole(t.workspaceId, viewer.id, 'agent')).toEqual({
      ok: true,
      value: { role: 'agent' }
    });
    expect(await api.setRole(t.workspaceId, viewer.id, 'viewer')).toMatchObject({ ok: true });

    // The only owner cannot demote themself: a named refusal, not an exception.
    expect(await api.setRole(t.workspaceId, t.owner.id, 'agent')).toMatchObject({
      ok: false,
      failure: { kind: 'http', status: 409, reason: 'last-owner' }
    });
    // A viewer may not invite; a stranger is no member at all.
    expect(await apiAs(viewer.cookie).invite(t.workspaceId, { role: 'agent' })).toMatchObject({
      ok: false,
      failure: { reason: 'forbidden', status: 403 }
    });
    expect(await apiAs(t.stranger.cookie).members(t.workspaceId)).toMatchObject({
      ok: false,
      failure: { reason: 'forbidden' }
    });
    expect(await apiAs().members(t.workspaceId)).toMatchObject({
      ok: false,
      failure: { reason: 'not-signed-in', status: 401 }
    });
  });

  it('makes, lists and revokes API tokens in the workspace of the URL', async () => {
    const agent = t.byRole.get('agent');
    if (!agent) throw new Error('no agent');
    const api = apiAs(agent.cookie);
    const made = await api.createToken(t.workspaceId, { name: 'CI', scope: 'read' });
    if (!made.ok) throw new Error(made.failure.message);
    expect(made.value.token).toMatch(/^baton_/);
    const listed = await api.tokens(t.workspaceId);
    expect(listed).toMatchObject({ ok: true, value: { tokens: [{ name: 'CI', scope: 'read' }] } });
    expect(await api.revokeToken(made.value.info.id)).toEqual({ ok: true, value: null });
    expect(await api.tokens(t.workspaceId)).toEqual({ ok: true, value: { tokens: [] } });
  });

  it('reads the audit log for admins only, and the mailbox of the workspace of the URL', async () => {
    const api = apiAs(t.owner.cookie);
    const page = await api.audit(t.workspaceId, { limit: 5 });
    if (!page.ok) throw new Error(page.failure.message);
    expect(page.value.events.length).toBeGreaterThan(0);
    const agent = t.byRole.get('agent');
    if (!agent) throw new Error('no agent');
    expect(await apiAs(agent.cookie).audit(t.workspaceId, {})).toMatchObject({
      ok: false,
      failure: { reason: 'forbidden' }
    });

    expect(await api.mailbox(t.workspaceId)).toEqual({
      ok: true,
      value: { mailbox: null, status: null }
    });
    const invalid = await api.saveMailbox(t.workspaceId, {
      settings: {
        address: 'not an address',
        displayName: 'Support',
        imap: {
          host: 'imap.example.com',
          port: 993,
          security: 'tls',
          user: 'u',
          auth: 'password',
          folder: 'INBOX'
        },
        smtp: { host: 'smtp.example.com', port: 465, security: 'tls', user: 'u', auth: 'password' },
        processed: 'flag',
        moveTo: 'Baton',
        reopenDays: 14,
        enabled: false
      }
    });
    expect(invalid).toMatchObject({ ok: false, failure: { reason: 'invalid-request' } });
    expect(await api.importStatus(t.workspaceId, 'a'.repeat(24))).toMatchObject({
      ok: false,
      failure: { reason: 'not-found', status: 404 }
    });
  });

  it('turns an unreachable server and an answer off the contract into named failures', async () => {
    const offline = createApi({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      }
    });
    expect(await offline.me()).toEqual({
      ok: false,
      failure: { kind: 'network', message: 'Failed to fetch' }
    });
    const drifted = createApi({ fetch: async () => Response.json({ identity: 'Aino' }) });
    expect(await drifted.me()).toMatchObject({
      ok: false,
      failure: { kind: 'bad-response', status: 200 }
    });
    const proxy = createApi({
      fetch: async () => new Response('<html>Bad gateway</html>', { status: 502 })
    });
    expect(await proxy.members('w')).toEqual({
      ok: false,
      failure: { kind: 'http', status: 502, reason: 'unknown', message: 'HTTP 502' }
    });
  });
});
