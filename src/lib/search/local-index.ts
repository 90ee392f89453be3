/**
 * The browser's full-text index (MiniSearch 7), run inside a Web Worker (`search.worker.ts`)
 * so that building it and answering keystrokes never block the page.
 *
 * Why MiniSearch and not Orama: one index must hold text in four languages at once (a ticket's
 * language is often unknown), and MiniSearch lets a word be indexed under several terms (the
 * word and its Finnish, Danish, Swedish and English stems, `analyze.ts`), while Orama stems with
 * one language per index. MiniSearch also takes query trees (AND over the words, OR over each
 * word's forms), updates documents in place, and is small (about 7 KB gzipped).
 *
 * A query: each word must match (AND); a word matches through any of its forms (OR) — the
 * word itself with typo tolerance (one edit from four letters, two from eight), the last word
 * also as a prefix (results while typing), or any indexed word that shares a form with it.
 * Fields are boosted: number and title over people and tags over body.
 *
 * Only the words themselves are indexed, not their stems: a word has up to five forms, and
 * indexing them all nearly doubles what a build adds to MiniSearch's tree (most of its time).
 * The stems live in a small side table instead (`#byForm`: a form → the indexed words that have
 * it), filled from the vocabulary — a few thousand distinct words, each stemmed once — and a
 * query word is expanded through it into the indexed words it matches. The match is the same
 * as indexing every form: a query word meets an indexed word when any of their forms agree,
 * and with typo tolerance when a form is within its edits of one (the table is MiniSearch's
 * radix tree, `SearchableMap`, for its `fuzzyGet`).
 */
import MiniSearch, { type Query } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { excerpt, forms, highlight, queryTerms, terms as termsOf } from './analyze';
import { emptyAnswer, type SearchAnswer, type SearchHit } from './answer';
import { SEARCH_GROUPS, type SearchDoc, type SearchGroup } from './search-docs';

const FIELDS = ['title', 'number', 'people', 'tags', 'body'] as const;
const BOOST = { title: 3, number: 4, people: 2, tags: 2, body: 1 };

const keyOf = (kind: SearchGroup, id: string) => `${kind}:${id}`;

export class LocalSearchIndex {
  #mini = this.#create();
  #docs = new Map<string, SearchDoc>();
  /** Every form (a word or one of its stems) → the indexed words that have it. */
  #byForm = new Map<string, string[]>();
  /**
   * The stems alone (forms that are not the word), for typo tolerance: the words themselves
   * are MiniSearch's to match fuzzily; a radix tree (`SearchableMap`) for its `fuzzyGet`.
   */
  #stems = new SearchableMap<string[]>();
  /** The words `#byForm` already knows. */
  #vocabulary = new Set<string>();

