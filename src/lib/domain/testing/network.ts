/**
 * An unreliable network between in-memory replicas, for convergence tests (after the Yjs
 * suite's `tests/testHelper.js`). Every replica holds one Y.Doc per document (`ticket`,
 * `index`). A replica that is online sends each local update to every other online replica;
 * messages sit in one queue and are delivered in a random order, some of them twice. A
 * replica that goes offline loses whatever was in flight to or from it and keeps editing
 * locally; when it comes back it exchanges state vectors with every online replica (sync
 * step 1 and 2 of the y-websocket protocol), so nothing is lost for good. `flush()` brings
 * everyone online and delivers until every replica holds the same state.
 *
 * Every local update is also reported, in the order it was made, to `onLocalUpdate`: that
 * order is causal, which is what a server sees from clients over ordered connections.
 */
import * as Y from 'yjs';
import type { Rng } from './prng';

export const NETWORK_DOCS = ['ticket', 'index'] as const;
export type NetworkDoc = (typeof NETWORK_DOCS)[number];

/** Transaction origin of updates that arrived over the network (they are not re-sent). */
export const REMOTE = Symbol('remote');

export interface Peer {
  name: string;
  docs: Record<NetworkDoc, Y.Doc>;
  online: boolean;
}

export interface Message {
  from: number;
  to: number;
  doc: NetworkDoc;
  update: Uint8Array;
  duplicate: boolean;
}

export interface LocalUpdate {
  peer: number;
  doc: NetworkDoc;
  update: Uint8Array;
}

export class Network {
  readonly peers: Peer[] = [];
  readonly queue: Message[] = [];
  /** Everything delivered so far, for replay. */
  readonly delivered: Message[] = [];
  stats = { sent: 0, delivered: 0, duplicated: 0, replayed: 0, dropped: 0 };

  constructor(
    private readonly rng: Rng,
    private readonly onLocalUpdate: (update: LocalUpdate) => void,
    private readonly duplicateChance = 0.1
  ) {}

  /** Adds a replica (online) holding `docs`, which may already have content. */
  add(name: string, docs: Record<NetworkDoc, Y.Doc>): number {
    const index = this.peers.length;
    this.peers.push({ name, docs, online: false });
    for (const doc of NETWORK_DOCS) {
      docs[doc].on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE) return;
        this.onLocalUpdate({ peer: index, doc, update });
        this.broadcast(index, doc, update);
      });
    }
    this.connect(index);
    return index;
  }

  private peer(index: number): Peer {
    const peer = this.peers[index];
    if (!peer) throw new Error(`no peer ${index}`);
    return peer;
  }

  private send(from: number, to: number, doc: NetworkDoc, update: Uint8Array): void {
    this.queue.push({ from, to, doc, update, duplicate: false });
    this.stats.sent += 1;
  }

  private broadcast(from: number, doc: NetworkDoc, update: Uint8Array): void {
    if (!this.peer(from).online) return;
    this.peers.forEach((peer, to) => {
      if (to !== from && peer.online) this.send(from, to, doc, update);
    });
  }

  /** Both directions of sync step 1/2 with every online replica, queued like any message. */
  private syncWith(a: number, b: number): void {
    for (const doc of NETWORK_DOCS) {
      const docA = this.peer(a).docs[doc];
      const docB = this.peer(b).docs[doc];
      this.send(b, a, doc, Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA)));
      this.send(a, b, doc, Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB)));
    }
  }

  connect(index: number): void {
    const peer = this.peer(index);
    if (peer.online) return;
    peer.online = true;
    this.peers.forEach((other, i) => {
      if (i !== index && other.online) this.syncWith(index, i);
    });
  }

  /** Goes offline; whatever was in flight to or from this replica is lost. */
  disconnect(index: number): void {
    this.peer(index).online = false;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const message = this.queue[i];
      if (message && (message.from === index || message.to === index)) {
        this.queue.splice(i, 1);
        this.stats.dropped += 1;
      }
    }
  }

  private apply(message: Message): void {
    Y.applyUpdate(this.peer(message.to).docs[message.doc], message.update, REMOTE);
  }

  /** Delivers one queued message, chosen at random; sometimes it stays queued as a duplicate. */
  deliverOne(): boolean {
    if (this.queue.length === 0) return false;
    const [message] = this.queue.splice(this.rng.int(0, this.queue.length - 1), 1);
    if (!message) return false;
    this.apply(message);
    this.delivered.push(message);
    this.stats.delivered += 1;
    if (!message.duplicate && this.rng.chance(this.duplicateChance)) {
      this.queue.push({ ...message, duplicate: true });
      this.stats.duplicated += 1;
    }
    return true;
  }

  /** Delivers an old message again (a replay), if its receiver is online. */
  replayOne(): void {
    if (this.delivered.length === 0) return;
    const message = this.rng.pick(this.delivered);
    if (!this.peer(message.to).online) return;
    this.apply(message);
    this.stats.replayed += 1;
  }

  /**
   * Everyone online, everything delivered, then full state exchanges between every pair
   * until nothing is missing anywhere. Throws if that does not settle (a real divergence).
   */
  flush(): void {
    this.peers.forEach((_, i) => this.connect(i));
    for (let round = 0; round < 10; round++) {
      while (this.deliverOne());
      if (this.settled()) return;
      for (let a = 0; a < this.peers.length; a++) {
        for (let b = a + 1; b < this.peers.length; b++) this.syncWith(a, b);
      }
    }
    throw new Error('the replicas did not settle after 10 rounds of full synchronisation');
  }

  private settled(): boolean {
    return NETWORK_DOCS.every((doc) => {
      // A snapshot is the state vector plus the delete set: deletions do not move the vector.
      const snapshots = this.peers.map((peer) => Y.snapshot(peer.docs[doc]));
      const pending = this.peers.some(
        (peer) =>
          peer.docs[doc].store.pendingStructs !== null || peer.docs[doc].store.pendingDs !== null
      );
      const first = snapshots[0];
      return !pending && first !== undefined && snapshots.every((s) => Y.equalSnapshots(s, first));
    });
  }
}
