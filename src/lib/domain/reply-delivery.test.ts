import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  attachmentProblem,
  cleanAttachmentName,
  deliveryView,
  mailboxFlag,
  replyProblems,
  REPLY_ATTACHMENT_LIMITS
} from './reply-delivery';
import { applyChecked, type UpdateVerdict } from './update-check';
import { readSettings } from './settings';
import { addThreadEntry, TicketError } from './ticket';
import type { DocRef } from './doc-names';
import type { DeliveryState, InboundMail, MailAttachment } from './schema';
import { makeActor, makeTicketDoc, T0, WORKSPACE_ID } from './testing/factories';

const MiB = 1024 * 1024;
const inbound = (from: string) => ({ kind: 'inbound', mail: { from } as InboundMail }) as const;

describe('replyProblems: whether a public reply can reach anyone', () => {
  const base = { mailboxConnected: true, requesterEmail: null, thread: [] };

  it('goes with a connected mailbox and any of: To, the requester, a customer email', () => {
    expect(replyProblems({ ...base, requesterEmail: 'hanna@example.fi' })).toEqual([]);
    expect(replyProblems({ ...base, recipients: { to: ['someone@example.fi'], cc: [] } })).toEqual(
      []
    );
    expect(replyProblems({ ...base, thread: [inbound('hanna@example.fi')] })).toEqual([]);
  });

  it('names each missing part: nobody to send to, no mailbox, or both', () => {
    expect(replyProblems(base)).toEqual(['no-recipient']);
    // A note or a reply in the thread is not an address to answer.
    expect(
      replyProblems({ ...base, thread: [{ kind: 'note' }, { kind: 'reply' }, inbound('')] })
    ).toEqual(['no-recipient']);
    expect(
      replyProblems({ ...base, mailboxConnected: false, requesterEmail: 'hanna@example.fi' })
    ).toEqual(['no-mailbox']);
    expect(replyProblems({ ...base, mailboxConnected: false })).toEqual([
      'no-recipient',
      'no-mailbox'
    ]);
  });
});

describe('reply attachments', () => {
  it('refuses an empty file, one too large, one too many and too much together', () => {
    expect(attachmentProblem([], { size: 1 })).toBeNull();
    expect(attachmentProblem([], { size: 0 })).toBe('empty');
    expect(attachmentProblem([], { size: REPLY_ATTACHMENT_LIMITS.maxFileBytes + 1 })).toBe(
      'too-large'
    );
    const ten = Array.from({ length: REPLY_ATTACHMENT_LIMITS.maxFiles }, () => ({ size: 10 }));
    expect(attachmentProblem(ten, { size: 10 })).toBe('too-many');
    const two = [{ size: 7 * MiB }, { size: 7 * MiB }];
    expect(attachmentProblem(two, { size: 2 * MiB })).toBe('total-too-large');
    expect(attachmentProblem(two, { size: 1 * MiB })).toBeNull();
  });

  it('keeps only a file name: no folders, quotes or control characters, never empty', () => {
    expect(cleanAttachmentName('C:\\Users\\aino\\report.pdf')).toBe('report.pdf');
    expect(cleanAttachmentName('../../etc/passwd')).toBe('passwd');
    expect(cleanAttachmentName('a"b\r\nX-Evil: 1.txt')).toBe('abX-Evil: 1.txt');
    expect(cleanAttachmentName('')).toBe('attachment');
    expect(cleanAttachmentName('///')).toBe('attachment');
    expect(cleanAttachmentName('x'.repeat(1000))).toHaveLength(
      REPLY_ATTACHMENT_LIMITS.maxNameLength
    );
  });

  it('are carried by public replies only', () => {
    const { doc } = makeTicketDoc();
    const file: MailAttachment = {
      name: 'log.txt',
      type: 'text/plain',
      size: 3,
      blob: 'a'.repeat(64),
      inline: false
    };
    const entry = addThreadEntry(doc, 'reply', 'See the log.', makeActor(), T0 + 1, {
      attachments: [file]
    });
    expect(entry.attachments).toEqual([file]);
    expect(() =>
      addThreadEntry(doc, 'note', 'See the log.', makeActor(), T0 + 2, { attachments: [file] })
    ).toThrow(TicketError);
  });
});

