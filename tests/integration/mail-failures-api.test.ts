/**
 * The "could not import" endpoints (#13 item 1) as the app runs them (the `handle` hook, then
 * the endpoint): what an admin reads, downloads and retries, and what garbage gets — a clear
 * refusal, and the held message is still there afterwards. Who may call them at all is in
 * `auth-matrix.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBaton, tempDir, type RunningBaton } from './helpers.ts';
import { team, type Team } from './auth-helpers.ts';
import { call, registerBaton } from './routes.ts';
import { mailHeldPath } from '../../src/lib/contract/endpoints.ts';
import { HeldList, HeldRetried } from '../../src/lib/contract/api.ts';
import * as listRoute from '../../src/routes/api/workspaces/[workspace]/mail/held/+server.ts';
import * as rawRoute from '../../src/routes/api/workspaces/[workspace]/mail/held/[id]/raw/+server.ts';
import * as retryRoute from '../../src/routes/api/workspaces/[workspace]/mail/held/[id]/retry/+server.ts';

let dir: ReturnType<typeof tempDir>;
let relay: RunningBaton;
let t: Team;

beforeAll(async () => {
  dir = tempDir();
  relay = await startBaton(dir.path);
  registerBaton(relay.baton);
  t = team(relay.baton);
});
afterAll(async () => {
  await relay.stop();
  dir.remove();
});

const admin = () => t.byRole.get('admin')?.cookie ?? '';
const NOBODY = Buffer.from(
  'To: support@baton.test\r\nSubject: Nobody sent this\r\nMessage-ID: <api-nobody@example.fi>\r\n\r\nHello?\r\n'
);

async function held(workspaceId = t.workspaceId, cookie = admin()) {
  const response = await call(listRoute.GET, {
    method: 'GET',
    path: mailHeldPath(workspaceId),
    params: { workspace: workspaceId },
    cookie
  });
  expect(response.status).toBe(200);
  return HeldList.parse(await response.json()).held;
}

describe('the "could not import" endpoints', () => {
  it('list a held message, serve its raw bytes as a download, and retry it', async () => {
    expect(await held()).toEqual([]);
    const out = await relay.baton.mail.ingestor.ingest(t.workspaceId, NOBODY, {
      mode: 'live',
      ownAddresses: ['support@baton.test'],
      reopenDays: 14
    });
    expect(out).toMatchObject({ action: 'held', reason: 'no-sender' });
    const [row, ...rest] = await held();
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      subject: 'Nobody sent this',
      reason: 'no-sender',
      messageId: '<api-nobody@example.fi>',
      size: NOBODY.length,
      tries: 1
    });
    const id = row?.id ?? '';
    const raw = await call(rawRoute.GET, {
      method: 'GET',
      path: mailHeldPath(t.workspaceId, id, 'raw'),
      params: { workspace: t.workspaceId, id },
      cookie: admin()
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(raw.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await raw.arrayBuffer()).equals(NOBODY)).toBe(true);

    const retried = await call(retryRoute.POST, {
      method: 'POST',
      path: mailHeldPath(t.workspaceId, id, 'retry'),
      params: { workspace: t.workspaceId, id },
      body: {},
      cookie: admin()
    });
    expect(retried.status).toBe(200);
    expect(HeldRetried.parse(await retried.json())).toEqual({
      outcome: 'held',
      ticketId: null,
      reason: 'no-sender'
    });
    expect((await held())[0]?.tries).toBe(2);
  });

  it('refuses garbage ids and bodies clearly, and the held message stays', async () => {
    const [row] = await held();
    const id = row?.id ?? '';
    for (const bad of ['../../etc/passwd', 'Z'.repeat(64), id.toUpperCase(), id.slice(1), '']) {
      const raw = await call(rawRoute.GET, {
        method: 'GET',
        path: mailHeldPath(t.workspaceId, bad || 'x', 'raw'),
        params: { workspace: t.workspaceId, id: bad },
        cookie: admin()
      });
      expect(raw.status, bad).toBe(404);
      expect((await raw.json()) as unknown).toMatchObject({ error: { reason: 'not-found' } });
      const retry = await call(retryRoute.POST, {
        method: 'POST',
        path: mailHeldPath(t.workspaceId, bad || 'x', 'retry'),
        params: { workspace: t.workspaceId, id: bad },
        body: {},
        cookie: admin()
      });
      expect(retry.status, bad).toBe(404);
    }
    // A held id that is well formed but not held here.
    const unknown = await call(retryRoute.POST, {
      method: 'POST',
      path: mailHeldPath(t.workspaceId, 'a'.repeat(64), 'retry'),
      params: { workspace: t.workspaceId, id: 'a'.repeat(64) },
      body: {},
      cookie: admin()
    });
    expect(unknown.status).toBe(404);
    // Bodies a form on another site could send, or too large ones, are refused.
    const form = await call(retryRoute.POST, {
      method: 'POST',
      path: mailHeldPath(t.workspaceId, id, 'retry'),
      params: { workspace: t.workspaceId, id },
      raw: { body: 'a=1', contentType: 'application/x-www-form-urlencoded' },
      cookie: admin()
    });
    expect([403, 415]).toContain(form.status);
    const huge = await call(retryRoute.POST, {
      method: 'POST',
      path: mailHeldPath(t.workspaceId, id, 'retry'),
      params: { workspace: t.workspaceId, id },
      raw: { body: JSON.stringify({ x: 'y'.repeat(5000) }), contentType: 'application/json' },
      cookie: admin()
    });
    expect(huge.status).toBe(413);
    expect(await held()).toHaveLength(1);
  });

  it('never shows one workspace’s held message to an admin of another', async () => {
    const [row] = await held();
    const elsewhere = team(relay.baton);
    const theirAdmin = elsewhere.byRole.get('admin')?.cookie ?? '';
    expect(await held(elsewhere.workspaceId, theirAdmin)).toEqual([]);
    const raw = await call(rawRoute.GET, {
      method: 'GET',
      path: mailHeldPath(elsewhere.workspaceId, row?.id ?? '', 'raw'),
      params: { workspace: elsewhere.workspaceId, id: row?.id ?? '' },
      cookie: theirAdmin
    });
    expect(raw.status).toBe(404);
  });
});
