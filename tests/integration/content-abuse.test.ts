/**
 * Content a Baton client never writes, sent to the real relay with the stock client and a raw
 * socket, and through the batch sync: entries signed in someone else's name, and content of the
 * wrong kind in every part of a ticket (a seeded fuzz). Each must be refused, leave nothing in
 * SQLite, and leave the ticket opening for everyone. A ticket that already holds such content
 * (stored before the server checked it) still opens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import {
  addThreadEntry,
  createTicket,
  readTicket,
  readTicketFields,
  setStatus,
  TICKET_ROOTS
} from '../../src/lib/domain/ticket.ts';
import { SYSTEM_ACTOR, type Actor, type InboundMail } from '../../src/lib/domain/schema.ts';
import { Rng } from '../../src/lib/domain/testing/prng.ts';
import { WRONG_KINDS, wrongKindUpdate } from '../../src/lib/domain/testing/bad-updates.ts';
import {
  closedWithin,
  rawClient,
  startBaton,
  storedRows,
  syncMessage,
  tempDir,
  until,
  type RunningBaton
} from './helpers.ts';
import { barrier, batch, client, team, type Person, type Team } from './auth-helpers.ts';

/** Email metadata a client may not write: only the mail worker makes entries from email. */
const FORGED_MAIL: InboundMail = {
  messageId: '<forged@example.fi>',
  from: 'hanna@example.fi',
  fromName: 'Hanna',
  to: ['support@example.fi'],
  cc: [],
  subject: 'Refund',
  date: null,
  quoted: '',
  html: null,
  remoteImages: false,
  attachments: [],
  followUpOf: null,
  bounce: null
};

let dir: ReturnType<typeof tempDir>;
let relay: RunningBaton;
let t: Team;
let counter = 0;

beforeAll(async () => {
  dir = tempDir();
  relay = await startBaton(dir.path);
  t = team(relay.baton);
});

afterAll(async () => {
  await relay.stop();
  dir.remove();
});

function member(role: 'agent' | 'light-agent' | 'admin'): Person {
  const found = t.byRole.get(role);
  if (!found) throw new Error(`no ${role}`);
  return found;
}

const actor = (p: Person): Actor => ({ id: p.id, name: p.name });

/**
 * A ticket in the team's workspace, created by its owner through the checked write path, once
 * the server has numbered it (so that nothing else writes to it while a test looks).
 */
async function freshTicket(): Promise<string> {
  counter++;
  const id = `content-ticket-${process.pid}-${counter}`;
  const doc = new Y.Doc();
  createTicket(
    doc,
    {
      id,
      workspaceId: t.workspaceId,
      subject: 'Content abuse',
      firstMessage: { kind: 'note', body: 'First.', author: actor(t.owner) }
    },
    actor(t.owner),
    Date.now()
  );
  doc.getText('draft').insert(0, 'Dear customer');
  const verdict = relay.baton.docs.applyFromClient(ticketDocName(id), Y.encodeStateAsUpdate(doc), {
    memberId: t.owner.id,
    workspaceId: ''
  });
  if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
  const name = ticketDocName(id);
  await until(
    () => relay.baton.docs.read(name, (d) => readTicketFields(d)?.number !== null) === true,
    `the server numbers ${id}`
  );
  await until(() => storedVector(name) === liveVector(name), `${id} is stored as it is`);
  return name;
}

/** The document as SQLite holds it (snapshot, then log), read through its own connection. */
function stored(name: string): Y.Doc {
  const doc = new Y.Doc();
  const rows = storedRows(dir.path, name);
  for (const row of [...(rows.snapshot ? [rows.snapshot] : []), ...rows.log]) {
    Y.applyUpdate(doc, new Uint8Array(row));
  }
  return doc;
}

const storedVector = (name: string) =>
  Buffer.from(Y.encodeStateVector(stored(name))).toString('hex');
const liveVector = (name: string) =>
  Buffer.from(relay.baton.docs.read(name, (d) => Y.encodeStateVector(d)) ?? []).toString('hex');

