/**
 * A real SMTP server for tests and benchmarks (`smtp-server` from npm) on a free port: it
 * accepts any login, keeps every message it receives, and can be told to answer the next
 * messages with a temporary (4xx) or permanent (5xx) error, as real receivers do.
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
  user: string | null;
}

export interface SmtpReceiver {
  host: string;
  port: number;
  received: ReceivedMail[];
  /** The next `count` messages are refused with `code` (e.g. 451 or 550). */
  refuseNext(count: number, code: number, message?: string): void;
  stop(): Promise<void>;
}

export interface SmtpReceiverOptions {
  /**
   * Checks an XOAUTH2 login (user and bearer token), as a Microsoft 365 or Google server does
   * with its identity provider; without it XOAUTH2 is not offered.
   */
  verifyToken?: (user: string, token: string) => boolean;
}

export async function startSmtpReceiver(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const received: ReceivedMail[] = [];
  let refusals: { code: number; message: string }[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // No reverse DNS of 127.0.0.1 per connection: without a resolver it waits for a timeout.
    disableReverseLookup: true,
    logger: false,
    authMethods: options.verifyToken ? ['PLAIN', 'LOGIN', 'XOAUTH2'] : ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.method === 'XOAUTH2') {
        const user = auth.username ?? '';
        if (options.verifyToken?.(user, auth.accessToken ?? '')) {
          callback(null, { user: `xoauth2:${user}` });
        } else {
          // What Gmail and Exchange answer: a JSON challenge, then 535 after the client's reply.
          callback(null, { data: { status: '401', schemes: 'bearer', scope: 'mail' } });
        }
        return;
      }
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refusal = refusals.shift();
        if (refusal) {
          const error = new Error(refusal.message) as Error & { responseCode: number };
          error.responseCode = refusal.code;
          callback(error);
          return;
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          user: typeof session.user === 'string' ? session.user : null
        });
        callback();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    received,
    refuseNext(count, code, message = 'Try again later') {
      refusals = [...refusals, ...Array.from({ length: count }, () => ({ code, message }))];
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}
