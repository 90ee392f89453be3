/**
 * The browser's full-text index (MiniSearch 7), run inside a Web Worker (`search.worker.ts`)
 * so that building it and answering keystrokes never block the page.
 *
 * Why MiniSearch and not Orama: one index must hold text in four languages at once (a ticket's
 * language is often unknown), and MiniSearch lets a word be indexed and found under several
 * terms (the word and its Finnish, Danish, Swedish and English stems, `analyze.ts`), while Orama
 * stems with one language per index. MiniSearch also updates documents in place, gives its
 * radix tree for prefixes and typo tolerance, and is small (about 7 KB gzipped). Builds and
 * scoring go through `TermIndex` (`term-index.ts`), a subclass that loads a whole build at
 * once and scores into typed arrays, for the budgets (build ≤ 1 s, keystroke ≤ 30 ms on a phone).
 *
 * A query: each word must match (AND); a word matches through any of the indexed terms it
 * reaches (`#reach`) — the word itself, any indexed word that shares a form with it, the last
 * word also as a prefix (results while typing), and, when the exact run finds fewer than 5, with
 * typo tolerance (one edit from four letters, two from eight). Each group counts all its
 * matches and keeps only its best 8, which alone are highlighted. Fields are boosted: number
 * and title over people and tags over body.
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
import SearchableMap from 'minisearch/SearchableMap';
import { excerpt, forms, highlight, queryTerms, terms as termsOf } from './analyze';
import { emptyAnswer, type SearchAnswer, type SearchHit } from './answer';
import { SEARCH_GROUPS, type SearchDoc, type SearchGroup } from './search-docs';
import { FIELDS, TermIndex, type Match, type WordTerms } from './term-index';

/** Field boosts, by field (`FIELDS`' order): number and title over people and tags over body. */
const BOOST: readonly number[] = FIELDS.map(
  (f) => ({ title: 3, number: 4, people: 2, tags: 2, body: 1 })[f]
);
const BODY = 1 << FIELDS.indexOf('body');
const TITLE = 1 << FIELDS.indexOf('title');

const keyOf = (kind: SearchGroup, id: string) => `${kind}:${id}`;

export class LocalSearchIndex {
  #mini = this.#create();
  #docs = new Map<string, SearchDoc>();
  /** The documents by MiniSearch's short id (a match's `doc`). */
  #byShortId: (SearchDoc | undefined)[] = [];
  /** Every form (a word or one of its stems) → the indexed words that have it. */
  #byForm = new Map<string, string[]>();
  /**
   * The stems alone (forms that are not the word), for typo tolerance: the words themselves
   * are MiniSearch's to match fuzzily; a radix tree (`SearchableMap`) for its `fuzzyGet`.
   * Made from `#byForm` the first time a query needs it (most never do), not during a build.
   */
  #stems: SearchableMap<string[]> | null = null;
  /** The words `#byForm` already knows. */
  #vocabulary = new Set<string>();

  #create(): TermIndex {
    return new TermIndex((text) => this.#learn(termsOf(text)));
  }

  /** Adds the words not seen before to the form table; returns them unchanged. */
  #learn(words: string[]): string[] {
    for (const word of words) {
      if (!this.#vocabulary.has(word)) this.#learnWord(word);
    }
    return words;
  }

  #learnWord(word: string): void {
    this.#vocabulary.add(word);
    for (const form of forms(word)) {
      const known = this.#byForm.get(form);
      if (known) known.push(word);
      else this.#byForm.set(form, [word]);
      if (form === word || !this.#stems) continue;
      const stemOf = this.#stems.get(form);
      if (stemOf) stemOf.push(word);
      else this.#stems.set(form, [word]);
    }
  }

  #stemTree(): SearchableMap<string[]> {
    if (this.#stems) return this.#stems;
    const tree = new SearchableMap<string[]>();
    for (const [form, words] of this.#byForm) {
      const stemOf = words.filter((word) => word !== form);
      if (stemOf.length > 0) tree.set(form, stemOf);
    }
    return (this.#stems = tree);
  }

  /**
   * The indexed terms a query word reaches, weighted: the word itself (1); the indexed words
   * that share a form with it ("laskut" → "lasku", "laskusta"…: 1); as the last word, the words
   * it begins (results while typing; MiniSearch's prefix weight, less the longer the rest);
   * with typo tolerance, the words and stems within its edits (MiniSearch's fuzzy weight).
   * A term reached in several ways keeps its best weight. Words that left the index stay in
   * the form table; they match nothing.
   */
  #reach(term: string, last: boolean, fuzzy: boolean): WordTerms {
    const out = new Map<string, number>();
    const offer = (word: string, weight: number) => {
      if ((out.get(word) ?? 0) < weight) out.set(word, weight);
    };
    out.set(term, 1);
    for (const form of forms(term)) {
      for (const word of this.#byForm.get(form) ?? []) offer(word, 1);
    }
    if (last && (term.length >= MIN_PREFIX || /^\d{2,}$/.test(term))) {
      for (const word of this.#mini.withPrefix(term)) {
        const rest = word.length - term.length;
        offer(word, (PREFIX_WEIGHT * word.length) / (word.length + 0.3 * rest));
      }
    }
    const edits = fuzzy ? fuzzyOf(term) : 0;
    if (edits > 0) {
      for (const [word, distance] of this.#mini.near(term, edits)) {
        offer(word, (FUZZY_WEIGHT * word.length) / (word.length + distance));
      }
      // The stems within its edits too ("kalastusvane" meets the stem "kalastusven" of
      // "kalastusveneestä", as when every stem was indexed).
      for (const [stem, [words, distance]] of this.#stemTree().fuzzyGet(term, edits)) {
        const weight = (FUZZY_WEIGHT * stem.length) / (stem.length + distance);
        for (const word of words) offer(word, weight);
      }
    }
    return out;
  }

  get size(): number {
    return this.#docs.size;
  }

  /**
   * Replaces everything: a fresh build, all at once (`TermIndex.load`: each distinct word
   * into MiniSearch's tree once, and into the form table once).
   */
  replaceAll(docs: readonly SearchDoc[]): void {
    this.#mini = this.#create();
    this.#byForm = new Map();
    this.#stems = null;
    this.#vocabulary = new Set();
    this.#docs = new Map(docs.map((d) => [keyOf(d.kind, d.id), d]));
    this.#byShortId = [...this.#docs.values()];
    this.#mini.load([...this.#docs.keys()], this.#byShortId as SearchDoc[], termsOf, (word) =>
      this.#learnWord(word)
    );
  }

