/**
 * A reply the member sent while offline, held on this device until the ticket is up to date
 * with the server: the composer then sends it, or asks first when a colleague replied
 * meanwhile. It is kept in this device's storage, under the member's prefix, so that it
 * survives a reload and goes at sign-out with the rest of the member's data. It is never
 * synced: only the device that held a send delivers it, so a second device of the same member
 * cannot send the reply twice. (The text itself is the private draft, kept like the ticket.)
 */
import { z } from 'zod';
import { MailAttachment, ReplyRecipients } from '$lib/domain/schema';
import { memberPrefix } from '$lib/sync/local-data';
import { safeSet, type KeyValueStorage } from '$lib/sync/storage';

export const HeldReply = z.strictObject({
  /** Absent: the server's default recipients. */
  recipients: ReplyRecipients.optional(),
  attachments: z.array(MailAttachment).max(50)
});
export type HeldReply = z.infer<typeof HeldReply>;

export class HeldSend {
  readonly #storage: KeyValueStorage | null;
  readonly #key: string;

  constructor(storage: KeyValueStorage | null, memberId: string, ticketId: string) {
    this.#storage = storage;
    this.#key = `${memberPrefix(memberId)}held-reply:${ticketId}`;
  }

  /** The held reply, if any; anything unreadable counts as none (and is removed). */
  read(): HeldReply | null {
    const raw = this.#storage?.getItem(this.#key) ?? null;
    if (raw === null) return null;
    try {
      const parsed = HeldReply.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: removed below
    }
    this.#storage?.removeItem(this.#key);
    return null;
  }

  /** Holds `reply`, or lets go of the held one (`null`: sent or cancelled). */
  write(reply: HeldReply | null): void {
    if (!this.#storage) return;
    if (reply === null) this.#storage.removeItem(this.#key);
    else safeSet(this.#storage, this.#key, JSON.stringify(HeldReply.parse(reply)));
  }
}
