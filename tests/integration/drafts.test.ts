/**
 * Private reply drafts (`t/<ticket>/draft/<member>`, `domain/private-draft.ts`) over the real
 * relay with the stock y-websocket client and the batch sync: the authorization matrix of the
 * kind (every role, one's own draft and another member's, another workspace, a light agent),
 * privacy on the wire (another member's socket never carries a byte of someone's draft, while
 * the member's own second device gets it), and garbage updates refused with 4422, nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { privateDraftDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { createTicket } from '../../src/lib/domain/ticket.ts';
import { privateDraftParts } from '../../src/lib/domain/private-draft.ts';
import { WRONG_KINDS, wrongKindUpdate } from '../../src/lib/domain/testing/bad-updates.ts';
import {
  closedWithin,
  rawClient,
  startBaton,
  syncMessage,
  tempDir,
  until,
  type RunningBaton
} from './helpers.ts';
import {
  ROLE_LIST,
  barrier,
  batch,
  client,
  outcome,
  socketWith,
  team,
  type Person,
  type Team
} from './auth-helpers.ts';

type Who = (typeof ROLE_LIST)[number] | 'stranger';
const WHO: Who[] = [...ROLE_LIST, 'stranger'];

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

function who(name: Who): Person {
  if (name === 'stranger') return t.stranger;
  const p = t.byRole.get(name);
  if (!p) throw new Error(`no ${name}`);
  return p;
}

/** A ticket in the team's workspace, created by its owner through the checked write path. */
function freshTicket(): string {
  counter++;
  const id = `draft-ticket-${process.pid}-${counter}`;
  const doc = new Y.Doc();
  createTicket(
    doc,
    { id, workspaceId: t.workspaceId, subject: 'Drafts', channel: 'web' },
    { id: t.owner.id, name: t.owner.name },
    Date.now()
  );
  const verdict = relay.baton.docs.applyFromClient(ticketDocName(id), Y.encodeStateAsUpdate(doc), {
    memberId: t.owner.id,
    workspaceId: ''
  });
  if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
  return id;
}

/** The text the server holds in a draft ('' when it holds none). */
function storedText(name: string): string {
  return relay.baton.docs.read(name, (d) => privateDraftParts(d).draft.toString()) ?? '';
}

/** Whose draft each role tries as "another member's": the agent's, or the admin's for the agent. */
function otherOf(w: Who): Person {
  return w === 'agent' ? who('admin') : who('agent');
}

type Matrix = Record<'ownRead' | 'ownWrite' | 'otherRead' | 'otherWrite', Record<string, boolean>>;

const OWN_ALLOWED: Record<Who, boolean> = {
  owner: true,
  admin: true,
  agent: true,
  'light-agent': false,
  viewer: false,
  stranger: false
};
const NOBODY: Record<Who, boolean> = {
  owner: false,
  admin: false,
  agent: false,
  'light-agent': false,
  viewer: false,
  stranger: false
};

