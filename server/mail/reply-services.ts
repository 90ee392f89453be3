/**
 * The reply endpoints' side of the mail channel: a reply's attachments stored in the blob
 * store for the workspace (so only its members read them back, and the outbound worker finds
 * them), a failed reply sent again, and each member's signature. The endpoints authorize the
 * workspace and the member first (`src/lib/server/authorize.ts`); these trust that and check
 * everything that came in the body.
 */
import { errorBody } from '../../src/lib/contract/errors.ts';
import { SignatureInput } from '../../src/lib/contract/replies.ts';
import {
  REPLY_ATTACHMENT_LIMITS,
  cleanAttachmentName
} from '../../src/lib/domain/reply-delivery.ts';
import type { MailResult, MailServices } from '../../src/lib/server/mail-services.ts';
import type { BlobStore } from './blobs.ts';
import type { MailStore } from './mail-store.ts';
import type { OutboundMail } from './outbound.ts';

export interface ReplyServiceDeps {
  blobs: BlobStore;
  store: MailStore;
  outbound: OutboundMail;
  now: () => number;
}

/** `type/subtype`, lower case; anything else is stored as plain bytes. */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

export function cleanMediaType(type: string): string {
  const bare = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return MEDIA_TYPE.test(bare) ? bare : 'application/octet-stream';
}

type ReplyServices = Pick<
  MailServices,
  'putReplyAttachment' | 'retryReply' | 'getSignature' | 'putSignature'
>;

export function replyServices(deps: ReplyServiceDeps): ReplyServices {
  const answer = (status: number, body: unknown): MailResult => ({ status, body });
  return {
    putReplyAttachment: async (workspaceId, file) => {
      const name = cleanAttachmentName(file.name);
      if (file.data.byteLength === 0) {
        return answer(400, errorBody('empty', `${name} is empty.`));
      }
      if (file.data.byteLength > REPLY_ATTACHMENT_LIMITS.maxFileBytes) {
        return answer(
          413,
          errorBody(
            'too-large',
            `A file may be at most ${REPLY_ATTACHMENT_LIMITS.maxFileBytes} bytes.`
          )
        );
      }
      const type = cleanMediaType(file.type);
      const blob = deps.blobs.put(workspaceId, Buffer.from(file.data), type);
      return answer(201, {
        attachment: { name, type, size: file.data.byteLength, blob, inline: false }
      });
    },
    retryReply: async (workspaceId, ticketId, entryId) => {
      const outcome = deps.outbound.retry(workspaceId, ticketId, entryId);
      if (outcome.ok) return answer(200, { queued: true });
      switch (outcome.reason) {
        case 'not-found':
          return answer(404, errorBody('not-found', 'No such reply.'));
        case 'not-failed':
          return answer(409, errorBody('not-failed', 'This reply is queued or sent.'));
        case 'no-mailbox':
          return answer(409, errorBody('no-mailbox', 'No mailbox is connected.'));
        case 'no-recipient':
        case 'attachment-missing':
          return answer(409, errorBody('no-recipient', 'The reply has nobody to go to.'));
      }
    },
    getSignature: async (workspaceId, memberId) =>
      answer(200, { signature: deps.store.signature(workspaceId, memberId) ?? '' }),
    putSignature: async (workspaceId, memberId, body) => {
      const parsed = SignatureInput.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return answer(
          400,
          errorBody(
            'invalid-request',
            `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`
          )
        );
      }
      // Trailing blanks would only push the footer down; a signature is plain text.
      // eslint-disable-next-line no-control-regex
      const text = parsed.data.signature.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
      const signature = text.replace(/\s+$/, '');
      deps.store.putSignature(workspaceId, memberId, signature, deps.now());
      return answer(200, { signature });
    }
  };
}
