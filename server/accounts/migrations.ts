/**
 * The accounts module's own tables, in Baton's SQLite file. Versioned by its row in
 * `module_schema_versions` (shared with the mail module): each step runs once, in order, in a
 * transaction, so the core's `user_version` migrations never need to know about accounts.
 *
 *   users                one row per person; `password_hash` is Argon2id (PHC string); `locale`
 *                        the language they chose (null: their browser's)
 *   sessions             `id` is the SHA-256 of the session token: the token itself is never stored
 *   password_resets      single-use reset links, by the SHA-256 of their token
 *   workspaces           a workspace's id and name
 *   memberships          (workspace, user) → role
 *   invitations          by the SHA-256 of their token; expiring, single use
 *   api_tokens           integration tokens, by SHA-256; scoped to one workspace and read/write
 *   account_outbox       account mail recorded when no SMTP server is configured
 */
import type Database from 'better-sqlite3';

const MODULE = 'accounts';

const STEPS: string[] = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     last_workspace_id TEXT
   );
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     expires_at INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_by_user ON sessions (user_id);
   CREATE TABLE password_resets (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     expires_at INTEGER NOT NULL,
     used_at INTEGER
   );
   CREATE TABLE workspaces (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE memberships (
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'agent', 'light-agent', 'viewer')),
     joined_at INTEGER NOT NULL,
     PRIMARY KEY (workspace_id, user_id)
   );
   CREATE INDEX memberships_by_user ON memberships (user_id);
   CREATE TABLE invitations (
     id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     email TEXT,
     role TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'light-agent', 'viewer')),
     invited_by TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     used_at INTEGER,
     used_by TEXT
   );
   CREATE INDEX invitations_by_workspace ON invitations (workspace_id);
   CREATE TABLE api_tokens (
     id TEXT PRIMARY KEY,
     hash TEXT NOT NULL UNIQUE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
     created_at INTEGER NOT NULL,
     last_used_at INTEGER,
     revoked_at INTEGER
   );
   CREATE TABLE account_outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     to_address TEXT NOT NULL,
     subject TEXT NOT NULL,
     body TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );`,
  // The member's language, chosen in their profile: it follows them to every device.
  `ALTER TABLE users ADD COLUMN locale TEXT CHECK (locale IS NULL OR locale IN ('en', 'fi', 'da'));`
];

export function migrateAccounts(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS module_schema_versions (
    module TEXT PRIMARY KEY,
    version INTEGER NOT NULL
  )`);
  const current =
    db
      .prepare<[string], { version: number }>(
        'SELECT version FROM module_schema_versions WHERE module = ?'
      )
      .get(MODULE)?.version ?? 0;
  if (current > STEPS.length) {
    throw new Error(
      `The accounts tables (version ${current}) are newer than this Baton (${STEPS.length}).`
    );
  }
  for (let next = current; next < STEPS.length; next++) {
    db.transaction(() => {
      db.exec(STEPS[next] ?? '');
      db.prepare(
        `INSERT INTO module_schema_versions (module, version) VALUES (?, ?)
         ON CONFLICT (module) DO UPDATE SET version = excluded.version`
      ).run(MODULE, next + 1);
    })();
  }
}
