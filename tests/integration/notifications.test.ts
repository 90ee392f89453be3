/**
 * Notifications end to end on the server: real ticket documents written through the relay's
 * checks, the durable queue in the SQLite file, a restart and a simulated crash on the same
 * data folder, Web Push through a local push service (`web-push-testing`, which decrypts what
 * it receives and checks the VAPID signature), and email through a local SMTP receiver.
 *
 * The server's clock stands still on a Sunday night, so every demo member is off shift.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import * as Y from 'yjs';
import { simpleParser } from 'mailparser';
import { createApi } from '../../src/lib/api/client.ts';
import { DEFAULT_PREFS, PushPayload } from '../../src/lib/contract/notifications.ts';
import { settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { putSettingsRecord } from '../../src/lib/domain/settings.ts';
import { assign, createTicket, signHandover } from '../../src/lib/domain/ticket.ts';
import { DEV_MEMBER_COOKIE } from '../../src/lib/server/services.ts';
import { registerNotificationServices } from '../../src/lib/server/notification-services.ts';
import * as inboxRoute from '../../src/routes/api/workspaces/[workspace]/notifications/+server.ts';
import * as readRoute from '../../src/routes/api/workspaces/[workspace]/notifications/read/+server.ts';
import * as prefsRoute from '../../src/routes/api/workspaces/[workspace]/notifications/prefs/+server.ts';
import * as pushRoute from '../../src/routes/api/workspaces/[workspace]/notifications/push/+server.ts';
import * as streamRoute from '../../src/routes/api/workspaces/[workspace]/notifications/stream/+server.ts';
import { smtpMailer } from '../../server/accounts/mailer.ts';
import type { Clock } from '../../server/config.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver.ts';
import { team } from './auth-helpers.ts';
import {
  AINO,
  MADS,
  WORKSPACE,
  cleanupAfterEach,
  startBaton,
  tempDir,
  ticketId,
  until,
  type RunningBaton
} from './helpers.ts';
import { call, registerBaton, routeFetch, type RouteTable } from './routes.ts';

const HOUR = 3_600_000;
/** Sunday 29 November 2026, 03:00 UTC: nobody in the demo team is on shift. */
const SUNDAY_NIGHT = Date.UTC(2026, 10, 29, 3, 0);
const clock: Clock = { now: () => SUNDAY_NIGHT };

const ROUTES: RouteTable = [
  ['/api/workspaces/[workspace]/notifications', inboxRoute],
  ['/api/workspaces/[workspace]/notifications/read', readRoute],
  ['/api/workspaces/[workspace]/notifications/prefs', prefsRoute],
  ['/api/workspaces/[workspace]/notifications/push', pushRoute],
  ['/api/workspaces/[workspace]/notifications/stream', streamRoute]
];

// ---- The local push service ----

interface PushService {
  url: string;
  subscribe(vapidPublicKey: string): Promise<{
    endpoint: string;
    keys: { p256dh: string; auth: string };
    clientHash: string;
  }>;
  messages(clientHash: string): Promise<string[]>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startPushService(): Promise<PushService> {
  const require = createRequire(import.meta.url);
  // CommonJS modules of web-push-testing, run in this process on a free port.
  const Server = require('web-push-testing/src/server.js') as new (
    model: unknown,
    port: number
  ) => { startServer(): void; _server: { close(cb: () => void): void; listening: boolean } };
  const { PushApiModel } = require('web-push-testing/src/PushApiModel.js') as {
    PushApiModel: new () => unknown;
  };
  const port = await freePort();
  const server = new Server(new PushApiModel(), port);
  const log = console.log;
  console.log = () => {}; // "Server running on port …"
  server.startServer();
  const url = `http://localhost:${port}`;
  await until(async () => (await fetch(`${url}/status`, { method: 'POST' })).ok, 'push service up');
  console.log = log;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    });
    return (await response.json()) as { data: never };
  };
  return {
    url,
    async subscribe(applicationServerKey) {
      return (await post('/subscribe', { applicationServerKey, userVisibleOnly: 'true' })).data;
    },
    async messages(clientHash) {
      const answer = (await post('/get-notifications', { clientHash })) as {
        data: { messages: string[] };
      };
      return answer.data.messages;
    },
    stop: () => new Promise<void>((resolve) => server._server.close(() => resolve()))
  };
}

// ---- Baton ----

let push: PushService;
let smtp: SmtpReceiver;

beforeAll(async () => {
  push = await startPushService();
  smtp = await startSmtpReceiver();
});

afterAll(async () => {
  await push.stop();
  await smtp.stop();
});

