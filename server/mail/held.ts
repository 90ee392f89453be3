/**
 * The "could not import" list: messages a mailbox delivered that could not become a ticket
 * (no sender at all, over the size limit, not a message, or failing again and again). Nothing a
 * mailbox delivers may disappear, so each is kept where an admin sees it, with its raw bytes
 * to download and a retry.
 *
 * The bytes are kept as `<dataDir>/held/<sha256>.eml` (written to a temp name, then renamed),
 * outside the blob store: blobs may be read by every member of a workspace, a held message only
 * by its admins, through the mail services. The rows are `mail_held` (mail-store.ts). Holding
 * the same bytes twice (the mailbox delivered it again) adds a try to the one row.
 *
 * Invariant (imap-worker.ts): a message is flagged processed on the IMAP server only after
 * `hold` returned, i.e. after its file and its row are on disk.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HeldRow, MailStore } from './mail-store.ts';
import { Headers } from './classify.ts';
import { decodeEncodedWords } from './charset.ts';

export type HeldReason = 'empty' | 'too-large' | 'unreadable' | 'no-sender' | 'failed';

export class HeldMessages {
  readonly #dir: string;
  readonly #store: MailStore;

  constructor(dataDir: string, store: MailStore) {
    this.#dir = join(dataDir, 'held');
    this.#store = store;
  }

  static idOf(raw: Buffer): string {
    return createHash('sha256').update(raw).digest('hex');
  }

  #path(id: string): string {
    return join(this.#dir, `${id}.eml`);
  }

  /** Keeps the message; throws when it could not be written (then it must not be flagged). */
  hold(workspaceId: string, raw: Buffer, reason: HeldReason, detail: string, now: number): HeldRow {
    const id = HeldMessages.idOf(raw);
    const path = this.#path(id);
    if (!existsSync(path)) {
      mkdirSync(this.#dir, { recursive: true });
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      writeFileSync(temp, raw);
      renameSync(temp, path);
    }
    // What an admin recognises the message by, read leniently from the first 64 KiB.
    const h = Headers.of(raw.subarray(0, 64 * 1024));
    const text = (value: string | null, max: number) =>
      decodeEncodedWords(value ?? '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, max);
    this.#store.hold(
      {
        workspaceId,
        id,
        reason,
        detail: detail.slice(0, 500),
        messageId: text(h.get('message-id'), 998) || null,
        subject: text(h.get('subject'), 300),
        sender: text(h.get('from') ?? h.get('reply-to') ?? h.get('sender'), 320),
        size: raw.length,
        receivedAt: now
      },
      now
    );
    const row = this.#store.heldMessage(workspaceId, id);
    if (!row) throw new Error('The message could not be kept.');
    return row;
  }

  list(workspaceId: string): HeldRow[] {
    return this.#store.heldMessages(workspaceId);
  }

  get(workspaceId: string, id: string): HeldRow | null {
    if (!/^[a-f0-9]{64}$/.test(id)) return null;
    return this.#store.heldMessage(workspaceId, id);
  }

  /** The raw bytes of a message the workspace holds, or `null`. */
  raw(workspaceId: string, id: string): Buffer | null {
    if (!this.get(workspaceId, id)) return null;
    try {
      return readFileSync(this.#path(id));
    } catch {
      return null;
    }
  }

  /** Takes the message off the list (it became a ticket); its file goes when nobody holds it. */
  release(workspaceId: string, id: string): void {
    this.#store.release(workspaceId, id);
    if (!this.#store.heldAnywhere(id)) rmSync(this.#path(id), { force: true });
  }
}
