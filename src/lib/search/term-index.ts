/**
 * MiniSearch, plus the two things the local search needs that MiniSearch's own API makes slow
 * at 10,000 tickets and 500 articles (issue 14's budgets: a build ≤ 1 s, a keystroke ≤ 30 ms on
 * a phone). It keeps MiniSearch's index as it is — the radix tree of terms (`SearchableMap`,
 * for prefixes and typo tolerance), the per-field term frequencies, field lengths, `add`,
 * `discard` and vacuuming — and reads and writes it through the fields MiniSearch declares
 * `protected` for subclasses:
 *
 * - **`load`**, a whole build at once. `addAll` looks every occurrence of every word up in the
 *   radix tree and in two nested maps (most of a build's time); `load` counts the occurrences
 *   in one hash map first and puts each distinct term into the tree once. The result is the
 *   same index `addAll` makes (a test compares their `toJSON()`), the version of MiniSearch is
 *   pinned in package.json for it.
 * - **`matches`**, a scorer of query words given as weighted terms. MiniSearch's `search`
 *   makes a result object per matching document for every term and every query node, merges
 *   them node by node, then sorts all matches; `matches` adds the same BM25 scores into typed
 *   arrays and tells the caller each matching document (no object per match, no sort), so it
 *   keeps only the few it shows. AND keeps the documents that every word reaches, OR those any word reaches.
 */
import MiniSearch from 'minisearch';

export const FIELDS = ['title', 'number', 'people', 'tags', 'body'] as const;
export type Field = (typeof FIELDS)[number];

/** What the index stores per document: the text of each field, and a unique key. */
export type IndexedDoc = Record<Field, string> & { key: string };

/** The indexed terms a query word reaches, each with its weight (the word itself: 1). */
export type WordTerms = ReadonlyMap<string, number>;

export interface Match {
  /** MiniSearch's short id of the document (`keyOf` gives its key). */
  doc: number;
  score: number;
  /** A bit per field the query matched in (bit `i` for `FIELDS[i]`). */
  fields: number;
}

/** Hears each matching document: no object per match (most are counted, not shown). */
export type MatchVisitor = (doc: number, score: number, fields: number) => void;

/** MiniSearch's BM25+ parameters (its defaults), so scores are the ones `search` gives. */
const K = 1.2;
const B = 0.7;
const D = 0.5;

/**
 * A term's occurrences while loading: (field, document, count) triples in the order met, and
 * the last pair, whose count the next occurrence may raise.
 */
interface Occurrences {
  doc: number;
  field: number;
  list: number[];
}

type FieldTermData = Map<number, Map<number, number>>;

export class TermIndex extends MiniSearch<IndexedDoc> {
  #score = new Float64Array(0);
  /** Per document: how many query words have reached it in this query. */
  #reached = new Int32Array(0);
  #fields = new Uint8Array(0);

  constructor(tokenize: (text: string) => string[]) {
    super({
      idField: 'key',
      fields: [...FIELDS],
      tokenize,
      processTerm: (term) => term,
      autoVacuum: { minDirtCount: 200, minDirtFactor: 0.2, batchSize: 2000, batchWait: 20 }
    });
  }

