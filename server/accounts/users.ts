/** Users: who someone is (`users`): their name, address, password hash and language. */
import { localeOrNull, type AccountsContext, type User, type UserRow } from './model.ts';
import type { Locale } from '../../src/lib/i18n/locales.ts';

export class Users {
  readonly #c: AccountsContext;

  constructor(context: AccountsContext) {
    this.#c = context;
  }

  user(userId: string): User | null {
    const { q, k } = this.#c;
    const row = q.first(
      k.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', userId)
    );
    return row ? { id: row.id, email: row.email, name: row.name } : null;
  }

  /** The language the member chose; `null`: they follow their browser's. */
  userLocale(userId: string): Locale | null {
    const { q, k } = this.#c;
    const row = q.first(k.selectFrom('users').select('locale').where('id', '=', userId));
    return localeOrNull(row?.locale ?? null);
  }

  /** Stores the member's language (`null`: follow the browser). */
  setLocale(userId: string, locale: Locale | null): void {
    const { q, k } = this.#c;
    q.run(k.updateTable('users').set({ locale }).where('id', '=', userId));
  }

  byEmail(email: string): UserRow | undefined {
    const { q, k } = this.#c;
    return q.first(
      k
        .selectFrom('users')
        .select(['id', 'email', 'name', 'password_hash', 'last_workspace_id', 'locale'])
        .where('email', '=', email)
    );
  }

  /** Creates a user with an already hashed password (the demo seed); skips an existing id. */
  ensureUser(user: User, passwordHash: string): void {
    const { q, k } = this.#c;
    q.run(
      k
        .insertInto('users')
        .values(this.#row(user, passwordHash))
        .onConflict((oc) => oc.doNothing())
    );
  }

  /** Adds a user; `false` when the email is taken (the unique index decides, not a read). */
  insert(user: User, passwordHash: string): boolean {
    const { q, k } = this.#c;
    try {
      q.run(k.insertInto('users').values(this.#row(user, passwordHash)));
      return true;
    } catch {
      return false;
    }
  }

  setPasswordHash(userId: string, passwordHash: string): void {
    const { q, k } = this.#c;
    q.run(k.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId));
  }

  /** The workspace the user chose last (`null`: none chosen). */
  lastWorkspace(userId: string): string | null {
    const { q, k } = this.#c;
    return (
      q.first(k.selectFrom('users').select('last_workspace_id').where('id', '=', userId))
        ?.last_workspace_id ?? null
    );
  }

  setLastWorkspace(userId: string, workspaceId: string): void {
    const { q, k } = this.#c;
    q.run(k.updateTable('users').set({ last_workspace_id: workspaceId }).where('id', '=', userId));
  }

  #row(user: User, passwordHash: string) {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      password_hash: passwordHash,
      created_at: this.#c.now()
    };
  }
}
