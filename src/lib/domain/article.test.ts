import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { articleExtensions } from '$lib/components/kb/editor-extensions';
import { applyChecked, type UpdateVerdict } from './update-check';
import type { DocRef } from './doc-names';
import {
  addArticleTag,
  articleSummary,
  articleText,
  createArticle,
  editArticle,
  readArticleFields,
  setArticleStatus
} from './article';
import { RICH_TEXT_MARKS, RICH_TEXT_NODES } from './rich-text';
import { T0, WORKSPACE_ID, makeActor } from './testing/factories';
import { Rng } from './testing/prng';

const ARTICLE_ID = 'article-test-0001';
const ref: DocRef = { kind: 'article', articleId: ARTICLE_ID };
const maya = makeActor({ id: 'member-maya-01', name: 'Maya' });
const schema = getSchema(articleExtensions());

function newDoc(): Y.Doc {
  return new Y.Doc({ gc: false });
}

function copyOf(source: Y.Doc): Y.Doc {
  const copy = newDoc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}

function updateFrom(base: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
  const client = copyOf(base);
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

function check(live: Y.Doc, update: Uint8Array): UpdateVerdict {
  return applyChecked(copyOf(live), ref, update);
}

function makeArticle(): Y.Doc {
  const doc = newDoc();
  createArticle(
    doc,
    { id: ARTICLE_ID, workspaceId: WORKSPACE_ID, title: 'Resetting a password', language: 'en' },
    maya,
    T0
  );
  return doc;
}

type PmJson = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmJson[];
  text?: string;
  marks?: unknown[];
};

const paragraph = (text: string): PmJson => ({
  type: 'paragraph',
  content: [{ type: 'text', text }]
});

/** Writes a ProseMirror document into the body the way the editor's collaboration layer does. */
function writeBody(doc: Y.Doc, content: PmJson[]): void {
  const fragment = doc.getXmlFragment('body');
  doc.transact(() => {
    const written = prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, fragment);
    void written;
  });
}

const RICH: PmJson[] = [
  { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Steps' }] },
  {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Open ' },
      {
        type: 'text',
        text: 'settings',
        marks: [{ type: 'link', attrs: { href: 'https://example.com/settings' } }]
      },
      { type: 'text', text: ' then ', marks: [{ type: 'bold' }] },
      { type: 'text', text: 'reset', marks: [{ type: 'code' }] }
    ]
  },
  {
    type: 'bulletList',
    content: [{ type: 'listItem', content: [paragraph('one')] }]
  },
  { type: 'codeBlock', attrs: { language: 'sh' }, content: [{ type: 'text', text: 'ls' }] },
  { type: 'image', attrs: { src: 'https://example.com/a.png', alt: 'A screen' } },
  {
    type: 'table',
    content: [
      {
        type: 'tableRow',
        content: [
          { type: 'tableHeader', content: [paragraph('Plan')] },
          { type: 'tableCell', content: [paragraph('Pro')] }
        ]
      }
    ]
  },
  { type: 'callout', attrs: { tone: 'warning' }, content: [paragraph('Careful')] }
];

describe('the editor schema and the update check agree', () => {
  it('allows every node, attribute and mark the editor defines, and no more', () => {
    for (const [name, type] of Object.entries(schema.nodes)) {
      if (name === 'doc' || name === 'text') continue;
      expect(RICH_TEXT_NODES, name).toHaveProperty(name);
      for (const attribute of Object.keys(type.spec.attrs ?? {})) {
        expect(RICH_TEXT_NODES[name], `${name}.${attribute}`).toHaveProperty(attribute);
      }
    }
    for (const name of Object.keys(schema.marks)) expect(RICH_TEXT_MARKS).toHaveProperty(name);
  });

  it('accepts an article created with rich text in every node type', () => {
    const empty = newDoc();
    const update = updateFrom(empty, (client) => {
      createArticle(
        client,
        { id: ARTICLE_ID, workspaceId: WORKSPACE_ID, title: 'Rich', language: 'fi' },
        maya,
        T0
      );
      writeBody(client, RICH);
    });
    expect(check(empty, update)).toMatchObject({ ok: true, changed: true });
  });

  it('accepts typing, marks and field edits on an existing article', () => {
    const live = makeArticle();
    writeBody(live, [paragraph('Hello')]);
    const update = updateFrom(live, (client) => {
      const text = client.getXmlFragment('body').get(0) as Y.XmlElement;
      const leaf = text.get(0) as Y.XmlText;
      leaf.insert(5, ' world', { italic: {} });
      editArticle(client, { title: 'Hello world', visibility: 'public' }, maya, T0 + 1);
      addArticleTag(client, 'Login', maya, T0 + 2);
      setArticleStatus(client, 'published', maya, T0 + 3);
    });
    expect(check(live, update)).toMatchObject({ ok: true, changed: true });
  });
});

