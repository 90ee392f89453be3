/**
 * One WebSocket frame for many sockets. `ws` frames every `send` anew: a header allocated per
 * call, options objects, and two corked writes through the stream. A relayed update goes to
 * every peer of a document, so the relay frames it once here and writes the same bytes to each
 * peer's socket: one write per peer, nothing built per peer.
 *
 * Writing beside `ws` keeps its order only while `ws` writes every frame at once, in call
 * order. It does with the relay's settings: no compression (`perMessageDeflate: false`) and no
 * Blobs sent, the two cases where it queues frames to write later.
 */
import { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** FIN and the binary opcode: a whole binary message in one frame (RFC 6455, 5.2). */
const FIN_BINARY = 0x82;

/** A server-to-client frame (unmasked) holding `payload` as one binary message. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = FIN_BINARY;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(payload, header);
  return frame;
}

/**
 * The TCP socket under a server-side WebSocket, where `ws` keeps it (`_socket`, set before the
 * upgrade's callback runs), or `null` if it is not there: then the caller sends through `ws`.
 */
export function socketUnder(ws: WebSocket): Socket | null {
  const socket: unknown = (ws as unknown as { _socket?: unknown })._socket;
  return socket instanceof Socket ? socket : null;
}
