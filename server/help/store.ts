/**
 * The help centre's own tables (`helpSchema`, run by `server/db/migrate.ts` with the other
 * modules' lists) and its port onto them, synchronous on SQLite like the surveys' store.
 *
 *   help_slugs     which workspace holds which help-centre slug: first come, first served
 *                  (`slug` is the key, `workspace_id` unique: one slug per workspace). A claim
 *                  follows the workspace's settings record; a slug another workspace holds is
 *                  not taken over (the settings page says so).
 *   help_feedback  "Was this helpful?" answers from the public pages: one row each (the
 *                  article, yes/no, an optional comment, the page's language, when).
 *
 * Why SQL and not the article's document: article documents keep every deleted item for their
 * versions (`gc: false`), so a flood of anonymous votes would grow them for good and travel to
 * every co-author's device; feedback is customers' words, read as counts and a list, never
 * co-edited. The app reads it through an endpoint (`/api/workspaces/<ws>/kb/<id>/feedback`).
 */
import type { Generated } from 'kysely';
import { SqliteStatements, type SqliteDatabase } from '../db/database.ts';
import type { ModuleSchema } from '../db/migrate.ts';

export type HelpTables = {
  help_slugs: { slug: string; workspace_id: string; claimed_at: number };
  help_feedback: {
    id: Generated<number>;
    workspace_id: string;
    article_id: string;
    helpful: number;
    comment: string;
    locale: string;
    created_at: number;
  };
};

function tables(time: 'INTEGER' | 'BIGINT', id: string): string[] {
  return [
    `CREATE TABLE help_slugs (
       slug TEXT PRIMARY KEY,
       workspace_id TEXT NOT NULL UNIQUE,
       claimed_at ${time} NOT NULL
     )`,
    `CREATE TABLE help_feedback (
       id ${id},
       workspace_id TEXT NOT NULL,
       article_id TEXT NOT NULL,
       helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
       comment TEXT NOT NULL,
       locale TEXT NOT NULL,
       created_at ${time} NOT NULL
     )`,
    `CREATE INDEX help_feedback_by_article ON help_feedback (workspace_id, article_id, created_at)`
  ];
}

export const helpSchema: ModuleSchema = {
  module: 'help',
  steps: [
    {
      name: '0001-help',
      sqlite: tables('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
      postgres: tables('BIGINT', 'BIGSERIAL PRIMARY KEY')
    }
  ]
};

export interface FeedbackEntry {
  helpful: boolean;
  comment: string;
  locale: string;
  at: number;
}

export interface FeedbackSummary {
  yes: number;
  no: number;
  /** The latest comments first (at most `limit`). */
  comments: FeedbackEntry[];
}

export class HelpStore {
  readonly #q: SqliteStatements;
  readonly #k;

  constructor(database: SqliteDatabase) {
    this.#q = new SqliteStatements(database.sqlite);
    this.#k = database.kysely.withTables<HelpTables>();
  }

  /** The workspace holding `slug`, or `null`. */
  slugOwner(slug: string): string | null {
    const row = this.#q.first(
      this.#k.selectFrom('help_slugs').select('workspace_id').where('slug', '=', slug)
    );
    return row?.workspace_id ?? null;
  }

  /** The slug the workspace holds, or `null`. */
  slugOf(workspaceId: string): string | null {
    const row = this.#q.first(
      this.#k.selectFrom('help_slugs').select('slug').where('workspace_id', '=', workspaceId)
    );
    return row?.slug ?? null;
  }

  /**
   * Makes `slug` the workspace's (its old one is released), unless another workspace holds it.
   * `null` releases the workspace's slug. Returns whether the workspace now holds `slug`.
   */
  claim(workspaceId: string, slug: string | null, now: number): boolean {
    const k = this.#k;
    return this.#q.transaction(() => {
      if (slug !== null) {
        const owner = this.slugOwner(slug);
        if (owner === workspaceId) return true;
        if (owner !== null) return false;
      }
      this.#q.run(k.deleteFrom('help_slugs').where('workspace_id', '=', workspaceId));
      if (slug === null) return false;
      this.#q.run(
        k.insertInto('help_slugs').values({ slug, workspace_id: workspaceId, claimed_at: now })
      );
      return true;
    }, 'immediate');
  }

  addFeedback(
    workspaceId: string,
    articleId: string,
    entry: { helpful: boolean; comment: string; locale: string },
    now: number
  ): void {
    this.#q.run(
      this.#k.insertInto('help_feedback').values({
        workspace_id: workspaceId,
        article_id: articleId,
        helpful: entry.helpful ? 1 : 0,
        comment: entry.comment,
        locale: entry.locale,
        created_at: now
      })
    );
  }

  feedback(workspaceId: string, articleId: string, limit = 50): FeedbackSummary {
    const k = this.#k;
    const counts = this.#q.all(
      k
        .selectFrom('help_feedback')
        .select(['helpful', (eb) => eb.fn.countAll<number>().as('n')])
        .where('workspace_id', '=', workspaceId)
        .where('article_id', '=', articleId)
        .groupBy('helpful')
    );
    const rows = this.#q.all(
      k
        .selectFrom('help_feedback')
        .select(['helpful', 'comment', 'locale', 'created_at'])
        .where('workspace_id', '=', workspaceId)
        .where('article_id', '=', articleId)
        .where('comment', '!=', '')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
    );
    return {
      yes: Number(counts.find((c) => c.helpful === 1)?.n ?? 0),
      no: Number(counts.find((c) => c.helpful === 0)?.n ?? 0),
      comments: rows.map((r) => ({
        helpful: r.helpful === 1,
        comment: r.comment,
        locale: r.locale,
        at: r.created_at
      }))
    };
  }
}
