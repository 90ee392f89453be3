/**
 * How text becomes search terms, the same in the browser's index (MiniSearch in a worker) and
 * the server's (SQLite FTS5): one implementation, so a word found offline is found online.
 *
 * A word is a run of letters and digits (Unicode), lowercased, at most 40 characters. A
 * ticket's language is often unknown (and a Finnish customer may write in English), so each
 * word is stemmed by all four stemmers the team writes in — Finnish, Danish, Swedish,
 * English (Snowball, from `@orama/stemmers`) — and indexed under the word itself and each
 * distinct stem. A query word matches when any of its forms meets any form of an indexed word:
 * "laskusta" (fi, "from the invoice") and "laskut" both give "lasku"; "printere" (da) and
 * "printers" (en) both give "printer". Four stems per word cost some precision (a Danish stem
 * may collide with an unrelated English word); ranking keeps the exact word first.
 *
 * Highlights are computed here as plain segments (`{ text, hit }`) and rendered as text by the
 * components, never as HTML, so a customer's `<script>` in a subject stays a string.
 */
import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as finnish } from '@orama/stemmers/finnish';
import { stemmer as swedish } from '@orama/stemmers/swedish';
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS, type Segment } from './answer';

export { MAX_QUERY_LENGTH, MAX_QUERY_WORDS, type Segment };

export const STEMMERS: readonly ((word: string) => string)[] = [finnish, danish, swedish, english];

/** Longer words are cut (no language needs more; it bounds what a pasted blob costs). */
export const MAX_WORD_LENGTH = 40;
const WORD = /[\p{L}\p{N}]+/gu;
/** Words shorter than this are not stemmed (stemmers mangle them, and "at", "on"…). */
const MIN_STEM_LENGTH = 4;

export interface Word {
  /** The word as it is in the text (for highlights). */
  start: number;
  end: number;
  /** Lowercased, cut to `MAX_WORD_LENGTH`. */
  term: string;
}

/** The words of a text, with where they are. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    out.push({
      start,
      end: start + match[0].length,
      term: match[0].toLowerCase().slice(0, MAX_WORD_LENGTH)
    });
  }
  return out;
}

const stemCache = new Map<string, readonly string[]>();

/**
 * A word's forms: itself first, then each distinct stem. Cached (a workspace repeats its
 * words); the cache is bounded so a flood of unique words cannot grow it forever.
 */
export function forms(term: string): readonly string[] {
  const cached = stemCache.get(term);
  if (cached) return cached;
  const out = [term];
  if (term.length >= MIN_STEM_LENGTH && !/^\d+$/.test(term)) {
    for (const stem of STEMMERS) {
      const s = stem(term);
      if (s.length > 0 && !out.includes(s)) out.push(s);
    }
  }
  if (stemCache.size > 50_000) stemCache.clear();
  stemCache.set(term, out);
  return out;
}

/**
 * The lowercased words of a text, without positions: the indexing path (one regex pass and no
 * object per word, which is most of an index build's analysis time).
 */
export function terms(text: string): string[] {
  const found = text.toLowerCase().match(WORD);
  if (!found) return [];
  for (let i = 0; i < found.length; i++) {
    if (found[i]!.length > MAX_WORD_LENGTH) found[i] = found[i]!.slice(0, MAX_WORD_LENGTH);
  }
  return found;
}

/** Every form of every word of a text, as one space-separated string (what FTS5 indexes). */
export function indexedText(text: string): string {
  const out: string[] = [];
  for (const term of terms(text)) out.push(...forms(term));
  return out.join(' ');
}

/** The words of what was typed, deduplicated, bounded (`MAX_QUERY_*`), lone letters left out. */
export function queryTerms(query: string): string[] {
  const out: string[] = [];
  for (const w of words(query.slice(0, MAX_QUERY_LENGTH))) {
    // A lone letter matches nothing useful ("P" of "P-AB12CD", "a"); a lone digit does (#7).
    if (w.term.length < 2 && !/\d/.test(w.term)) continue;
    if (!out.includes(w.term)) out.push(w.term);
    if (out.length === MAX_QUERY_WORDS) break;
  }
  return out;
}

/**
 * Whether a word of a text (lowercased) matches one of the query's terms: its forms share one
 * with the term's, or (as typed so far) it starts with the term.
 */
function matcher(terms: readonly string[]): (term: string) => boolean {
  const wanted = terms.map((t) => ({ term: t, forms: new Set(forms(t)) }));
  return (term) => {
    const wordForms = forms(term);
    return wanted.some(
      (q) =>
        (q.term.length >= 2 && term.startsWith(q.term)) || wordForms.some((f) => q.forms.has(f))
    );
  };
}

/**
 * Splits a text into plain segments, marking the words that match a query term: a word whose
 * forms share one with the term's, or (as typed so far) that starts with the term. Adjacent
 * plain text is one segment.
 */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  if (terms.length === 0 || text === '') return [{ text, hit: false }];
  const hits = matcher(terms);
  const out: Segment[] = [];
  let at = 0;
  for (const w of words(text)) {
    if (!hits(w.term)) continue;
    if (w.start > at) out.push({ text: text.slice(at, w.start), hit: false });
    out.push({ text: text.slice(w.start, w.end), hit: true });
    at = w.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

/**
 * A short excerpt of a long text around its first matching word (about `width` characters),
 * with an ellipsis where it was cut; the start of the text when nothing matches. Reads the
 * words only up to the first match (a thread may be 200,000 characters).
 */
export function excerpt(text: string, terms: readonly string[], width = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  let first = -1;
  if (terms.length > 0) {
    const hits = matcher(terms);
    for (const match of flat.matchAll(WORD)) {
      if (hits(match[0].toLowerCase().slice(0, MAX_WORD_LENGTH))) {
        first = match.index;
        break;
      }
    }
  }
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
