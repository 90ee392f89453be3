/**
 * What is searched, as plain data: one `SearchDoc` per ticket, customer or article, made from
 * the workspace index (tickets, customers), the ticket documents kept on the device (their
 * messages and notes) and, through `ArticleSearchSource`, the knowledge base. Used by the
 * browser's worker index and the server's FTS tables alike.
 */
import type { CustomerSummary, ThreadEntry, TicketSummary } from '$lib/domain/schema';

export const SEARCH_GROUPS = ['ticket', 'customer', 'article'] as const;
export type SearchGroup = (typeof SEARCH_GROUPS)[number];

export interface SearchDoc {
  kind: SearchGroup;
  id: string;
  /** Subject, customer name, article title. */
  title: string;
  /** Ticket number and provisional reference (`refTerms`); empty for the others. */
  number: string;
  /** Requester name, email and organisation; a customer's email and organisation. */
  people: string;
  tags: string;
  /** Messages and notes (tickets kept on the device), customer notes, article body. */
  body: string;
  /** What a result row shows under the title (the requester; an article's category). */
  detail: string;
  /** A ticket's status, for the row (empty for the others). */
  status: string;
  updatedAt: number;
}

/** Longest body indexed per document: a 100-message thread is plenty to find a ticket by. */
export const MAX_BODY_CHARS = 200_000;

/** The messages and notes of a ticket, as one text (newest last, bounded). */
export function threadText(thread: readonly Pick<ThreadEntry, 'body'>[]): string {
  let text = '';
  for (const entry of thread) {
    if (text.length >= MAX_BODY_CHARS) break;
    text += `${entry.body}\n`;
  }
  return text.slice(0, MAX_BODY_CHARS);
}

/** Customer fields a search reads; `organisation` and `notes` once the schema holds them. */
export type SearchableCustomer = Pick<CustomerSummary, 'id' | 'name' | 'email'> & {
  organisation?: string | undefined;
  notes?: string | undefined;
};

/** `1042 AB12CD`: the number and the provisional reference's code (its `P-` is no word). */
export function refTerms(number: number | null, ref: string): string {
  const code = ref.slice(2);
  return number === null ? code : `${number} ${code}`;
}

export function ticketSearchDoc(
  t: TicketSummary,
  requester: SearchableCustomer | undefined,
  body = ''
): SearchDoc {
  return {
    kind: 'ticket',
    id: t.id,
    title: t.subject,
    number: refTerms(t.number, t.ref),
    people: requester
      ? [requester.name, requester.email, requester.organisation ?? ''].join(' ')
      : '',
    tags: t.tags.join(' '),
    body: body.slice(0, MAX_BODY_CHARS),
    detail: requester?.name ?? '',
    status: t.status,
    updatedAt: t.updatedAt
  };
}

export function customerSearchDoc(c: SearchableCustomer): SearchDoc {
  return {
    kind: 'customer',
    id: c.id,
    title: c.name,
    number: '',
    people: [c.email, c.organisation ?? ''].join(' '),
    tags: '',
    body: c.notes ?? '',
    detail: c.organisation ? `${c.organisation} · ${c.email}` : c.email,
    status: '',
    updatedAt: 0
  };
}

/**
 * The seam for knowledge-base articles (issue 14 items 1–3 build them): whatever lists the
 * articles a member may read gives them in this shape, and they join the index as the third
 * group. `articleText(doc)` of `domain/article.ts` gives `body`.
 */
export interface SearchableArticle {
  id: string;
  title: string;
  body: string;
  tags: readonly string[];
  /** The category's name, shown under the title. */
  category: string;
  updatedAt: number;
}

export interface ArticleSearchSource {
  /** The articles now; called when the search opens and after `subscribe` says they changed. */
  articles(): readonly SearchableArticle[];
  subscribe(changed: () => void): () => void;
}

export function articleSearchDoc(a: SearchableArticle): SearchDoc {
  return {
    kind: 'article',
    id: a.id,
    title: a.title,
    number: '',
    people: '',
    tags: a.tags.join(' '),
    body: a.body.slice(0, MAX_BODY_CHARS),
    detail: a.category,
    status: '',
    updatedAt: a.updatedAt
  };
}
