/** Replicas of a document for tests of what a client sends and what the server checks. */
import * as Y from 'yjs';

/** A replica holding exactly `source`'s state: the server's scratch copy, or a client's. */
export function copyOf(source: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}

/** What `change` adds to a client that starts from `base`: one update, as it would be sent. */
export function updateFrom(base: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
  const client = copyOf(base);
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}
