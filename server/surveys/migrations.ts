/**
 * The surveys module's own tables (`surveysSchema`, run by server/db/migrate.ts with the other
 * modules' lists), for SQLite and PostgreSQL. Timestamps are epoch milliseconds.
 *
 *   survey_sends    one row per survey a ticket gets (CSAT or NPS), unique per kind and ticket:
 *                   the durable queue of the surveys worker (`workers/surveys.ts`) and what a
 *                   link names. `id` is 128 random bits: the link carries it, signed.
 *                   `customer_key` is the requester's address in lower case (NPS asks each
 *                   customer at most once per interval). `due_at` null: waiting for the ticket
 *                   to be solved again (it was reopened before the survey left).
 *   survey_answers  the latest answer to each survey (latest wins): the score as text ('good',
 *                   'bad', '0'…'10'), the comment, when first and last answered, how often
 *                   changed. For reports.
 */
import type { ModuleSchema } from '../db/migrate.ts';

export type SurveyState = 'scheduled' | 'sending' | 'sent' | 'failed' | 'unknown' | 'skipped';

export type SurveyTables = {
  survey_sends: {
    id: string;
    kind: string;
    workspace_id: string;
    ticket_id: string;
    customer_key: string;
    email: string;
    scale: string;
    locale: string;
    state: SurveyState;
    due_at: number | null;
    attempts: number;
    last_error: string | null;
    sent_at: number | null;
    expires_at: number | null;
    created_at: number;
    updated_at: number;
  };
  survey_answers: {
    survey_id: string;
    kind: string;
    workspace_id: string;
    ticket_id: string;
    customer_key: string;
    score: string;
    comment: string;
    answered_at: number;
    updated_at: number;
    changes: number;
  };
};

function tables(time: 'INTEGER' | 'BIGINT'): string[] {
  return [
    `CREATE TABLE survey_sends (
       id TEXT PRIMARY KEY,
       kind TEXT NOT NULL CHECK (kind IN ('csat', 'nps')),
       workspace_id TEXT NOT NULL,
       ticket_id TEXT NOT NULL,
       customer_key TEXT NOT NULL,
       email TEXT NOT NULL,
       scale TEXT NOT NULL,
       locale TEXT NOT NULL,
       state TEXT NOT NULL
         CHECK (state IN ('scheduled', 'sending', 'sent', 'failed', 'unknown', 'skipped')),
       due_at ${time},
       attempts INTEGER NOT NULL,
       last_error TEXT,
       sent_at ${time},
       expires_at ${time},
       created_at ${time} NOT NULL,
       updated_at ${time} NOT NULL,
       UNIQUE (kind, ticket_id)
     )`,
    `CREATE INDEX survey_sends_due ON survey_sends (state, due_at)`,
    `CREATE INDEX survey_sends_by_customer ON survey_sends (workspace_id, kind, customer_key, created_at)`,
    `CREATE TABLE survey_answers (
       survey_id TEXT PRIMARY KEY REFERENCES survey_sends (id) ON DELETE CASCADE,
       kind TEXT NOT NULL,
       workspace_id TEXT NOT NULL,
       ticket_id TEXT NOT NULL,
       customer_key TEXT NOT NULL,
       score TEXT NOT NULL,
       comment TEXT NOT NULL,
       answered_at ${time} NOT NULL,
       updated_at ${time} NOT NULL,
       changes INTEGER NOT NULL
     )`,
    `CREATE INDEX survey_answers_by_workspace ON survey_answers (workspace_id, kind, updated_at)`
  ];
}

export const surveysSchema: ModuleSchema = {
  module: 'surveys',
  steps: [{ name: '0001-surveys', sqlite: tables('INTEGER'), postgres: tables('BIGINT') }]
};