  /**
   * Indexes `docs` (keyed by `keys`, in the same order) into this empty index, as `addAll`
   * would. `split` gives a field's terms; `learn` hears each distinct term once, when first met.
   */
  load(
    keys: readonly string[],
    docs: readonly Readonly<Record<Field, string>>[],
    split: (text: string) => string[],
    learn: (term: string) => void
  ): void {
    if (this._nextId !== 0) throw new Error('TermIndex.load: the index is not empty');
    const found = new Map<string, Occurrences>();
    const average = this._avgFieldLength;
    for (let doc = 0; doc < docs.length; doc++) {
      const key = keys[doc]!;
      if (this._idToShortId.has(key)) throw new Error(`TermIndex.load: duplicate key ${key}`);
      this._documentIds.set(doc, key);
      this._idToShortId.set(key, doc);
      const lengths: number[] = [];
      for (let field = 0; field < FIELDS.length; field++) {
        const terms = split(docs[doc]![FIELDS[field]!]);
        let distinct = 0;
        for (let i = 0; i < terms.length; i++) {
          const term = terms[i]!;
          let at = found.get(term);
          if (at === undefined) {
            at = { doc: -1, field: -1, list: [] };
            found.set(term, at);
            learn(term);
          }
          // A term's occurrences in one field of one document come one after another.
          if (at.doc === doc && at.field === field) {
            at.list[at.list.length - 1]!++;
          } else {
            at.doc = doc;
            at.field = field;
            at.list.push(field, doc, 1);
            distinct++;
          }
        }
        // MiniSearch's field length is the number of distinct terms, averaged as it goes.
        lengths.push(distinct);
        average[field] = ((average[field] ?? 0) * doc + distinct) / (doc + 1);
      }
      this._fieldLength.set(doc, lengths);
    }
    // Into MiniSearch's shape (term → field → document → count), each term once, in the order
    // `addAll` would have met them.
    for (const [term, { list }] of found) {
      const data: FieldTermData = new Map();
      for (let i = 0; i < list.length; i += 3) {
        let freqs = data.get(list[i]!);
        if (freqs === undefined) data.set(list[i]!, (freqs = new Map()));
        freqs.set(list[i + 1]!, list[i + 2]!);
      }
      this._index.set(term, data);
    }
    this._documentCount = docs.length;
    this._nextId = docs.length;
  }

  /** The key of a document by its short id (`undefined` once discarded). */
  keyOf(doc: number): string | undefined {
    return this._documentIds.get(doc) as string | undefined;
  }

  shortIdOf(key: string): number | undefined {
    return this._idToShortId.get(key);
  }

  hasTerm(term: string): boolean {
    return this._index.has(term);
  }

  /** The indexed terms that start with `prefix` (itself included when indexed). */
  *withPrefix(prefix: string): Iterable<string> {
    yield* this._index.atPrefix(prefix).keys();
  }

  /** The indexed terms within `edits` of `term`, with their distance. */
  near(term: string, edits: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const [found, [, distance]] of this._index.fuzzyGet(term, edits)) out.set(found, distance);
    return out;
  }

  /**
   * The documents the query words reach, with their scores: for each word, the sum over its
   * terms and fields of weight × field boost × BM25 (as MiniSearch scores a term); summed over
   * the words. `and`: only documents every word reaches. In no particular order.
   */
  matches(
    words: readonly WordTerms[],
    mode: 'and' | 'or',
    boost: readonly number[],
    visit: MatchVisitor
  ): void {
    this.#fit(this._nextId);
    const score = this.#score;
    const reached = this.#reached;
    const fields = this.#fields;
    const all = mode === 'and';
    const total = this._documentCount;
    const dirty = this._dirtCount > 0;
    const touched: number[] = [];
    for (let w = 0; w < words.length; w++) {
      // AND: a document counts for word `w` only when it has every word before it.
      const before = all ? w : 0;
      for (const [term, weight] of words[w]!) {
        const data = this._index.get(term);
        if (data === undefined) continue;
        for (const [field, freqs] of data) {
          const average = this._avgFieldLength[field]!;
          const count = freqs.size;
          const factor =
            weight * (boost[field] ?? 1) * Math.log(1 + (total - count + 0.5) / (count + 0.5));
          for (const [doc, freq] of freqs) {
            const r = reached[doc]!;
            if (all ? r !== before && r !== before + 1 : false) continue;
            // A discarded document stays in the term data until the next vacuum.
            if (dirty && !this._documentIds.has(doc)) continue;
            if (r === 0) touched.push(doc);
            if (r === before) reached[doc] = before + 1;
            const length = this._fieldLength.get(doc)![field]!;
            score[doc]! +=
              factor * (D + (freq * (K + 1)) / (freq + K * (1 - B + (B * length) / average)));
            fields[doc]! |= 1 << field;
          }
        }
      }
    }
    const need = all ? words.length : 1;
    try {
      for (const doc of touched) if (reached[doc]! >= need) visit(doc, score[doc]!, fields[doc]!);
    } finally {
      for (const doc of touched) {
        score[doc] = 0;
        reached[doc] = 0;
        fields[doc] = 0;
      }
    }
  }

  #fit(size: number): void {
    if (this.#score.length >= size) return;
    const capacity = Math.max(size, Math.ceil(this.#score.length * 1.5), 64);
    this.#score = new Float64Array(capacity);
    this.#reached = new Int32Array(capacity);
    this.#fields = new Uint8Array(capacity);
  }
}