describe('rich text that breaks the schema is refused', () => {
  const cases: [string, (client: Y.Doc) => void, string][] = [
    [
      'a script node',
      (c) => c.getXmlFragment('body').insert(0, [new Y.XmlElement('script')]),
      'unsupported-content'
    ],
    [
      'a style attribute',
      (c) => {
        const p = new Y.XmlElement('paragraph');
        c.getXmlFragment('body').insert(0, [p]);
        p.setAttribute('style', 'color: red');
      },
      'unsupported-content'
    ],
    [
      'a javascript: link',
      (c) => {
        const p = new Y.XmlElement('paragraph');
        const t = new Y.XmlText();
        c.getXmlFragment('body').insert(0, [p]);
        p.insert(0, [t]);
        t.insert(0, 'click', {
          link: { href: 'javascript:alert(1)', target: null, rel: null, class: null }
        });
      },
      'schema'
    ],
    [
      'an unknown mark',
      (c) => {
        const p = new Y.XmlElement('paragraph');
        const t = new Y.XmlText();
        c.getXmlFragment('body').insert(0, [p]);
        p.insert(0, [t]);
        t.insert(0, 'x', { blink: {} });
      },
      'unsupported-content'
    ],
    [
      'a heading level 9',
      (c) => {
        const h = new Y.XmlElement('heading');
        c.getXmlFragment('body').insert(0, [h]);
        h.setAttribute('level', 9 as unknown as string);
      },
      'schema'
    ],
    [
      'an image from a data: URL',
      (c) => {
        const img = new Y.XmlElement('image');
        c.getXmlFragment('body').insert(0, [img]);
        img.setAttribute('src', 'data:image/png;base64,AAAA');
      },
      'schema'
    ],
    [
      'text straight in the body',
      (c) => c.getXmlFragment('body').insert(0, [new Y.XmlText('loose')]),
      'unsupported-content'
    ],
    [
      'a map nested in a paragraph',
      (c) => {
        const p = new Y.XmlElement('paragraph');
        c.getXmlFragment('body').insert(0, [p]);
        p.setAttribute('x', new Y.Map() as unknown as string);
      },
      'unsupported-content'
    ],
    [
      'a hook',
      (c) =>
        c.getXmlFragment('body').insert(0, [new Y.XmlHook('widget') as unknown as Y.XmlElement]),
      'unsupported-content'
    ],
    [
      'an element in the fields map',
      (c) => c.getMap('article').set('title', new Y.XmlElement('paragraph')),
      'schema'
    ],
    ['an unknown field', (c) => c.getMap('article').set('owner', 'x'), 'schema'],
    [
      'a move to another workspace',
      (c) => c.getMap('article').set('workspaceId', 'ws-other-000001'),
      'server-owned'
    ],
    ['a status that does not exist', (c) => c.getMap('article').set('status', 'live'), 'schema'],
    ['an unknown root', (c) => c.getMap('extra').set('a', 1), 'unknown-root'],
    [
      'a version removed',
      (c) => {
        c.getArray('versions').delete(0, 1);
      },
      'append-only'
    ],
    [
      'a version with a snapshot that is not one',
      (c) =>
        c.getArray('versions').push([
          {
            id: 'version-0000001',
            kind: 'named',
            name: 'x',
            at: T0,
            by: maya.id,
            digest: 'x',
            snapshot: '/w=='
          }
        ]),
      'schema'
    ],
    [
      'a body past the size cap',
      (c) => {
        const p = new Y.XmlElement('paragraph');
        const t = new Y.XmlText();
        c.getXmlFragment('body').insert(0, [p]);
        p.insert(0, [t]);
        t.insert(0, 'x'.repeat(4 * 1024 * 1024 + 10));
      },
      'too-large'
    ]
  ];

  for (const [what, change, reason] of cases) {
    it(`refuses ${what} (${reason})`, () => {
      const live = makeArticle();
      // One version exists, so that removing it can be tried.
      live.getArray('versions').push([
        {
          id: 'version-0000000',
          kind: 'named',
          name: 'first',
          at: T0,
          by: maya.id,
          digest: '0',
          snapshot: btoa(String.fromCharCode(...Y.encodeSnapshot(Y.snapshot(live))))
        }
      ]);
      const verdict = check(live, updateFrom(live, change));
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.reason).toBe(reason);
    });
  }

  it('refuses body content before the article has fields', () => {
    const empty = newDoc();
    const verdict = check(
      empty,
      updateFrom(empty, (c) => writeBody(c, [paragraph('orphan')]))
    );
    expect(verdict).toMatchObject({ ok: false, reason: 'not-a-ticket' });
  });

  it('refuses seeded random garbage and never throws', () => {
    const rng = new Rng(14);
    const n = (k: number) => rng.int(0, k - 1);
    const live = makeArticle();
    writeBody(live, [paragraph('Hello')]);
    const good = updateFrom(live, (c) => writeBody(c, RICH));
    for (let i = 0; i < 300; i++) {
      const bytes = good.slice();
      const flips = 1 + n(4);
      for (let f = 0; f < flips; f++) bytes[n(bytes.length)] = n(256);
      const verdict = check(live, bytes);
      // A flip may land in text and still be a valid update; then it must parse as an article.
      if (verdict.ok) {
        const copy = copyOf(live);
        Y.applyUpdate(copy, bytes);
        expect(readArticleFields(copy)).not.toBeNull();
      }
    }
  });
});

