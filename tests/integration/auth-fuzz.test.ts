/**
 * The relay fuzzed by authorized writers (an agent and a light agent with real sessions):
 * seeded random frames, frames that look like sync messages, and well-formed updates that break
 * the schema or the role's rule. Each is refused with a 44xx close, nothing of it is stored,
 * the server stays up, and the other clients keep syncing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { Rng } from '../../src/lib/domain/testing/prng.ts';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { addThreadEntry, createTicket, readTicket } from '../../src/lib/domain/ticket.ts';
import { startBaton, storedRows, tempDir, until, type RunningBaton } from './helpers.ts';
import { client, outcome, team, type Client, type Person, type Team } from './auth-helpers.ts';

let dir: ReturnType<typeof tempDir>;
let relay: RunningBaton;
let t: Team;
let name: string;
let good: Client;
let watcher: Client;

beforeAll(async () => {
  dir = tempDir();
  // No background compaction: the test counts log rows.
  relay = await startBaton(dir.path, { compactEveryMs: 600_000 });
  t = team(relay.baton);
  const id = `fuzzed-${process.pid}`;
  name = ticketDocName(id);
  const doc = new Y.Doc();
  createTicket(
    doc,
    { id, workspaceId: t.workspaceId, subject: 'Fuzzed', channel: 'web' },
    { id: t.owner.id, name: t.owner.name },
    Date.now()
  );
  good = client(relay.syncUrl, name, { cookie: t.owner.cookie }, doc);
  const viewer = t.byRole.get('viewer');
  if (!viewer) throw new Error('no viewer');
  watcher = client(relay.syncUrl, name, { cookie: viewer.cookie });
  expect(await outcome(good, 'the owner')).toBe('synced');
  await until(() => readTicket(watcher.doc) !== null, 'the watcher has the ticket');
});

afterAll(async () => {
  good.destroy();
  watcher.destroy();
  await relay.stop();
  dir.remove();
});

function sync(subtype: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** An update made on a copy of the server's ticket (so its dependencies are all there). */
function updateOnCopy(change: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  const state = relay.baton.docs.read(name, (d) => Y.encodeStateAsUpdate(d));
  if (state) Y.applyUpdate(copy, state);
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

/**
 * Sends `frame`, then a valid sync step 1 as a barrier: the result is the close (code and
 * reason) if the relay closed the connection, or `null` if it answered the barrier (the frame
 * happened to be harmless, e.g. a valid state vector).
 */
async function feed(
  who: Person,
  frame: Uint8Array
): Promise<{ code: number; reason: string } | null> {
  const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/sync/${name}`, {
    headers: { cookie: who.cookie }
  });
  let closed: { code: number; reason: string } | null = null;
  let answered = false;
  ws.on('close', (code: number, reason: Buffer) => (closed = { code, reason: reason.toString() }));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.on('message', (data: Buffer) => {
    // The relay greets with a sync step 1; a step 2 only answers a step 1 sent to it, and
    // frames on one socket are handled in order, so this means the frame was handled.
    if (data[0] === 0 && data[1] === 1) answered = true;
  });
  ws.send(frame);
  ws.send(sync(0, Y.encodeStateVector(new Y.Doc())));
  try {
    await until(() => closed !== null || answered, 'the relay closed or answered the barrier');
    return closed;
  } finally {
    ws.terminate();
  }
}

let notes = 0;
async function unharmed(rowsBefore: number): Promise<void> {
  const rows = storedRows(dir.path, name);
  expect(rows.log.length).toBe(rowsBefore);
  notes++;
  addThreadEntry(
    good.doc,
    'note',
    `alive ${notes}`,
    { id: t.owner.id, name: t.owner.name },
    Date.now()
  );
  await until(
    () => readTicket(watcher.doc)?.thread.some((e) => e.body === `alive ${notes}`) === true,
    `the watcher sees note ${notes}`
  );
}

describe('the relay fuzzed by authorized writers', () => {
  it('refuses garbage, schema breaks and role breaks; stores nothing; others keep syncing', async () => {
    const agent = t.byRole.get('agent');
    const light = t.byRole.get('light-agent');
    if (!agent || !light) throw new Error('missing roles');
    const rng = new Rng(20261125);
    const kinds = [
      'random-bytes',
      'random-sync',
      'bad-status',
      'server-number',
      'unknown-root',
      'nested-type',
      'light-field'
    ] as const;
    const seen = new Set<string>();
    for (let round = 0; round < 28; round++) {
      const kind = kinds[round % kinds.length] ?? 'random-bytes';
      const bytes = Uint8Array.from({ length: rng.int(1, 80) }, () => rng.int(0, 255));
      let frame: Uint8Array;
      let who: Person = agent;
      switch (kind) {
        case 'random-bytes':
          frame = bytes;
          break;
        case 'random-sync':
          frame = sync(rng.int(0, 2) === 0 ? 0 : rng.int(1, 2), bytes);
          break;
        case 'bad-status':
          frame = sync(
            2,
            updateOnCopy((d) => d.getMap('ticket').set('status', `bogus-${round}`))
          );
          break;
        case 'server-number':
          frame = sync(
            2,
            updateOnCopy((d) => d.getMap('ticket').set('number', 1000 + round))
          );
          break;
        case 'unknown-root':
          frame = sync(
            2,
            updateOnCopy((d) => d.getMap(`extra${round}`).set('x', round))
          );
          break;
        case 'nested-type':
          frame = sync(
            2,
            updateOnCopy((d) => d.getMap('ticket').set('subject', new Y.Map()))
          );
          break;
        case 'light-field':
          who = light;
          frame = sync(
            2,
            updateOnCopy((d) => d.getMap('ticket').set('priority', 'urgent'))
          );
          break;
      }
      const before = storedRows(dir.path, name).log.length;
      const closed = await feed(who, frame);
      if (closed) {
        expect(closed.code, `${kind} (round ${round}): ${closed.reason}`).toBeGreaterThanOrEqual(
          4400
        );
        expect(closed.code).toBeLessThan(4500);
      } else {
        // Only random frames may happen to be harmless protocol messages.
        expect(kind.startsWith('random')).toBe(true);
      }
      seen.add(`${kind}:${closed?.code ?? 'harmless'}`);
      await unharmed(before);
    }
    expect(seen).toContain('light-field:4403');
    expect(seen).toContain('bad-status:4422');
    expect(seen).toContain('unknown-root:4422');
  }, 60_000);
});
