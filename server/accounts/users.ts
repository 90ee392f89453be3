/** Users: who someone is (`users`): their name, address, password hash and language. */
import { localeOrNull, type AccountsContext, type User, type UserRow } from './model.ts';
import type { Locale } from '../../src/lib/i18n/locales.ts';

export class Users {
  readonly #c: AccountsContext;

  constructor(context: AccountsContext) {
    this.#c = context;
  }

  user(userId: string): User | null {
    const row = this.#c.db
      .prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?')
      .get(userId);
    return row ? { id: row.id, email: row.email, name: row.name } : null;
  }

  /** The language the member chose; `null`: they follow their browser's. */
  userLocale(userId: string): Locale | null {
    const row = this.#c.db
      .prepare<[string], { locale: string | null }>('SELECT locale FROM users WHERE id = ?')
      .get(userId);
    return localeOrNull(row?.locale ?? null);
  }

  /** Stores the member's language (`null`: follow the browser). */
  setLocale(userId: string, locale: Locale | null): void {
    this.#c.db.prepare('UPDATE users SET locale = ? WHERE id = ?').run(locale, userId);
  }

  byEmail(email: string): UserRow | undefined {
    return this.#c.db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?').get(email);
  }

  /** Creates a user with an already hashed password (the demo seed); skips an existing id. */
  ensureUser(user: User, passwordHash: string): void {
    this.#c.db
      .prepare(
        `INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`
      )
      .run(user.id, user.email, user.name, passwordHash, this.#c.now());
  }

  /** Adds a user; `false` when the email is taken (the unique index decides, not a read). */
  insert(user: User, passwordHash: string): boolean {
    try {
      this.#c.db
        .prepare(
          'INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)'
        )
        .run(user.id, user.email, user.name, passwordHash, this.#c.now());
      return true;
    } catch {
      return false;
    }
  }

  setPasswordHash(userId: string, passwordHash: string): void {
    this.#c.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
  }

  /** The workspace the user chose last (`null`: none chosen). */
  lastWorkspace(userId: string): string | null {
    return (
      this.#c.db
        .prepare<[string], { last_workspace_id: string | null }>(
          'SELECT last_workspace_id FROM users WHERE id = ?'
        )
        .get(userId)?.last_workspace_id ?? null
    );
  }

  setLastWorkspace(userId: string, workspaceId: string): void {
    this.#c.db
      .prepare('UPDATE users SET last_workspace_id = ? WHERE id = ?')
      .run(workspaceId, userId);
  }
}
