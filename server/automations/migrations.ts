/**
 * The automations module's tables (`automationsSchema`, run by server/db/migrate.ts with the
 * other modules' lists), for SQLite and PostgreSQL. Timestamps are epoch milliseconds.
 *
 *   automation_runs   one row per rule run on a ticket state (`run_key`: rule id and the state's
 *                     event key, `domain/automation.ts`), written *before* the run touches the
 *                     ticket: the key is the primary key, so a run is claimed once, ever. `state`
 *                     'started' → 'done' (or 'failed', 'interrupted' when the process died
 *                     between the claim and the end; never run again).
 *   automation_rules  what the worker knows of each rule: since when it acts on triggers
 *                     (`active_since`, first seen), the fingerprint of the version it last saw,
 *                     and the error that stopped it (a loop, a missing macro) for the admins;
 *                     an edited rule (another fingerprint) starts again without the error.
 */
import type { ModuleSchema } from '../db/migrate.ts';

export type AutomationTables = {
  automation_runs: {
    ticket_id: string;
    run_key: string;
    workspace_id: string;
    rule_id: string;
    state: string;
    at: number;
  };
  automation_rules: {
    workspace_id: string;
    rule_id: string;
    fingerprint: string;
    active_since: number;
    error_kind: string | null;
    error_detail: string | null;
    error_ticket: string | null;
    error_at: number | null;
  };
};

function tables(time: 'INTEGER' | 'BIGINT'): string[] {
  return [
    `CREATE TABLE automation_runs (
       ticket_id TEXT NOT NULL,
       run_key TEXT NOT NULL,
       workspace_id TEXT NOT NULL,
       rule_id TEXT NOT NULL,
       state TEXT NOT NULL,
       at ${time} NOT NULL,
       PRIMARY KEY (ticket_id, run_key)
     )`,
    `CREATE INDEX automation_runs_by_state ON automation_runs (state)`,
    `CREATE TABLE automation_rules (
       workspace_id TEXT NOT NULL,
       rule_id TEXT NOT NULL,
       fingerprint TEXT NOT NULL,
       active_since ${time} NOT NULL,
       error_kind TEXT,
       error_detail TEXT,
       error_ticket TEXT,
       error_at ${time},
       PRIMARY KEY (workspace_id, rule_id)
     )`
  ];
}

export const automationsSchema: ModuleSchema = {
  module: 'automations',
  steps: [{ name: '0001-automations', sqlite: tables('INTEGER'), postgres: tables('BIGINT') }]
};
