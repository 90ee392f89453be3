import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Rng } from '../../src/lib/domain/testing/prng.ts';
import { escapeHtml, renderArticleHtml, TAGS } from './render.ts';

/** A body from a plain description: `[name, attributes, children]` or a text with marks. */
type Node =
  | { el: string; attrs?: Record<string, unknown>; children?: Node[] }
  | { text: string; marks?: Record<string, unknown> };

function body(nodes: Node[]): Y.XmlFragment {
  const doc = new Y.Doc({ gc: false });
  const fragment = doc.getXmlFragment('body');
  const build = (node: Node): Y.XmlElement | Y.XmlText => {
    if ('text' in node) {
      const text = new Y.XmlText();
      text.insert(0, node.text, node.marks ?? {});
      return text;
    }
    const element = new Y.XmlElement(node.el);
    for (const [key, value] of Object.entries(node.attrs ?? {})) {
      element.setAttribute(key, value as string);
    }
    element.insert(0, (node.children ?? []).map(build));
    return element;
  };
  fragment.insert(0, nodes.map(build));
  return fragment;
}

const p = (...children: Node[]): Node => ({ el: 'paragraph', children });
const text = (value: string, marks?: Record<string, unknown>): Node => ({
  text: value,
  ...(marks ? { marks } : {})
});

describe('renderArticleHtml', () => {
  it('renders the editor nodes and marks', () => {
    const html = renderArticleHtml(
      body([
        { el: 'heading', attrs: { level: 1 }, children: [text('Reset a password')] },
        p(text('Open '), text('Settings', { bold: {} }), text(' and '), text('x', { code: {} })),
        {
          el: 'bulletList',
          children: [{ el: 'listItem', children: [p(text('one'))] }]
        },
        {
          el: 'orderedList',
          attrs: { start: 3 },
          children: [{ el: 'listItem', children: [p(text('three'))] }]
        },
        { el: 'codeBlock', attrs: { language: 'js' }, children: [text('a < b')] },
        { el: 'callout', attrs: { tone: 'warning' }, children: [p(text('Careful'))] },
        {
          el: 'table',
          children: [
            {
              el: 'tableRow',
              children: [
                { el: 'tableHeader', attrs: { colspan: 2 }, children: [p(text('H'))] },
                { el: 'tableCell', children: [p(text('C'))] }
              ]
            }
          ]
        },
        { el: 'image', attrs: { src: 'https://example.com/a.png', alt: 'A "cat"' } },
        { el: 'horizontalRule' },
        p(text('mail us', { link: { href: 'mailto:help@example.com' } }))
      ])
    );
    expect(html).toBe(
      '<h2>Reset a password</h2>' +
        '<p>Open <strong>Settings</strong> and <code>x</code></p>' +
        '<ul><li><p>one</p></li></ul>' +
        '<ol start="3"><li><p>three</p></li></ol>' +
        '<pre><code>a &lt; b</code></pre>' +
        '<div class="callout warning" role="note"><p>Careful</p></div>' +
        '<div class="table"><table><tbody><tr><th colspan="2"><p>H</p></th><td><p>C</p></td></tr></tbody></table></div>' +
        '<img src="https://example.com/a.png" alt="A &quot;cat&quot;" loading="lazy" decoding="async">' +
        '<hr>' +
        '<p><a href="mailto:help@example.com" rel="noopener nofollow ugc">mail us</a></p>'
    );
  });

  it('drops unsafe links, non-https images and unknown nodes, keeping their text', () => {
    const html = renderArticleHtml(
      body([
        p(text('click', { link: { href: 'javascript:alert(1)' } })),
        p(text('data', { link: { href: 'data:text/html,<script>x</script>' } })),
        { el: 'image', attrs: { src: 'http://example.com/a.png', alt: 'plain' } },
        { el: 'image', attrs: { src: '/api/workspaces/w/blobs/x', alt: 'inside' } },
        { el: 'image', attrs: { src: 'javascript:alert(1)' } },
        { el: 'script', children: [text('alert(1)')] },
        { el: 'iframe', attrs: { src: 'https://evil.example' }, children: [p(text('framed'))] },
        p(text('<img src=x onerror=alert(1)>', { bold: {}, onclick: 'x' }))
      ])
    );
    expect(html).toBe(
      '<p>click</p><p>data</p><span>plain</span><span>inside</span>alert(1)<p>framed</p>' +
        '<p><strong>&lt;img src=x onerror=alert(1)&gt;</strong></p>'
    );
  });

  it('escapes every character that could end a text or an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;'
    );
    const html = renderArticleHtml(
      body([p(text('x', { link: { href: 'https://e.com/"onmouseover="alert(1)' } }))])
    );
    // The regex of safe links refuses no quote; escaping keeps it inside the attribute.
    expect(html).not.toMatch(/"onmouseover=/);
  });

  it('cuts off nesting deeper than the editor allows', () => {
    let node: Node = p(text('deep'));
    for (let i = 0; i < 40; i++) node = { el: 'blockquote', children: [node] };
    const html = renderArticleHtml(body([node]));
    expect(html).not.toContain('deep');
    expect(html.match(/<blockquote>/g)?.length).toBeLessThanOrEqual(25);
  });
});