  #create(): MiniSearch<SearchDoc & { key: string }> {
    return new MiniSearch<SearchDoc & { key: string }>({
      idField: 'key',
      fields: [...FIELDS],
      tokenize: (text) => this.#learn(termsOf(text)),
      processTerm: (term) => term,
      searchOptions: { tokenize: (text) => text.split(' '), processTerm: (term) => term },
      autoVacuum: { minDirtCount: 200, minDirtFactor: 0.2, batchSize: 2000, batchWait: 20 }
    });
  }

  /** Adds the words not seen before to the form table; returns them unchanged. */
  #learn(words: string[]): string[] {
    for (const word of words) {
      if (this.#vocabulary.has(word)) continue;
      this.#vocabulary.add(word);
      for (const form of forms(word)) {
        const known = this.#byForm.get(form);
        if (known) known.push(word);
        else this.#byForm.set(form, [word]);
        if (form === word) continue;
        const stemOf = this.#stems.get(form);
        if (stemOf) stemOf.push(word);
        else this.#stems.set(form, [word]);
      }
    }
    return words;
  }

  /**
   * The indexed words other than `term` itself that share a form with it ("laskut" → "lasku",
   * "laskusta"…). Words that left the index stay in the table; they match nothing.
   */
  #relatives(term: string, fuzzy = false): string[] {
    const out = new Set<string>();
    for (const form of forms(term)) {
      for (const word of this.#byForm.get(form) ?? []) if (word !== term) out.add(word);
    }
    // With typo tolerance, the stems within its edits too ("kalastusvane" meets the stem
    // "kalastusven" of "kalastusveneestä", as when every stem was indexed).
    const edits = fuzzy ? fuzzyOf(term) : 0;
    if (edits > 0) {
      for (const [words] of this.#stems.fuzzyGet(term, edits).values()) {
        for (const word of words) if (word !== term) out.add(word);
      }
    }
    return [...out];
  }

  get size(): number {
    return this.#docs.size;
  }

  /** Replaces everything (a fresh build: `addAll` is much faster than adding one by one). */
  replaceAll(docs: readonly SearchDoc[]): void {
    this.#mini = this.#create();
    this.#byForm = new Map();
    this.#stems = new SearchableMap();
    this.#vocabulary = new Set();
    this.#docs = new Map(docs.map((d) => [keyOf(d.kind, d.id), d]));
    this.#mini.addAll([...this.#docs].map(([key, d]) => ({ ...d, key })));
  }

  /** Adds or updates documents; one that did not change (same fields) costs a comparison. */
  upsert(docs: readonly SearchDoc[]): void {
    for (const d of docs) {
      const key = keyOf(d.kind, d.id);
      const old = this.#docs.get(key);
      if (old && sameDoc(old, d)) continue;
      if (old) this.#mini.discard(key);
      this.#docs.set(key, d);
      this.#mini.add({ ...d, key });
    }
  }

  remove(kind: SearchGroup, ids: readonly string[]): void {
    for (const id of ids) {
      const key = keyOf(kind, id);
      if (!this.#docs.delete(key)) continue;
      this.#mini.discard(key);
    }
  }

  /** Ids of one group now in the index (to diff against a new list). */
  ids(kind: SearchGroup): string[] {
    const prefix = `${kind}:`;
    const out: string[] = [];
    for (const key of this.#docs.keys())
      if (key.startsWith(prefix)) out.push(key.slice(prefix.length));
    return out;
  }

  search(query: string, perGroup = 8): SearchAnswer {
    const terms = queryTerms(query);
    if (terms.length === 0) return emptyAnswer(terms);
    // Exact words, stems and the last word's prefix first; typo tolerance only when that finds
    // little (a typo is why), since fuzzy matching a common word costs most of a keystroke.
    const exact = this.#run(terms, false, perGroup);
    const found = exact.totals.ticket + exact.totals.customer + exact.totals.article;
    if (found >= FUZZY_BELOW || !terms.some((t) => fuzzyOf(t) > 0)) return exact;
    return this.#run(terms, true, perGroup);
  }

  /**
   * The documents of one group that best match a text (a ticket's subject and first message):
   * any of its longer words, through their stems, scored; the best `limit`. For suggestions.
   */
  suggest(text: string, kind: SearchGroup, limit: number): SearchHit[] {
    const wanted: string[] = [];
    for (const term of termsOf(text.slice(0, MAX_SUGGEST_TEXT))) {
      if (term.length < 4 || /^\d+$/.test(term) || wanted.includes(term)) continue;
      wanted.push(term);
      if (wanted.length === MAX_SUGGEST_WORDS) break;
    }
    if (wanted.length === 0) return [];
    const tree: Query = {
      combineWith: 'OR',
      queries: wanted.map((term) => wordQuery(term, this.#relatives(term), false, false))
    };
    const prefix = `${kind}:`;
    const out: SearchHit[] = [];
    const results = this.#mini.search(tree, {
      boost: BOOST,
      filter: (r) => (r.id as string).startsWith(prefix)
    });
    for (const r of results.slice(0, limit)) {
      const doc = this.#docs.get(r.id as string);
      if (!doc) continue;
      out.push({
        kind: doc.kind,
        id: doc.id,
        title: highlight(doc.title, wanted),
        detail: highlight(doc.detail, wanted),
        status: doc.status,
        excerpt: null,
        score: r.score
      });
    }
    return out;
  }

  #run(terms: string[], fuzzy: boolean, perGroup: number): SearchAnswer {
    const answer = emptyAnswer(terms);
    const tree: Query = {
      combineWith: 'AND',
      queries: terms.map((term, i) =>
        wordQuery(term, this.#relatives(term, fuzzy), i === terms.length - 1, fuzzy)
      )
    };
    for (const r of this.#mini.search(tree, { boost: BOOST })) {
      const doc = this.#docs.get(r.id as string);
      if (!doc) continue;
      answer.totals[doc.kind]++;
      const group = answer.groups[doc.kind];
      if (group.length >= perGroup) continue;
      const fields = new Set(Object.values(r.match).flat());
      group.push({
        kind: doc.kind,
        id: doc.id,
        title: highlight(doc.title, terms),
        detail: highlight(doc.detail, terms),
        status: doc.status,
        excerpt:
          fields.has('body') && !fields.has('title')
            ? highlight(excerpt(doc.body, terms), terms)
            : null,
        score: r.score
      });
    }
    return answer;
  }
}

/** A suggestion reads this much of the text, and at most this many of its words. */
const MAX_SUGGEST_TEXT = 4000;
const MAX_SUGGEST_WORDS = 40;

/** Fewer exact results than this, and the query is run again with typo tolerance. */
const FUZZY_BELOW = 5;
/** Prefix matching starts at this many characters (two letters match half the vocabulary). */
const MIN_PREFIX = 3;

/** Edits allowed for a word: one from four letters, two from eight; none for numbers. */
function fuzzyOf(term: string): number {
  if (/^\d+$/.test(term) || term.length < 4) return 0;
  return term.length >= 8 ? 2 : 1;
}

/** One query word: as typed (a prefix if last, fuzzy if asked), or any of its relatives. */
function wordQuery(term: string, relatives: string[], last: boolean, fuzzy: boolean): Query {
  const edits = fuzzy ? fuzzyOf(term) : 0;
  const typed: Query = {
    queries: [term],
    prefix: last && (term.length >= MIN_PREFIX || /^\d{2,}$/.test(term)),
    fuzzy: edits > 0 ? edits : false
  };
  if (relatives.length === 0) return typed;
  return {
    combineWith: 'OR',
    queries: [typed, { queries: [relatives.join(' ')], combineWith: 'OR' }]
  };
}

function sameDoc(a: SearchDoc, b: SearchDoc): boolean {
  return (
    a.title === b.title &&
    a.number === b.number &&
    a.people === b.people &&
    a.tags === b.tags &&
    a.body === b.body &&
    a.detail === b.detail &&
    a.status === b.status
  );
}

export { SEARCH_GROUPS, emptyAnswer, type SearchAnswer };
