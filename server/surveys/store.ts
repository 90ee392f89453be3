/**
 * The surveys module's port onto its own tables (`migrations.ts`), synchronous on SQLite like
 * the notifications and mail stores.
 *
 * Its promises:
 *   - a ticket gets at most one survey of each kind: (kind, ticket) is unique, and `schedule`
 *     inserts only when the pair is new (a repeat moves a still-waiting survey's due time);
 *   - NPS asks a customer at most once per interval: the check and the insert are one
 *     immediate transaction;
 *   - a survey leaves at most once: `claim` marks it `sending` before the mail is handed to
 *     SMTP; what a crash leaves in `sending` becomes `unknown` at the next start, never sent
 *     again (`recoverInterrupted`).
 */
import { randomBytes } from 'node:crypto';
import { SqliteStatements, type SqliteDatabase } from '../db/database.ts';
import type { SurveyKind } from '../../src/lib/domain/survey.ts';
import type { SurveyState, SurveyTables } from './migrations.ts';

export interface SurveyRow {
  id: string;
  kind: SurveyKind;
  workspaceId: string;
  ticketId: string;
  customerKey: string;
  email: string;
  scale: string;
  locale: string;
  state: SurveyState;
  dueAt: number | null;
  attempts: number;
  sentAt: number | null;
  expiresAt: number | null;
}

export interface StoredAnswer {
  score: string;
  comment: string;
  answeredAt: number;
  updatedAt: number;
  changes: number;
}

export interface NewSurvey {
  kind: SurveyKind;
  workspaceId: string;
  ticketId: string;
  email: string;
  scale: string;
  locale: string;
  dueAt: number;
  /** NPS: asked at most once in this many milliseconds per customer (CSAT: null). */
  intervalMs: number | null;
}

type SendRow = SurveyTables['survey_sends'];

function toRow(r: SendRow): SurveyRow {
  return {
    id: r.id,
    kind: r.kind === 'nps' ? 'nps' : 'csat',
    workspaceId: r.workspace_id,
    ticketId: r.ticket_id,
    customerKey: r.customer_key,
    email: r.email,
    scale: r.scale,
    locale: r.locale,
    state: r.state,
    dueAt: r.due_at,
    attempts: r.attempts,
    sentAt: r.sent_at,
    expiresAt: r.expires_at
  };
}

export class SurveyStore {
  readonly #q: SqliteStatements;
  readonly #k;
  readonly #now: () => number;

  constructor(database: SqliteDatabase, now: () => number) {
    this.#q = new SqliteStatements(database.sqlite);
    this.#k = database.kysely.withTables<SurveyTables>();
    this.#now = now;
  }

