/**
 * Updates no Baton client makes: content of the wrong kind in a document's roots, for the
 * update check's tests and the relay's fuzz. Each is made the way an attacker would, with the
 * stock Yjs API on a replica that treats the root as another type: a copy of the live document
 * whose root is defined as, say, a text before the live state is loaded into it. Items added at
 * the end sit next to existing ones, so Yjs writes no parent for them: the server only learns
 * where they land by integrating them.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

export const WRONG_KINDS = [
  'string',
  'json',
  'keyed',
  'nested',
  'format',
  'embed',
  'binary',
  'subdoc'
] as const;
export type WrongKind = (typeof WRONG_KINDS)[number];

/** The root type an attacker's replica must see for `kind`. */
function replicaType(kind: WrongKind): 'text' | 'array' | 'map' {
  switch (kind) {
    case 'string':
    case 'format':
    case 'embed':
      return 'text';
    case 'keyed':
      return 'map';
    case 'json':
    case 'nested':
    case 'binary':
    case 'subdoc':
      return 'array';
  }
}

/**
 * An update that puts content of `kind` into `root` of a document whose state is `live`: at
 * the end of the root (next to what is there), or at its start when `atStart`.
 */
export function wrongKindUpdate(
  live: Y.Doc,
  root: string,
  kind: WrongKind,
  options: {
    atStart?: boolean;
    value?: string;
    /** An honest change made in the same transaction, for the abuse to ride along with. */
    alongWith?: (replica: Y.Doc) => void;
  } = {}
): Uint8Array {
  const replica = new Y.Doc();
  const type = replicaType(kind);
  if (type === 'text') replica.getText(root);
  else if (type === 'array') replica.getArray(root);
  else replica.getMap(root);
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(live));
  const before = Y.encodeStateVector(replica);
  const value = options.value ?? 'forged';
  replica.transact(() => {
    if (type === 'text') {
      const text = replica.getText(root);
      // A text's length counts the JSON entries of an array too: "the end" is after them.
      const at = options.atStart ? 0 : text.length;
      if (kind === 'string') text.insert(at, value);
      else if (kind === 'format') text.insert(at, value, { bold: true });
      else text.insertEmbed(at, { image: value });
    } else if (type === 'array') {
      const array = replica.getArray<unknown>(root);
      const at = options.atStart ? 0 : array.length;
      const content: unknown =
        kind === 'json'
          ? { id: value, kind: 'note' }
          : kind === 'nested'
            ? new Y.Map()
            : kind === 'binary'
              ? new TextEncoder().encode(value)
              : new Y.Doc();
      array.insert(at, [content]);
    } else {
      replica.getMap<unknown>(root).set(value, { id: value });
    }
    options.alongWith?.(replica);
  });
  return Y.encodeStateAsUpdate(replica, before);
}

/**
 * A hand-written update (Yjs' v1 encoding) from a new client: one struct per entry, each
 * inserted into a root by name, then an empty delete set. `info` is the struct's info byte as
 * written, so a test can damage it.
 */
export function handMadeUpdate(
  structs: {
    client: number;
    info: number;
    root?: string;
    /** Writes the content that `info` announces. */
    content?: (encoder: encoding.Encoder) => void;
  }[]
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, structs.length);
  for (const struct of structs) {
    encoding.writeVarUint(encoder, 1); // one struct for this client
    encoding.writeVarUint(encoder, struct.client);
    encoding.writeVarUint(encoder, 0); // from clock 0
    encoding.writeUint8(encoder, struct.info);
    if (struct.root !== undefined) {
      encoding.writeVarUint(encoder, 1); // the parent is a root, named
      encoding.writeVarString(encoder, struct.root);
    }
    struct.content?.(encoder);
  }
  encoding.writeVarUint(encoder, 0); // no deletions
  return encoding.toUint8Array(encoder);
}
