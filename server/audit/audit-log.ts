/**
 * The audit log: who did what, when, from where. One SQLite table in Baton's file, versioned by
 * its row in `module_schema_versions`.
 *
 * Document access is coalesced so the log stays readable: one `document.opened` row per
 * connection (relay) and one `document.changed` row per connection and document, written on the
 * first accepted change with the number of changes filled in when the connection closes.
 * Sign-ins, sign-outs, role changes, removals, invitations, API tokens and exports are one row
 * each. What a stranger can cause without signing in (failed and refused sign-ins) is aggregated
 * (`recordRepeated`): one row per action, workspace, target, detail and address per window with a
 * count, and for attempts the rate limit refused only the first row of the window, so a flood
 * raises a number instead of filling the table. Secrets never enter the log: no tokens, no
 * passwords, no links.
 */
import type Database from 'better-sqlite3';
import { AuditAction } from '../../src/lib/shared/audit-actions.ts';

const MODULE = 'audit';
const VERSION = 1;

export { AUDIT_ACTIONS, AuditAction } from '../../src/lib/shared/audit-actions.ts';

export interface AuditEvent {
  id: number;
  at: number;
  workspaceId: string | null;
  actorId: string | null;
  actorName: string | null;
  action: AuditAction;
  target: string | null;
  detail: string | null;
  ip: string | null;
  count: number;
}

export interface NewAuditEvent {
  workspaceId?: string | null;
  actorId?: string | null;
  actorName?: string | null;
  action: AuditAction;
  target?: string | null;
  detail?: string | null;
  ip?: string | null;
}

export interface AuditFilter {
  workspaceId: string;
  action?: AuditAction | undefined;
  actor?: string | undefined;
  /** Substring of the target (a document name, an email address…). */
  target?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  limit?: number | undefined;
  /** Rows with an id below this (paging backwards in time). */
  before?: number | undefined;
}

/** How many aggregation keys are kept; past it new sources fold into one row per action. */
const MAX_REPEAT_KEYS = 10_000;

interface Repeat {
  id: number | null;
  count: number;
  until: number;
}

interface Row {
  id: number;
  at: number;
  workspace_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
  count: number;
}

