/**
 * Presence fan-out: N clients on one ticket, each moving its cursor `perSecond` times a
 * second (spread evenly over time), as a busy document with everyone's cursor on screen. Each
 * client records when it sees another's cursor move; the relay's CPU time over the run is read
 * inside its process. Baton (ownership, caps and the presence contract on every state) runs
 * against the reference `@y/websocket-server` (no checks), in alternating rounds of the same
 * run.
 *
 * The clients speak the protocol as the stock y-websocket client does on the wire (one client
 * id, a clock per state, the app's state with a cursor, and every change heard sent back at
 * its clock: the stock client's echo), but lean: 50 stock clients in one benchmark process
 * fell seconds behind the 24,500 messages a second they receive, and the numbers measured the
 * benchmark, not the relay. So each move costs the relay one message relayed to N − 1 peers
 * and N − 1 echoes to read and drop.
 */
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { newId } from '../src/lib/domain/ids.ts';
import { ticketDocName } from '../src/lib/domain/doc-names.ts';
import { colorFor } from '../src/lib/state/presence-peers.ts';
import { startBatonServer, startReferenceRelay, type Child } from './processes.ts';
import { MEMBER } from './relay-latency.ts';
import { percentile, until } from './stats.ts';

const utf8 = new TextDecoder();

class PresenceClient {
  readonly clientId = Math.floor(Math.random() * 2 ** 31);
  readonly ws: WebSocket;
  readonly seen = new Set<number>();
  #clock = 0;
  open = false;

  constructor(
    server: Child,
    room: string,
    readonly onMove: (anchor: number, at: number) => void
  ) {
    this.ws = new WebSocket(`ws://127.0.0.1:${server.port}/sync/${room}`, {
      headers: { Origin: server.url, Cookie: `baton_dev_member=${MEMBER.id}` }
    });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => (this.open = true));
    this.ws.on('message', (data: Buffer) => this.#onMessage(data));
  }

  /** Sets this client's state, with the cursor at `anchor` (or none). */
  say(anchor: number | null): void {
    const state = {
      user: { id: MEMBER.id, name: MEMBER.name, color: colorFor(MEMBER.id) },
      typing: false,
      ...(anchor === null ? {} : { cursor: { anchor, head: anchor } })
    };
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, this.clientId);
    encoding.writeVarUint(update, ++this.#clock);
    encoding.writeVarString(update, JSON.stringify(state));
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, 1);
    encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
    this.ws.send(encoding.toUint8Array(frame));
  }

  #onMessage(data: Buffer): void {
    const at = performance.now();
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== 1) return;
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const count = decoding.readVarUint(update);
    let others = false;
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(update);
      decoding.readVarUint(update);
      const text = utf8.decode(decoding.readVarUint8Array(update));
      if (id === this.clientId) continue;
      others = true;
      this.seen.add(id);
      const anchor = /"anchor":(\d+)/.exec(text)?.[1];
      if (anchor !== undefined) this.onMove(Number(anchor), at);
    }
    // The stock client sends every change it hears back, at the same clocks.
    if (others) this.ws.send(data);
  }
}

interface FanoutRound {
  samples: number[];
  /** Relay CPU time per second of the run (ms/s), from the first move to the last delivery. */
  cpuMsPerSecond: number;
}

async function fanoutRound(
  server: Child,
  clients: number,
  perSecond: number,
  seconds: number
): Promise<FanoutRound> {
  const room = ticketDocName(newId());
  const sentAt: number[] = [];
  const samples: number[] = [];
  const onMove = (anchor: number, at: number) => {
    const sent = sentAt[anchor];
    if (sent !== undefined) samples.push(at - sent);
  };
  const all = Array.from({ length: clients }, () => new PresenceClient(server, room, onMove));
  await until(() => all.every((c) => c.open), `${clients} clients to connect`, 60_000);
  for (const client of all) client.say(null);
  await until(
    () => all.every((c) => c.seen.size === clients - 1),
    `${clients} clients to see everyone's presence`,
    60_000
  );

  const moves = clients * perSecond * seconds;
  const tickMs = 10;
  const perTick = (clients * perSecond * tickMs) / 1000;
  const cpuBefore = await server.cpuMs();
  const started = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      // Catch up on time lost to a slow tick, so the rate holds on a busy machine.
      const due = Math.min(moves, Math.floor(((performance.now() - started) / tickMs) * perTick));
      for (; next < due; next++) {
        sentAt[next] = performance.now();
        all[next % clients]!.say(next);
      }
      if (next >= moves) {
        clearInterval(timer);
        resolve();
      }
    }, tickMs);
  });
  const expected = moves * (clients - 1);
  await until(() => samples.length >= expected, `${expected} cursor deliveries`, 60_000);
  const elapsed = (performance.now() - started) / 1000;
  const cpuMsPerSecond = ((await server.cpuMs()) - cpuBefore) / elapsed;
  for (const client of all) client.ws.close();
  return { samples, cpuMsPerSecond };
}

export interface FanoutComparison {
  clients: number;
  perSecond: number;
  rounds: number;
  baton: { p50: number; p99: number; n: number; cpuMsPerSecond: number[] };
  reference: { p50: number; p99: number; n: number; cpuMsPerSecond: number[] };
  /** Baton over the reference per pair of back-to-back rounds: p99 and CPU. */
  p99Ratios: number[];
  cpuRatios: number[];
}

export async function comparePresenceFanout(
  clients = 50,
  perSecond = 10,
  rounds = 5,
  seconds = 3
): Promise<FanoutComparison> {
  const baton = await startBatonServer({ withApp: false });
  const reference = await startReferenceRelay();
  try {
    await fanoutRound(baton, clients, perSecond, 1);
    await fanoutRound(reference, clients, perSecond, 1);
    const ours: number[] = [];
    const theirs: number[] = [];
    const result: FanoutComparison = {
      clients,
      perSecond,
      rounds,
      baton: { p50: 0, p99: 0, n: 0, cpuMsPerSecond: [] },
      reference: { p50: 0, p99: 0, n: 0, cpuMsPerSecond: [] },
      p99Ratios: [],
      cpuRatios: []
    };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [reference, baton] : [baton, reference];
      const first = await fanoutRound(order[0]!, clients, perSecond, seconds);
      const second = await fanoutRound(order[1]!, clients, perSecond, seconds);
      const [mine, other] = order[0] === baton ? [first, second] : [second, first];
      ours.push(...mine.samples);
      theirs.push(...other.samples);
      result.baton.cpuMsPerSecond.push(mine.cpuMsPerSecond);
      result.reference.cpuMsPerSecond.push(other.cpuMsPerSecond);
      result.p99Ratios.push(percentile(mine.samples, 99) / percentile(other.samples, 99));
      result.cpuRatios.push(mine.cpuMsPerSecond / other.cpuMsPerSecond);
    }
    result.baton = { ...result.baton, p50: percentile(ours, 50), p99: percentile(ours, 99) };
    result.baton.n = ours.length;
    result.reference = {
      ...result.reference,
      p50: percentile(theirs, 50),
      p99: percentile(theirs, 99),
      n: theirs.length
    };
    return result;
  } finally {
    await baton.stop();
    await reference.stop();
  }
}
