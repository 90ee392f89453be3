import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { addThreadEntry, readTicket, ticketParts } from '../../src/lib/domain/ticket.ts';
import { readJson, refuseFormRequest } from '../../src/lib/server/http.ts';
import type { WebsocketProvider } from 'y-websocket';
import {
  AINO,
  MADS,
  closedWithin,
  connect,
  devPrincipal,
  newTicket,
  rawClient,
  startBaton,
  storedRows,
  syncMessage,
  synced,
  tempDir,
  ticketId,
  until,
  type RunningBaton
} from './helpers.ts';

const MAX_MESSAGE = 64 * 1024;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('garbage at the boundaries', () => {
  const dir = tempDir();
  let relay: RunningBaton;
  // A ticket two well-behaved clients keep editing while garbage arrives.
  const id = ticketId('victim');
  const name = ticketDocName(id);
  const good = new Y.Doc();
  const watcher = new Y.Doc();
  let pGood: WebsocketProvider;
  let pWatcher: WebsocketProvider;

  beforeAll(async () => {
    relay = await startBaton(dir.path, {
      maxMessageBytes: MAX_MESSAGE,
      rateLimit: { burst: 40, perSecond: 20 }
    });
    pGood = connect(relay.syncUrl, name, good, AINO.id);
    pWatcher = connect(relay.syncUrl, name, watcher, MADS.id);
    await synced(pGood, 'good client');
    await synced(pWatcher, 'watching client');
    newTicket(good, { id, subject: 'Keeps working' });
    await until(
      () => readTicket(watcher)?.fields.number !== null && readTicket(watcher) !== null,
      'watcher sees the numbered ticket'
    );
  });

  afterAll(async () => {
    pGood.destroy();
    pWatcher.destroy();
    await relay.stop();
    dir.remove();
  });

  /** Sends `frames` on a fresh connection to the victim ticket; returns the close event. */
  async function feed(frames: (Uint8Array | number[])[], what: string) {
    const client = rawClient(relay.port, name);
    await client.opened;
    for (const frame of frames) client.send(frame);
    return closedWithin(client, what);
  }

  /** After each bad client: nothing stored, and the good clients still sync. */
  let note = 0;
  async function assertUnharmed(logBefore: number) {
    expect(storedRows(dir.path, name).log.length).toBe(logBefore);
    note++;
    addThreadEntry(good, 'note', `Still here ${note}`, AINO, Date.now());
    await until(
      () => readTicket(watcher)?.thread.some((e) => e.body === `Still here ${note}`) ?? false,
      `watcher sees note ${note}`
    );
  }

  const logLength = () => storedRows(dir.path, name).log.length;

  it.each([
    ['an unknown message type', [[9, 1, 2]], 'unknown-message-type'],
    ['an unknown sync message', [[0, 7, 0]], 'unknown-message-type'],
    ['a truncated varint', [[0x80]], 'malformed-frame'],
    ['a truncated varint inside a sync message', [[0, 0, 0xff]], 'malformed-frame'],
    ['a length beyond the frame', [[0, 2, 0xff, 0xff, 0x03, 1, 2]], 'malformed-frame'],
    ['trailing bytes', [[3, 0, 0]], 'malformed-frame'],
    ['garbage awareness', [[1, 3, 0xff, 0xfe, 0xfd]], 'malformed-frame'],
    ['a garbage state vector', [[0, 0, 3, 0xff, 0xff, 0xff]], 'malformed-frame']
  ])('closes 4400 on %s', async (_label, frames, reason) => {
    const before = logLength();
    const closed = await feed(frames, 'the relay closes the connection');
    expect(closed.code).toBe(4400);
    expect(closed.reason.startsWith(reason)).toBe(true);
    await assertUnharmed(before);
  });

  it('survives seeded random bytes with 4400 or 4422, never storing anything', async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 10; round++) {
      const before = logLength();
      const frame = Array.from({ length: 1 + Math.floor(random() * 64) }, () =>
        Math.floor(random() * 256)
      );
      frame[0] = round % 2 === 0 ? 0 : (frame[0] ?? 0); // half of them look like sync messages
      const closed = await feed([frame], `random frame ${round} is refused`);
      expect([4400, 4422]).toContain(closed.code);
      await assertUnharmed(before);
    }
  });

  it('closes 4413 on an oversized frame', async () => {
    const before = logLength();
    const closed = await feed([new Uint8Array(MAX_MESSAGE + 1)], 'the relay refuses a big frame');
    expect(closed.code).toBe(4413);
    expect(closed.reason).toMatch(/^too-large/);
    await assertUnharmed(before);
  });

  it('closes 4422 on a well-formed update that breaks the ticket schema', async () => {
    const before = logLength();
    const evil = new Y.Doc();
    Y.applyUpdate(evil, Y.encodeStateAsUpdate(good));
    const sv = Y.encodeStateVector(evil);
    ticketParts(evil).fields.set('status', 'on-fire');
    const closed = await feed(
      [syncMessage(2, Y.encodeStateAsUpdate(evil, sv))],
      'the relay refuses the update'
    );
    expect(closed.code).toBe(4422);
    expect(closed.reason).toMatch(/^schema: /);
    await assertUnharmed(before);
    expect(readTicket(watcher)?.fields.status).not.toBe('on-fire');
  });

  it('closes 4422 on nested types', async () => {
    const before = logLength();
    const evil = new Y.Doc();
    Y.applyUpdate(evil, Y.encodeStateAsUpdate(good));
    const sv = Y.encodeStateVector(evil);
    ticketParts(evil).fields.set('nested', new Y.Map());
    const closed = await feed(
      [syncMessage(2, Y.encodeStateAsUpdate(evil, sv))],
      'the relay refuses nesting'
    );
    expect(closed.code).toBe(4422);
    expect(closed.reason).toMatch(/^unsupported-content: /);
    await assertUnharmed(before);
  });

  it('closes 4429 on a flood', async () => {
    const before = logLength();
    const frames = Array.from({ length: 200 }, () => [3]); // "query awareness", harmless alone
    const closed = await feed(frames, 'the relay stops the flood');
    expect(closed.code).toBe(4429);
    expect(closed.reason).toBe('rate-limited');
    await assertUnharmed(before);
  });

  it('refuses upgrades without identity, from foreign origins, or to non-documents', async () => {
    const anonymous = rawClient(relay.port, name, { memberId: null });
    expect(await closedWithin(anonymous, 'anonymous is refused')).toEqual({
      code: 4401,
      reason: 'not-signed-in'
    });
    const stranger = rawClient(relay.port, name, { memberId: 'member-nobody' });
    expect((await closedWithin(stranger, 'unknown member is refused')).code).toBe(4401);
    const foreign = rawClient(relay.port, name, { origin: 'https://evil.example' });
    expect(await closedWithin(foreign, 'foreign origin is refused')).toEqual({
      code: 4403,
      reason: 'bad-origin'
    });
    const same = rawClient(relay.port, name, { origin: `http://127.0.0.1:${relay.port}` });
    await same.opened;
    same.ws.close();
    const nowhere = rawClient(relay.port, 'etc/passwd');
    expect(await closedWithin(nowhere, 'non-document is refused')).toEqual({
      code: 4404,
      reason: 'invalid-document'
    });
    const otherWorkspace = rawClient(relay.port, 'ws/other-workspace/index');
    expect(await closedWithin(otherWorkspace, 'other workspace is refused')).toEqual({
      code: 4403,
      reason: 'forbidden'
    });
  });

  it('refuses a ticket created in another workspace (forbidden), storing nothing', async () => {
    const otherId = ticketId('foreign');
    const otherName = ticketDocName(otherId);
    const doc = new Y.Doc();
    newTicket(doc, { id: otherId, workspaceId: 'other-workspace' });
    const client = rawClient(relay.port, otherName);
    await client.opened;
    client.send(syncMessage(2, Y.encodeStateAsUpdate(doc)));
    const closed = await closedWithin(client, 'the relay refuses the foreign ticket');
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/^forbidden: /);
    expect(storedRows(dir.path, otherName)).toEqual({ log: [], snapshot: null });
  });

  describe('batch sync', () => {
    const batch = async (body: unknown) =>
      relay.baton.services.batchSync(await devPrincipal(relay.baton, AINO.id), body);

    it('rejects bodies that are not batches as a whole', async () => {
      for (const body of [
        null,
        'hello',
        { v: 2, docs: [] },
        { v: 1 },
        { v: 1, docs: [{ name: 3 }] }
      ]) {
        const result = await batch(body);
        expect(result.status).toBe(400);
        expect(result.body).toMatchObject({ error: { reason: 'invalid-request' } });
      }
      const tooMany = Array.from({ length: 101 }, () => ({ name, stateVector: '' }));
      expect((await batch({ v: 1, docs: tooMany })).status).toBe(400);
    });

    it('turns bad JSON and oversized bodies into clear errors', async () => {
      const bad = await readJson(
        new Request('http://x/api/sync', { method: 'POST', body: '{"v":1,' }),
        1024
      );
      expect(bad.ok).toBe(false);
      if (!bad.ok) {
        expect(bad.response.status).toBe(400);
        expect(await bad.response.json()).toMatchObject({ error: { reason: 'invalid-json' } });
      }
      const big = await readJson(
        new Request('http://x/api/sync', { method: 'POST', body: 'x'.repeat(2048) }),
        1024
      );
      expect(big.ok).toBe(false);
      if (!big.ok) expect(big.response.status).toBe(413);
    });

    it('answers each document on its own; bad ones store nothing', async () => {
      const before = logLength();
      const evil = new Y.Doc();
      Y.applyUpdate(evil, Y.encodeStateAsUpdate(good));
      const sv = Y.encodeStateVector(evil);
      ticketParts(evil).fields.set('priority', 'apocalyptic');
      const fresh = new Y.Doc();
      const result = await batch({
        v: 1,
        docs: [
          { name, stateVector: b64(sv), update: b64(Y.encodeStateAsUpdate(evil, sv)) },
          { name, stateVector: 'not base64!', update: 'AAA' },
          { name, stateVector: b64(sv), update: '@@@@' },
          { name, stateVector: b64(sv), update: b64(new Uint8Array([1, 2, 3, 4, 5])) },
          { name: 'no/such/thing', stateVector: '' },
          { name: 'ws/other-workspace/index', stateVector: '' },
          { name, stateVector: b64(Y.encodeStateVector(fresh)) }
        ]
      });
      expect(result.status).toBe(200);
      const docs = (result.body as { docs: { ok: boolean; reason?: string; update?: string }[] })
        .docs;
      expect(docs.map((d) => (d.ok ? 'ok' : d.reason))).toEqual([
        'schema',
        'undecodable',
        'undecodable',
        'undecodable',
        'invalid-document',
        'forbidden',
        'ok'
      ]);
      // The good answer carries the whole ticket.
      Y.applyUpdate(fresh, Buffer.from(docs[6]?.update ?? '', 'base64'));
      expect(readTicket(fresh)?.fields.subject).toBe('Keeps working');
      await assertUnharmed(before);
    });

    it('applies a good update through the same checks and broadcasts it', async () => {
      const local = new Y.Doc();
      Y.applyUpdate(local, Y.encodeStateAsUpdate(good));
      const sv = Y.encodeStateVector(local);
      addThreadEntry(local, 'reply', 'Sent over HTTP', AINO, Date.now());
      const result = await batch({
        v: 1,
        docs: [
          {
            name,
            stateVector: b64(Y.encodeStateVector(local)),
            update: b64(Y.encodeStateAsUpdate(local, sv))
          }
        ]
      });
      const doc = (result.body as { docs: { ok: boolean; stateVector: string }[] }).docs[0];
      expect(doc?.ok).toBe(true);
      // Confirmed: the server's vector covers every clock of the local one.
      const server = Y.decodeStateVector(Buffer.from(doc?.stateVector ?? '', 'base64'));
      for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(local))) {
        expect(server.get(client) ?? 0).toBeGreaterThanOrEqual(clock);
      }
      await until(
        () => readTicket(watcher)?.thread.some((e) => e.body === 'Sent over HTTP') ?? false,
        'the live client sees the HTTP reply'
      );
    });
  });
});

