/**
 * Storage quotas on the real relay and batch sync, with the server on a clock of the test's
 * own (no timing in the assertions): a burst of notes from one socket is stopped, a person's
 * pace is not; a ticket stops at its caps; a workspace stops at its byte cap.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { DOC_CAPS } from '../../src/lib/domain/update-check.ts';
import {
  addThreadEntry,
  createTicket,
  readTicket,
  readTicketFields
} from '../../src/lib/domain/ticket.ts';
import type { Actor } from '../../src/lib/domain/schema.ts';
import type { BatonConfig } from '../../server/config.ts';
import { startBaton, storedRows, tempDir, until, type RunningBaton } from './helpers.ts';
import { barrier, batch, client, team, type Person, type Team } from './auth-helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Setup {
  relay: RunningBaton;
  dir: string;
  t: Team;
  agent: Person;
  advance(ms: number): void;
}

async function start(overrides: Partial<BatonConfig> = {}): Promise<Setup> {
  const dir = tempDir();
  cleanups.push(dir.remove);
  let now = Date.now();
  const relay = await startBaton(dir.path, overrides, { clock: { now: () => now } });
  cleanups.push(() => relay.stop());
  const t = team(relay.baton);
  const agent = t.byRole.get('agent');
  if (!agent) throw new Error('no agent');
  return { relay, dir: dir.path, t, agent, advance: (ms) => (now += ms) };
}

const actor = (p: Person): Actor => ({ id: p.id, name: p.name });
let counter = 0;

/** A numbered ticket in the team's workspace, created by its owner. */
async function ticket(s: Setup, prepare?: (doc: Y.Doc) => void): Promise<string> {
  counter++;
  const id = `quota-${process.pid}-${counter}`;
  const doc = new Y.Doc();
  createTicket(doc, { id, workspaceId: s.t.workspaceId, subject: 'Quota' }, actor(s.t.owner), 1);
  prepare?.(doc);
  const name = ticketDocName(id);
  const verdict = s.relay.baton.docs.applyFromClient(name, Y.encodeStateAsUpdate(doc), {
    memberId: s.t.owner.id,
    workspaceId: ''
  });
  if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
  await until(
    () => s.relay.baton.docs.read(name, (d) => readTicketFields(d)?.number !== null) === true,
    `${id} is numbered`
  );
  return name;
}

function storedThread(dir: string, name: string): number {
  const doc = new Y.Doc();
  const rows = storedRows(dir, name);
  for (const row of [...(rows.snapshot ? [rows.snapshot] : []), ...rows.log]) {
    Y.applyUpdate(doc, new Uint8Array(row));
  }
  return readTicket(doc)?.thread.length ?? 0;
}

describe('growth per member and document', () => {
  it('stops one socket posting notes as fast as it can; nothing past the budget is stored', async () => {
    const s = await start();
    const name = await ticket(s);
    const c = client(s.relay.syncUrl, name, { cookie: s.agent.cookie });
    cleanups.push(() => c.destroy());
    await until(() => c.provider.synced, 'the agent is synced');
    for (let i = 0; i < 150 && c.closed === null; i++) {
      addThreadEntry(c.doc, 'note', `Spam ${i}`, actor(s.agent), Date.now());
    }
    await until(() => c.closed !== null, 'the relay closes the flooding socket');
    expect(c.closed?.code).toBe(4429);
    expect(c.closed?.reason).toMatch(/^rate-limited: Too many changes/);
    // 200 entries at once: 100 notes, each with its activity entry.
    expect(storedThread(s.dir, name)).toBe(100);
  });

  it('lets a person post a note every few seconds, well past the burst', async () => {
    const s = await start();
    const name = await ticket(s);
    const c = client(s.relay.syncUrl, name, { cookie: s.agent.cookie });
    cleanups.push(() => c.destroy());
    await until(() => c.provider.synced, 'the agent is synced');
    for (let i = 0; i < 130; i++) {
      addThreadEntry(c.doc, 'note', `Note ${i}`, actor(s.agent), Date.now());
      await barrier(c, `note ${i} is handled`);
      s.advance(3_000);
    }
    expect(c.closed).toBeNull();
    expect(storedThread(s.dir, name)).toBe(130);
  });

  it('takes an offline replay of many notes in one batch, then asks for a pause', async () => {
    const s = await start();
    const name = await ticket(s);
    const local = new Y.Doc();
    Y.applyUpdate(
      local,
      s.relay.baton.docs.read(name, (d) => Y.encodeStateAsUpdate(d)) ?? new Uint8Array()
    );
    const sv = Y.encodeStateVector(local);
    for (let i = 0; i < 150; i++) addThreadEntry(local, 'note', `Offline ${i}`, actor(s.agent), 1);
    const replay = await batch(
      s.relay.baton,
      { cookie: s.agent.cookie },
      name,
      Y.encodeStateAsUpdate(local, sv)
    );
    expect(replay.doc).toMatchObject({ ok: true });
    const sv2 = Y.encodeStateVector(local);
    addThreadEntry(local, 'note', 'One more', actor(s.agent), 2);
    const more = Y.encodeStateAsUpdate(local, sv2);
    const refused = await batch(s.relay.baton, { cookie: s.agent.cookie }, name, more);
    expect(refused.doc).toMatchObject({ ok: false, reason: 'rate-limited' });
    s.advance(5 * 60_000);
    const later = await batch(s.relay.baton, { cookie: s.agent.cookie }, name, more);
    expect(later.doc).toMatchObject({ ok: true });
    expect(storedThread(s.dir, name)).toBe(151);
  });
});

