/**
 * Articles at the boundaries (#14.1): rich-text updates that break the article schema, made by
 * a seeded generator, are refused over the relay (4422, or 4400 for bytes that are not an
 * update) and over the batch sync, and nothing of them is stored; two co-authors connected to
 * the article keep editing through it all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { articleDocName } from '../../src/lib/domain/doc-names.ts';
import { articleBodyText, createArticle, readArticleFields } from '../../src/lib/domain/article.ts';
import { Rng } from '../../src/lib/domain/testing/prng.ts';
import {
  AINO,
  MADS,
  WORKSPACE,
  closedWithin,
  connect,
  devPrincipal,
  rawClient,
  startBaton,
  storedRows,
  syncMessage,
  synced,
  tempDir,
  until,
  type RunningBaton
} from './helpers.ts';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function paragraph(text: string, marks?: Record<string, unknown>): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  p.insert(0, [t]);
  t.insert(0, text, marks);
  return p;
}

/** Ways to break an article's body or fields, each a change on a copy of the article. */
const BREAKERS: ((doc: Y.Doc, rng: Rng) => void)[] = [
  (d) => d.getXmlFragment('body').insert(0, [new Y.XmlElement('script')]),
  (d) => d.getXmlFragment('body').insert(0, [new Y.XmlElement('iframe')]),
  (d) =>
    d.getXmlFragment('body').insert(0, [paragraph('x', { link: { href: 'javascript:alert(1)' } })]),
  (d) => d.getXmlFragment('body').insert(0, [paragraph('x', { onclick: {} })]),
  (d) => {
    const img = new Y.XmlElement('image');
    d.getXmlFragment('body').insert(0, [img]);
    img.setAttribute('src', 'data:text/html,<script>alert(1)</script>');
  },
  (d) => {
    const p = new Y.XmlElement('paragraph');
    d.getXmlFragment('body').insert(0, [p]);
    p.setAttribute('style', 'position:fixed');
  },
  (d) => d.getXmlFragment('body').insert(0, [new Y.XmlText('loose text')]),
  (d) => d.getMap('article').set('status', 'live'),
  (d) => d.getMap('article').set('workspaceId', 'other-workspace'),
  (d) => d.getMap('article').set('title', new Y.XmlElement('paragraph')),
  (d) => d.getArray('versions').push([{ id: 'not-a-version' }]),
  (d, rng) => {
    let parent: Y.XmlFragment = d.getXmlFragment('body');
    for (let i = 0; i < 30 + rng.int(0, 5); i++) {
      const quote = new Y.XmlElement('blockquote');
      parent.insert(0, [quote]);
      parent = quote;
    }
  }
];

describe('articles at the boundaries', () => {
  const dir = tempDir();
  let relay: RunningBaton;
  const id = 'article-victim-0001';
  const name = articleDocName(id);
  const aino = new Y.Doc({ gc: false });
  const mads = new Y.Doc({ gc: false });
  let pAino: WebsocketProvider;
  let pMads: WebsocketProvider;

  beforeAll(async () => {
    relay = await startBaton(dir.path);
    pAino = connect(relay.syncUrl, name, aino, AINO.id);
    pMads = connect(relay.syncUrl, name, mads, MADS.id);
    await synced(pAino, 'Aino');
    await synced(pMads, 'Mads');
    createArticle(aino, { id, workspaceId: WORKSPACE, title: 'Printers', language: 'en' }, AINO, 1);
    aino.getXmlFragment('body').insert(0, [paragraph('Turn it off and on.')]);
    await until(() => articleBodyText(mads).includes('Turn it off'), 'Mads sees the article');
  });

  afterAll(async () => {
    pAino.destroy();
    pMads.destroy();
    await relay.stop();
    dir.remove();
  });

  const logLength = () => storedRows(dir.path, name).log.length;
  let round = 0;
  /** Nothing stored, and the co-authors still edit each other's text. */
  async function assertUnharmed(before: number) {
    expect(logLength()).toBe(before);
    round++;
    const body = mads.getXmlFragment('body');
    body.insert(body.length, [paragraph(`Still here ${round}`)]);
    await until(() => articleBodyText(aino).includes(`Still here ${round}`), `Aino sees ${round}`);
  }

  function badUpdate(rng: Rng): Uint8Array {
    const evil = new Y.Doc({ gc: false });
    Y.applyUpdate(evil, Y.encodeStateAsUpdate(aino));
    const sv = Y.encodeStateVector(evil);
    const breaker = BREAKERS[rng.int(0, BREAKERS.length - 1)];
    breaker?.(evil, rng);
    return Y.encodeStateAsUpdate(evil, sv);
  }

  it('refuses seeded bad rich text over the relay with 4422, storing nothing', async () => {
    const rng = new Rng(1414);
    for (let i = 0; i < 12; i++) {
      const before = logLength();
      const client = rawClient(relay.port, name, { memberId: AINO.id });
      await client.opened;
      client.send(syncMessage(2, badUpdate(rng)));
      const closed = await closedWithin(client, `bad article update ${i} is refused`);
      expect(closed.code).toBe(4422);
      await assertUnharmed(before);
    }
    expect(readArticleFields(mads)?.status).toBe('draft');
    expect(articleBodyText(mads)).not.toContain('loose text');
  });

  it('refuses seeded bad rich text over the batch sync, storing nothing', async () => {
    const rng = new Rng(2828);
    const principal = await devPrincipal(relay.baton, AINO.id);
    for (let i = 0; i < 12; i++) {
      const before = logLength();
      const update = badUpdate(rng);
      const result = await relay.baton.services.batchSync(principal, {
        v: 1,
        docs: [{ name, stateVector: b64(Y.encodeStateVector(aino)), update: b64(update) }]
      });
      expect(result.status).toBe(200);
      const [doc] = (result.body as { docs: { ok: boolean; reason?: string }[] }).docs;
      expect(doc?.ok).toBe(false);
      await assertUnharmed(before);
    }
  });
});