describe('state-changing API requests a form on another site could send', () => {
  const request = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Request(`http://127.0.0.1${path}`, { method, headers, ...(body ? { body } : {}) });
  const form = 'application/x-www-form-urlencoded';
  const rows: [string, string, Record<string, string>, number | null][] = [
    ['POST', '/api/auth/sign-out-everywhere', { 'content-type': form }, 415],
    ['POST', '/api/auth/sign-out-everywhere', {}, 415],
    ['POST', '/api/auth/sign-out-everywhere', { 'content-type': 'text/plain' }, 415],
    [
      'POST',
      '/api/workspaces/w1/select',
      { 'content-type': 'multipart/form-data; boundary=x' },
      415
    ],
    ['POST', '/api/auth/sign-in', { 'content-type': 'application/jsonx' }, 415],
    ['DELETE', '/api/tokens/t1', {}, 415],
    ['PATCH', '/api/workspaces/w1/members/u1', { 'content-type': form }, 415],
    ['PUT', '/api/workspaces/w1/mail/mailbox', { 'content-type': 'text/plain;charset=utf-8' }, 415],
    ['POST', '/api/sync', { 'content-type': form }, 415],
    [
      'POST',
      '/api/workspaces/w1/mail/import',
      { 'content-type': 'multipart/form-data; boundary=x' },
      415
    ],
    ['POST', '/api/workspaces/w1/mail/import', { 'content-type': 'application/json' }, 415],
    [
      'POST',
      '/api/mail/import',
      { 'content-type': 'multipart/form-data; boundary=x', 'x-baton-upload': '1' },
      415
    ],
    ['POST', '/api/auth/sign-out-everywhere', { 'content-type': 'application/json' }, null],
    ['POST', '/api/auth/sign-in', { 'content-type': 'Application/JSON; charset=utf-8' }, null],
    ['DELETE', '/api/tokens/t1', { 'content-type': 'application/json' }, null],
    ['POST', '/api/sync', { 'content-type': 'application/json' }, null],
    [
      'POST',
      '/api/workspaces/w1/mail/import',
      { 'content-type': 'multipart/form-data; boundary=x', 'x-baton-upload': '1' },
      null
    ],
    ['GET', '/api/me', {}, null],
    ['HEAD', '/api/me', {}, null],
    ['POST', '/sign-in', { 'content-type': form }, null]
  ];
  it.each(rows)('%s %s %j → %s', async (method, path, headers, status) => {
    const refused = refuseFormRequest(request(method, path, headers), path);
    expect(refused?.status ?? null).toBe(status);
    if (refused) {
      expect(await refused.json()).toEqual({
        error: { reason: 'unsupported-media-type', message: expect.any(String) }
      });
    }
  });
});
