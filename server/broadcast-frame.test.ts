import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrame, socketUnder } from './broadcast-frame.ts';
import { cleanupsAfterEach } from './testing/doc-manager.ts';

const cleanups = cleanupsAfterEach();

/** A ws server (as the relay sets it up) and one stock ws client connected to it. */
async function pair(): Promise<{ server: WebSocket; client: WebSocket; received: Buffer[] }> {
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const { port } = http.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const received: Buffer[] = [];
  client.binaryType = 'nodebuffer';
  client.on('message', (data: Buffer, isBinary) => {
    expect(isBinary).toBe(true);
    received.push(data);
  });
  await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
  const server = await accepted;
  cleanups.push(async () => {
    client.terminate();
    wss.close();
    await new Promise((resolve) => http.close(resolve));
  });
  return { server, client, received };
}

/** Waits, bounded, until `count` messages have arrived. */
function arrived(received: readonly Buffer[], count: number): Promise<void> {
  return vi.waitFor(() => expect(received).toHaveLength(count), { timeout: 5000 });
}

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 251);
}

describe('broadcast frames', () => {
  it('arrive at a stock client as the same binary messages, at every length encoding', async () => {
    const { server, received } = await pair();
    const socket = socketUnder(server);
    expect(socket).not.toBeNull();
    // 7-bit, 16-bit and 64-bit lengths, on both sides of each boundary.
    const lengths = [0, 1, 125, 126, 127, 65_535, 65_536, 300_000];
    const payloads = lengths.map((length, i) => bytes(length, i));
    for (const payload of payloads) socket!.write(binaryFrame(payload));
    await arrived(received, payloads.length);
    expect(received.map((data) => data.byteLength)).toEqual(lengths);
    received.forEach((data, i) => expect(new Uint8Array(data)).toEqual(payloads[i]));
  });

  it('keep their place among the frames ws sends itself', async () => {
    const { server, received } = await pair();
    const socket = socketUnder(server)!;
    server.send(bytes(10, 1));
    socket.write(binaryFrame(bytes(200, 2)));
    server.send(bytes(70_000, 3));
    socket.write(binaryFrame(bytes(3, 4)));
    await arrived(received, 4);
    expect(received.map((data) => data.byteLength)).toEqual([10, 200, 70_000, 3]);
    expect(new Uint8Array(received[3]!)).toEqual(bytes(3, 4));
  });

  it('one frame can be written to many sockets', async () => {
    const peers = await Promise.all([pair(), pair(), pair()]);
    const frame = binaryFrame(bytes(500, 9));
    for (const { server } of peers) socketUnder(server)!.write(frame);
    for (const { received } of peers) await arrived(received, 1);
    for (const { received } of peers) expect(new Uint8Array(received[0]!)).toEqual(bytes(500, 9));
  });
});
