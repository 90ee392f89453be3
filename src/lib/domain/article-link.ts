/**
 * Putting a knowledge-base article into a reply: which articles may go in and how, the link
 * to one, and its body as plain text for an email.
 *
 * - A **link** may go in for any published article. A public one links to the workspace's help
 *   centre when it has one (`/help/<slug>/articles/<article>`, the help centre's address for
 *   it: the customer can open it); otherwise, and for internal articles, the link is the
 *   article's page in the app (for the team: a customer who follows it is asked to sign in).
 * - The **text** may go in for published public articles only: an internal article's words
 *   are the team's, and a draft is not an answer yet.
 *
 * The text is plain (replies are plain text): one paragraph per block, list items marked
 * `- ` or `1. `, a link's address after its words, code blocks as they are, nothing else.
 */
import * as Y from 'yjs';
import type { ArticleStatus, ArticleVisibility } from './article';
import type { Actor } from './schema';
import { ticketParts } from './ticket';

export const INSERT_MODES = ['link', 'text'] as const;
export type InsertMode = (typeof INSERT_MODES)[number];

/** What deciding how an article may be inserted needs to know of it. */
export interface InsertableArticle {
  id: string;
  title: string;
  status: ArticleStatus;
  visibility: ArticleVisibility;
}

/** The workspace's public help centre, when it has one (its address's part after `/help/`). */
export interface HelpCentreAddress {
  slug: string;
}

/** The address of the workspace's help centre when it is switched on (its settings record). */
export function helpCentreAddress(
  record: { enabled: boolean; slug: string } | null
): HelpCentreAddress | null {
  return record?.enabled ? { slug: record.slug } : null;
}

/** The ways this article may go into a reply (none for a draft). */
export function insertModes(article: Pick<InsertableArticle, 'status' | 'visibility'>) {
  if (article.status !== 'published') return [];
  return article.visibility === 'public' ? (['link', 'text'] as const) : (['link'] as const);
}

export function mayInsert(
  article: Pick<InsertableArticle, 'status' | 'visibility'>,
  mode: InsertMode
): boolean {
  return (insertModes(article) as readonly InsertMode[]).includes(mode);
}

/**
 * The address a reply links to: the help centre's page for a public article when the
 * workspace has one, else the article's page in the app. `origin` is the server's
 * (`https://baton.example`), without a trailing slash.
 */
export function articlePublicUrl(
  origin: string,
  workspaceId: string,
  article: Pick<InsertableArticle, 'id' | 'visibility'>,
  helpCentre: HelpCentreAddress | null
): string {
  const base = origin.replace(/\/+$/, '');
  const id = encodeURIComponent(article.id);
  if (helpCentre && article.visibility === 'public') {
    return `${base}/help/${encodeURIComponent(helpCentre.slug)}/articles/${id}`;
  }
  return `${base}/w/${encodeURIComponent(workspaceId)}/kb/${id}`;
}

/** What goes into the draft: the title and the link, or the title and the body's text. */
export function insertionText(
  mode: InsertMode,
  article: Pick<InsertableArticle, 'title'>,
  url: string,
  body: string
): string {
  return mode === 'link' ? `${article.title}: ${url}` : `${article.title}\n\n${body}`.trim();
}

/**
 * Where in the draft it goes and with what around it: at the caret, on a line of its own
 * (a blank line before it when text comes before, a line break after it when text follows).
 */
export function placeInsertion(
  draft: string,
  caret: number,
  text: string
): { at: number; text: string } {
  const at = Math.max(0, Math.min(caret, draft.length));
  const before = draft.slice(0, at);
  const after = draft.slice(at);
  const lead =
    before === '' ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const tail = after === '' || after.startsWith('\n') ? '' : '\n';
  return { at, text: `${lead}${text}${tail}` };
}

/**
 * Puts an article into a ticket's reply draft at `caret`, and records it on the ticket's
 * activity (`article-inserted`: the article's id and the mode), in one transaction. Returns
 * where the inserted text is, as relative positions (they follow co-authors' edits).
 */
