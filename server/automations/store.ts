/**
 * The automations module's port onto its tables (`migrations.ts`), synchronous on SQLite like
 * the archive and surveys stores.
 *
 * Its promises:
 *   - a run is claimed at most once: `claim` inserts the (ticket, key) row or reports that it
 *     was there, in one statement; the worker acts only after a claim it won, so a crash (even
 *     kill -9) after the claim loses that run rather than doing it twice;
 *   - `recoverInterrupted` marks claims a dead process left 'started' as 'interrupted' (they
 *     are never run again) and says how many;
 *   - a rule's `active_since` is set when it is first seen and kept through edits; its error
 *     is kept until the rule changes (another fingerprint).
 */
import { SqliteStatements, type SqliteDatabase } from '../db/database.ts';
import type { AutomationTables } from './migrations.ts';

export type RuleErrorKind = 'loop' | 'broken';

export interface RuleError {
  kind: RuleErrorKind;
  detail: string;
  ticketId: string | null;
  at: number;
}

export interface RuleState {
  ruleId: string;
  activeSince: number;
  error: RuleError | null;
}

type RuleRow = AutomationTables['automation_rules'];

function stateOf(row: RuleRow): RuleState {
  return {
    ruleId: row.rule_id,
    activeSince: row.active_since,
    error:
      row.error_kind === 'loop' || row.error_kind === 'broken'
        ? {
            kind: row.error_kind,
            detail: row.error_detail ?? '',
            ticketId: row.error_ticket,
            at: row.error_at ?? 0
          }
        : null
  };
}

export class AutomationStore {
  readonly #q: SqliteStatements;
  readonly #k;

  constructor(database: SqliteDatabase) {
    this.#q = new SqliteStatements(database.sqlite);
    this.#k = database.kysely.withTables<AutomationTables>();
  }

  /** Claims a run; `false` when it was claimed before (by this process or an earlier one). */
  claim(run: { workspaceId: string; ticketId: string; ruleId: string; key: string; at: number }) {
    return (
      this.#q.run(
        this.#k
          .insertInto('automation_runs')
          .values({
            ticket_id: run.ticketId,
            run_key: run.key,
            workspace_id: run.workspaceId,
            rule_id: run.ruleId,
            state: 'started',
            at: run.at
          })
          .onConflict((oc) => oc.columns(['ticket_id', 'run_key']).doNothing())
      ).changes > 0
    );
  }

  finish(ticketId: string, key: string, state: 'done' | 'failed'): void {
    this.#q.run(
      this.#k
        .updateTable('automation_runs')
        .set({ state })
        .where('ticket_id', '=', ticketId)
        .where('run_key', '=', key)
    );
  }

  /** The state a run was left in; `null` when it was never claimed. */
  run(ticketId: string, key: string): string | null {
    return (
      this.#q.first(
        this.#k
          .selectFrom('automation_runs')
          .select('state')
          .where('ticket_id', '=', ticketId)
          .where('run_key', '=', key)
      )?.state ?? null
    );
  }

  /** Runs of one ticket, oldest first (tests and support). */
  runs(ticketId: string): { key: string; ruleId: string; state: string; at: number }[] {
    return this.#q
      .all(
        this.#k
          .selectFrom('automation_runs')
          .selectAll()
          .where('ticket_id', '=', ticketId)
          .orderBy('at')
          .orderBy('run_key')
      )
      .map((r) => ({ key: r.run_key, ruleId: r.rule_id, state: r.state, at: r.at }));
  }

  /** Claims a dead process left open: never run again. Returns how many. */
  recoverInterrupted(): number {
    return this.#q.run(
      this.#k
        .updateTable('automation_runs')
        .set({ state: 'interrupted' })
        .where('state', '=', 'started')
    ).changes;
  }

  /**
   * What the worker knows of a rule, recording it when first seen (`now` becomes its
   * `active_since`) and forgetting its error when it changed since.
   */
  see(workspaceId: string, ruleId: string, fingerprint: string, now: number): RuleState {
    const k = this.#k;
    return this.#q.transaction(() => {
      const row = this.#q.first(
        k
          .selectFrom('automation_rules')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('rule_id', '=', ruleId)
      );
      if (!row) {
        const fresh: RuleRow = {
          workspace_id: workspaceId,
          rule_id: ruleId,
          fingerprint,
          active_since: now,
          error_kind: null,
          error_detail: null,
          error_ticket: null,
          error_at: null
        };
        this.#q.run(k.insertInto('automation_rules').values(fresh));
        return stateOf(fresh);
      }
      if (row.fingerprint === fingerprint) return stateOf(row);
      this.#q.run(
        k
          .updateTable('automation_rules')
          .set({
            fingerprint,
            error_kind: null,
            error_detail: null,
            error_ticket: null,
            error_at: null
          })
          .where('workspace_id', '=', workspaceId)
          .where('rule_id', '=', ruleId)
      );
      return stateOf({ ...row, fingerprint, error_kind: null });
    }, 'immediate');
  }

  /** Stops a rule (until it is edited) with an error the admins see. */
  stop(workspaceId: string, ruleId: string, error: RuleError): void {
    this.#q.run(
      this.#k
        .updateTable('automation_rules')
        .set({
          error_kind: error.kind,
          error_detail: error.detail.slice(0, 500),
          error_ticket: error.ticketId,
          error_at: error.at
        })
        .where('workspace_id', '=', workspaceId)
        .where('rule_id', '=', ruleId)
    );
  }

  /** Every rule the worker has seen in the workspace. */
  rules(workspaceId: string): RuleState[] {
    return this.#q
      .all(
        this.#k
          .selectFrom('automation_rules')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .orderBy('rule_id')
      )
      .map(stateOf);
  }
}