  /**
   * Schedules a ticket's survey of a kind once. Returns `'new'`, `'moved'` (a survey still
   * waiting got the new due time: the ticket was solved again), `'exists'`, or `'too-soon'`
   * (NPS: this customer was asked within the interval).
   */
  schedule(input: NewSurvey): 'new' | 'moved' | 'exists' | 'too-soon' {
    const k = this.#k;
    const now = this.#now();
    return this.#q.transaction(() => {
      const known = this.#q.first(
        k
          .selectFrom('survey_sends')
          .select(['id', 'state', 'due_at'])
          .where('kind', '=', input.kind)
          .where('ticket_id', '=', input.ticketId)
      );
      if (known) {
        if (known.state !== 'scheduled' || known.due_at === input.dueAt) return 'exists';
        this.#q.run(
          k
            .updateTable('survey_sends')
            .set({ due_at: input.dueAt, updated_at: now })
            .where('id', '=', known.id)
        );
        return 'moved';
      }
      const customerKey = input.email.trim().toLowerCase();
      if (input.intervalMs !== null) {
        const recent = this.#q.first(
          k
            .selectFrom('survey_sends')
            .select('id')
            .where('workspace_id', '=', input.workspaceId)
            .where('kind', '=', input.kind)
            .where('customer_key', '=', customerKey)
            .where('state', '!=', 'skipped')
            .where('created_at', '>', now - input.intervalMs)
        );
        if (recent) return 'too-soon';
      }
      this.#q.run(
        k.insertInto('survey_sends').values({
          id: randomBytes(16).toString('base64url'),
          kind: input.kind,
          workspace_id: input.workspaceId,
          ticket_id: input.ticketId,
          customer_key: customerKey,
          email: input.email,
          scale: input.scale,
          locale: input.locale,
          state: 'scheduled',
          due_at: input.dueAt,
          attempts: 0,
          last_error: null,
          sent_at: null,
          expires_at: null,
          created_at: now,
          updated_at: now
        })
      );
      return 'new';
    }, 'immediate');
  }

  /** Whether the ticket already has a survey of `kind` (any state). */
  has(kind: SurveyKind, ticketId: string): boolean {
    return (
      this.#q.first(
        this.#k
          .selectFrom('survey_sends')
          .select('id')
          .where('kind', '=', kind)
          .where('ticket_id', '=', ticketId)
      ) !== undefined
    );
  }

  /** When each survey of the ticket was sent (for the reporting store's facts). */
  sentAt(ticketId: string): { csat: number | null; nps: number | null } {
    return {
      csat: this.forTicket('csat', ticketId)?.sentAt ?? null,
      nps: this.forTicket('nps', ticketId)?.sentAt ?? null
    };
  }

  get(id: string): SurveyRow | null {
    const row = this.#q.first(this.#k.selectFrom('survey_sends').selectAll().where('id', '=', id));
    return row ? toRow(row) : null;
  }

  forTicket(kind: SurveyKind, ticketId: string): SurveyRow | null {
    const row = this.#q.first(
      this.#k
        .selectFrom('survey_sends')
        .selectAll()
        .where('kind', '=', kind)
        .where('ticket_id', '=', ticketId)
    );
    return row ? toRow(row) : null;
  }

  /** Scheduled surveys due by `now`, oldest first. */
  due(now: number, limit = 50): SurveyRow[] {
    return this.#q
      .all(
        this.#k
          .selectFrom('survey_sends')
          .selectAll()
          .where('state', '=', 'scheduled')
          .where('due_at', '<=', now)
          .orderBy('due_at')
          .limit(limit)
      )
      .map(toRow);
  }

  /** The earliest due time of a scheduled survey, or `null`. */
  nextDueAt(): number | null {
    const row = this.#q.first(
      this.#k
        .selectFrom('survey_sends')
        .select((eb) => eb.fn.min('due_at').as('next'))
        .where('state', '=', 'scheduled')
    );
    return row?.next ?? null;
  }

  /** Marks a survey `sending` and counts the attempt; false when it was not scheduled. */
  claim(id: string): boolean {
    const result = this.#q.run(
      this.#k
        .updateTable('survey_sends')
        .set((eb) => ({
          state: 'sending',
          attempts: eb('attempts', '+', 1),
          updated_at: this.#now()
        }))
        .where('id', '=', id)
        .where('state', '=', 'scheduled')
    );
    return result.changes === 1;
  }

  sent(id: string, expiresAt: number): void {
    const now = this.#now();
    this.#q.run(
      this.#k
        .updateTable('survey_sends')
        .set({
          state: 'sent',
          sent_at: now,
          expires_at: expiresAt,
          last_error: null,
          updated_at: now
        })
        .where('id', '=', id)
    );
  }

  /** Back to the queue at `dueAt` (a temporary failure), or `null`: waits for the next solve. */
  later(id: string, dueAt: number | null, error: string | null): void {
    this.#q.run(
      this.#k
        .updateTable('survey_sends')
        .set({ state: 'scheduled', due_at: dueAt, last_error: error, updated_at: this.#now() })
        .where('id', '=', id)
    );
  }

  finish(id: string, state: 'failed' | 'skipped', error: string | null): void {
    this.#q.run(
      this.#k
        .updateTable('survey_sends')
        .set({ state, last_error: error?.slice(0, 500) ?? null, updated_at: this.#now() })
        .where('id', '=', id)
    );
  }

  /** What a crash left in `sending` is `unknown`: it may have left, and is never sent again. */
  recoverInterrupted(): number {
    return this.#q.run(
      this.#k
        .updateTable('survey_sends')
        .set({ state: 'unknown', updated_at: this.#now() })
        .where('state', '=', 'sending')
    ).changes;
  }

  answer(id: string): StoredAnswer | null {
    const row = this.#q.first(
      this.#k.selectFrom('survey_answers').selectAll().where('survey_id', '=', id)
    );
    return row
      ? {
          score: row.score,
          comment: row.comment,
          answeredAt: row.answered_at,
          updatedAt: row.updated_at,
          changes: row.changes
        }
      : null;
  }

  /** Stores the latest answer (it replaces the one before). Returns the one it replaced. */
  saveAnswer(survey: SurveyRow, score: string, comment: string): StoredAnswer | null {
    const k = this.#k;
    const now = this.#now();
    return this.#q.transaction(() => {
      const before = this.answer(survey.id);
      if (before) {
        this.#q.run(
          k
            .updateTable('survey_answers')
            .set({ score, comment, updated_at: now, changes: before.changes + 1 })
            .where('survey_id', '=', survey.id)
        );
      } else {
        this.#q.run(
          k.insertInto('survey_answers').values({
            survey_id: survey.id,
            kind: survey.kind,
            workspace_id: survey.workspaceId,
            ticket_id: survey.ticketId,
            customer_key: survey.customerKey,
            score,
            comment,
            answered_at: now,
            updated_at: now,
            changes: 0
          })
        );
      }
      return before;
    }, 'immediate');
  }

  /** Every answer of a workspace and kind (reports). */
  answers(
    workspaceId: string,
    kind: SurveyKind
  ): { surveyId: string; ticketId: string; score: string; comment: string }[] {
    return this.#q
      .all(
        this.#k
          .selectFrom('survey_answers')
          .select(['survey_id', 'ticket_id', 'score', 'comment'])
          .where('workspace_id', '=', workspaceId)
          .where('kind', '=', kind)
          .orderBy('updated_at')
      )
      .map((r) => ({
        surveyId: r.survey_id,
        ticketId: r.ticket_id,
        score: r.score,
        comment: r.comment
      }));
  }
}
