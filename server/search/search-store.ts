/**
 * The search module's port onto its own tables (`migrations.ts`) and its SQLite adapter.
 *
 * Rows are `SearchDoc`s (`src/lib/search/search-docs.ts`) with their workspace; their text is
 * analysed before it is stored (`indexedText`: each word and its stems in four languages), and
 * a query is analysed the same way, so FTS5 compares forms made by the same code as the
 * browser's index. A query is one FTS5 expression built here from the analysed words only
 * (letters and digits, each quoted): every word must match (AND), each through any of its
 * forms (OR), the last also as a prefix; and the workspace's token. Nothing a member typed
 * reaches FTS5's query syntax, so `"`, `*`, `NEAR(` or `ws:` are plain text.
 *
 * Order: heading matches, then body matches, newest first (see `search`).
 *
 * The workspace is asked twice: in the FTS expression (fast: intersected postings) and again on
 * the joined row (`search_docs.workspace_id = ?`), which is what the authorisation rests on.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from '../db/database.ts';
import type { MaybePromise } from '../db/ports.ts';
import { forms, indexedText, queryTerms } from '../../src/lib/search/analyze.ts';
import type { SearchDoc, SearchGroup } from '../../src/lib/search/search-docs.ts';

export type SearchRow = SearchDoc & { workspaceId: string };

export interface StoredHit {
  kind: SearchGroup;
  id: string;
  title: string;
  detail: string;
  status: string;
  updatedAt: number;
}

/** The port: SQLite FTS5 here; PostgreSQL's `tsvector` the same way (see `migrations.ts`). */
export interface SearchStore {
  put(rows: readonly SearchRow[]): MaybePromise<void>;
  remove(kind: SearchGroup, ids: readonly string[]): MaybePromise<void>;
  /** Ids of one kind the store holds for a workspace (to find what a backfill still lacks). */
  has(kind: SearchGroup, id: string): MaybePromise<boolean>;
  /** The best `limit` hits in the workspace, best first; `[]` for a query with no words. */
  search(workspaceId: string, query: string, limit: number): MaybePromise<StoredHit[]>;
}

/** The workspace as one FTS token (ids are lowercase letters, digits and dashes). */
export function workspaceToken(workspaceId: string): string {
  return `ws${workspaceId.replace(/-/g, 'x')}`;
}

/** The columns a query reads: the short ones (what a ticket is called and who asked) or all. */
export type SearchColumns = 'heading' | 'all';
const COLUMN_FILTER: Record<SearchColumns, string> = {
  heading: '{title number people tags}',
  all: '{title number people tags body}'
};

/** The FTS5 expression for analysed query words; `null` when there are none. */
export function ftsQuery(
  workspaceId: string,
  query: string,
  columns: SearchColumns = 'all'
): string | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;
  const parts = terms.map((term, i) => {
    const [word, ...stems] = forms(term) as [string, ...string[]];
    const last = i === terms.length - 1;
    const alternatives = [
      `${quote(word)}${last && (word.length >= 3 || /^\d{2,}$/.test(word)) ? '*' : ''}`,
      ...stems.map(quote)
    ];
    return `${COLUMN_FILTER[columns]}: (${alternatives.join(' OR ')})`;
  });
  return `ws: ${quote(workspaceToken(workspaceId))} AND ${parts.join(' AND ')}`;
}

export class SqliteSearchStore implements SearchStore {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #findRow: BetterSqlite3.Statement<[string, string], { rowid: number }>;
  readonly #insertRow: BetterSqlite3.Statement<unknown[], unknown>;
  readonly #updateRow: BetterSqlite3.Statement<unknown[], unknown>;
  readonly #deleteRow: BetterSqlite3.Statement<[number], unknown>;
  readonly #deleteFts: BetterSqlite3.Statement<[number], unknown>;
  readonly #insertFts: BetterSqlite3.Statement<unknown[], unknown>;
  readonly #search: BetterSqlite3.Statement<[string, number, string], StoredRow>;
  readonly #putMany: (rows: readonly SearchRow[]) => void;

