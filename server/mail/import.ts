/**
 * Import for the move from Outlook (or anything else): `.mbox` files, single `.eml` files and
 * folders of `.eml` files, threaded exactly as live mail is (the same ingestor), oldest first.
 *
 * Afterwards each ticket the import touched is closed, unless the last message in it is from
 * the customer: that one is still waiting for an answer and stays open.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { SYSTEM_ACTOR } from '../../src/lib/domain/schema.ts';
import { readTicket, setStatus } from '../../src/lib/domain/ticket.ts';
import type { DocManager } from '../documents.ts';
import type { IngestOutcome, MailIngestor } from './ingest.ts';
import { startingProgress, type ImportProgress } from '../../src/lib/contract/mail-import.ts';

export type { ImportProgress } from '../../src/lib/contract/mail-import.ts';

/** Splits an mbox (mboxrd/mboxo) into messages, undoing `>From ` quoting. */
export function splitMbox(data: Buffer): Buffer[] {
  const text = data.toString('latin1'); // byte-preserving: 8-bit charsets survive the split
  const starts: number[] = [];
  if (text.startsWith('From ')) starts.push(0);
  const separator = /\r?\n(?=From )/g;
  for (let m = separator.exec(text); m; m = separator.exec(text))
    starts.push(m.index + m[0].length);
  const messages: Buffer[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] ?? 0;
    const end = starts[i + 1] ?? text.length;
    const chunk = text.slice(start, end);
    const body = chunk.slice(chunk.indexOf('\n') + 1).replace(/^>(>*From )/gm, '$1');
    if (body.trim() !== '') messages.push(Buffer.from(body, 'latin1'));
  }
  return messages;
}

/** Whether a buffer looks like an mbox rather than one message. */
export function isMbox(data: Buffer): boolean {
  return data.subarray(0, 5).toString('latin1') === 'From ';
}

/** Every message in the files or folders given (folders: their `.eml` and `.mbox` files). */
export function readMessages(paths: readonly string[]): Buffer[] {
  const out: Buffer[] = [];
  for (const path of paths) {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const names = readdirSync(path).sort();
      out.push(
        ...readMessages(
          names
            .filter(
              (n) => ['.eml', '.mbox', ''].includes(extname(n).toLowerCase()) && !n.startsWith('.')
            )
            .map((n) => join(path, n))
            .filter((p) => statSync(p).isFile())
        )
      );
      continue;
    }
    const data = readFileSync(path);
    out.push(...(isMbox(data) ? splitMbox(data) : [data]));
  }
  return out;
}

function dateOf(raw: Buffer): number {
  const head =
    raw
      .subarray(0, 64 * 1024)
      .toString('latin1')
      .split(/\r?\n\r?\n/)[0] ?? '';
  const match = /^Date:[ \t]*(.+)$/im.exec(head);
  const time = match?.[1] ? Date.parse(match[1].trim()) : Number.NaN;
  return Number.isNaN(time) ? Number.MAX_SAFE_INTEGER : time;
}

export async function importMessages(
  deps: { docs: DocManager; ingestor: MailIngestor; now: () => number },
  workspaceId: string,
  messages: readonly Buffer[],
  options: { ownAddresses: readonly string[]; reopenDays: number },
  onProgress: (progress: ImportProgress) => void = () => {}
): Promise<ImportProgress> {
  const progress = startingProgress(messages.length);
  const ordered = messages
    .map((raw, i) => ({ raw, i, date: dateOf(raw) }))
    .sort((a, b) => a.date - b.date || a.i - b.i);
  const touched = new Set<string>();
  onProgress({ ...progress });
  for (const { raw } of ordered) {
    let outcome: IngestOutcome;
    try {
      outcome = await deps.ingestor.ingest(workspaceId, raw, { mode: 'import', ...options });
    } catch {
      progress.failed++;
      progress.done++;
      onProgress({ ...progress });
      continue;
    }
    if (outcome.action === 'created') progress.created++;
    else if (outcome.action === 'appended') progress.appended++;
    else if (outcome.action === 'duplicate') progress.duplicates++;
    else progress.ignored++;
    if (outcome.action === 'created' || outcome.action === 'appended')
      touched.add(outcome.ticketId);
    progress.done++;
    if (progress.done % 10 === 0 || progress.done === progress.total) onProgress({ ...progress });
  }
  for (const ticketId of touched) {
    const closed = deps.docs.change(ticketDocName(ticketId), (doc) => {
      const ticket = readTicket(doc);
      const last = ticket?.thread[ticket.thread.length - 1];
      if (!ticket || !last || last.kind === 'inbound') return;
      setStatus(doc, 'closed', SYSTEM_ACTOR, last.createdAt);
    });
    if (closed) progress.closed++;
  }
  progress.finished = true;
  onProgress({ ...progress });
  return progress;
}
