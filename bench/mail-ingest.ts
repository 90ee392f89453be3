/**
 * Mail ingestion: 1,000 messages delivered to a real Dovecot mailbox, then ingested by a Baton
 * (in this process, on a temp folder) from the moment the mailbox is connected until every
 * message is a ticket entry and flagged on the server. A third of the messages are replies
 * threaded by References, a few are auto-replies; the mix is what a busy shared inbox holds.
 *
 * Reported: wall time (median of the runs), messages per second, and the peak memory of the
 * process while ingesting (RSS and JS heap, sampled every 20 ms, minus the value before).
 *
 * Run alone: `node --import tsx bench/mail-ingest.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBaton } from '../server/baton.ts';
import { testConfig } from '../server/config.ts';
import { startDovecot } from '../tests/mail-servers/dovecot.ts';
import { startSmtpReceiver } from '../tests/mail-servers/smtp-receiver.ts';
import * as fx from '../tests/mail-servers/fixtures.ts';
import { median } from './stats.ts';

export interface MailIngestRun {
  messages: number;
  ms: number;
  peakRssBytes: number;
  peakHeapBytes: number;
}

export interface MailIngestResult {
  runs: MailIngestRun[];
  messages: number;
}

function mailbox(count: number, run: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const id = `<bench-${run}-${i}@example.fi>`;
    if (i % 50 === 49) {
      out.push(fx.autoReply('auto-submitted', { messageId: id }));
    } else if (i % 3 === 2) {
      const parent = `<bench-${run}-${i - 1}@example.fi>`;
      out.push(
        fx.gmailReply({
          subject: `Re: Case ${i - 1}`,
          messageId: id,
          inReplyTo: parent,
          references: [parent]
        })
      );
    } else if (i % 10 === 0) {
      out.push(
        fx.eightBit({
          charset: 'iso-8859-1',
          text: `Hyvää päivää, tapaus ${i}: æøå`,
          subject: `Case ${i}`,
          messageId: id
        })
      );
    } else {
      out.push(
        fx.plain({
          subject: `Case ${i}`,
          messageId: id,
          from: `Customer ${i % 97} <c${i % 97}@example.fi>`
        })
      );
    }
  }
  return out;
}

export async function mailIngest(count = 1000, runs = 3): Promise<MailIngestResult> {
  const users = Array.from({ length: runs }, (_, i) => ({
    user: `bench${i}`,
    password: `bench-${i}`
  }));
  const [imap, smtp] = await Promise.all([startDovecot(users), startSmtpReceiver()]);
  const results: MailIngestRun[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const user = users[run]?.user ?? 'bench0';
      // Deliver first (not timed), over one connection.
      const client = await imap.client(user);
      try {
        for (const raw of mailbox(count, run)) await client.append('INBOX', raw);
      } finally {
        await client.logout();
      }
      const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-mail-'));
      const baton = await createBaton(
        testConfig({
          dataDir,
          mail: {
            secretKey: Buffer.alloc(32, 1),
            pollMs: 60_000,
            maxAttachmentBytes: 25 << 20,
            retryBaseMs: 1000,
            maxAttempts: 3,
            // Dovecot runs on 127.0.0.1.
            allowPrivateHosts: true
          }
        }),
        { register: false, log: () => {} }
      );
      try {
        globalThis.gc?.();
        const rss0 = process.memoryUsage().rss;
        const heap0 = process.memoryUsage().heapUsed;
        let peakRss = rss0;
        let peakHeap = heap0;
        const sampler = setInterval(() => {
          const m = process.memoryUsage();
          peakRss = Math.max(peakRss, m.rss);
          peakHeap = Math.max(peakHeap, m.heapUsed);
        }, 20);
        let handled = 0;
        const done = new Promise<void>((resolve) => {
          baton.mail.onPass((_, n) => {
            handled += n;
            if (handled >= count) resolve();
          });
        });
        const started = performance.now();
        await baton.mail.configure('demo-workspace', {
          settings: fx.mailboxSettings(imap, smtp, user, {
            smtp: { host: smtp.host, port: smtp.port, security: 'none', user: '', auth: 'password' }
          }),
          imapSecret: users[run]?.password ?? ''
        });
        await done;
        const ms = performance.now() - started;
        clearInterval(sampler);
        results.push({
          messages: handled,
          ms,
          peakRssBytes: peakRss - rss0,
          peakHeapBytes: peakHeap - heap0
        });
      } finally {
        await baton.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await Promise.all([imap.stop(), smtp.stop()]);
  }
  return { runs: results, messages: count };
}

export function summarize(result: MailIngestResult): {
  ms: number;
  perSecond: number;
  rssMb: number;
  heapMb: number;
} {
  const ms = median(result.runs.map((r) => r.ms));
  return {
    ms,
    perSecond: (result.messages / ms) * 1000,
    rssMb: Math.max(...result.runs.map((r) => r.peakRssBytes)) / 1024 / 1024,
    heapMb: Math.max(...result.runs.map((r) => r.peakHeapBytes)) / 1024 / 1024
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await mailIngest();
  console.log(JSON.stringify({ ...summarize(result), runs: result.runs }, null, 2));
}
