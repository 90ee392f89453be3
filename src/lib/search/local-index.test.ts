import { describe, expect, it } from 'vitest';
import { excerpt, highlight, queryTerms, MAX_QUERY_WORDS } from './analyze';
import { LocalSearchIndex } from './local-index';
import {
  articleSearchDoc,
  customerSearchDoc,
  ticketSearchDoc,
  type SearchDoc
} from './search-docs';
import type { TicketSummary } from '$lib/domain/schema';
import * as Y from 'yjs';
import { articleText, createArticle } from '$lib/domain/article';

function summary(id: string, number: number, subject: string, tags: string[] = []): TicketSummary {
  return {
    id,
    number,
    ref: 'P-AAAAAA',
    subject,
    status: 'open',
    priority: 'normal',
    assigneeId: null,
    requesterId: 'cust-1',
    channel: 'email',
    tags,
    createdAt: 1,
    updatedAt: 2,
    firstResponseAt: null,
    solvedAt: null,
    entryCount: 1,
    hasHandover: false
  };
}

const aino = {
  id: 'cust-1',
  name: 'Aino Virtanen',
  email: 'aino@kahvila.fi',
  organisation: 'Kahvila Oy'
};

function build(docs: SearchDoc[]): LocalSearchIndex {
  const index = new LocalSearchIndex();
  index.replaceAll(docs);
  return index;
}

const ids = (index: LocalSearchIndex, q: string, kind: SearchDoc['kind'] = 'ticket') =>
  index.search(q).groups[kind].map((h) => h.id);

describe('local search', () => {
  const index = build([
    ticketSearchDoc(summary('t1', 1042, 'Tulostin ei toimi'), aino, 'Laskusta puuttuu viite.'),
    ticketSearchDoc(
      summary('t2', 7, 'Printeren virker ikke', ['hardware']),
      undefined,
      'Jeg har printere.'
    ),
    ticketSearchDoc(summary('t3', 8, 'Skrivaren fungerar inte'), undefined, 'Fakturan saknas.'),
    ticketSearchDoc(
      summary('t4', 9, 'Invoices are missing'),
      undefined,
      'Please resend the invoice.'
    ),
    customerSearchDoc({ ...aino, notes: 'Prefers phone calls' }),
    articleSearchDoc({
      id: 'a1',
      title: 'Resetting a password',
      body: 'Open the sign-in page',
      tags: ['account'],
      category: 'Accounts',
      updatedAt: 1
    })
  ]);

  it('finds tickets by a word of a message in another inflection (Finnish stems)', () => {
    expect(ids(index, 'laskut')).toEqual(['t1']);
  });

  it('stems Danish, Swedish and English', () => {
    expect(ids(index, 'printer')).toContain('t2');
    expect(ids(index, 'skrivarna')).toEqual(['t3']);
    expect(ids(index, 'invoice')).toEqual(['t4']);
  });

  it('tolerates a typo and matches the last word as a prefix', () => {
    expect(ids(index, 'invoces')).toEqual(['t4']);
    expect(ids(index, 'tulos')).toEqual(['t1']);
  });

  it('tolerates a typo in a stem: a misspelt short form meets an inflected word', () => {
    const boats = build([
      ticketSearchDoc(summary('t9', 9, 'App crashes'), aino, 'Soitti kalastusveneestä.')
    ]);
    // "kalastusvane" is two edits from "kalastusven", the stem of "kalastusveneestä".
    expect(ids(boats, 'kalastusvane')).toEqual(['t9']);
    expect(ids(boats, 'kalastusvene')).toEqual(['t9']);
  });

  it('tolerates a typo in the stem of a word added after the build, before and after the first typo', () => {
    const boats = build([
      ticketSearchDoc(summary('t9', 9, 'App crashes'), aino, 'Soitti kalastusveneestä.')
    ]);
    boats.upsert([ticketSearchDoc(summary('t10', 10, 'Vuoto'), undefined, 'Kalastusveneessä.')]);
    expect(ids(boats, 'kalastusvane').sort()).toEqual(['t10', 't9']);
    boats.upsert([
      ticketSearchDoc(summary('t11', 11, 'Moottori'), undefined, 'Kalastusveneeseen.')
    ]);
    expect(ids(boats, 'kalastusvane').sort()).toEqual(['t10', 't11', 't9']);
  });

  it('finds by number, requester, organisation and tag; every word must match', () => {
    expect(ids(index, '#1042')).toEqual(['t1']);
    expect(ids(index, 'kahvila')).toEqual(['t1']);
    expect(ids(index, 'virtanen tulostin')).toEqual(['t1']);
    expect(ids(index, 'virtanen invoices')).toEqual([]);
    expect(ids(index, 'hardware')).toEqual(['t2']);
  });

  it('groups customers and articles', () => {
    const answer = index.search('aino');
    expect(answer.groups.customer.map((h) => h.id)).toEqual(['cust-1']);
    expect(ids(index, 'phone', 'customer')).toEqual(['cust-1']);
    expect(ids(index, 'password', 'article')).toEqual(['a1']);
  });

  it('updates and removes documents', () => {
    const live = build([ticketSearchDoc(summary('t1', 1, 'Old subject'), undefined)]);
    live.upsert([ticketSearchDoc(summary('t1', 1, 'Fresh subject'), undefined)]);
    expect(ids(live, 'old')).toEqual([]);
    expect(ids(live, 'fresh')).toEqual(['t1']);
    live.remove('ticket', ['t1']);
    expect(ids(live, 'fresh')).toEqual([]);
    expect(live.size).toBe(0);
  });

  it('says which hit matched only in the body (for an excerpt)', () => {
    const hit = index.search('viite').groups.ticket[0]!;
    expect(hit.excerpt?.filter((s) => s.hit).map((s) => s.text)).toEqual(['viite']);
    expect(index.search('tulostin').groups.ticket[0]!.excerpt).toBeNull();
    expect(index.search('tulostin').groups.ticket[0]!.title).toEqual([
      { text: 'Tulostin', hit: true },
      { text: ' ei toimi', hit: false }
    ]);
  });
});

