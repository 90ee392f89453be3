/**
 * State vectors: for each Yjs client id, how many of its operations a replica has seen.
 *
 * The wire contract defines a document as *confirmed* on this client when the server's state
 * vector covers the local one: for every client id we know of, the server has at least that
 * clock. Any local change the server has not stored shows up as a local clock ahead of the
 * server's, whatever the path it took (relay or batch).
 */
import * as Y from 'yjs';

export type StateVector = Map<number, number>;

export function covers(server: StateVector, local: StateVector): boolean {
  for (const [client, clock] of local) {
    if ((server.get(client) ?? 0) < clock) return false;
  }
  return true;
}

/** Decodes an encoded state vector; `null` when the bytes are not one. */
export function decodeStateVector(bytes: Uint8Array): StateVector | null {
  try {
    return Y.decodeStateVector(bytes);
  } catch {
    return null;
  }
}

export function isConfirmed(doc: Y.Doc, serverVector: Uint8Array | null): boolean {
  const local = Y.decodeStateVector(Y.encodeStateVector(doc));
  if (local.size === 0) return true;
  if (!serverVector) return false;
  const server = decodeStateVector(serverVector);
  return server !== null && covers(server, local);
}