describe('article text for search', () => {
  it('reads title, plain body, tags, language, status and visibility', () => {
    const doc = makeArticle();
    writeBody(doc, RICH);
    addArticleTag(doc, 'Password', maya, T0);
    const text = articleText(doc);
    expect(text).toMatchObject({
      id: ARTICLE_ID,
      title: 'Resetting a password',
      tags: ['password'],
      language: 'en',
      status: 'draft',
      visibility: 'internal'
    });
    expect(text?.body).toContain('Open settings then reset');
    expect(text?.body).toContain('Careful');
    expect(text?.body).toContain('A screen');
    expect(text?.body).not.toContain('<');
    expect(articleSummary(doc)?.excerpt.startsWith('Steps')).toBe(true);
  });

  it('is null for a document that is no article', () => {
    expect(articleText(newDoc())).toBeNull();
  });
});

describe('co-authors offline converge', () => {
  it('keeps both concurrent inserts at one position, in the same order everywhere', () => {
    const base = makeArticle();
    writeBody(base, [paragraph('Hello world')]);
    const a = copyOf(base);
    const b = copyOf(base);
    const leaf = (d: Y.Doc) =>
      (d.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    leaf(a).insert(5, ' brave');
    leaf(b).insert(5, ' new');
    const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    // Each update passes the server's check on its own.
    expect(check(base, Y.encodeStateAsUpdate(a, Y.encodeStateVector(base))).ok).toBe(true);
    Y.applyUpdate(a, fromB);
    Y.applyUpdate(b, fromA);
    expect(leaf(a).toString()).toBe(leaf(b).toString());
    expect(leaf(a).toString()).toMatch(/^Hello( brave new| new brave) world$/);
  });

  it('converges for seeded random edits by three co-authors who reconnect in any order', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = new Rng(seed);
      const n = (k: number) => rng.int(0, k - 1);
      const base = makeArticle();
      writeBody(base, [paragraph('abc'), paragraph('def')]);
      const replicas = [copyOf(base), copyOf(base), copyOf(base)];
      for (let step = 0; step < 40; step++) {
        const doc = replicas[n(replicas.length)] as Y.Doc;
        const body = doc.getXmlFragment('body');
        const op = n(4);
        if (op === 0 && body.length > 0) {
          const p = body.get(n(body.length)) as Y.XmlElement;
          const t = p.get(0) as Y.XmlText | undefined;
          if (t) t.insert(n(t.length + 1), String.fromCharCode(97 + n(26)));
        } else if (op === 1 && body.length > 1) {
          body.delete(n(body.length), 1);
        } else if (op === 2) {
          const p = new Y.XmlElement('paragraph');
          p.insert(0, [new Y.XmlText('n')]);
          body.insert(n(body.length + 1), [p]);
        } else {
          editArticle(doc, { title: `T${n(100)}` }, maya, T0 + step);
        }
        // Sometimes two replicas meet in the middle.
        if (n(5) === 0) {
          const x = replicas[n(3)] as Y.Doc;
          const y = replicas[n(3)] as Y.Doc;
          Y.applyUpdate(y, Y.encodeStateAsUpdate(x, Y.encodeStateVector(y)));
        }
      }
      const order = [0, 1, 2].sort(() => n(3) - 1);
      for (const i of order) {
        for (const j of order) {
          const from = replicas[i] as Y.Doc;
          const to = replicas[j] as Y.Doc;
          Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
        }
      }
      const bodies = replicas.map((d) => d.getXmlFragment('body').toString());
      expect(new Set(bodies).size, `seed ${seed}`).toBe(1);
      const titles = replicas.map((d) => readArticleFields(d)?.title);
      expect(new Set(titles).size, `seed ${seed}`).toBe(1);
    }
  });
});
