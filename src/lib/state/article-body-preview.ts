/**
 * An article's body as the editor will show it, built without the editor (#14: a kept article
 * shows its title and body in the first frame; building Tiptap's schema, plugins and view
 * takes longer than the rest of the page, so `components/kb/ArticleEditor.svelte` shows this
 * preview first and creates the editor in its place once that frame has painted).
 *
 * The preview must look exactly like the editor's first render, so nothing moves when the
 * editor replaces it: the same tags and attributes Tiptap's node and mark specs write
 * (`components/kb/editor-extensions.ts`, StarterKit; the test compares the two), the line
 * break ProseMirror puts into an empty text block, and the empty paragraph StarterKit's
 * trailing-node rule appends after a body that does not end with one.
 *
 * It must be as safe as the editor for any fragment whatever reached the device: it is a tree
 * of tags from a fixed list, with attribute names from a fixed list per node (never the
 * document's own: no `style`, no `on…`) and text as text (never parsed as HTML); links and
 * images keep only the targets the editor would (`isSafeHref`, `isSafeImageSrc`); a node type
 * not in the list contributes its children; nesting deeper than the editor's cap is cut off.
 */
import * as Y from 'yjs';
import {
  CALLOUT_TONES,
  MAX_RICH_TEXT_DEPTH,
  isSafeHref,
  isSafeImageSrc
} from '$lib/domain/rich-text';

/** An element of the preview: a tag from a fixed list, its attributes, its children. */
export interface PreviewElement {
  tag: string;
  attrs: Record<string, string>;
  children: PreviewNode[];
}
/** Text, or an element. */
export type PreviewNode = string | PreviewElement;

const element = (
  tag: string,
  children: PreviewNode[] = [],
  attrs: Record<string, string> = {}
): PreviewElement => ({ tag, attrs, children });

/** Node types whose content is inline (ProseMirror puts a line break into an empty one). */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

/** Marks outermost first, in the editor's schema order (the link's priority puts it first). */
const MARK_TAGS: readonly (readonly [mark: string, tag: string])[] = [
  ['link', 'a'],
  ['bold', 'strong'],
  ['code', 'code'],
  ['italic', 'em'],
  ['strike', 's'],
  ['underline', 'u']
];

/** What Tiptap's link mark writes for a safe target (the editor's defaults). */
function linkAttributes(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null) return null;
  const href = (value as { href?: unknown }).href;
  if (typeof href !== 'string' || !isSafeHref(href)) return null;
  return { target: '_blank', rel: 'noopener noreferrer nofollow', href };
}

/** One run of text with its marks (a Yjs format per mark; `--suffix` for overlapping ones). */
function markedRun(text: string, formats: Record<string, unknown> | undefined): PreviewNode {
  let node: PreviewNode = text;
  const names = new Map<string, unknown>();
  for (const [key, value] of Object.entries(formats ?? {})) {
    if (value !== null && value !== undefined) names.set(key.split('--')[0] ?? key, value);
  }
  for (let i = MARK_TAGS.length - 1; i >= 0; i--) {
    const [mark, tag] = MARK_TAGS[i]!;
    if (!names.has(mark)) continue;
    if (mark === 'link') {
      const attrs = linkAttributes(names.get(mark));
      if (attrs) node = element(tag, [node], attrs);
    } else {
      node = element(tag, [node]);
    }
  }
  return node;
}

function textRuns(text: Y.XmlText): PreviewNode[] {
  const delta = text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[];
  return delta
    .filter((op): op is { insert: string; attributes?: Record<string, unknown> } => {
      return typeof op.insert === 'string' && op.insert.length > 0;
    })
    .map((op) => markedRun(op.insert, op.attributes));
}

const numberAttribute = (node: Y.XmlElement, name: string): number | null => {
  const value: unknown = node.getAttribute(name);
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
};
const stringAttribute = (node: Y.XmlElement, name: string): string | null => {
  const value: unknown = node.getAttribute(name);
  return typeof value === 'string' ? value : null;
};

