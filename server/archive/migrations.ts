/**
 * The archive module's table (`archiveSchema`, run by server/db/migrate.ts with the other
 * modules' lists), for SQLite and PostgreSQL. Timestamps are epoch milliseconds.
 *
 *   archived_tickets  one row per ticket that left its workspace's index (`workers/archive.ts`):
 *                     what the customer's history and the archive list show without opening its
 *                     document — number (null while provisional) and ref, subject, status,
 *                     requester, when it was done and when it was archived. `subject_key` is the
 *                     subject in lower case, for the list's filter. The ticket's document stays
 *                     where it was; the row goes when the ticket is reopened and returns to the
 *                     index.
 */
import type { ModuleSchema } from '../db/migrate.ts';

export type ArchiveTables = {
  archived_tickets: {
    ticket_id: string;
    workspace_id: string;
    number: number | null;
    ref: string;
    subject: string;
    subject_key: string;
    status: string;
    requester_id: string | null;
    closed_at: number;
    archived_at: number;
  };
};

function tables(time: 'INTEGER' | 'BIGINT'): string[] {
  return [
    `CREATE TABLE archived_tickets (
       ticket_id TEXT PRIMARY KEY,
       workspace_id TEXT NOT NULL,
       number INTEGER,
       ref TEXT NOT NULL,
       subject TEXT NOT NULL,
       subject_key TEXT NOT NULL,
       status TEXT NOT NULL,
       requester_id TEXT,
       closed_at ${time} NOT NULL,
       archived_at ${time} NOT NULL
     )`,
    `CREATE INDEX archived_tickets_by_workspace ON archived_tickets (workspace_id, closed_at, ticket_id)`,
    `CREATE INDEX archived_tickets_by_requester ON archived_tickets (workspace_id, requester_id, closed_at, ticket_id)`
  ];
}

export const archiveSchema: ModuleSchema = {
  module: 'archive',
  steps: [{ name: '0001-archive', sqlite: tables('INTEGER'), postgres: tables('BIGINT') }]
};