async function startNotifyingBaton(dataDir: string): Promise<RunningBaton> {
  const relay = await startBaton(
    dataDir,
    {},
    {
      clock,
      accountMailer: smtpMailer(`smtp://${smtp.host}:${smtp.port}`, 'Baton <baton@example.test>'),
      notifications: { allowPrivatePushHosts: true, pollMs: 50, appUrl: 'https://baton.test' }
    }
  );
  registerBaton(relay.baton);
  registerNotificationServices(relay.baton.notifications.services());
  return relay;
}

function apiAs(memberId: string) {
  return createApi({ fetch: routeFetch(ROUTES, `${DEV_MEMBER_COOKIE}=${memberId}`) });
}

async function inbox(memberId: string) {
  const answer = await apiAs(memberId).notifications(WORKSPACE);
  if (!answer.ok) throw new Error(answer.failure.message);
  return answer.value;
}

/** Writes the ticket's changes since `before` as `writer` would through the relay. */
function send(relay: RunningBaton, id: string, doc: Y.Doc, before: Uint8Array, writer = AINO) {
  const verdict = relay.baton.docs.applyFromClient(
    ticketDocName(id),
    Y.encodeStateAsUpdate(doc, before),
    { memberId: writer.id, workspaceId: '' }
  );
  expect(verdict).toMatchObject({ ok: true });
}

/** Lets the feed handle what was just written (its change report runs on the next turns). */
async function settle(relay: RunningBaton): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  relay.baton.notifications.wake();
  await relay.baton.notifications.delivered();
}