describe('deliveryView: what the badge shows', () => {
  const state = (s: Partial<DeliveryState>): DeliveryState => ({
    state: 'sent',
    at: T0,
    attempts: 1,
    reason: null,
    messageId: '<baton.x@example.fi>',
    ...s
  });

  it('names Baton’s own reasons by code and passes a server’s words through', () => {
    expect(deliveryView(state({ state: 'failed', reason: 'no-mailbox' }), 'e1', [])).toEqual({
      state: 'failed',
      reason: null,
      code: 'no-mailbox'
    });
    expect(
      deliveryView(state({ state: 'failed', reason: 'Refused: 550 no such user' }), 'e1', [])
    ).toEqual({ state: 'failed', reason: 'Refused: 550 no such user', code: null });
  });

  it('shows a reply the customer’s server sent back as bounced, but not a delay', () => {
    const bounce = (action: 'failed' | 'delayed') =>
      ({ mail: { bounce: { entryId: 'e1', reason: '5.1.1 unknown user', action } } }) as never;
    expect(deliveryView(state({ state: 'failed' }), 'e1', [bounce('failed')])).toMatchObject({
      state: 'bounced',
      reason: '5.1.1 unknown user'
    });
    expect(deliveryView(state({}), 'e1', [bounce('delayed')]).state).toBe('sent');
    expect(deliveryView(state({}), 'other', [bounce('failed')]).state).toBe('sent');
  });
});

describe('the mailbox flag in the settings document', () => {
  const settingsRef: DocRef = { kind: 'settings', workspaceId: WORKSPACE_ID };
  const flag = { id: 'mailbox', connected: true, address: 'support@example.fi', at: T0 };
  const write = (value: unknown, options: { byServer?: boolean } = {}): UpdateVerdict => {
    const client = new Y.Doc();
    client.getMap('mail').set('mailbox', value);
    return applyChecked(new Y.Doc(), settingsRef, Y.encodeStateAsUpdate(client), options);
  };

  it('is written by the server only, and read as "not connected" when absent or damaged', () => {
    expect(write(flag)).toMatchObject({ ok: false, reason: 'server-owned' });
    expect(write(flag, { byServer: true })).toMatchObject({ ok: true });
    const doc = new Y.Doc();
    expect(readSettings(doc).mailbox).toEqual({ connected: false, address: null });
    doc.getMap('mail').set('mailbox', flag);
    expect(readSettings(doc).mailbox).toEqual({
      connected: true,
      address: 'support@example.fi'
    });
    for (const garbage of [null, 42, 'yes', { ...flag, connected: 'yes' }, { ...flag, id: 'x' }]) {
      expect(mailboxFlag(garbage), JSON.stringify(garbage)).toBeNull();
      doc.getMap('mail').set('mailbox', garbage);
      expect(readSettings(doc).mailbox.connected).toBe(false);
    }
  });

  it('refuses a garbage flag even from the server', () => {
    expect(write({ ...flag, connected: 1 }, { byServer: true })).toMatchObject({
      ok: false,
      reason: 'schema'
    });
  });
});

describe('attachments in the update check', () => {
  function clientUpdate(change: (doc: Y.Doc) => void) {
    const { doc, fields } = makeTicketDoc();
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(doc);
    change(doc);
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
    const ref: DocRef = { kind: 'ticket', ticketId: fields.id };
    return applyChecked(scratch, ref, Y.encodeStateAsUpdate(doc, before));
  }
  const entry = (kind: string, attachments: unknown) => ({
    id: 'entry-000001',
    kind,
    authorId: 'agent-000001',
    authorName: 'Aino',
    body: 'See attached.',
    createdAt: T0 + 1,
    attachments
  });
  const file = { name: 'a.txt', type: 'text/plain', size: 1, blob: 'b'.repeat(64), inline: false };

  it('accepts a reply naming uploaded files', () => {
    expect(clientUpdate((d) => d.getArray('thread').push([entry('reply', [file])]))).toMatchObject({
      ok: true
    });
  });

  it.each([
    ['on a note', entry('note', [file]), 'Only a public reply has attachments'],
    ['without its file', entry('reply', [{ ...file, blob: null }]), 'names its uploaded file'],
    ['naming a path', entry('reply', [{ ...file, blob: '../../x' }]), 'SHA-256'],
    [
      'eleven files',
      entry(
        'reply',
        Array.from({ length: 11 }, () => file)
      ),
      'attachments'
    ],
    ['not a list', entry('reply', 'a.txt'), 'attachments']
  ])('refuses attachments %s', (_what, value, detail) => {
    const verdict = clientUpdate((d) => d.getArray('thread').push([value]));
    expect(verdict).toMatchObject({ ok: false, reason: 'schema' });
    expect(verdict.ok ? '' : verdict.detail).toContain(detail);
  });
});