/** A table cell's attributes as the editor writes them (spans, and widths when set). */
function cellAttributes(node: Y.XmlElement): Record<string, string> {
  const attrs: Record<string, string> = {
    colspan: String(numberAttribute(node, 'colspan') ?? 1),
    rowspan: String(numberAttribute(node, 'rowspan') ?? 1)
  };
  const widths: unknown = node.getAttribute('colwidth');
  if (Array.isArray(widths) && widths.every((w) => Number.isInteger(w))) {
    attrs.colwidth = widths.join(',');
  }
  return attrs;
}

/** The element the editor writes for `node`, around `children`; null: children only. */
function blockElement(node: Y.XmlElement, children: PreviewNode[]): PreviewElement | null {
  switch (node.nodeName) {
    case 'paragraph':
      return element('p', children);
    case 'heading': {
      const level = numberAttribute(node, 'level') ?? 1;
      return element(`h${Math.min(6, Math.max(1, level))}`, children);
    }
    case 'blockquote':
      return element('blockquote', children);
    case 'bulletList':
      return element('ul', children);
    case 'orderedList': {
      const attrs: Record<string, string> = {};
      const start = numberAttribute(node, 'start');
      if (start !== null && start !== 1) attrs.start = String(start);
      const type = stringAttribute(node, 'type');
      if (type !== null && /^[1aAiI]$/.test(type)) attrs.type = type;
      return element('ol', children, attrs);
    }
    case 'listItem':
      return element('li', children);
    case 'codeBlock': {
      const language = stringAttribute(node, 'language');
      const attrs: Record<string, string> =
        language && /^[a-z0-9+#-]{1,32}$/i.test(language) ? { class: `language-${language}` } : {};
      return element('pre', [element('code', children, attrs)]);
    }
    case 'horizontalRule':
      return element('hr');
    case 'hardBreak':
      return element('br');
    case 'image': {
      const attrs: Record<string, string> = {};
      const src = stringAttribute(node, 'src');
      attrs.src = src !== null && isSafeImageSrc(src) ? src : '';
      const alt = stringAttribute(node, 'alt');
      if (alt !== null) attrs.alt = alt;
      const title = stringAttribute(node, 'title');
      if (title !== null) attrs.title = title;
      return element('img', [], attrs);
    }
    case 'callout': {
      const tone = CALLOUT_TONES.find((t) => t === node.getAttribute('tone')) ?? 'info';
      return element('aside', children, {
        'data-tone': tone,
        'data-callout': '',
        class: 'callout'
      });
    }
    case 'table':
      return element('table', [element('tbody', children)]);
    case 'tableRow':
      return element('tr', children);
    case 'tableHeader':
      return element('th', children, cellAttributes(node));
    case 'tableCell':
      return element('td', children, cellAttributes(node));
    default:
      return null;
  }
}

function childrenOf(type: Y.XmlFragment, depth: number): PreviewNode[] {
  if (depth > MAX_RICH_TEXT_DEPTH) return [];
  const out: PreviewNode[] = [];
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText) {
      out.push(...textRuns(child));
    } else if (child instanceof Y.XmlElement) {
      const inner = child.nodeName === 'image' ? [] : childrenOf(child, depth + 1);
      const made = blockElement(child, inner);
      if (!made) {
        out.push(...inner);
        continue;
      }
      // ProseMirror keeps an empty text block (or one ending in a line break) a line high.
      if (TEXT_BLOCKS.has(child.nodeName)) {
        const holder = child.nodeName === 'codeBlock' ? (made.children[0] as PreviewElement) : made;
        const last = holder.children.at(-1);
        if (last === undefined || (typeof last !== 'string' && last.tag === 'br')) {
          holder.children.push(element('br', [], { class: 'ProseMirror-trailingBreak' }));
        }
      }
      out.push(made);
    }
  }
  return out;
}

/** The body's blocks as the editor's first render shows them. */
export function bodyPreview(body: Y.XmlFragment): PreviewNode[] {
  const blocks = childrenOf(body, 1);
  const last = body.toArray().at(-1);
  // StarterKit's trailing node: a body always ends with a paragraph one can type into.
  if (!(last instanceof Y.XmlElement && last.nodeName === 'paragraph')) {
    blocks.push(element('p', [element('br', [], { class: 'ProseMirror-trailingBreak' })]));
  }
  return blocks;
}