export class AuditLog {
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #insert;
  readonly #setCount;
  readonly #repeats = new Map<string, Repeat>();

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
    db.transaction(() => {
      db.exec(`
        CREATE TABLE IF NOT EXISTS module_schema_versions (
          module TEXT PRIMARY KEY,
          version INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS audit_events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at INTEGER NOT NULL,
          workspace_id TEXT,
          actor_id TEXT,
          actor_name TEXT,
          action TEXT NOT NULL,
          target TEXT,
          detail TEXT,
          ip TEXT,
          count INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX IF NOT EXISTS audit_by_workspace ON audit_events (workspace_id, id);
      `);
      const row = db
        .prepare<[string], { version: number }>(
          'SELECT version FROM module_schema_versions WHERE module = ?'
        )
        .get(MODULE);
      if (row && row.version > VERSION) {
        throw new Error(`The audit table (version ${row.version}) is newer than this Baton.`);
      }
      db.prepare(
        `INSERT INTO module_schema_versions (module, version) VALUES (?, ?)
         ON CONFLICT (module) DO UPDATE SET version = excluded.version`
      ).run(MODULE, VERSION);
    })();
    this.#insert = db.prepare(
      `INSERT INTO audit_events (at, workspace_id, actor_id, actor_name, action, target, detail, ip)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    );
    this.#setCount = db.prepare('UPDATE audit_events SET count = ? WHERE id = ?');
  }

  /** Records an event; returns its id. Never throws: the log must not break what it logs. */
  record(event: NewAuditEvent): number | null {
    try {
      const result = this.#insert.run(
        this.#now(),
        event.workspaceId ?? null,
        event.actorId ?? null,
        event.actorName ?? null,
        event.action,
        event.target?.slice(0, 500) ?? null,
        event.detail?.slice(0, 1000) ?? null,
        event.ip ?? null
      );
      return Number(result.lastInsertRowid);
    } catch (error) {
      console.error('[baton] could not write the audit log', error);
      return null;
    }
  }

  /**
   * Records an event that anyone can repeat without signing in: the first of a window is a row,
   * each repeat raises that row's count (`counted`) or is dropped (`counted: false`, for
   * attempts the rate limit refused). Keys are kept in memory and bounded: past
   * `MAX_REPEAT_KEYS` live windows, new sources share one row per action and workspace.
   */
  recordRepeated(event: NewAuditEvent, options: { windowMs: number; counted: boolean }): void {
    const now = this.#now();
    let entry = event;
    let key = repeatKey(entry);
    if (!this.#repeats.has(key) && this.#repeats.size >= MAX_REPEAT_KEYS) {
      for (const [k, r] of this.#repeats) if (r.until <= now) this.#repeats.delete(k);
      if (this.#repeats.size >= MAX_REPEAT_KEYS) {
        entry = { ...event, target: null, ip: null, detail: 'from many sources' };
        key = repeatKey(entry);
      }
    }
    const seen = this.#repeats.get(key);
    if (seen && seen.until > now) {
      if (!options.counted || seen.id === null) return;
      seen.count++;
      this.setCount(seen.id, seen.count);
      return;
    }
    this.#repeats.set(key, { id: this.record(entry), count: 1, until: now + options.windowMs });
  }

  /** Sets how many times a coalesced event happened (changes per connection). */
  setCount(id: number, count: number): void {
    try {
      this.#setCount.run(count, id);
    } catch (error) {
      console.error('[baton] could not update the audit log', error);
    }
  }

  list(filter: AuditFilter): AuditEvent[] {
    const where = ['workspace_id = ?'];
    const params: (string | number)[] = [filter.workspaceId];
    if (filter.action) {
      where.push('action = ?');
      params.push(filter.action);
    }
    if (filter.actor) {
      where.push("(actor_id = ? OR actor_name LIKE ? ESCAPE '\\')");
      params.push(filter.actor, `%${escapeLike(filter.actor)}%`);
    }
    if (filter.target) {
      where.push("target LIKE ? ESCAPE '\\'");
      params.push(`%${escapeLike(filter.target)}%`);
    }
    if (filter.from !== undefined) {
      where.push('at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('at < ?');
      params.push(filter.to);
    }
    if (filter.before !== undefined) {
      where.push('id < ?');
      params.push(filter.before);
    }
    const limit = Math.min(Math.max(filter.limit ?? 200, 1), 10_000);
    const rows = this.#db
      .prepare<(string | number)[], Row>(
        `SELECT * FROM audit_events WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${limit}`
      )
      .all(...params);
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      workspaceId: row.workspace_id,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: AuditAction.catch('document-opened').parse(row.action),
      target: row.target,
      detail: row.detail,
      ip: row.ip,
      count: row.count
    }));
  }
}

function repeatKey(event: NewAuditEvent): string {
  return JSON.stringify([
    event.action,
    event.workspaceId ?? null,
    event.target ?? null,
    event.detail ?? null,
    event.ip ?? null
  ]);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One CSV field, safe for spreadsheets: a value that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return is prefixed with `'` so it is shown as text instead of run as a formula
 * (OWASP "CSV injection"), and every field is quoted with inner quotes doubled.
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function auditCsv(events: readonly AuditEvent[]): string {
  const header = ['time', 'action', 'actor', 'actor id', 'target', 'detail', 'count', 'address'];
  const lines = [header.map(csvField).join(',')];
  for (const e of events) {
    lines.push(
      [
        new Date(e.at).toISOString(),
        e.action,
        e.actorName,
        e.actorId,
        e.target,
        e.detail,
        e.count,
        e.ip
      ]
        .map(csvField)
        .join(',')
    );
  }
  return lines.join('\r\n') + '\r\n';
}
