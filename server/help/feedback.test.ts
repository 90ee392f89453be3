import { describe, expect, it } from 'vitest';
import { parseFeedbackForm, MAX_FEEDBACK_COMMENT } from './feedback.ts';
import { HelpFormTokens } from './form-token.ts';
import { normalize, queryWords, searchArticles } from './search.ts';

describe('parseFeedbackForm', () => {
  it('reads an answer and a trimmed comment', () => {
    expect(
      parseFeedbackForm({ answer: 'no', comment: '  Too short.\r\n ', token: 't', website: '' })
    ).toEqual({
      ok: true,
      value: { helpful: false, comment: 'Too short.', token: 't' }
    });
    expect(parseFeedbackForm({ answer: 'yes' })).toEqual({
      ok: true,
      value: { helpful: true, comment: '', token: '' }
    });
  });

  it('drops control characters but keeps line breaks', () => {
    const parsed = parseFeedbackForm({ answer: 'yes', comment: 'a\u0000b\u0007c\nd\u202e' });
    expect(parsed.ok && parsed.value.comment).toBe('abc\nd\u202e');
  });

  it('refuses a missing or unknown answer, a long comment and a filled honeypot', () => {
    expect(parseFeedbackForm(null)).toMatchObject({ ok: false, problem: 'choose-answer' });
    expect(parseFeedbackForm({ answer: 'YES' })).toMatchObject({
      ok: false,
      problem: 'choose-answer'
    });
    expect(parseFeedbackForm({ answer: 'yes', comment: 'é'.repeat(MAX_FEEDBACK_COMMENT) }).ok).toBe(
      true
    );
    expect(
      parseFeedbackForm({ answer: 'yes', comment: 'é'.repeat(MAX_FEEDBACK_COMMENT + 1) })
    ).toMatchObject({ ok: false, problem: 'comment-too-long' });
    expect(parseFeedbackForm({ answer: 'yes', website: 'x' })).toMatchObject({
      ok: false,
      problem: 'honeypot'
    });
  });
});

describe('HelpFormTokens', () => {
  const times = { minAgeMs: 2_000, maxAgeMs: 60_000 };
  const tokens = new HelpFormTokens(Buffer.alloc(32, 7), times);

  it('accepts its own token for the article, between the minimum and maximum age', () => {
    const token = tokens.sign('article-one', 10_000);
    expect(tokens.problem(token, 'article-one', 12_000)).toBeNull();
    expect(tokens.problem(token, 'article-one', 70_000)).toBeNull();
  });

  it('refuses a token too soon or too late', () => {
    const token = tokens.sign('article-one', 10_000);
    expect(tokens.problem(token, 'article-one', 10_500)).toBe('too-fast');
    expect(tokens.problem(token, 'article-one', 70_001)).toBe('expired');
  });

  it('refuses another article, another key, a changed time and garbage', () => {
    const token = tokens.sign('article-one', 10_000);
    expect(tokens.problem(token, 'article-two', 20_000)).toBe('forged');
    expect(
      new HelpFormTokens(Buffer.alloc(32, 8), times).problem(token, 'article-one', 20_000)
    ).toBe('forged');
    const [v, id, , mac] = token.split('.');
    expect(tokens.problem(`${v}.${id}.${(1).toString(36)}.${mac}`, 'article-one', 20_000)).toBe(
      'forged'
    );
    for (const garbage of [undefined, 42, '', 'v1', 'v2.a.b.c', 'x'.repeat(500), `${token}x`]) {
      expect(tokens.problem(garbage, 'article-one', 20_000)).toBe('malformed');
    }
  });
});

describe('help centre search', () => {
  const articles = [
    {
      id: 'a',
      titleKey: normalize('Reset a password'),
      textKey: normalize('Reset a password. Open settings.'),
      publishedAt: 1
    },
    {
      id: 'b',
      titleKey: normalize('Salasanan vaihto'),
      textKey: normalize('Salasanan vaihto: avaa asetukset ja paina nollaa'),
      publishedAt: 2
    },
    {
      id: 'c',
      titleKey: normalize('Settings'),
      textKey: normalize('Settings and your password'),
      publishedAt: 3
    }
  ];

  it('needs every word, ranks title hits first, ignores case and accents', () => {
    expect(searchArticles(articles, 'PASSWORD').map((a) => a.id)).toEqual(['a', 'c']);
    expect(searchArticles(articles, 'settings password').map((a) => a.id)).toEqual(['c', 'a']);
    expect(searchArticles(articles, 'salasanan ASETUKSET').map((a) => a.id)).toEqual(['b']);
    expect(searchArticles(articles, 'sälasanan').map((a) => a.id)).toEqual(['b']);
    expect(searchArticles(articles, '   ')).toEqual([]);
  });

  it('bounds the query', () => {
    expect(queryWords('a b c d e f g h i j k').length).toBe(8);
    expect(queryWords(`${'x'.repeat(300)}`)[0]?.length).toBe(200);
  });
});
