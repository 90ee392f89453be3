/**
 * Two agents, each with 500 edits made offline over the same 50 tickets, reconnect at once:
 * how long until both hold identical tickets? Both speak the batch HTTP protocol
 * (docs/wire-contract.md: state vectors in, missing updates out) against a real Baton server
 * with durable storage and validation on, as the browser's background sync does.
 */
import * as Y from 'yjs';
import { DEMO_MEMBERS } from '../server/demo/workspace.ts';
import { DEMO_WORKSPACE_ID } from '../server/auth.ts';
import { ticketDocName } from '../src/lib/domain/doc-names.ts';
import { newId } from '../src/lib/domain/ids.ts';
import type { Actor } from '../src/lib/domain/schema.ts';
import {
  addTag,
  addThreadEntry,
  assign,
  createTicket,
  removeTag,
  setPriority,
  setStatus
} from '../src/lib/domain/ticket.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../src/lib/domain/schema.ts';
import { startBatonServer, type Child } from './processes.ts';

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** A small seeded generator (mulberry32), so every run makes the same edits. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class BatchClient {
  readonly docs = new Map<string, Y.Doc>();
  constructor(
    private readonly server: Child,
    readonly actor: Actor
  ) {}

  doc(name: string): Y.Doc {
    let doc = this.docs.get(name);
    if (!doc) {
      doc = new Y.Doc();
      this.docs.set(name, doc);
    }
    return doc;
  }

  /** One batch round over every document: push what we have, apply what we lack. */
  async sync(): Promise<void> {
    const names = [...this.docs.keys()];
    const response = await fetch(`${this.server.url}/api/sync`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: this.server.url,
        cookie: `baton_dev_member=${this.actor.id}`
      },
      body: JSON.stringify({
        v: 1,
        docs: names.map((name) => {
          const doc = this.doc(name);
          return {
            name,
            stateVector: toBase64(Y.encodeStateVector(doc)),
            update: toBase64(Y.encodeStateAsUpdate(doc))
          };
        })
      })
    });
    if (!response.ok)
      throw new Error(`batch sync failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as {
      docs: (
        | { name: string; ok: true; update: string }
        | { name: string; ok: false; reason: string; detail: string }
      )[];
    };
    for (const result of body.docs) {
      if (!result.ok) throw new Error(`${result.name} rejected: ${result.reason} ${result.detail}`);
      Y.applyUpdate(this.doc(result.name), fromBase64(result.update), 'batch');
    }
  }
}

function sameState(a: BatchClient, b: BatchClient): boolean {
  for (const [name, doc] of a.docs) {
    const other = b.docs.get(name);
    if (!other) return false;
    const left = Y.encodeStateVector(doc);
    const right = Y.encodeStateVector(other);
    if (left.length !== right.length || left.some((v, i) => v !== right[i])) return false;
  }
  return true;
}

function offlineEdits(client: BatchClient, names: string[], count: number, seed: number): void {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  let now = Date.now();
  for (let i = 0; i < count; i++) {
    const doc = client.doc(pick(names));
    now += 1000;
    switch (Math.floor(next() * 6)) {
      case 0:
        setStatus(doc, pick(TICKET_STATUSES), client.actor, now);
        break;
      case 1:
        setPriority(doc, pick(TICKET_PRIORITIES), client.actor, now);
        break;
      case 2:
        assign(doc, pick(DEMO_MEMBERS).id, client.actor, now);
        break;
      case 3:
        if (next() < 0.6) addTag(doc, pick(['billing', 'bug', 'vip', 'mobile']), client.actor, now);
        else removeTag(doc, pick(['billing', 'bug', 'vip', 'mobile']), client.actor, now);
        break;
      case 4:
        addThreadEntry(
          doc,
          'note',
          `Offline note ${i} from ${client.actor.name}`,
          client.actor,
          now
        );
        break;
      default: {
        const draft = doc.getText('draft');
        draft.insert(Math.floor(next() * (draft.length + 1)), `${client.actor.name[0]}${i} `);
      }
    }
  }
}

export interface ConvergenceResult {
  editsPerClient: number;
  tickets: number;
  rounds: number;
  convergeMs: number;
}

export async function offlineConvergence(
  tickets = 50,
  editsPerClient = 500
): Promise<ConvergenceResult[]> {
  const server = await startBatonServer({ withApp: true });
  try {
    const results: ConvergenceResult[] = [];
    for (let run = 0; run < 3; run++) {
      const [alice, bob] = [DEMO_MEMBERS[0]!, DEMO_MEMBERS[1]!];
      const a = new BatchClient(server, { id: alice.id, name: alice.name });
      const b = new BatchClient(server, { id: bob.id, name: bob.name });
      const names: string[] = [];
      for (let i = 0; i < tickets; i++) {
        const id = newId();
        const name = ticketDocName(id);
        names.push(name);
        createTicket(
          a.doc(name),
          { id, workspaceId: DEMO_WORKSPACE_ID, subject: `Convergence ticket ${i}` },
          a.actor,
          Date.now()
        );
        b.doc(name);
      }
      // The server numbers the new tickets after answering; a few rounds bring both agents the
      // numbers before they go offline.
      for (let round = 0; round < 5 && !sameState(a, b); round++) {
        await a.sync();
        await b.sync();
      }
      if (!sameState(a, b)) throw new Error('clients differ before going offline');

      offlineEdits(a, names, editsPerClient, 1000 + run);
      offlineEdits(b, names, editsPerClient, 2000 + run);

      const started = performance.now();
      let rounds = 0;
      while (!sameState(a, b)) {
        if (++rounds > 10) throw new Error('no convergence after 10 batch rounds');
        await Promise.all([a.sync(), b.sync()]);
      }
      results.push({ editsPerClient, tickets, rounds, convergeMs: performance.now() - started });
    }
    return results;
  } finally {
    await server.stop();
  }
}