describe('private drafts: the authorization matrix over the relay', () => {
  it('one’s own draft opens and stores for members who may reply, another’s never', async () => {
    const ticket = freshTicket();
    const actual: Matrix = { ownRead: {}, ownWrite: {}, otherRead: {}, otherWrite: {} };
    const refusals = new Set<string>();
    for (const w of WHO) {
      for (const [cell, owner] of [
        ['own', who(w)],
        ['other', otherOf(w)]
      ] as const) {
        const name = privateDraftDocName(ticket, owner.id);
        const c = client(relay.syncUrl, name, { cookie: who(w).cookie });
        try {
          const opened = await outcome(c, `${w} opens ${cell} draft`);
          actual[`${cell}Read` as const][w] = opened === 'synced';
          if (opened === 'synced') {
            privateDraftParts(c.doc).draft.insert(0, `${w} was here. `);
            await barrier(c, `${w} writes ${cell} draft`);
          } else if (c.closed) refusals.add(`${c.closed.code} ${c.closed.reason}`);
          actual[`${cell}Write` as const][w] = storedText(name).includes(`${w} was here.`);
        } finally {
          c.destroy();
        }
      }
    }
    expect(actual).toEqual({
      ownRead: OWN_ALLOWED,
      ownWrite: OWN_ALLOWED,
      otherRead: NOBODY,
      otherWrite: NOBODY
    });
    // One refusal for all: no telling another's draft from one that does not exist.
    expect([...refusals]).toEqual(['4403 forbidden']);
  });

  it('another member’s draft is refused exactly like a draft nobody wrote', async () => {
    const ticket = freshTicket();
    const written = privateDraftDocName(ticket, who('agent').id);
    const c = client(relay.syncUrl, written, { cookie: who('agent').cookie });
    await outcome(c, 'the agent opens their draft');
    privateDraftParts(c.doc).draft.insert(0, 'Secret wording');
    await barrier(c, 'the agent writes');
    c.destroy();
    const never = privateDraftDocName(freshTicket(), who('agent').id);
    const closes: string[] = [];
    for (const name of [written, never]) {
      const owner = client(relay.syncUrl, name, { cookie: who('owner').cookie });
      expect(await outcome(owner, 'the owner opens the agent’s draft')).toBe(4403);
      closes.push(owner.closed?.reason ?? '');
      owner.destroy();
      const answer = await batch(relay.baton, { cookie: who('owner').cookie }, name);
      expect(answer.doc).toMatchObject({ ok: false, reason: 'forbidden' });
      if (answer.doc && !answer.doc.ok) closes.push(answer.doc.detail);
    }
    expect(closes[0]).toBe(closes[2]);
    expect(closes[1]).toBe(closes[3]);
  });
});

describe('private drafts: the authorization matrix over the batch sync', () => {
  it('reads and stores exactly one’s own draft, for members who may reply', async () => {
    const ticket = freshTicket();
    const actual: Matrix = { ownRead: {}, ownWrite: {}, otherRead: {}, otherWrite: {} };
    for (const w of WHO) {
      for (const [cell, owner] of [
        ['own', who(w)],
        ['other', otherOf(w)]
      ] as const) {
        const name = privateDraftDocName(ticket, owner.id);
        const read = await batch(relay.baton, { cookie: who(w).cookie }, name);
        actual[`${cell}Read` as const][w] = read.doc?.ok === true;
        const local = new Y.Doc();
        privateDraftParts(local).draft.insert(0, `${w} batched. `);
        const wrote = await batch(
          relay.baton,
          { cookie: who(w).cookie },
          name,
          Y.encodeStateAsUpdate(local)
        );
        actual[`${cell}Write` as const][w] = storedText(name).includes(`${w} batched.`);
        expect(wrote.doc?.ok).toBe(actual[`${cell}Write` as const][w]);
      }
    }
    expect(actual).toEqual({
      ownRead: OWN_ALLOWED,
      ownWrite: OWN_ALLOWED,
      otherRead: NOBODY,
      otherWrite: NOBODY
    });
  });

  it('a member of another workspace is refused their “own” draft of this workspace’s ticket', async () => {
    const name = privateDraftDocName(freshTicket(), t.stranger.id);
    const local = new Y.Doc();
    privateDraftParts(local).draft.insert(0, 'From elsewhere');
    const wrote = await batch(
      relay.baton,
      { cookie: t.stranger.cookie },
      name,
      Y.encodeStateAsUpdate(local)
    );
    expect(wrote.doc).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(storedText(name)).toBe('');
  });
});

/** Records every byte the server sends on the sockets this class opens. */
function recordingSocket(headers: Record<string, string>, into: Buffer[]) {
  const Base = socketWith(headers);
  return class extends Base {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: Buffer) => into.push(Buffer.from(data)));
    }
  };
}

