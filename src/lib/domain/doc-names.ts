/**
 * Document names. Each kind carries one permission rule (see docs/architecture.md):
 *   ws/<workspace>/index     summaries of active tickets, customers, members
 *   ws/<workspace>/settings  SLA policies, routing, views (admins only)
 *   t/<ticket>               one ticket: fields, thread, draft, handover, activity
 *   kb/<article>             one knowledge-base article
 *   t/<ticket>/draft/<member>  one member's private reply draft on a ticket (theirs alone)
 */
import { Id } from './schema';

export type DocRef =
  | { kind: 'index'; workspaceId: string }
  | { kind: 'settings'; workspaceId: string }
  | { kind: 'ticket'; ticketId: string }
  | { kind: 'article'; articleId: string }
  | { kind: 'draft'; ticketId: string; memberId: string };

export type DocKind = DocRef['kind'];

export function indexDocName(workspaceId: string): string {
  return `ws/${workspaceId}/index`;
}

export function settingsDocName(workspaceId: string): string {
  return `ws/${workspaceId}/settings`;
}

export function ticketDocName(ticketId: string): string {
  return `t/${ticketId}`;
}

export function articleDocName(articleId: string): string {
  return `kb/${articleId}`;
}

export function privateDraftDocName(ticketId: string, memberId: string): string {
  return `t/${ticketId}/draft/${memberId}`;
}

/** Parses a document name; `null` for anything that is not exactly one of the kinds above. */
export function parseDocName(name: string): DocRef | null {
  const parts = name.split('/');
  const isId = (value: string | undefined): value is string =>
    value !== undefined && Id.safeParse(value).success;
  if (parts.length === 3 && parts[0] === 'ws' && isId(parts[1])) {
    if (parts[2] === 'index') return { kind: 'index', workspaceId: parts[1] };
    if (parts[2] === 'settings') return { kind: 'settings', workspaceId: parts[1] };
    return null;
  }
  if (parts.length === 2 && parts[0] === 't' && isId(parts[1])) {
    return { kind: 'ticket', ticketId: parts[1] };
  }
  if (parts.length === 4 && parts[0] === 't' && isId(parts[1]) && parts[2] === 'draft') {
    if (isId(parts[3])) return { kind: 'draft', ticketId: parts[1], memberId: parts[3] };
    return null;
  }
  if (parts.length === 2 && parts[0] === 'kb' && isId(parts[1])) {
    return { kind: 'article', articleId: parts[1] };
  }
  return null;
}

/**
 * Whether a document keeps deleted content (`new Y.Doc({ gc: false })`): articles only, whose
 * versions are Yjs snapshots that need it (`article-versions.ts`). Every replica of a document
 * — the server's, its scratch copy, each browser's — must agree, or one of them would drop what
 * a snapshot needs and pass the loss on.
 */
export function keepsHistory(name: string): boolean {
  return name.startsWith('kb/');
}