export function insertArticle(
  doc: Y.Doc,
  insertion: { articleId: string; mode: InsertMode; text: string; caret: number },
  actor: Actor,
  now: number,
  /** The member's private draft (`private-draft.ts`), else the ticket's shared one. */
  draft: Y.Text = ticketParts(doc).draft
): { start: Y.RelativePosition; end: Y.RelativePosition } {
  const parts = ticketParts(doc);
  const placed = placeInsertion(draft.toString(), insertion.caret, insertion.text);
  doc.transact(() => {
    draft.insert(placed.at, placed.text);
    parts.activity.push([
      {
        at: now,
        actorId: actor.id,
        kind: 'article-inserted',
        from: insertion.articleId,
        to: insertion.mode
      }
    ]);
  });
  return {
    start: Y.createRelativePositionFromTypeIndex(draft, placed.at),
    end: Y.createRelativePositionFromTypeIndex(draft, placed.at + placed.text.length, -1)
  };
}

/** Most characters of an article's text put into a reply (a reply holds 100,000). */
export const MAX_INSERTED_TEXT = 50_000;

/** An article body (`kb/<id>`'s `body`) as plain text for an email. */
export function articleReplyText(body: Y.XmlFragment): string {
  const blocks: string[] = [];
  for (const child of body.toArray()) block(child, blocks, '');
  return blocks.join('\n\n').trim().slice(0, MAX_INSERTED_TEXT);
}

function block(node: unknown, out: string[], indent: string): void {
  if (node instanceof Y.XmlText) {
    const text = inline(node);
    if (text.trim() !== '') out.push(indent + text);
    return;
  }
  if (!(node instanceof Y.XmlElement)) return;
  switch (node.nodeName) {
    case 'bulletList':
    case 'orderedList': {
      const ordered = node.nodeName === 'orderedList';
      const start = Number(node.getAttribute('start') ?? 1) || 1;
      const items: string[] = [];
      node.toArray().forEach((item, i) => {
        const parts: string[] = [];
        if (item instanceof Y.XmlElement) {
          for (const child of item.toArray()) block(child, parts, '');
        }
        const marker = ordered ? `${start + i}. ` : '- ';
        const pad = ' '.repeat(marker.length);
        const text = parts.join('\n').replace(/\n/g, `\n${indent}${pad}`);
        items.push(`${indent}${marker}${text}`);
      });
      if (items.length > 0) out.push(items.join('\n'));
      return;
    }
    case 'codeBlock':
      out.push(
        node
          .toArray()
          .map((c) => (c instanceof Y.XmlText ? c.toString() : ''))
          .join('')
      );
      return;
    case 'horizontalRule':
      out.push('---');
      return;
    case 'image': {
      const alt = node.getAttribute('alt');
      if (typeof alt === 'string' && alt !== '') out.push(`[${alt}]`);
      return;
    }
    case 'blockquote': {
      const inner: string[] = [];
      for (const child of node.toArray()) block(child, inner, '');
      if (inner.length > 0) out.push(inner.join('\n\n').replace(/^/gm, '> '));
      return;
    }
    case 'table': {
      const rows = node.toArray().map((row) =>
        row instanceof Y.XmlElement
          ? row
              .toArray()
              .map((cell) => {
                const parts: string[] = [];
                if (cell instanceof Y.XmlElement) {
                  for (const c of cell.toArray()) block(c, parts, '');
                }
                return parts.join(' ');
              })
              .join(' | ')
          : ''
      );
      out.push(rows.filter((r) => r !== '').join('\n'));
      return;
    }
    case 'callout': {
      const inner: string[] = [];
      for (const child of node.toArray()) block(child, inner, '');
      if (inner.length > 0) out.push(inner.join('\n\n'));
      return;
    }
    default: {
      // paragraph, heading, anything holding inline content
      const text = node
        .toArray()
        .map((c) =>
          c instanceof Y.XmlText
            ? inline(c)
            : c instanceof Y.XmlElement && c.nodeName === 'hardBreak'
              ? '\n'
              : ''
        )
        .join('');
      if (text.trim() !== '') out.push(indent + text.trim());
    }
  }
}

/** A text leaf with its links written out: `words (https://…)`. */
function inline(text: Y.XmlText): string {
  let out = '';
  for (const op of text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string') continue;
    const link = op.attributes?.link as { href?: unknown } | undefined;
    const href = typeof link?.href === 'string' ? link.href : null;
    out += href && href !== op.insert ? `${op.insert} (${href})` : op.insert;
  }
  return out;
}
