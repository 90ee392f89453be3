/**
 * An article's body as HTML for the public help centre: an allow-list renderer over the
 * `Y.XmlFragment` Tiptap's collaboration layer keeps (`domain/rich-text.ts`).
 *
 * The update check already refuses anything outside the editor's node and mark list, but this
 * renderer does not rely on it: it is the last line before a customer's browser, and it must be
 * safe for any fragment whatever reached storage. So:
 *   - only the tags in `TAGS` are ever written, each from a fixed template; a node type not in
 *     the list contributes its children's text, never its name;
 *   - every text and every attribute value is escaped (`& < > " '`), attributes are always
 *     double-quoted, and only the attributes named here are written (no `style`, no `on…`,
 *     no `class` from the document);
 *   - links keep http(s) and mailto targets only (`isSafeHref`) and always carry
 *     `rel="noopener nofollow ugc"`; any other target renders as plain text;
 *   - images are shown only from `https:` addresses (a public page has no session for this
 *     server's `/api/` files, and `http:` would be mixed content); others show their alt text;
 *   - nesting deeper than the editor's cap is cut off.
 * The page's own heading is the title (`h1`), so article headings move one level down.
 */
import * as Y from 'yjs';
import { isSafeHref, isSafeImageSrc, MAX_RICH_TEXT_DEPTH } from '../../src/lib/domain/rich-text.ts';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
};

/** Text or an attribute value, safe inside an element or a double-quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Every tag the renderer may write (the tests hold its output to this list). */
export const TAGS = [
  'p',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'pre',
  'code',
  'hr',
  'br',
  'img',
  'table',
  'tbody',
  'tr',
  'th',
  'td',
  'div',
  'strong',
  'em',
  's',
  'u',
  'a',
  'span'
] as const;

/** An https image address (see the header). */
export function isPublicImageSrc(src: string): boolean {
  return isSafeImageSrc(src) && /^https:\/\//i.test(src);
}

function intAttribute(
  element: Y.XmlElement,
  name: string,
  min: number,
  max: number
): number | null {
  const value = element.getAttribute(name) as unknown;
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : null;
}

function stringAttribute(element: Y.XmlElement, name: string): string | null {
  const value = element.getAttribute(name) as unknown;
  return typeof value === 'string' ? value : null;
}

type Marks = Record<string, unknown>;

function renderRun(text: string, marks: Marks): string {
  let html = escapeHtml(text);
  if (marks.code) html = `<code>${html}</code>`;
  if (marks.bold) html = `<strong>${html}</strong>`;
  if (marks.italic) html = `<em>${html}</em>`;
  if (marks.strike) html = `<s>${html}</s>`;
  if (marks.underline) html = `<u>${html}</u>`;
  const link = marks.link as { href?: unknown } | null | undefined;
  if (link && typeof link === 'object' && typeof link.href === 'string' && isSafeHref(link.href)) {
    html = `<a href="${escapeHtml(link.href.trim())}" rel="noopener nofollow ugc">${html}</a>`;
  }
  return html;
}

function renderText(text: Y.XmlText): string {
  let html = '';
  for (const op of text.toDelta() as { insert?: unknown; attributes?: Marks }[]) {
    if (typeof op.insert === 'string') html += renderRun(op.insert, op.attributes ?? {});
  }
  return html;
}

function renderChildren(node: Y.XmlFragment | Y.XmlElement, depth: number): string {
  if (depth > MAX_RICH_TEXT_DEPTH) return '';
  let html = '';
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) html += renderText(child);
    else if (child instanceof Y.XmlElement) html += renderElement(child, depth + 1);
    // An XmlHook (never written by the editor) renders as nothing.
  }
  return html;
}

function cellAttributes(element: Y.XmlElement): string {
  const colspan = intAttribute(element, 'colspan', 2, 100);
  const rowspan = intAttribute(element, 'rowspan', 2, 100);
  return (colspan ? ` colspan="${colspan}"` : '') + (rowspan ? ` rowspan="${rowspan}"` : '');
}

function renderElement(element: Y.XmlElement, depth: number): string {
  const inner = () => renderChildren(element, depth);
  switch (element.nodeName) {
    case 'paragraph':
      return `<p>${inner()}</p>`;
    case 'heading': {
      const level = Math.min((intAttribute(element, 'level', 1, 6) ?? 1) + 1, 6);
      return `<h${level}>${inner()}</h${level}>`;
    }
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'bulletList':
      return `<ul>${inner()}</ul>`;
    case 'orderedList': {
      const start = intAttribute(element, 'start', 0, 100_000);
      return `<ol${start !== null && start !== 1 ? ` start="${start}"` : ''}>${inner()}</ol>`;
    }
    case 'listItem':
      return `<li>${inner()}</li>`;
    case 'codeBlock':
      return `<pre><code>${inner()}</code></pre>`;
    case 'horizontalRule':
      return '<hr>';
    case 'hardBreak':
      return '<br>';
    case 'image': {
      const src = stringAttribute(element, 'src');
      const alt = stringAttribute(element, 'alt') ?? '';
      if (src === null || !isPublicImageSrc(src)) {
        return alt ? `<span>${escapeHtml(alt)}</span>` : '';
      }
      return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" loading="lazy" decoding="async">`;
    }
    case 'table':
      return `<div class="table"><table><tbody>${inner()}</tbody></table></div>`;
    case 'tableRow':
      return `<tr>${inner()}</tr>`;
    case 'tableHeader':
      return `<th${cellAttributes(element)}>${inner()}</th>`;
    case 'tableCell':
      return `<td${cellAttributes(element)}>${inner()}</td>`;
    case 'callout': {
      const tone = stringAttribute(element, 'tone');
      const known = tone === 'tip' || tone === 'warning' ? tone : 'info';
      return `<div class="callout ${known}" role="note">${inner()}</div>`;
    }
    default:
      // Not in the list: its text survives, its name and attributes do not.
      return inner();
  }
}

/** The body as safe HTML (see the header). */
export function renderArticleHtml(body: Y.XmlFragment): string {
  return renderChildren(body, 0);
}
