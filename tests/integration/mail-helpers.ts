/**
 * Helpers for the mail tests: a Baton with a mailbox connected to the real Dovecot and SMTP
 * receiver that the test file starts, and ways to read what the documents hold.
 */
import * as Y from 'yjs';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import {
  addThreadEntry,
  readDelivery,
  readTicket,
  type Ticket
} from '../../src/lib/domain/ticket.ts';
import { readIndex } from '../../src/lib/domain/workspace-index.ts';
import type { DeliveryState, ReplyRecipients, TicketSummary } from '../../src/lib/domain/schema.ts';
import type { MailboxSettings } from '../../server/mail/mailbox.ts';
import type { DovecotServer } from '../mail-servers/dovecot.ts';
import type { SmtpReceiver } from '../mail-servers/smtp-receiver.ts';
import { mailboxSettings } from '../mail-servers/fixtures.ts';

export { mailboxSettings };
import { AINO, WORKSPACE, startBaton, tempDir, until, type RunningBaton } from './helpers.ts';

export interface MailBaton {
  relay: RunningBaton;
  dataDir: string;
  stop(): Promise<void>;
}

/** A Baton whose demo workspace reads `user`'s mailbox (or none when `user` is null). */
export async function startMailBaton(
  imap: DovecotServer,
  smtp: SmtpReceiver,
  user: string | null,
  overrides: Partial<MailboxSettings> = {},
  dataDir?: string
): Promise<MailBaton> {
  const dir = dataDir ? null : tempDir();
  const path = dataDir ?? dir?.path ?? '';
  const relay = await startBaton(path, {
    mail: {
      secretKey: Buffer.alloc(32, 7),
      pollMs: 300,
      maxAttachmentBytes: 64 * 1024,
      retryBaseMs: 50,
      maxAttempts: 3,
      // Dovecot and the SMTP receiver run on 127.0.0.1.
      allowPrivateHosts: true
    }
  });
  if (user) {
    const account = imap.users.find((u) => u.user === user);
    await relay.baton.mail.configure(WORKSPACE, {
      settings: mailboxSettings(imap, smtp, user, overrides),
      imapSecret: account?.password ?? '',
      smtpSecret: 'smtp-pass'
    });
  }
  return {
    relay,
    dataDir: path,
    async stop() {
      await relay.stop();
      dir?.remove();
    }
  };
}

export function summaries(relay: RunningBaton): TicketSummary[] {
  return relay.baton.docs.read(indexDocName(WORKSPACE), (doc) => readIndex(doc).tickets) ?? [];
}

export function ticket(relay: RunningBaton, ticketId: string): Ticket | null {
  return relay.baton.docs.read(ticketDocName(ticketId), (doc) => readTicket(doc));
}

export function delivery(
  relay: RunningBaton,
  ticketId: string,
  entryId: string
): DeliveryState | null {
  return (
    relay.baton.docs.read(ticketDocName(ticketId), (doc) => readDelivery(doc).get(entryId)) ?? null
  );
}

/** Waits for the ticket whose subject is `subject` to be in the index. */
export async function ticketBySubject(
  relay: RunningBaton,
  subject: string,
  timeoutMs = 10_000
): Promise<TicketSummary> {
  let found: TicketSummary | undefined;
  await until(
    () => {
      found = summaries(relay).find((t) => t.subject === subject);
      return found !== undefined;
    },
    `a ticket "${subject}" in the index`,
    timeoutMs
  );
  if (!found) throw new Error('unreachable');
  return found;
}

/** An agent's public reply, written on a client copy and sent as a client update (batch sync's path). */
export function replyAsAgent(
  relay: RunningBaton,
  ticketId: string,
  body: string,
  recipients?: ReplyRecipients
): string {
  const name = ticketDocName(ticketId);
  const client = new Y.Doc();
  const state = relay.baton.docs.read(name, (doc) => Y.encodeStateAsUpdate(doc));
  if (!state) throw new Error(`No ticket ${ticketId}`);
  Y.applyUpdate(client, state);
  const before = Y.encodeStateVector(client);
  const entry = addThreadEntry(
    client,
    'reply',
    body,
    AINO,
    Date.now(),
    recipients ? { recipients } : {}
  );
  const verdict = relay.baton.docs.applyFromClient(name, Y.encodeStateAsUpdate(client, before), {
    memberId: AINO.id,
    workspaceId: WORKSPACE
  });
  if (!verdict.ok) throw new Error(`The reply was refused: ${verdict.reason} ${verdict.detail}`);
  return entry.id;
}

/** A header of a raw message (unfolded), or null. */
export function header(raw: Buffer, name: string): string | null {
  const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t]+.*)*)`, 'im').exec(head);
  return match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim() ?? null;
}
