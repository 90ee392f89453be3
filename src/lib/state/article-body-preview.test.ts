import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getSchema } from '@tiptap/core';
import { Node as PMNode } from '@tiptap/pm/model';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { articleExtensions } from '$lib/components/kb/editor-extensions';
import { bodyPreview, type PreviewElement, type PreviewNode } from './article-body-preview';

const schema = getSchema(articleExtensions());

type Json = Record<string, unknown>;
const text = (value: string, marks?: Json[]): Json => ({ type: 'text', text: value, marks });
const para = (...content: Json[]): Json => ({ type: 'paragraph', content });

/** The body fragment the collaboration extension would keep for this editor document. */
function fragmentOf(content: Json[]): Y.XmlFragment {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment('body');
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, body);
  return body;
}

/**
 * What the editor's own node and mark specs render for `content` (`toDOM`, as ProseMirror's
 * DOM serializer applies them), as a preview tree: the preview must match it tag for tag.
 */
function editorTree(content: Json[]): PreviewNode[] {
  const doc = PMNode.fromJSON(schema, { type: 'doc', content });
  const fromSpec = (spec: unknown, inner: () => PreviewNode[]): PreviewNode => {
    if (!Array.isArray(spec) || typeof spec[0] !== 'string') throw new Error('not an array spec');
    const [tag, ...rest] = spec as [string, ...unknown[]];
    const attrs: Record<string, string> = {};
    const children: PreviewNode[] = [];
    for (const part of rest) {
      if (part === 0) children.push(...inner());
      else if (Array.isArray(part)) children.push(fromSpec(part, inner));
      else if (part && typeof part === 'object') {
        for (const [k, v] of Object.entries(part)) {
          if (v !== null && v !== undefined) attrs[k] = String(v);
        }
      }
    }
    return { tag, attrs, children };
  };
  const inline = (node: PMNode): PreviewNode => {
    let out: PreviewNode = node.isText
      ? (node.text ?? '')
      : fromSpec(node.type.spec.toDOM!(node), () => []);
    // A node's marks are in schema order, the first one outermost.
    for (const mark of [...node.marks].reverse()) {
      const wrapped = out;
      out = fromSpec(mark.type.spec.toDOM!(mark, true), () => [wrapped]);
    }
    return out;
  };
  const block = (node: PMNode): PreviewNode[] => {
    const out: PreviewNode[] = [];
    node.forEach((child) => {
      if (child.isInline) out.push(inline(child));
      else out.push(fromSpec(child.type.spec.toDOM!(child), () => block(child)));
    });
    return out;
  };
  return block(doc);
}

/** The tree without ProseMirror's line-break placeholders and the editor-only attributes. */
function comparable(nodes: PreviewNode[]): PreviewNode[] {
  return nodes
    .filter((n) => typeof n === 'string' || n.attrs.class !== 'ProseMirror-trailingBreak')
    .map((n) => {
      if (typeof n === 'string') return n;
      const attrs = { ...n.attrs };
      // Interaction-only attributes of the editor's image and link (no effect on layout).
      delete attrs.contenteditable;
      delete attrs.draggable;
      return { ...n, attrs, children: comparable(n.children) };
    });
}

const RICH: Json[] = [
  { type: 'heading', attrs: { level: 2 }, content: [text('Before it ships')] },
  para(
    text('Open '),
    text('Settings', [{ type: 'bold' }]),
    text(' and '),
    text('the page', [
      { type: 'link', attrs: { href: 'https://example.com/help' } },
      { type: 'italic' }
    ]),
    text(' then '),
    text('reset', [{ type: 'code' }]),
    { type: 'hardBreak' },
    text('done', [{ type: 'strike' }, { type: 'underline' }])
  ),
  {
    type: 'bulletList',
    content: [{ type: 'listItem', content: [para(text('one'))] }]
  },
  {
    type: 'orderedList',
    attrs: { start: 3 },
    content: [{ type: 'listItem', content: [para(text('three'))] }]
  },
  { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('let a = 1;')] },
  { type: 'blockquote', content: [para(text('quoted'))] },
  { type: 'horizontalRule' },
  { type: 'image', attrs: { src: 'https://example.com/a.png', alt: 'A screen' } },
  { type: 'callout', attrs: { tone: 'warning' }, content: [para(text('Careful'))] },
  {
    type: 'table',
    content: [
      {
        type: 'tableRow',
        content: [{ type: 'tableHeader', content: [para(text('Plan'))] }]
      },
      {
        type: 'tableRow',
        content: [{ type: 'tableCell', attrs: { colspan: 2 }, content: [para(text('Pro'))] }]
      }
    ]
  },
  para()
];

describe('bodyPreview', () => {
  it('writes the tags, attributes and marks the editor itself renders', () => {
    const preview = comparable(bodyPreview(fragmentOf(RICH)));
    expect(preview).toEqual(comparable(editorTree(RICH)));
    // The comparison above is not vacuous: it covers every node and mark of the schema.
    const tags = new Set<string>();
    const walk = (nodes: PreviewNode[]) =>
      nodes.forEach((n) => typeof n !== 'string' && (tags.add(n.tag), walk(n.children)));
    walk(preview);
    expect([...tags].sort()).toEqual(
      [
        'a',
        'aside',
        'blockquote',
        'br',
        'code',
        'em',
        'h2',
        'hr',
        'img',
        'li',
        'ol',
        'p',
        'pre',
        's',
        'strong',
        'table',
        'tbody',
        'td',
        'th',
        'tr',
        'u',
        'ul'
      ].sort()
    );
  });

  it('keeps an empty block a line high, and ends with a paragraph as the editor does', () => {
    const preview = bodyPreview(fragmentOf([para(), { type: 'codeBlock', content: [text('x')] }]));
    expect(preview).toEqual([
      {
        tag: 'p',
        attrs: {},
        children: [{ tag: 'br', attrs: { class: 'ProseMirror-trailingBreak' }, children: [] }]
      },
      { tag: 'pre', attrs: {}, children: [{ tag: 'code', attrs: {}, children: ['x'] }] },
      {
        tag: 'p',
        attrs: {},
        children: [{ tag: 'br', attrs: { class: 'ProseMirror-trailingBreak' }, children: [] }]
      }
    ]);
    expect(bodyPreview(new Y.Doc().getXmlFragment('body'))).toHaveLength(1);
  });

  it('writes only listed tags and attributes, and safe targets, whatever the fragment holds', () => {
    const doc = new Y.Doc();
    const body = doc.getXmlFragment('body');
    const p = new Y.XmlElement('paragraph');
    p.setAttribute('onclick', 'alert(1)');
    p.setAttribute('style', 'position:fixed');
    const words = new Y.XmlText();
    p.insert(0, [words]);
    words.insert(0, 'click me', { link: { href: 'javascript:alert(1)' } });
    words.insert(8, ' <img src=x onerror=alert(1)>', { link: null });
    const script = new Y.XmlElement('script');
    const inside = new Y.XmlText();
    script.insert(0, [inside]);
    inside.insert(0, 'alert(2)');
    const image = new Y.XmlElement('image');
    image.setAttribute('src', 'javascript:alert(3)');
    body.insert(0, [p, script, image]);

    const preview = bodyPreview(body);
    expect(preview[0]).toEqual({
      tag: 'p',
      attrs: {},
      children: ['click me', ' <img src=x onerror=alert(1)>']
    });
    // An unknown node gives its text, never its tag; an unsafe image no source.
    expect(preview[1]).toBe('alert(2)');
    expect((preview[2] as PreviewElement).attrs).toEqual({ src: '' });
  });
});
