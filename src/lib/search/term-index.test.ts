import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { terms } from './analyze';
import { FIELDS, TermIndex, type IndexedDoc } from './term-index';

const doc = (
  key: string,
  fields: Partial<Record<(typeof FIELDS)[number], string>>
): IndexedDoc => ({
  key,
  title: '',
  number: '',
  people: '',
  tags: '',
  body: '',
  ...fields
});

/** Words repeated within a field, across fields and documents; empty fields; a long word. */
const DOCS = [
  doc('ticket:1', {
    title: 'Tulostin ei toimi',
    number: '1042 AB12CD',
    people: 'Aino Virtanen aino@kahvila.fi Kahvila Oy',
    tags: 'hardware printer',
    body: 'Tulostin tulostaa tyhjää. Tulostin on uusi, tulostin!'
  }),
  doc('ticket:2', { title: 'Printer broken', body: 'The printer, the PRINTER and the toner.' }),
  doc('customer:3', { title: 'Aino Virtanen', people: 'aino@kahvila.fi Kahvila Oy' }),
  doc('article:4', {
    title: 'Resetting a printer',
    tags: 'printer',
    body: `${'x'.repeat(60)} Open the tray; printer printer printer.`
  })
];

function fromAddAll(docs: IndexedDoc[]): MiniSearch<IndexedDoc> {
  const mini = new MiniSearch<IndexedDoc>({
    idField: 'key',
    fields: [...FIELDS],
    tokenize: terms,
    processTerm: (term) => term
  });
  mini.addAll(docs);
  return mini;
}

function loaded(docs: IndexedDoc[]): { index: TermIndex; learnt: string[] } {
  const index = new TermIndex(terms);
  const learnt: string[] = [];
  index.load(
    docs.map((d) => d.key),
    docs,
    terms,
    (term) => learnt.push(term)
  );
  return { index, learnt };
}

const BOOST = FIELDS.map(() => 1);
const collect = (index: TermIndex, words: Map<string, number>[], mode: 'and' | 'or') => {
  const out = new Map<string, number>();
  index.matches(words, mode, BOOST, (doc, score) => out.set(index.keyOf(doc)!, score));
  return out;
};

describe('TermIndex.load', () => {
  it('makes the very index MiniSearch’s addAll makes (its serialized form)', () => {
    const { index } = loaded(DOCS);
    expect(JSON.parse(JSON.stringify(index))).toEqual(JSON.parse(JSON.stringify(fromAddAll(DOCS))));
  });

  it('tells each distinct word once', () => {
    const { learnt } = loaded(DOCS);
    expect(new Set(learnt).size).toBe(learnt.length);
    expect(learnt).toContain('tulostin');
    expect(learnt).toContain('printer');
  });

  it('refuses a second load and duplicate keys (an index is loaded once, whole)', () => {
    const { index } = loaded(DOCS);
    expect(() => index.load(['x'], [DOCS[0]!], terms, () => {})).toThrow(/not empty/);
    expect(() => loaded([DOCS[0]!, DOCS[0]!])).toThrow(/duplicate/);
  });

  it('takes documents added and discarded afterwards as MiniSearch does', () => {
    const { index } = loaded(DOCS.slice(0, 2));
    const mini = fromAddAll(DOCS.slice(0, 2));
    for (const m of [index, mini]) {
      m.add(DOCS[2]!);
      m.discard('ticket:1');
      m.add(DOCS[3]!);
    }
    expect(JSON.parse(JSON.stringify(index))).toEqual(JSON.parse(JSON.stringify(mini)));
  });
});

describe('TermIndex.matches', () => {
  it('scores a word as MiniSearch does (BM25 over every field it is in)', () => {
    const { index } = loaded(DOCS);
    const mini = fromAddAll(DOCS);
    for (const word of ['printer', 'tulostin', 'kahvila', 'aino']) {
      const ours = collect(index, [new Map([[word, 1]])], 'or');
      const theirs = new Map(mini.search(word).map((r) => [r.id as string, r.score]));
      expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
      for (const [key, score] of theirs) expect(ours.get(key)).toBeCloseTo(score, 10);
    }
  });

  it('AND keeps only documents every word reaches; OR any; a weight scales a term', () => {
    const { index } = loaded(DOCS);
    const printer = new Map([['printer', 1]]);
    const aino = new Map([['aino', 1]]);
    expect([...collect(index, [printer, aino], 'and').keys()]).toEqual(['ticket:1']);
    expect([...collect(index, [printer, aino], 'or').keys()].sort()).toEqual([
      'article:4',
      'customer:3',
      'ticket:1',
      'ticket:2'
    ]);
    const full = collect(index, [printer], 'or').get('ticket:2')!;
    const half = collect(index, [new Map([['printer', 0.5]])], 'or').get('ticket:2')!;
    expect(half).toBeCloseTo(full / 2, 10);
    // A word with no indexed term reaches nothing, so AND finds nothing.
    expect(collect(index, [printer, new Map([['nosuchword', 1]])], 'and').size).toBe(0);
  });

  it('skips discarded documents still in the term data, and forgets one query before the next', () => {
    const { index } = loaded(DOCS);
    index.discard('ticket:2');
    const printer = new Map([['printer', 1]]);
    expect([...collect(index, [printer], 'or').keys()].sort()).toEqual(['article:4', 'ticket:1']);
    const once = collect(index, [printer], 'or');
    expect(collect(index, [printer], 'or')).toEqual(once);
  });

  it('finds the terms under a prefix and within edits', () => {
    const { index } = loaded(DOCS);
    expect([...index.withPrefix('tulost')].sort()).toEqual(['tulostaa', 'tulostin']);
    expect(index.near('printr', 1).get('printer')).toBe(1);
    expect(index.hasTerm('toner')).toBe(true);
  });
});
