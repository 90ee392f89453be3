/**
 * How account mail (password resets, invitations) leaves Baton: a small transport interface.
 * With `BATON_ACCOUNT_SMTP_URL` set, messages go out over SMTP (nodemailer); without it they
 * are recorded in the `account_outbox` table for an operator (development and the demo), and
 * only the fact that one was recorded is logged, never its link.
 */
import { SqliteStatements, type SqliteDatabase } from '../db/database.ts';
import type nodemailerPackage from 'nodemailer';
import { lazyPackage } from '../lazy-package.ts';

// Loaded when an SMTP server is configured (`lazy-package.ts`).
const nodemailer = lazyPackage<typeof nodemailerPackage>('nodemailer');

export interface AccountMessage {
  to: string;
  subject: string;
  text: string;
}

export interface AccountMailer {
  send(message: AccountMessage): Promise<void>;
}

export function smtpMailer(url: string, from: string): AccountMailer {
  const transport = nodemailer().createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    }
  };
}

type OutboxTables = {
  account_outbox: { to_address: string; subject: string; body: string; created_at: number };
};

export function outboxMailer(
  database: SqliteDatabase,
  now: () => number,
  log: (message: string) => void
): AccountMailer {
  const q = new SqliteStatements(database.sqlite);
  const k = database.kysely.withTables<OutboxTables>();
  return {
    async send(message) {
      q.run(
        k.insertInto('account_outbox').values({
          to_address: message.to,
          subject: message.subject,
          body: message.text,
          created_at: now()
        })
      );
      log(`Account mail "${message.subject}" recorded in account_outbox (no SMTP configured).`);
    }
  };
}
