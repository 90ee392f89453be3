/**
 * Search over a help centre's published public articles: an in-memory scan of the cached
 * articles (a help centre holds hundreds of articles, not millions; the cache is already in
 * memory, so no second index has to be kept true). Words are matched without case or
 * accents (`ä` finds `a` and the other way), each word must occur in the title or the body;
 * a word in the title counts five times, a title that starts with the words more. Queries are
 * bounded (`MAX_HELP_QUERY` characters, `MAX_HELP_QUERY_WORDS` words) and rate-limited by the
 * caller.
 */
export const MAX_HELP_QUERY = 200;
export const MAX_HELP_QUERY_WORDS = 8;
export const MAX_HELP_RESULTS = 20;

export interface Searchable {
  /** `normalize(title)`. */
  titleKey: string;
  /** `normalize(title + body)`. */
  textKey: string;
  publishedAt: number | null;
}

/** Lower case, accents removed, runs of anything but letters and digits as one space. */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The query's words (none for an empty query), at most `MAX_HELP_QUERY_WORDS`. */
export function queryWords(query: string): string[] {
  const words = normalize(query.slice(0, MAX_HELP_QUERY)).split(' ').filter(Boolean);
  return [...new Set(words)].slice(0, MAX_HELP_QUERY_WORDS);
}

export function searchArticles<T extends Searchable>(
  articles: readonly T[],
  query: string,
  limit = MAX_HELP_RESULTS
): T[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const phrase = words.join(' ');
  const scored: { article: T; score: number }[] = [];
  for (const article of articles) {
    let score = 0;
    let all = true;
    for (const word of words) {
      const inTitle = article.titleKey.includes(word);
      if (!inTitle && !article.textKey.includes(word)) {
        all = false;
        break;
      }
      score += inTitle ? 5 : 1;
    }
    if (!all) continue;
    if (article.titleKey.startsWith(phrase)) score += 10;
    scored.push({ article, score });
  }
  scored.sort(
    (a, b) => b.score - a.score || (b.article.publishedAt ?? 0) - (a.article.publishedAt ?? 0)
  );
  return scored.slice(0, limit).map((s) => s.article);
}
