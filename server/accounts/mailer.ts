/**
 * How account mail (password resets, invitations) leaves Baton: a small transport interface.
 * With `BATON_ACCOUNT_SMTP_URL` set, messages go out over SMTP (nodemailer); without it they
 * are recorded in the `account_outbox` table for an operator (development and the demo), and
 * only the fact that one was recorded is logged, never its link.
 */
import type Database from 'better-sqlite3';
import nodemailer from 'nodemailer';

export interface AccountMessage {
  to: string;
  subject: string;
  text: string;
}

export interface AccountMailer {
  send(message: AccountMessage): Promise<void>;
}

export function smtpMailer(url: string, from: string): AccountMailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    }
  };
}

export function outboxMailer(
  db: Database.Database,
  now: () => number,
  log: (message: string) => void
): AccountMailer {
  return {
    async send(message) {
      // Prepared on use: the table is made by the accounts migration, after this is built.
      db.prepare(
        'INSERT INTO account_outbox (to_address, subject, body, created_at) VALUES (?, ?, ?, ?)'
      ).run(message.to, message.subject, message.text, now());
      log(`Account mail "${message.subject}" recorded in account_outbox (no SMTP configured).`);
    }
  };
}