describe('notifications: queue, restart, never twice, push and email', () => {
  const cleanups = cleanupAfterEach();

  it('an assignment reaches the assignee (never the actor) in the app and by push, once, across a restart and a crash', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    let relay = await startNotifyingBaton(dir.path);
    cleanups.push(() => relay.stop());

    // Mads turns on push in his browser: the browser subscribes at the push service with the
    // server's VAPID key and hands the subscription to Baton.
    const prefs = await apiAs(MADS.id).notificationPrefs(WORKSPACE);
    if (!prefs.ok) throw new Error(prefs.failure.message);
    expect(prefs.value.prefs).toEqual(DEFAULT_PREFS);
    const browser = await push.subscribe(prefs.value.vapidPublicKey);
    expect(
      await apiAs(MADS.id).subscribePush(WORKSPACE, {
        endpoint: browser.endpoint,
        keys: browser.keys
      })
    ).toMatchObject({ ok: true });

    // Aino creates a ticket and assigns it to Mads; she also assigns a second one to herself.
    const id = ticketId('notify');
    const ticket = new Y.Doc();
    createTicket(
      ticket,
      { id, workspaceId: WORKSPACE, subject: 'Printer on fire', channel: 'web' },
      AINO,
      SUNDAY_NIGHT - 60_000
    );
    assign(ticket, MADS.id, AINO, SUNDAY_NIGHT - 30_000);
    send(relay, id, ticket, new Uint8Array([0]));
    const own = ticketId('own');
    const ownDoc = new Y.Doc();
    createTicket(ownDoc, { id: own, workspaceId: WORKSPACE, subject: 'Mine' }, AINO, SUNDAY_NIGHT);
    assign(ownDoc, AINO.id, AINO, SUNDAY_NIGHT);
    send(relay, own, ownDoc, new Uint8Array([0]));

    await until(async () => (await inbox(MADS.id)).items.length === 1, "Mads' inbox has one");
    const mads = await inbox(MADS.id);
    expect(mads.unread).toBe(1);
    expect(mads.items[0]).toMatchObject({
      kind: 'assigned',
      ticketId: id,
      subject: 'Printer on fire',
      actorName: AINO.name,
      read: false
    });
    expect((await inbox(AINO.id)).items).toEqual([]);

    await until(
      async () => (await push.messages(browser.clientHash)).length === 1,
      'the push service got one message'
    );
    const payload = PushPayload.parse(JSON.parse((await push.messages(browser.clientHash))[0]!));
    // The number, if the numbering worker gave it before the notification was queued.
    const number = mads.items[0]!.ticketNumber;
    expect(payload).toEqual({
      key: mads.items[0]!.key,
      title: 'Assigned to you',
      body:
        number === null
          ? `${AINO.name} assigned Printer on fire to you`
          : `${AINO.name} assigned #${number} to you: Printer on fire`,
      url: `/w/${WORKSPACE}/t/${id}`
    });

    // A restart: the ticket loads again, the feed looks over its recent activity, and the
    // queue already holds that assignment: nothing new in the inbox, nothing pushed again.
    await relay.stop();
    relay = await startNotifyingBaton(dir.path);
    expect(relay.baton.docs.read(ticketDocName(id), () => true)).toBe(true);
    await settle(relay);
    expect((await inbox(MADS.id)).items.map((i) => i.kind)).toEqual(['assigned']);
    expect(await push.messages(browser.clientHash)).toHaveLength(1);
    expect(relay.baton.notifications.store.deliveries(mads.items[0]!.key)).toEqual([
      { channel: 'push', target: browser.endpoint, state: 'sent', attempts: 1 }
    ]);

    // A crash between storing an update and queueing its notification: the handover is in
    // the document's log, but the server died before the feed saw it. The next load finds it.
    // (A handover from before this store first ran the feed is history: not news.)
    await until(() => !relay.baton.docs.isLoaded(ticketDocName(id)), 'the ticket unloaded');
    const before = Y.encodeStateVector(ticket);
    signHandover(ticket, MADS.id, AINO, SUNDAY_NIGHT - HOUR);
    signHandover(ticket, MADS.id, AINO, SUNDAY_NIGHT + 1_000);
    await relay.baton.storage.append(ticketDocName(id), Y.encodeStateAsUpdate(ticket, before));
    expect(relay.baton.docs.read(ticketDocName(id), () => true)).toBe(true);
    await until(async () => (await inbox(MADS.id)).items.length === 2, 'the handover is queued');
    await until(
      async () => (await push.messages(browser.clientHash)).length === 2,
      'the handover is pushed'
    );
    expect((await inbox(MADS.id)).items.map((i) => i.kind)).toEqual(['handover', 'assigned']);
    await settle(relay);
    expect(await push.messages(browser.clientHash)).toHaveLength(2);

    // Read marks: Aino cannot mark Mads' notifications; Mads marks one, then all.
    const keys = (await inbox(MADS.id)).items.map((i) => i.key);
    expect(await apiAs(AINO.id).markNotificationsRead(WORKSPACE, { keys })).toMatchObject({
      ok: true,
      value: { unread: 0 }
    });
    expect((await inbox(MADS.id)).unread).toBe(2);
    expect(
      await apiAs(MADS.id).markNotificationsRead(WORKSPACE, { keys: [keys[1]!] })
    ).toMatchObject({ ok: true, value: { unread: 1 } });
    expect(await apiAs(MADS.id).markNotificationsRead(WORKSPACE, { all: true })).toMatchObject({
      ok: true,
      value: { unread: 0 }
    });
  });

  it('an SLA breach emails the off-shift assignee who chose it, in their language; a warning stays in the app', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startNotifyingBaton(dir.path);
    cleanups.push(() => relay.stop());
    relay.baton.accounts.users.setLocale(MADS.id, 'fi');
    const chosen = {
      ...DEFAULT_PREFS,
      'sla-breach': { push: false, email: true },
      'sla-warning': { push: false, email: false }
    };
    expect(await apiAs(MADS.id).setNotificationPrefs(WORKSPACE, chosen)).toMatchObject({
      ok: true,
      value: { prefs: chosen }
    });

    // Round-the-clock policies: urgent gets a first reply within an hour, high within three;
    // both warn at half their target.
    const settings = new Y.Doc();
    putSettingsRecord(settings, 'calendars', {
      id: 'utc',
      name: 'Round the clock',
      timeZone: 'UTC',
      week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: []
    });
    for (const [position, priority, minutes] of [
      [1, 'urgent', 60],
      [2, 'high', 180]
    ] as const) {
      putSettingsRecord(settings, 'slaPolicies', {
        id: priority,
        name: priority,
        position,
        conditions: { priorities: [priority] },
        targets: { firstReply: { minutes, time: 'calendar' } },
        calendarId: 'utc',
        warnAtPercent: 50,
        pauseStatuses: ['pending']
      });
    }
    expect(
      relay.baton.docs.applyFromClient(
        settingsDocName(WORKSPACE),
        Y.encodeStateAsUpdate(settings),
        { memberId: AINO.id, workspaceId: '' }
      )
    ).toMatchObject({ ok: true });

    // Two tickets came in two hours ago and were given to Mads: the urgent one is past its
    // hour (breached), the high one past half of its three (warning).
    const breached = ticketId('breach');
    const warned = ticketId('warn');
    for (const [id, priority] of [
      [breached, 'urgent'],
      [warned, 'high']
    ] as const) {
      const doc = new Y.Doc();
      createTicket(
        doc,
        { id, workspaceId: WORKSPACE, subject: `Down (${priority})`, priority },
        AINO,
        SUNDAY_NIGHT - 2 * HOUR
      );
      assign(doc, MADS.id, AINO, SUNDAY_NIGHT - 2 * HOUR + 1);
      send(relay, id, doc, new Uint8Array([0]));
    }

    await until(
      async () =>
        (await inbox(MADS.id)).items.filter((i) => i.kind.startsWith('sla-')).length === 2,
      'a breach and a warning in the inbox',
      10_000
    );
    const items = (await inbox(MADS.id)).items;
    expect(items.filter((i) => i.kind === 'sla-breach')).toMatchObject([
      { ticketId: breached, metric: 'firstReply', actorName: null }
    ]);
    expect(items.filter((i) => i.kind === 'sla-warning')).toMatchObject([
      { ticketId: warned, metric: 'firstReply' }
    ]);

    await until(() => smtp.received.length > 0, 'the breach email arrived');
    await settle(relay);
    const address = relay.baton.accounts.users.user(MADS.id)?.email;
    const mails = smtp.received.filter((m) => address && m.to.includes(address));
    expect(mails).toHaveLength(1);
    const mail = await simpleParser(mails[0]!.raw);
    expect(mail.subject).toMatch(/^\[Baton\] Palvelutaso ylittynyt: #\d+ Down \(urgent\)$/);
    expect(mail.text).toContain('Hei Mads Jensen');
    expect(mail.text).toContain(`https://baton.test/w/${WORKSPACE}/t/${breached}`);
  });
});