// --- Fuzz: random bodies of hostile names, attributes, marks and texts ----------------------

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "' onfocus='alert(1)",
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'data:text/html;base64,PHNjcmlwdD4=',
  'vbscript:x',
  '//evil.example/x.png',
  'https://ok.example/x.png" onerror="alert(1)',
  'https://ok.example/a?b=1&c=<2>',
  'mailto:a@b.c?subject=<x>',
  '&lt;script&gt;',
  '\u0000\u2028</p><style>*{}</style>',
  'plain words'
];
const NAMES = [
  'paragraph',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
  'codeBlock',
  'horizontalRule',
  'hardBreak',
  'image',
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
  'callout',
  'script',
  'iframe',
  'style',
  'a',
  'img',
  'svg',
  'object',
  'p onclick="x"'
];
const ATTRS = [
  'src',
  'alt',
  'href',
  'level',
  'start',
  'tone',
  'style',
  'onclick',
  'class',
  'colspan',
  'title'
];
const MARKS = [
  'bold',
  'italic',
  'code',
  'link',
  'strike',
  'underline',
  'onmouseover',
  'style',
  'span'
];

function randomNode(rng: Rng, depth: number): Node {
  const pick = <T>(list: readonly T[]): T => list[rng.int(0, list.length - 1)] as T;
  if (depth > 4 || rng.chance(0.35)) {
    const marks: Record<string, unknown> = {};
    for (let i = rng.int(0, 3); i > 0; i--) {
      const mark = pick(MARKS);
      marks[mark] = mark === 'link' || rng.chance(0.3) ? { href: pick(HOSTILE) } : {};
    }
    return text(pick(HOSTILE), marks);
  }
  const attrs: Record<string, unknown> = {};
  for (let i = rng.int(0, 3); i > 0; i--) {
    attrs[pick(ATTRS)] = rng.chance(0.3) ? rng.int(-5, 200) : pick(HOSTILE);
  }
  const children: Node[] = [];
  for (let i = rng.int(0, 3); i > 0; i--) children.push(randomNode(rng, depth + 1));
  return { el: pick(NAMES), attrs, children };
}

const ALLOWED_ATTRS = new Set([
  'href',
  'rel',
  'src',
  'alt',
  'loading',
  'decoding',
  'start',
  'colspan',
  'rowspan',
  'class',
  'role'
]);

describe('renderArticleHtml under fuzz', () => {
  it('writes only allowed tags and attributes, and no script, handler or unsafe URL', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rng = new Rng(seed);
      const nodes: Node[] = [];
      for (let i = rng.int(1, 6); i > 0; i--) nodes.push(randomNode(rng, 0));
      const html = renderArticleHtml(body(nodes));
      // Every `<` the renderer wrote opens or closes an allowed tag; text ones are escaped.
      for (const match of html.matchAll(/<\/?([^\s>/]+)([^>]*)>/g)) {
        const [, tag = '', rest = ''] = match;
        expect(TAGS, `seed ${seed}: <${tag}>`).toContain(tag);
        // Attributes: name="value" pairs only, values without quotes or angle brackets.
        const attributes = rest.trim();
        if (attributes) {
          for (const attribute of attributes.matchAll(/([a-z-]+)="([^"<>]*)"/g)) {
            expect(ALLOWED_ATTRS, `seed ${seed}: ${attribute[1]}`).toContain(attribute[1]);
          }
          expect(attributes.replace(/([a-z-]+)="([^"<>]*)"/g, '').trim(), `seed ${seed}`).toBe('');
        }
      }
      const tags = [...html.matchAll(/<[^>]*>/g)].map((m) => m[0]).join('');
      expect(tags, `seed ${seed}`).not.toMatch(/\son[a-z]+=|javascript:|vbscript:|data:|style=/i);
      for (const href of html.matchAll(/href="([^"]*)"/g)) {
        expect(href[1], `seed ${seed}`).toMatch(/^(https?:\/\/|mailto:)/i);
      }
      for (const src of html.matchAll(/src="([^"]*)"/g)) {
        expect(src[1], `seed ${seed}`).toMatch(/^https:\/\//);
      }
    }
  });
});