describe('caps per document', () => {
  it(`refuses a message past ${DOC_CAPS.threadEntries} with 4422 too-large`, async () => {
    const s = await start();
    const name = await ticket(s, (doc) => {
      const filler = Array.from({ length: DOC_CAPS.threadEntries - 1 }, (_, i) => ({
        id: `filler-${String(i).padStart(6, '0')}`,
        kind: 'note',
        authorId: s.t.owner.id,
        authorName: s.t.owner.name,
        body: 'x',
        createdAt: 1
      }));
      doc.getArray('thread').push(filler);
    });
    const c = client(s.relay.syncUrl, name, { cookie: s.agent.cookie });
    cleanups.push(() => c.destroy());
    await until(() => c.provider.synced, 'the agent is synced');
    addThreadEntry(c.doc, 'note', 'The last one', actor(s.agent), Date.now());
    await barrier(c, 'the last note is handled');
    expect(c.closed).toBeNull();
    addThreadEntry(c.doc, 'note', 'One too many', actor(s.agent), Date.now());
    await until(() => c.closed !== null, 'the relay refuses the ticket’s 5,001st message');
    expect(c.closed).toEqual({
      code: 4422,
      reason: 'too-large: A ticket holds at most 5,000 messages.'
    });
    expect(storedThread(s.dir, name)).toBe(DOC_CAPS.threadEntries);
  });
});

describe('bytes per workspace', () => {
  it('refuses growth once the workspace holds its cap, and says so', async () => {
    const s = await start({
      writeQuota: {
        bytesPerMinute: 64 * 1024 * 1024,
        bytesBurst: 64 * 1024 * 1024,
        entriesPerMinute: 1000,
        entriesBurst: 1000,
        workspaceMaxBytes: 400_000,
        recountMs: 60_000
      }
    });
    const name = await ticket(s);
    const c = client(s.relay.syncUrl, name, { cookie: s.agent.cookie });
    cleanups.push(() => c.destroy());
    await until(() => c.provider.synced, 'the agent is synced');
    const body = 'x'.repeat(90_000);
    let written = 0;
    for (let i = 0; i < 10 && c.closed === null; i++) {
      addThreadEntry(c.doc, 'note', body, actor(s.agent), Date.now());
      await barrier(c, `big note ${i} is handled`);
      if (c.closed === null) written++;
    }
    expect(c.closed?.code).toBe(4422);
    expect(c.closed?.reason).toMatch(/^too-large: This workspace is full/);
    expect(written).toBeGreaterThanOrEqual(3);
    expect(written).toBeLessThanOrEqual(4);
    expect(storedThread(s.dir, name)).toBe(written);
    expect(s.relay.baton.storage.workspaceBytes(s.t.workspaceId, [])).toBeGreaterThan(
      written * 90_000
    );
  });
});
