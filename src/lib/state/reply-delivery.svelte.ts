/**
 * The composer's side of sending a public reply as email: whether it can reach anyone (asked
 * of what this device knows, so it works offline: the ticket document, the requester in the
 * index, the mailbox flag in the settings document), and the files attached to it, uploaded
 * one by one before the reply is written.
 */
import type * as Y from 'yjs';
import { readThread, readTicketFields } from '$lib/domain/ticket';
import { newId } from '$lib/domain/ids';
import { putCustomer } from '$lib/domain/workspace-index';
import {
  attachmentProblem,
  cleanAttachmentName,
  replyProblems,
  REPLY_ATTACHMENT_LIMITS,
  type ReplyProblem
} from '$lib/domain/reply-delivery';
import type { CustomerSummary, MailAttachment, ReplyRecipients } from '$lib/domain/schema';
import { orThrow, type Api } from '$lib/api/client';
import { errorMessage } from '$lib/i18n/messages/errors';
import {
  attachmentEmpty,
  attachmentTooLarge,
  attachmentsNeedConnection,
  attachmentsTooMany,
  attachmentsTotalTooLarge,
  couldNotAttach
} from '$lib/i18n/messages/replies';

/** What stops a reply on this ticket from reaching anyone, from what the device knows. */
export function replyRefusal(
  ticketDoc: Y.Doc,
  mailboxConnected: boolean,
  customers: ReadonlyMap<string, CustomerSummary>,
  recipients: ReplyRecipients | undefined
): ReplyProblem[] {
  const fields = readTicketFields(ticketDoc);
  const requester = fields?.requesterId ? customers.get(fields.requesterId) : undefined;
  return replyProblems({
    mailboxConnected,
    recipients,
    requesterEmail: requester?.email ?? null,
    thread: readThread(ticketDoc)
  });
}

export interface PendingUpload {
  id: number;
  name: string;
}

/** The files attached to the reply being written: uploaded, uploading, and the last refusal. */
export class ReplyAttachments {
  #attached = $state.raw<MailAttachment[]>([]);
  #uploading = $state.raw<PendingUpload[]>([]);
  #error = $state<string | null>(null);
  #next = 0;
  readonly #api: Pick<Api, 'uploadReplyAttachment'>;
  readonly #workspaceId: string;
  readonly #online: () => boolean;

  constructor(deps: {
    api: Pick<Api, 'uploadReplyAttachment'>;
    workspaceId: string;
    online: () => boolean;
  }) {
    this.#api = deps.api;
    this.#workspaceId = deps.workspaceId;
    this.#online = deps.online;
  }

  get attached(): readonly MailAttachment[] {
    return this.#attached;
  }

  get uploading(): readonly PendingUpload[] {
    return this.#uploading;
  }

  get error(): string | null {
    return this.#error;
  }

  get busy(): boolean {
    return this.#uploading.length > 0;
  }

  /** Checks each file against the limits (with those already attached), then uploads it. */
  async add(files: Iterable<File>): Promise<void> {
    this.#error = null;
    const uploads: Promise<void>[] = [];
    for (const file of files) {
      const name = cleanAttachmentName(file.name);
      const taken = [...this.#attached, ...this.#uploading.map(() => ({ size: 1 }))];
      const problem = attachmentProblem(taken, { size: file.size });
      if (problem) {
        this.#error = describe(problem, name);
        continue;
      }
      if (!this.#online()) {
        this.#error = attachmentsNeedConnection();
        return;
      }
      uploads.push(this.#upload(file, name));
    }
    await Promise.all(uploads);
  }

  async #upload(file: File, name: string): Promise<void> {
    const pending = { id: this.#next++, name };
    this.#uploading = [...this.#uploading, pending];
    try {
      const result = await this.#api.uploadReplyAttachment(this.#workspaceId, file, name);
      if (result.ok) {
        const problem = attachmentProblem(this.#attached, result.value.attachment);
        if (problem) this.#error = describe(problem, name);
        else this.#attached = [...this.#attached, result.value.attachment];
      } else {
        const f = result.failure;
        this.#error = `${couldNotAttach({ name })}: ${
          f.kind === 'http' ? errorMessage(f.reason) : f.message
        }`;
      }
    } finally {
      this.#uploading = this.#uploading.filter((u) => u.id !== pending.id);
    }
  }

  remove(blob: string | null): void {
    this.#attached = this.#attached.filter((a) => a.blob !== blob);
    this.#error = null;
  }

  /** After the reply was written. */
  reset(): void {
    this.#attached = [];
    this.#error = null;
  }
}

function describe(problem: NonNullable<ReturnType<typeof attachmentProblem>>, name: string) {
  switch (problem) {
    case 'empty':
      return attachmentEmpty({ name });
    case 'too-large':
      return attachmentTooLarge({ name, max: REPLY_ATTACHMENT_LIMITS.maxFileBytes });
    case 'too-many':
      return attachmentsTooMany({ max: REPLY_ATTACHMENT_LIMITS.maxFiles });
    case 'total-too-large':
      return attachmentsTotalTooLarge({ max: REPLY_ATTACHMENT_LIMITS.maxTotalBytes });
  }
}

/**
 * The customer with this address, from the index, or a new one written into it (a ticket
 * opened in the app for someone who never wrote in). Mail from the address later finds the
 * same customer: the mail channel links an address to the index's customer with it.
 */
export function customerByEmail(
  indexDoc: Y.Doc,
  customers: ReadonlyMap<string, CustomerSummary>,
  input: { email: string; name: string }
): string {
  const email = input.email.trim();
  const lower = email.toLowerCase();
  for (const customer of customers.values()) {
    if (customer.email.toLowerCase() === lower) return customer.id;
  }
  const id = newId();
  const name = input.name.trim() || email.split('@')[0] || email;
  putCustomer(indexDoc, { id, name: name.slice(0, 120), email });
  return id;
}

/** The member's own email signature in a workspace, for the profile's form. */
export class MemberSignature {
  #text = $state('');
  #loaded = $state(false);
  readonly #api: Pick<Api, 'signature' | 'saveSignature'>;
  readonly #workspaceId: string;

  constructor(deps: { api: Pick<Api, 'signature' | 'saveSignature'>; workspaceId: string }) {
    this.#api = deps.api;
    this.#workspaceId = deps.workspaceId;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  get text(): string {
    return this.#text;
  }

  set text(value: string) {
    this.#text = value;
  }

  async load(): Promise<void> {
    this.#text = orThrow(await this.#api.signature(this.#workspaceId)).signature;
    this.#loaded = true;
  }

  /** Saves the text; it comes back as stored (trailing blanks and control characters gone). */
  async save(): Promise<void> {
    this.#text = orThrow(await this.#api.saveSignature(this.#workspaceId, this.#text)).signature;
  }

  reset(): void {
    this.#text = '';
    this.#loaded = false;
  }
}