describe('highlights and bounds', () => {
  it('marks matching words as plain text segments, markup included as text', () => {
    const segments = highlight('<b>Laskusta</b> puuttuu', ['laskut']);
    expect(segments).toEqual([
      { text: '<b>', hit: false },
      { text: 'Laskusta', hit: true },
      { text: '</b> puuttuu', hit: false }
    ]);
  });

  it('excerpts around the first hit', () => {
    const text = `${'alku '.repeat(60)}tärkeä sana ${'loppu '.repeat(60)}`;
    const cut = excerpt(text, ['tärkeä'], 60);
    expect(cut).toContain('tärkeä');
    expect(cut.startsWith('…')).toBe(true);
  });

  it('bounds the query', () => {
    expect(queryTerms('aa bb cc dd ee ff gg hh ii jj kk').length).toBe(MAX_QUERY_WORDS);
    expect(queryTerms('P-AB12 a 7')).toEqual(['ab12', '7']);
    expect(queryTerms('x'.repeat(10_000))[0]!.length).toBeLessThanOrEqual(40);
    expect(queryTerms('  !!! ')).toEqual([]);
  });
});

describe('articles in the local index (#14.5/#14.6)', () => {
  function articleDocOf(id: string, fragmentText: string, title: string) {
    const doc = new Y.Doc();
    createArticle(
      doc,
      { id, workspaceId: 'workspace-0001', title, language: 'fi' },
      { id: 'member-0001', name: 'M' },
      1
    );
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    p.insert(0, [t]);
    t.insert(0, fragmentText);
    doc.getXmlFragment('body').insert(0, [p]);
    return doc;
  }

  it("indexes an article's body text (articleText) and finds it by a word of it", () => {
    const doc = articleDocOf(
      'article-0001',
      'Tulostimet nollataan painamalla virtanappia.',
      'Nollaus'
    );
    const text = articleText(doc)!;
    expect(text.body).toBe('Tulostimet nollataan painamalla virtanappia.');
    const index = build([
      articleSearchDoc({ ...text, tags: ['laite'] }),
      ticketSearchDoc(summary('t-1', 1, 'Printer broken'), aino)
    ]);
    const answer = index.search('tulostimen');
    expect(answer.groups.article.map((h) => h.id)).toEqual(['article-0001']);
    expect(answer.groups.article[0]!.excerpt?.some((s) => s.hit)).toBe(true);
    expect(index.search('laite').groups.article.map((h) => h.id)).toEqual(['article-0001']);
  });

  it('suggests the articles of a group that share words with a text, best first', () => {
    const index = build([
      articleSearchDoc({
        id: 'vpn',
        title: 'Resetting the VPN',
        body: 'When the VPN client disconnects, reset the VPN profile.',
        tags: ['vpn'],
        category: 'Network',
        updatedAt: 1
      }),
      articleSearchDoc({
        id: 'printer',
        title: 'Printer jams',
        body: 'Open the tray.',
        tags: [],
        category: 'Hardware',
        updatedAt: 1
      }),
      ticketSearchDoc(summary('t-vpn', 2, 'VPN disconnects every hour'), aino)
    ]);
    const hits = index.suggest('VPN disconnects every hour, please help', 'article', 3);
    expect(hits.map((h) => h.id)).toEqual(['vpn']);
    expect(index.suggest('Nothing in common here', 'article', 3)).toEqual([]);
    expect(index.suggest('a b c 12 34', 'article', 3)).toEqual([]);
  });
});