  /** Adds or updates documents; one that did not change (same fields) costs a comparison. */
  upsert(docs: readonly SearchDoc[]): void {
    for (const d of docs) {
      const key = keyOf(d.kind, d.id);
      const old = this.#docs.get(key);
      if (old && sameDoc(old, d)) continue;
      if (old) this.#discard(key);
      this.#docs.set(key, d);
      this.#mini.add({ ...d, key });
      this.#byShortId[this.#mini.shortIdOf(key)!] = d;
    }
  }

  remove(kind: SearchGroup, ids: readonly string[]): void {
    for (const id of ids) {
      const key = keyOf(kind, id);
      if (!this.#docs.delete(key)) continue;
      this.#discard(key);
    }
  }

  #discard(key: string): void {
    const shortId = this.#mini.shortIdOf(key);
    if (shortId !== undefined) this.#byShortId[shortId] = undefined;
    this.#mini.discard(key);
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
    const best: Match[] = [];
    this.#mini.matches(
      wanted.map((term) => this.#reach(term, false, false)),
      'or',
      BOOST,
      (doc, score, fields) => {
        if (this.#byShortId[doc]?.kind === kind) keepBest(best, doc, score, fields, limit);
      }
    );
    return best.map((m) => this.#hit(m, wanted, false));
  }

  /**
   * A kept match as shown: its texts highlighted, and a body excerpt when asked for and the
   * body matched but the title did not.
   */
  #hit(m: Match, terms: readonly string[], withExcerpt: boolean): SearchHit {
    const doc = this.#byShortId[m.doc]!;
    return {
      kind: doc.kind,
      id: doc.id,
      title: highlight(doc.title, terms),
      detail: highlight(doc.detail, terms),
      status: doc.status,
      excerpt:
        withExcerpt && m.fields & BODY && !(m.fields & TITLE)
          ? highlight(excerpt(doc.body, terms), terms)
          : null,
      score: m.score
    };
  }

  /**
   * Every word must match; each group's total is counted over all matches, and only its best
   * `perGroup` are kept (no sort of them all) and highlighted.
   */
  #run(terms: string[], fuzzy: boolean, perGroup: number): SearchAnswer {
    const answer = emptyAnswer(terms);
    const words = terms.map((term, i) => this.#reach(term, i === terms.length - 1, fuzzy));
    const best: Record<SearchGroup, Match[]> = { ticket: [], customer: [], article: [] };
    this.#mini.matches(words, 'and', BOOST, (shortId, score, fields) => {
      const doc = this.#byShortId[shortId];
      if (!doc) return;
      answer.totals[doc.kind]++;
      keepBest(best[doc.kind], shortId, score, fields, perGroup);
    });
    for (const kind of SEARCH_GROUPS) {
      answer.groups[kind] = best[kind].map((m) => this.#hit(m, terms, true));
    }
    return answer;
  }
}

/**
 * Keeps `best` the `limit` highest-scoring matches, best first (on equal scores, the one met
 * first): one insertion per match that beats the last kept, instead of sorting every match.
 */
function keepBest(best: Match[], doc: number, score: number, fields: number, limit: number): void {
  if (limit <= 0) return;
  if (best.length === limit && score <= best[limit - 1]!.score) return;
  let at = best.length;
  while (at > 0 && best[at - 1]!.score < score) at--;
  best.splice(at, 0, { doc, score, fields });
  if (best.length > limit) best.pop();
}

/** A suggestion reads this much of the text, and at most this many of its words. */
const MAX_SUGGEST_TEXT = 4000;
const MAX_SUGGEST_WORDS = 40;

/** Fewer exact results than this, and the query is run again with typo tolerance. */
const FUZZY_BELOW = 5;
/** Prefix matching starts at this many characters (two letters match half the vocabulary). */
const MIN_PREFIX = 3;
/** MiniSearch's default weights of a prefix and a fuzzy match (the word itself: 1). */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** Edits allowed for a word: one from four letters, two from eight; none for numbers. */
function fuzzyOf(term: string): number {
  if (/^\d+$/.test(term) || term.length < 4) return 0;
  return term.length >= 8 ? 2 : 1;
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