  constructor(database: SqliteDatabase) {
    const db = database.sqlite;
    this.#sqlite = db;
    this.#findRow = db.prepare('SELECT rowid FROM search_docs WHERE kind = ? AND doc_id = ?');
    this.#insertRow = db.prepare(
      `INSERT INTO search_docs (workspace_id, kind, doc_id, title, detail, status, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`
    );
    this.#updateRow = db.prepare(
      `UPDATE search_docs SET workspace_id = ?, title = ?, detail = ?, status = ?, updated_at = ?
       WHERE rowid = ?`
    );
    this.#deleteRow = db.prepare('DELETE FROM search_docs WHERE rowid = ?');
    this.#deleteFts = db.prepare('DELETE FROM search_fts WHERE rowid = ?');
    this.#insertFts = db.prepare(
      'INSERT INTO search_fts (rowid, ws, title, number, people, tags, body) VALUES (?, ?, ?, ?, ?, ?, ?)'
    );
    // Newest first (rowids grow as things are first indexed): FTS5 walks its postings in rowid
    // order and stops at the limit. Ranking with bm25 would score every match first (and
    // count the workspace token's whole posting list): 0.3 s for a common word in 100,000.
    this.#search = db.prepare(
      `SELECT d.kind, d.doc_id, d.title, d.detail, d.status, d.updated_at
       FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f
       JOIN search_docs d ON d.rowid = f.rowid
       WHERE d.workspace_id = ?
       ORDER BY f.rowid DESC`
    );
    this.#putMany = db.transaction((rows: readonly SearchRow[]) => {
      for (const row of rows) this.#putOne(row);
    });
  }

  #putOne(row: SearchRow): void {
    const found = this.#findRow.get(row.kind, row.id);
    let rowid: number;
    if (found) {
      rowid = found.rowid;
      this.#updateRow.run(row.workspaceId, row.title, row.detail, row.status, row.updatedAt, rowid);
      this.#deleteFts.run(rowid);
    } else {
      const inserted = this.#insertRow.run(
        row.workspaceId,
        row.kind,
        row.id,
        row.title,
        row.detail,
        row.status,
        row.updatedAt
      ) as BetterSqlite3.RunResult;
      rowid = Number(inserted.lastInsertRowid);
    }
    this.#insertFts.run(
      rowid,
      workspaceToken(row.workspaceId),
      indexedText(row.title),
      indexedText(row.number),
      indexedText(row.people),
      indexedText(row.tags),
      indexedText(row.body)
    );
  }

  put(rows: readonly SearchRow[]): void {
    if (rows.length > 0) this.#putMany(rows);
  }

  remove(kind: SearchGroup, ids: readonly string[]): void {
    const run = this.#sqlite.transaction(() => {
      for (const id of ids) {
        const found = this.#findRow.get(kind, id);
        if (!found) continue;
        this.#deleteFts.run(found.rowid);
        this.#deleteRow.run(found.rowid);
      }
    });
    run();
  }

  has(kind: SearchGroup, id: string): boolean {
    return this.#findRow.get(kind, id) !== undefined;
  }

  /**
   * What the title, number, requester or tags match first, then what only a message or note
   * matches; newest first within each (a helpdesk looks for the recent ticket).
   */
  search(workspaceId: string, query: string, limit: number): StoredHit[] {
    const heading = ftsQuery(workspaceId, query, 'heading');
    if (!heading) return [];
    const rows = this.#search.all(heading, limit, workspaceId);
    if (rows.length < limit) {
      const seen = new Set(rows.map((r) => `${r.kind}:${r.doc_id}`));
      const more = this.#search.all(ftsQuery(workspaceId, query, 'all')!, limit, workspaceId);
      for (const row of more) {
        if (rows.length >= limit) break;
        if (!seen.has(`${row.kind}:${row.doc_id}`)) rows.push(row);
      }
    }
    return rows.map((row) => ({
      kind: row.kind as SearchGroup,
      id: row.doc_id,
      title: row.title,
      detail: row.detail,
      status: row.status,
      updatedAt: row.updated_at
    }));
  }
}

interface StoredRow {
  kind: string;
  doc_id: string;
  title: string;
  detail: string;
  status: string;
  updated_at: number;
}