describe('notification endpoints: who may call them, and garbage', () => {
  const cleanups = cleanupAfterEach();

  it('any member, for themselves only; not a stranger, not signed out; bad input is named', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startNotifyingBaton(dir.path);
    cleanups.push(() => relay.stop());
    const t = team(relay.baton);
    const path = `/api/workspaces/${t.workspaceId}/notifications`;
    const params = { workspace: t.workspaceId };

    for (const [role, member] of t.byRole) {
      const answer = await call(inboxRoute.GET, {
        method: 'GET',
        path,
        params,
        cookie: member.cookie
      });
      expect(answer.status, role).toBe(200);
    }
    const stranger = await call(inboxRoute.GET, {
      method: 'GET',
      path,
      params,
      cookie: t.stranger.cookie
    });
    expect(stranger.status).toBe(403);
    expect((await call(inboxRoute.GET, { method: 'GET', path, params })).status).toBe(401);
    expect(
      (await call(streamRoute.GET, { method: 'GET', path: `${path}/stream`, params })).status
    ).toBe(401);
    expect(
      (
        await call(pushRoute.POST, {
          method: 'POST',
          path: `${path}/push`,
          params,
          cookie: t.stranger.cookie,
          body: {}
        })
      ).status
    ).toBe(403);

    const agent = t.byRole.get('agent')!;
    const bad = async (
      route: { POST?: unknown; PUT?: unknown },
      method: 'POST' | 'PUT',
      rest: string,
      body: unknown
    ) => {
      const handler = (method === 'POST' ? route.POST : route.PUT) as Parameters<typeof call>[0];
      const answer = await call(handler, {
        method,
        path: `${path}${rest}`,
        params,
        cookie: agent.cookie,
        body
      });
      expect(answer.status).toBe(400);
      return ((await answer.json()) as { error: { message: string } }).error.message;
    };
    expect(await bad(readRoute, 'POST', '/read', { keys: [] })).toMatch(/keys/);
    expect(
      await bad(prefsRoute, 'PUT', '/prefs', { prefs: { assigned: { push: 'yes' } } })
    ).toMatch(/assigned\.push|handover/);
    expect(
      await bad(pushRoute, 'POST', '/push', {
        endpoint: 'not a url',
        keys: { p256dh: 'a', auth: 'b' }
      })
    ).toMatch(/endpoint/);
    expect(await bad(pushRoute, 'POST', '/push', { endpoint: 'https://push.example/x' })).toMatch(
      /keys/
    );
    // Nothing of the garbage was kept.
    expect(relay.baton.notifications.store.subscriptions(agent.id)).toEqual([]);
    expect(relay.baton.notifications.store.prefs(t.workspaceId, agent.id)).toEqual(DEFAULT_PREFS);
  });

  it('the stream tells the unread count at once, then on each change', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startNotifyingBaton(dir.path);
    cleanups.push(() => relay.stop());
    const abort = new AbortController();
    const response = await streamRoute.GET({
      locals: { principal: { memberId: MADS.id, credential: { kind: 'dev' } } },
      params: { workspace: WORKSPACE },
      request: new Request('http://127.0.0.1/stream', { signal: abort.signal })
    } as never);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const next = async () => new TextDecoder().decode((await reader.read()).value);
    expect(await next()).toBe('event: changed\ndata: 0\n\n');

    const id = ticketId('stream');
    const doc = new Y.Doc();
    createTicket(doc, { id, workspaceId: WORKSPACE, subject: 'Live' }, AINO, SUNDAY_NIGHT);
    assign(doc, MADS.id, AINO, SUNDAY_NIGHT);
    send(relay, id, doc, new Uint8Array([0]));
    expect(await next()).toBe('event: changed\ndata: 1\n\n');
    abort.abort();
    await reader.cancel();
  });
});
