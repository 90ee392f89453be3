/**
 * The search module's tables (`searchSchema`, run by server/db/migrate.ts with the other
 * modules' lists, each with its own bookkeeping).
 *
 * SQLite:
 *   search_docs  one row per searchable thing (ticket, customer, article): its workspace, kind,
 *                id and what a result row shows (title, detail, status, updated_at);
 *   search_fts   an FTS5 table over the same rowids, contentless (the text lives in the
 *                documents; only the index is kept) with `contentless_delete` so a row can be
 *                replaced. Its columns hold the *analysed* text (`search/analyze.ts`: each word
 *                and its Finnish, Danish, Swedish and English stems), since FTS5's own stemmer
 *                knows English only; `ws` holds one token naming the workspace, so a query
 *                intersects with the workspace's postings instead of filtering every match.
 * PostgreSQL: one table with a `tsvector` over the same analysed text (the `simple`
 * configuration: the stems are already there) and a GIN index; the store for it is the same
 * port (`search-store.ts`).
 */
import type { ModuleSchema } from '../db/migrate.ts';

export const searchSchema: ModuleSchema = {
  module: 'search',
  steps: [
    {
      name: '0001-search',
      sqlite: [
        `CREATE TABLE search_docs (
           rowid INTEGER PRIMARY KEY,
           workspace_id TEXT NOT NULL,
           kind TEXT NOT NULL,
           doc_id TEXT NOT NULL,
           title TEXT NOT NULL,
           detail TEXT NOT NULL,
           status TEXT NOT NULL,
           updated_at INTEGER NOT NULL,
           UNIQUE (kind, doc_id)
         )`,
        'CREATE INDEX search_docs_by_workspace ON search_docs (workspace_id, kind)',
        `CREATE VIRTUAL TABLE search_fts USING fts5(
           ws, title, number, people, tags, body,
           content = '', contentless_delete = 1,
           tokenize = 'unicode61 remove_diacritics 0'
         )`
      ],
      postgres: [
        `CREATE TABLE search_docs (
           id BIGSERIAL PRIMARY KEY,
           workspace_id TEXT NOT NULL,
           kind TEXT NOT NULL,
           doc_id TEXT NOT NULL,
           title TEXT NOT NULL,
           detail TEXT NOT NULL,
           status TEXT NOT NULL,
           updated_at BIGINT NOT NULL,
           terms TSVECTOR NOT NULL,
           UNIQUE (kind, doc_id)
         )`,
        'CREATE INDEX search_docs_by_workspace ON search_docs (workspace_id, kind)',
        'CREATE INDEX search_docs_terms ON search_docs USING GIN (terms)'
      ]
    }
  ]
};