/** The server's live copy, for a client to start from. */
function serverCopy(name: string): Y.Doc {
  const state = relay.baton.docs.read(name, (doc) => Y.encodeStateAsUpdate(doc));
  if (!state) throw new Error(`${name} is unavailable`);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, state);
  return copy;
}

/** What `change` adds to a copy of the server's document: one update, as a client sends it. */
function edit(name: string, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = serverCopy(name);
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

/** Sends one update over a raw socket as `who`; resolves with the close event. */
async function sendRaw(name: string, who: Person, update: Uint8Array) {
  const raw = rawClient(relay.port, name, { memberId: who.id });
  await raw.opened;
  raw.send(syncMessage(2, update));
  return closedWithin(raw, `the relay closes ${who.role}'s socket on ${name}`);
}

/** A stock client of `who` opens the ticket; returns what it reads. */
async function opens(name: string, who: Person) {
  const c = client(relay.syncUrl, name, { cookie: who.cookie });
  try {
    await until(() => c.provider.synced, `${who.role} opens ${name}`);
    return readTicket(c.doc);
  } finally {
    c.destroy();
  }
}

describe('authorship: entries are signed by the member who writes them', () => {
  it.each([
    [
      'an agent posts a note as the owner',
      'agent',
      (d: Y.Doc) => addThreadEntry(d, 'note', 'Refund approved.', actor(t.owner), Date.now())
    ],
    [
      'a light agent posts a note as the agent',
      'light-agent',
      (d: Y.Doc) =>
        addThreadEntry(d, 'note', 'Per Aino: refund.', actor(member('agent')), Date.now())
    ],
    // A member may take down a customer's call (an inbound entry they sign, without email);
    // one signed by the customer is forged (one claiming email: below).
    [
      'an agent writes a customer message in the customer’s name',
      'agent',
      (d: Y.Doc) =>
        addThreadEntry(
          d,
          'inbound',
          'Please refund me.',
          { id: 'customer-forged01', name: 'Hanna Customer' },
          Date.now()
        )
    ],
    [
      'an agent logs a change as the system',
      'agent',
      (d: Y.Doc) => setStatus(d, 'solved', SYSTEM_ACTOR, Date.now())
    ]
  ] as const)('over the relay: %s → 4403, nothing stored', async (_, role, change) => {
    const name = await freshTicket();
    const before = storedVector(name);
    const writer = member(role);
    const c = client(relay.syncUrl, name, { cookie: writer.cookie });
    try {
      await until(() => c.provider.synced, `${role} synced`);
      change(c.doc);
      await until(() => c.closed !== null, `the relay closes ${role}'s socket`);
      expect(c.closed?.code).toBe(4403);
      expect(c.closed?.reason).toMatch(/^forbidden: /);
    } finally {
      c.destroy();
    }
    expect(storedVector(name)).toBe(before);
    expect((await opens(name, t.owner))?.thread.map((e) => e.body)).toEqual(['First.']);
  });

  it('over the relay: a customer message claiming to have come by email → refused as the server’s, nothing stored', async () => {
    const name = await freshTicket();
    const before = storedVector(name);
    const writer = member('agent');
    const c = client(relay.syncUrl, name, { cookie: writer.cookie });
    try {
      await until(() => c.provider.synced, 'agent synced');
      addThreadEntry(c.doc, 'inbound', 'Please refund me.', actor(writer), Date.now(), {
        mail: FORGED_MAIL
      });
      await until(() => c.closed !== null, "the relay closes the agent's socket");
      expect(c.closed?.code).toBe(4422);
      expect(c.closed?.reason).toMatch(/server-owned/);
    } finally {
      c.destroy();
    }
    expect(storedVector(name)).toBe(before);
    expect((await opens(name, t.owner))?.thread.map((e) => e.body)).toEqual(['First.']);
  });

  it('over the relay: the same note signed by its writer is stored (the control)', async () => {
    const name = await freshTicket();
    const writer = member('light-agent');
    const c = client(relay.syncUrl, name, { cookie: writer.cookie });
    try {
      await until(() => c.provider.synced, 'light agent synced');
      addThreadEntry(c.doc, 'note', 'Mine, truly.', actor(writer), Date.now());
      await barrier(c, 'the note is handled');
      expect(c.closed).toBeNull();
    } finally {
      c.destroy();
    }
    expect(readTicket(stored(name))?.thread.map((e) => e.body)).toEqual(['First.', 'Mine, truly.']);
  });

  it('over the batch sync: forged notes are refused as forbidden, nothing stored', async () => {
    const name = await freshTicket();
    const before = storedVector(name);
    for (const [role, signer] of [
      ['agent', t.owner],
      ['light-agent', member('admin')]
    ] as const) {
      const update = edit(name, (d) => addThreadEntry(d, 'note', 'Forged.', actor(signer), 1));
      const answer = await batch(relay.baton, { cookie: member(role).cookie }, name, update);
      expect(answer.doc).toMatchObject({ ok: false, reason: 'forbidden' });
    }
    expect(storedVector(name)).toBe(before);
    // An offline note replayed later by its own writer passes.
    const own = member('agent');
    const offline = edit(name, (d) => addThreadEntry(d, 'note', 'Offline.', actor(own), 1));
    const answer = await batch(relay.baton, { cookie: own.cookie }, name, offline);
    expect(answer.doc).toMatchObject({ ok: true });
  });

  it('a light agent cannot type in the draft or handover, where typing takes the fast check', async () => {
    const name = await freshTicket();
    const agent = member('agent');
    // The draft holds words already; the handover gets some. A keystroke after them names its
    // neighbour, as typing does, and is checked without the scratch copy (`keystroke-check.ts`).
    const words = edit(name, (d) => d.getText('handover').insert(0, 'Call back'));
    expect((await batch(relay.baton, { cookie: agent.cookie }, name, words)).doc).toMatchObject({
      ok: true
    });
    const before = storedVector(name);
    const light = member('light-agent');
    const keystroke = (root: string) =>
      edit(name, (d) => d.getText(root).insert(d.getText(root).length, ','));
    for (const root of ['draft', 'handover']) {
      const closed = await sendRaw(name, light, keystroke(root));
      expect([root, closed.code]).toEqual([root, 4403]);
      const answer = await batch(relay.baton, { cookie: light.cookie }, name, keystroke(root));
      expect(answer.doc).toMatchObject({ ok: false, reason: 'forbidden' });
    }
    expect(storedVector(name)).toBe(before);
    // The agent's same keystroke is stored (the control).
    const answer = await batch(relay.baton, { cookie: agent.cookie }, name, keystroke('draft'));
    expect(answer.doc).toMatchObject({ ok: true });
    expect(stored(name).getText('draft').toString()).toBe('Dear customer,');
  });

  it('a light agent cannot change the draft or handover with content that is not text', async () => {
    const name = await freshTicket();
    const before = storedVector(name);
    const light = member('light-agent');
    for (const root of ['draft', 'handover']) {
      const update = wrongKindUpdate(serverCopy(name), root, 'json');
      const closed = await sendRaw(name, light, update);
      expect([root, closed.code]).toEqual([root, 4422]);
      const answer = await batch(relay.baton, { cookie: light.cookie }, name, update);
      expect(answer.doc).toMatchObject({ ok: false, reason: 'schema' });
    }
    expect(storedVector(name)).toBe(before);
  });
});

/** A note as `addThreadEntry` writes it, on a replica whose other roots may be abused. */
function honestNote(doc: Y.Doc, writer: Person): void {
  const at = Date.now();
  doc.getArray('thread').push([
    {
      id: `note-${at}-${counter++}`,
      kind: 'note',
      authorId: writer.id,
      authorName: writer.name,
      body: 'ok',
      createdAt: at
    }
  ]);
  doc.getArray('activity').push([{ at, actorId: writer.id, kind: 'note' }]);
}

describe('content of the wrong kind (seeded fuzz over the relay and the batch sync)', () => {
  const roots = Object.entries(TICKET_ROOTS);

  it.each([1, 2, 3])(
    'seed %i: every abuse is refused, nothing stored, the ticket opens',
    async (seed) => {
      const rng = new Rng(seed);
      const name = await freshTicket();
      const writer = member('agent');
      const before = storedVector(name);
      const seen = new Set<string>();
      for (let round = 0; round < 12; round++) {
        const [root, type] = rng.pick(roots);
        const kinds = WRONG_KINDS.filter(
          (k) =>
            !(type === 'array' && k === 'json') &&
            !(type === 'text' && k === 'string') &&
            !(type === 'map' && k === 'keyed')
        );
        const kind = rng.pick(kinds);
        // Half ride along with an honest note, so a good change cannot carry the bad one in.
        const honest = !['thread', 'activity', 'ticket'].includes(root) && rng.bool();
        const update = wrongKindUpdate(serverCopy(name), root, kind, {
          atStart: rng.bool(),
          value: rng.word(1, 12),
          ...(honest ? { alongWith: (d: Y.Doc) => honestNote(d, writer) } : {})
        });
        const path = rng.bool() ? 'relay' : 'batch';
        const what = `${path}: ${kind} in ${root}${honest ? ' with a note' : ''}`;
        if (path === 'relay') {
          const closed = await sendRaw(name, writer, update);
          expect([what, closed.code]).toEqual([what, 4422]);
        } else {
          const answer = await batch(relay.baton, { cookie: writer.cookie }, name, update);
          expect([what, answer.doc?.ok]).toEqual([what, false]);
        }
        seen.add(what);
        expect([what, storedVector(name)]).toEqual([what, before]);
      }
      expect(seen.size).toBeGreaterThan(6);
      const ticket = await opens(name, member('light-agent'));
      expect(ticket?.thread.map((e) => e.body)).toEqual(['First.']);
      expect(ticket?.draft).toBe('Dear customer');
    }
  );
});

describe('a ticket that already holds content of the wrong kind', () => {
  it('opens for a client and on the server, and takes new notes', async () => {
    counter++;
    const id = `poisoned-${process.pid}-${counter}`;
    const name = ticketDocName(id);
    const doc = new Y.Doc();
    createTicket(
      doc,
      { id, workspaceId: t.workspaceId, subject: 'Poisoned before the fix' },
      actor(t.owner),
      Date.now()
    );
    // Stored as an older server would have: the creation, then text in the thread and the
    // activity, and stray JSON in the thread.
    const storage = relay.baton.storage;
    storage.append(name, Y.encodeStateAsUpdate(doc));
    for (const poison of [
      wrongKindUpdate(doc, 'thread', 'string'),
      wrongKindUpdate(doc, 'activity', 'string', { atStart: true })
    ]) {
      Y.applyUpdate(doc, poison);
      storage.append(name, poison);
    }
    const stray = new Y.Doc();
    Y.applyUpdate(stray, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(stray);
    stray.getArray('thread').push([null, { id: 'no-entry' }]);
    storage.append(name, Y.encodeStateAsUpdate(stray, sv));
    storage.registerDocument(name, t.workspaceId, Date.now());

    const agent = member('agent');
    const c = client(relay.syncUrl, name, { cookie: agent.cookie });
    try {
      await until(() => c.provider.synced, 'the agent opens the poisoned ticket');
      expect(readTicket(c.doc)?.fields.subject).toBe('Poisoned before the fix');
      // The poison is there (six characters and two stray values), and skipped on reading.
      expect(c.doc.getArray('thread').length).toBe(8);
      expect(readTicket(c.doc)?.thread).toEqual([]);
      addThreadEntry(c.doc, 'note', 'Still works.', actor(agent), Date.now());
      await barrier(c, 'the note is handled');
      expect(c.closed).toBeNull();
    } finally {
      c.destroy();
    }
    const light = member('light-agent');
    const lc = client(relay.syncUrl, name, { cookie: light.cookie });
    try {
      await until(() => lc.provider.synced, 'the light agent opens it');
      addThreadEntry(lc.doc, 'note', 'Me too.', actor(light), Date.now());
      await barrier(lc, 'the light agent’s note is handled');
      expect(lc.closed).toBeNull();
    } finally {
      lc.destroy();
    }
    expect(relay.baton.docs.read(name, (d) => readTicket(d)?.thread.map((e) => e.body))).toEqual([
      'Still works.',
      'Me too.'
    ]);
  });
});
