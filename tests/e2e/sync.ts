/**
 * Writing documents the way any client does, for setting a scene: `POST /api/sync` as a
 * signed-in member (the development cookie), on top of what the server already holds.
 */
import * as Y from 'yjs';
import { expect } from './fixtures';

/** Applies `change` to the server's copy of document `name`, written as `memberId`. */
export async function syncAs(
  url: string,
  memberId: string,
  name: string,
  change: (doc: Y.Doc) => void
): Promise<void> {
  const headers = {
    'content-type': 'application/json',
    origin: url,
    cookie: `baton_dev_member=${memberId}`
  };
  const empty = Buffer.from(Y.encodeStateVector(new Y.Doc())).toString('base64');
  // What the server holds first, so the change applies on top of it.
  const read = await fetch(`${url}/api/sync`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ v: 1, docs: [{ name, stateVector: empty }] })
  });
  expect(read.status).toBe(200);
  const held = (await read.json()) as { docs: { ok: boolean; update?: string }[] };
  const doc = new Y.Doc();
  const update = held.docs[0]?.update;
  if (update) Y.applyUpdate(doc, Buffer.from(update, 'base64'));
  const before = Y.encodeStateVector(doc);
  change(doc);
  const response = await fetch(`${url}/api/sync`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      v: 1,
      docs: [
        {
          name,
          stateVector: Buffer.from(Y.encodeStateVector(doc)).toString('base64'),
          update: Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString('base64')
        }
      ]
    })
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { docs: { ok: boolean; reason?: string }[] };
  expect(body.docs[0], `${name}: ${JSON.stringify(body.docs[0])}`).toMatchObject({ ok: true });
}
