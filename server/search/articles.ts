/**
 * An article document (`kb/<id>`) as the server search's row: title, tags and category over
 * the body's plain text (`articleText`), in the article's own workspace (bound by its creating
 * update; the update check refuses moving it). Drafts are indexed too: every member of the
 * workspace reads them in the app (`roles.ts`); the help centre never asks this store.
 * The row's `status` is the article's (draft or published).
 */
import type * as Y from 'yjs';
import { articleText } from '../../src/lib/domain/article.ts';
import { articleSearchDoc } from '../../src/lib/search/search-docs.ts';
import type { SearchRow } from './search-store.ts';

export function articleSearchRow(doc: Y.Doc): SearchRow | null {
  const article = articleText(doc);
  if (!article) return null;
  return {
    ...articleSearchDoc(article),
    status: article.status,
    workspaceId: article.workspaceId
  };
}
