/**
 * What a search answers, as plain data the page can render without loading the index or the
 * stemmers (those live in the worker): hits with their texts already split into highlighted
 * segments, and the query bounds both sides share.
 */
import type { SearchGroup } from './search-docs';

/** The longest query kept, in characters, and the most words it may hold. */
export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_WORDS = 8;

/** A piece of text, marked when it is a word that matched. Rendered as text, never as HTML. */
export interface Segment {
  text: string;
  hit: boolean;
}

export interface SearchHit {
  kind: SearchGroup;
  id: string;
  title: Segment[];
  detail: Segment[];
  status: string;
  /** Around the first match in a message or note, when the title did not match. */
  excerpt: Segment[] | null;
  score: number;
}

export interface SearchAnswer {
  /** The query's words. */
  terms: string[];
  groups: Record<SearchGroup, SearchHit[]>;
  /** How many matched in each group (before the cut to the group's size). */
  totals: Record<SearchGroup, number>;
}

export function emptyAnswer(terms: string[] = []): SearchAnswer {
  return {
    terms,
    groups: { ticket: [], customer: [], article: [] },
    totals: { ticket: 0, customer: 0, article: 0 }
  };
}

/**
 * Highlights without stems, for the server's hits on the page (the worker highlights its own
 * with stems): words that start with a query word, case-insensitively.
 */
export function prefixHighlight(text: string, query: string): Segment[] {
  const words = query
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu)
    ?.filter((w) => w.length >= 2);
  if (!words || text === '') return [{ text, hit: false }];
  const out: Segment[] = [];
  let at = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0].toLowerCase();
    if (!words.some((w) => word.startsWith(w))) continue;
    if (match.index > at) out.push({ text: text.slice(at, match.index), hit: false });
    out.push({ text: match[0], hit: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}
