/**
 * The OAuth grants of mailboxes (`mail_oauth_grants`, made by the mail module's migration
 * 0005): per (workspace, mailbox) the provider, the account that signed in, the refresh token
 * sealed with the secret box (never returned by any API, never logged), and whether the grant
 * works (`connected`) or the provider refused it (`reconnect-needed`). Access tokens live in
 * memory only (`oauth.ts`): they last an hour and are refreshed from the grant.
 */
import type { Kysely } from 'kysely';
import { SqliteStatements, type SqliteDatabase } from '../db/database.ts';

export function oauthTables(int: string): string[] {
  return [
    `CREATE TABLE mail_oauth_grants (
       workspace_id TEXT NOT NULL,
       mailbox_id TEXT NOT NULL,
       provider TEXT NOT NULL,
       account TEXT NOT NULL,
       refresh_token TEXT NOT NULL,
       state TEXT NOT NULL,
       connected_at ${int} NOT NULL,
       updated_at ${int} NOT NULL,
       PRIMARY KEY (workspace_id, mailbox_id)
     )`
  ];
}

type Tables = {
  mail_oauth_grants: {
    workspace_id: string;
    mailbox_id: string;
    provider: string;
    account: string;
    refresh_token: string;
    state: string;
    connected_at: number;
    updated_at: number;
  };
};

export type GrantState = 'connected' | 'reconnect-needed';

export interface GrantRow {
  workspaceId: string;
  mailboxId: string;
  provider: string;
  account: string;
  /** Sealed (`secret-box.ts`). */
  refreshToken: string;
  state: GrantState;
  connectedAt: number;
  updatedAt: number;
}

export class OAuthGrants {
  readonly #q: SqliteStatements;
  readonly #k: Kysely<Tables>;

  constructor(database: SqliteDatabase) {
    this.#q = new SqliteStatements(database.sqlite);
    this.#k = database.kysely.withTables<Tables>();
  }

  get(workspaceId: string, mailboxId: string): GrantRow | null {
    const row = this.#q.first(
      this.#k
        .selectFrom('mail_oauth_grants')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('mailbox_id', '=', mailboxId)
    );
    if (!row) return null;
    return {
      workspaceId: row.workspace_id,
      mailboxId: row.mailbox_id,
      provider: row.provider,
      account: row.account,
      refreshToken: row.refresh_token,
      state: row.state === 'connected' ? 'connected' : 'reconnect-needed',
      connectedAt: Number(row.connected_at),
      updatedAt: Number(row.updated_at)
    };
  }

  put(row: GrantRow): void {
    this.#q.run(
      this.#k
        .insertInto('mail_oauth_grants')
        .values({
          workspace_id: row.workspaceId,
          mailbox_id: row.mailboxId,
          provider: row.provider,
          account: row.account,
          refresh_token: row.refreshToken,
          state: row.state,
          connected_at: row.connectedAt,
          updated_at: row.updatedAt
        })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'mailbox_id']).doUpdateSet((eb) => ({
            provider: eb.ref('excluded.provider'),
            account: eb.ref('excluded.account'),
            refresh_token: eb.ref('excluded.refresh_token'),
            state: eb.ref('excluded.state'),
            connected_at: eb.ref('excluded.connected_at'),
            updated_at: eb.ref('excluded.updated_at')
          }))
        )
    );
  }

  setState(workspaceId: string, mailboxId: string, state: GrantState, now: number): void {
    this.#q.run(
      this.#k
        .updateTable('mail_oauth_grants')
        .set({ state, updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('mailbox_id', '=', mailboxId)
    );
  }

  remove(workspaceId: string, mailboxId: string): void {
    this.#q.run(
      this.#k
        .deleteFrom('mail_oauth_grants')
        .where('workspace_id', '=', workspaceId)
        .where('mailbox_id', '=', mailboxId)
    );
  }
}