describe('private drafts on the wire', () => {
  it('a colleague’s sockets never carry the text; the member’s second device gets it', async () => {
    const ticket = freshTicket();
    const agent = who('agent');
    const owner = who('owner');
    const mine = privateDraftDocName(ticket, agent.id);
    const heard: Buffer[] = [];
    const providers: WebsocketProvider[] = [];
    const open = (name: string, person: Person, doc = new Y.Doc()) => {
      const provider = new WebsocketProvider(relay.syncUrl, name, doc, {
        WebSocketPolyfill: recordingSocket(
          { cookie: person.cookie },
          person === owner ? heard : []
        ) as unknown as typeof globalThis.WebSocket,
        disableBc: true
      });
      providers.push(provider);
      return { provider, doc };
    };
    try {
      // The owner has the ticket, their own draft, and tries the agent's.
      const ownerTicket = open(ticketDocName(ticket), owner);
      const ownerDraft = open(privateDraftDocName(ticket, owner.id), owner);
      const ownerTry = open(mine, owner);
      const laptop = open(mine, agent);
      const phone = open(mine, agent);
      await until(
        () =>
          ownerTicket.provider.synced &&
          ownerDraft.provider.synced &&
          laptop.provider.synced &&
          phone.provider.synced,
        'everyone synced'
      );
      const secret = 'Refund approved by the CFO personally';
      privateDraftParts(laptop.doc).draft.insert(0, secret);
      await until(
        () => privateDraftParts(phone.doc).draft.toString() === secret,
        'the phone has the draft'
      );
      expect(storedText(mine)).toBe(secret);
      // The owner's sockets stay open (the try at the agent's draft was closed) and heard the
      // server, never the text.
      expect(ownerTry.provider.wsconnected).toBe(false);
      await until(() => heard.length > 0, 'the owner heard the server');
      expect(Buffer.concat(heard).includes(Buffer.from('CFO personally'))).toBe(false);
      expect(privateDraftParts(ownerTry.doc).draft.toString()).toBe('');
    } finally {
      for (const p of providers) p.destroy();
    }
  });
});

describe('private drafts: garbage updates', () => {
  async function sendRaw(name: string, person: Person, update: Uint8Array) {
    const raw = rawClient(relay.port, name, { memberId: person.id });
    await raw.opened;
    raw.send(syncMessage(2, update));
    return closedWithin(raw, `the relay closes the socket on ${name}`);
  }

  it('content of the wrong kind, unknown roots, bad meta and oversize close with 4422; nothing is stored', async () => {
    const agent = who('agent');
    const name = privateDraftDocName(freshTicket(), agent.id);
    const honest = new Y.Doc();
    privateDraftParts(honest).draft.insert(0, 'Kept as it was');
    const first = await batch(
      relay.baton,
      { cookie: agent.cookie },
      name,
      Y.encodeStateAsUpdate(honest)
    );
    expect(first.doc?.ok).toBe(true);
    const live = () => {
      const copy = new Y.Doc();
      const state = relay.baton.docs.read(name, (d) => Y.encodeStateAsUpdate(d));
      if (state) Y.applyUpdate(copy, state);
      return copy;
    };
    const edit = (change: (d: Y.Doc) => void) => {
      const d = live();
      const before = Y.encodeStateVector(d);
      change(d);
      return Y.encodeStateAsUpdate(d, before);
    };
    const updates: [string, Uint8Array][] = [];
    for (const root of ['draft', 'meta']) {
      for (const kind of WRONG_KINDS) {
        if (root === 'draft' && kind === 'string') continue;
        updates.push([`${kind} in ${root}`, wrongKindUpdate(live(), root, kind)]);
      }
    }
    updates.push(['an unknown root', edit((d) => d.getArray('thread').push(['x']))]);
    updates.push(['an unknown meta key', edit((d) => d.getMap('meta').set('sendAs', 'ceo'))]);
    updates.push(['a wrong meta value', edit((d) => d.getMap('meta').set('seenAt', -5))]);
    updates.push([
      'an oversized text',
      edit((d) => privateDraftParts(d).draft.insert(0, 'x'.repeat(100_001)))
    ]);
    updates.push(['garbage bytes', new Uint8Array([1, 2, 3, 250, 251, 252])]);
    const vector = () => Buffer.from(relay.baton.docs.read(name, Y.encodeStateVector) ?? []);
    const before = vector();
    for (const [what, update] of updates) {
      const closed = await sendRaw(name, agent, update);
      expect([what, closed.code]).toEqual([what, 4422]);
      const answer = await batch(relay.baton, { cookie: agent.cookie }, name, update);
      expect([what, answer.doc?.ok]).toEqual([what, false]);
    }
    expect(vector().equals(before)).toBe(true);
    expect(storedText(name)).toBe('Kept as it was');
  });
});