describe('only the shown results are ranked and highlighted (#14 speed)', () => {
  const coffee = (i: number, inTitle: boolean) =>
    ticketSearchDoc(
      summary(`k${i}`, 100 + i, inTitle ? `Kahvi loppui ${i}` : `Tilaus ${i}`),
      undefined,
      inTitle ? '' : `Asiakas kysyi kahvi ${'ja muuta '.repeat(i)}`
    );

  it('counts every match in the totals while a group keeps its best few, best first', () => {
    const docs = Array.from({ length: 30 }, (_, i) => coffee(i, i % 10 === 7));
    const index = build(docs);
    const top = index.search('kahvi', 3);
    expect(top.totals.ticket).toBe(30);
    expect(top.groups.ticket.map((h) => h.id).sort()).toEqual(['k17', 'k27', 'k7']);
    const all = index.search('kahvi', 100).groups.ticket;
    expect(all).toHaveLength(30);
    expect(top.groups.ticket.map((h) => h.id)).toEqual(all.slice(0, 3).map((h) => h.id));
    const scores = all.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('ranks the word itself above a longer word it only begins', () => {
    const index = build([
      ticketSearchDoc(summary('prefix', 1, 'Laskuttaja soitti'), undefined),
      ticketSearchDoc(summary('exact', 2, 'Lasku soitti'), undefined)
    ]);
    expect(ids(index, 'lasku')).toEqual(['exact', 'prefix']);
  });

  it('matches only the last word as a prefix', () => {
    const index = build([ticketSearchDoc(summary('t1', 1, 'Tulostin ei toimi'), aino)]);
    expect(ids(index, 'kahvila tul')).toEqual(['t1']);
    expect(ids(index, 'tul kahvila')).toEqual([]);
  });

  it('counts no removed or replaced document after a build', () => {
    const index = build(Array.from({ length: 10 }, (_, i) => coffee(i, true)));
    index.remove('ticket', ['k0', 'k1', 'k2', 'k3']);
    index.upsert([ticketSearchDoc(summary('k4', 104, 'Tee loppui'), undefined)]);
    const answer = index.search('kahvi');
    expect(answer.totals.ticket).toBe(5);
    expect(answer.groups.ticket.map((h) => h.id).sort()).toEqual(['k5', 'k6', 'k7', 'k8', 'k9']);
    expect(ids(index, 'tee')).toEqual(['k4']);
  });

  it('excerpts a long thread around its first match, however far in', () => {
    const body = `${'Hei, kiitos viestistä. '.repeat(6000)}Soitti kalastusveneestä eilen.`;
    const index = build([ticketSearchDoc(summary('t9', 9, 'App crashes'), aino, body)]);
    const hit = index.search('kalastusvene').groups.ticket[0]!;
    expect(hit.excerpt?.filter((s) => s.hit).map((s) => s.text)).toEqual(['kalastusveneestä']);
    expect(hit.excerpt?.[0]?.text.startsWith('…')).toBe(true);
  });
});
