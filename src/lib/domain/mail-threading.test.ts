import { describe, expect, it } from 'vitest';
import {
  MAX_THREAD_IDS,
  appendReopens,
  cleanSubject,
  replySubject,
  threadIds,
  threadMessage,
  ticketNumberInSubject,
  type ThreadTicket,
  type ThreadingContext,
  type ThreadingLookups,
  type ThreadingMessage
} from './mail-threading';
import type { TicketStatus } from './schema';
import { DAY, T0, WORKSPACE_ID } from './testing/factories';

/**
 * What a mail store and the ticket documents know, as plain maps: Message-IDs Baton has seen
 * or sent → ticket, ticket numbers → ticket, and the tickets themselves. The lookups are the
 * same shape the ingestor gives `threadMessage`; every call is recorded.
 */
class Known implements ThreadingLookups {
  readonly byMessageId = new Map<string, string>();
  readonly byNumber = new Map<number, string>();
  readonly tickets = new Map<string, ThreadTicket>();
  readonly asked: string[][] = [];
  unreadable: string | null = null;

  addTicket(
    id: string,
    init: Partial<ThreadTicket> & { number?: number; messageIds?: string[] } = {}
  ): string {
    this.tickets.set(id, {
      workspaceId: init.workspaceId ?? WORKSPACE_ID,
      status: init.status ?? 'open',
      solvedAt: init.solvedAt ?? null,
      updatedAt: init.updatedAt ?? T0,
      ...(init.mergedInto ? { mergedInto: init.mergedInto } : {})
    });
    if (init.number !== undefined) this.byNumber.set(init.number, id);
    for (const messageId of init.messageIds ?? []) this.byMessageId.set(messageId, id);
    return id;
  }

  ticketForMessageIds(ids: readonly string[]): string | null {
    this.asked.push([...ids]);
    for (const id of ids) {
      const ticket = this.byMessageId.get(id);
      if (ticket) return ticket;
    }
    return null;
  }

  ticketByNumber(number: number): Promise<string | null> {
    // Asynchronous on purpose: a store may answer later (a database over the network).
    return Promise.resolve(this.byNumber.get(number) ?? null);
  }

  ticket(ticketId: string): ThreadTicket | null {
    if (ticketId === this.unreadable) throw new Error(`Ticket ${ticketId} is unavailable`);
    return this.tickets.get(ticketId) ?? null;
  }
}

function message(overrides: Partial<ThreadingMessage> = {}): ThreadingMessage {
  return {
    inReplyTo: [],
    references: [],
    subject: 'Printer on floor 3 is jammed',
    from: 'hanna@example.fi',
    noise: null,
    ...overrides
  };
}

const REOPEN_WINDOW = 14 * DAY;

function context(overrides: Partial<ThreadingContext> = {}): ThreadingContext {
  return {
    workspaceId: WORKSPACE_ID,
    mode: 'live',
    ownAddresses: ['support@baton.example'],
    reopenClosedWithinMs: REOPEN_WINDOW,
    now: T0,
    ...overrides
  };
}

describe('threadMessage: which ticket a message belongs to', () => {
  it('starts a new ticket for a message that names no thread', async () => {
    const known = new Known();
    known.addTicket('ticket-printer', { number: 7, messageIds: ['<a@x>'] });
    expect(await threadMessage(message(), context(), known)).toEqual({
      action: 'create',
      author: 'customer',
      followUpOf: null
    });
  });

  it('appends a reply by In-Reply-To', async () => {
    const known = new Known();
    known.addTicket('ticket-printer', { messageIds: ['<reply-1@baton.example>'] });
    expect(
      await threadMessage(message({ inReplyTo: ['<reply-1@baton.example>'] }), context(), known)
    ).toEqual({
      action: 'append',
      ticketId: 'ticket-printer',
      by: 'reference',
      author: 'customer',
      reopen: false
    });
  });

  it('appends by References when In-Reply-To is unknown (a CC’d person, Apple Mail)', async () => {
    const known = new Known();
    known.addTicket('ticket-printer', { messageIds: ['<first@customer.example>'] });
    const decision = await threadMessage(
      message({
        inReplyTo: ['<unknown@elsewhere.example>'],
        references: ['<first@customer.example>', '<unknown@elsewhere.example>']
      }),
      context(),
      known
    );
    expect(decision).toMatchObject({ action: 'append', ticketId: 'ticket-printer' });
  });

  it('asks In-Reply-To first, then References newest first, each id once', async () => {
    const known = new Known();
    await threadMessage(
      message({ inReplyTo: ['<c@x>'], references: ['<a@x>', '<b@x>', '<c@x>', ''] }),
      context(),
      known
    );
    expect(known.asked).toEqual([['<c@x>', '<b@x>', '<a@x>']]);
  });

  it('follows the newest reference when two name different tickets', async () => {
    const known = new Known();
    known.addTicket('ticket-old', { messageIds: ['<old@x>'] });
    known.addTicket('ticket-new', { messageIds: ['<new@x>'] });
    const decision = await threadMessage(
      message({ references: ['<old@x>', '<new@x>'] }),
      context(),
      known
    );
    expect(decision).toMatchObject({ action: 'append', ticketId: 'ticket-new' });
  });

  it('appends by the [#number] tag in the subject when no reference is known', async () => {
    const known = new Known();
    known.addTicket('ticket-billing', { number: 1042 });
    const decision = await threadMessage(
      message({ subject: 'RE: Billing question [#1042]', inReplyTo: ['<lost@x>'] }),
      context(),
      known
    );
    expect(decision).toEqual({
      action: 'append',
      ticketId: 'ticket-billing',
      by: 'subject-tag',
      author: 'customer',
      reopen: false
    });
  });

  it('prefers the references over the subject tag', async () => {
    const known = new Known();
    known.addTicket('ticket-a', { number: 1, messageIds: ['<a@x>'] });
    known.addTicket('ticket-b', { number: 2 });
    const decision = await threadMessage(
      message({ subject: 'Re: something [#2]', inReplyTo: ['<a@x>'] }),
      context(),
      known
    );
    expect(decision).toMatchObject({ ticketId: 'ticket-a', by: 'reference' });
  });

  it('never threads by the subject words alone', async () => {
    const known = new Known();
    known.addTicket('ticket-printer', { number: 7 });
    for (const subject of ['Re: Printer on floor 3 is jammed', 'Re: #7', 'Re: [7]', '[# 7]']) {
      expect(await threadMessage(message({ subject }), context(), known), subject).toMatchObject({
        action: 'create'
      });
    }
  });

  it('passes over a ticket of another workspace, by reference or by tag (forged or stale)', async () => {
    const known = new Known();
    known.addTicket('ticket-theirs', {
      workspaceId: 'ws-other-000001',
      number: 5,
      messageIds: ['<theirs@x>']
    });
    known.addTicket('ticket-ours', { number: 9 });
    expect(
      await threadMessage(
        message({ inReplyTo: ['<theirs@x>'], subject: 'Re: [#5]' }),
        context(),
        known
      )
    ).toMatchObject({ action: 'create', followUpOf: null });
    // A reference to another workspace's ticket does not stop the subject tag.
    expect(
      await threadMessage(
        message({ inReplyTo: ['<theirs@x>'], subject: 'Re: [#9]' }),
        context(),
        known
      )
    ).toMatchObject({ action: 'append', ticketId: 'ticket-ours', by: 'subject-tag' });
  });

  it('passes over a reference to a ticket that does not exist (any more)', async () => {
    const known = new Known();
    known.byMessageId.set('<gone@x>', 'ticket-gone');
    expect(
      await threadMessage(message({ inReplyTo: ['<gone@x>'] }), context(), known)
    ).toMatchObject({ action: 'create' });
  });

  it('lets a ticket that cannot be read now fail the decision, so the message is retried', async () => {
    const known = new Known();
    known.addTicket('ticket-broken', { messageIds: ['<b@x>'] });
    known.unreadable = 'ticket-broken';
    await expect(
      threadMessage(message({ inReplyTo: ['<b@x>'] }), context(), known)
    ).rejects.toThrow(/unavailable/);
  });

  describe('merged tickets', () => {
    const merged = (targetId: string, at = T0) => ({ targetId, at, op: `op-${targetId}` });

    it('hands mail to a merged ticket on to the ticket it was merged into, by reference and by tag', async () => {
      const known = new Known();
      known.addTicket('ticket-first', { messageIds: ['<first@customer.example>'], number: 1 });
      known.addTicket('ticket-dup', {
        status: 'closed',
        solvedAt: T0,
        number: 2,
        messageIds: ['<dup@customer.example>'],
        mergedInto: merged('ticket-first')
      });
      const byReference = await threadMessage(
        message({ inReplyTo: ['<dup@customer.example>'] }),
        context({ now: T0 + DAY }),
        known
      );
      expect(byReference).toEqual({
        action: 'append',
        ticketId: 'ticket-first',
        by: 'reference',
        author: 'customer',
        reopen: false
      });
      const byTag = await threadMessage(
        message({ subject: 'Re: still broken [#2]' }),
        context({ now: T0 + DAY }),
        known
      );
      expect(byTag).toMatchObject({
        action: 'append',
        ticketId: 'ticket-first',
        by: 'subject-tag'
      });
    });

    it('follows a chain, and stops at a cycle where every replica does', async () => {
      const known = new Known();
      known.addTicket('ticket-a', { number: 1, mergedInto: merged('ticket-b', T0) });
      known.addTicket('ticket-b', { number: 2, mergedInto: merged('ticket-c', T0 + 1) });
      known.addTicket('ticket-c', { number: 3 });
      expect(await threadMessage(message({ subject: 'Re: [#1]' }), context(), known)).toMatchObject(
        { action: 'append', ticketId: 'ticket-c' }
      );
      // c→a, made at the same time as the others, closes a cycle: b→c is the latest merge.
      known.tickets.set('ticket-c', {
        ...known.tickets.get('ticket-c')!,
        mergedInto: merged('ticket-a', T0 + 0.5)
      });
      for (const tag of ['[#1]', '[#2]', '[#3]']) {
        expect(
          await threadMessage(message({ subject: `Re: ${tag}` }), context(), known)
        ).toMatchObject({ action: 'append', ticketId: 'ticket-b' });
      }
    });

    it('stays with the merged ticket when its target is gone or in another workspace', async () => {
      const known = new Known();
      known.addTicket('ticket-a', { number: 1, mergedInto: merged('ticket-gone') });
      known.addTicket('ticket-x', { number: 2, mergedInto: merged('ticket-other') });
      known.addTicket('ticket-other', { workspaceId: 'ws-other-000001' });
      expect(await threadMessage(message({ subject: 'Re: [#1]' }), context(), known)).toMatchObject(
        { action: 'append', ticketId: 'ticket-a' }
      );
      expect(await threadMessage(message({ subject: 'Re: [#2]' }), context(), known)).toMatchObject(
        { action: 'append', ticketId: 'ticket-x' }
      );
    });
  });

  describe('noise and our own mail', () => {
    it('ignores noise before looking anything up (auto-replies cannot loop)', async () => {
      const known = new Known();
      known.addTicket('ticket-printer', { messageIds: ['<a@x>'] });
      for (const noise of ['auto-reply', 'auto-submitted', 'bulk', 'mailer-daemon']) {
        expect(
          await threadMessage(message({ noise, inReplyTo: ['<a@x>'] }), context(), known)
        ).toEqual({ action: 'ignore', reason: noise });
      }
      expect(known.asked).toEqual([]);
    });

    it('ignores our own address coming back to the live mailbox, in any case', async () => {
      const known = new Known();
      known.addTicket('ticket-printer', { messageIds: ['<a@x>'] });
      expect(
        await threadMessage(
          message({ from: 'Support@Baton.Example', inReplyTo: ['<a@x>'] }),
          context(),
          known
        )
      ).toEqual({ action: 'ignore', reason: 'own-address' });
    });

    it('threads our own replies in an import, as ours, and they reopen nothing', async () => {
      const known = new Known();
      known.addTicket('ticket-printer', { status: 'solved', solvedAt: T0, messageIds: ['<a@x>'] });
      expect(
        await threadMessage(
          message({ from: 'support@baton.example', inReplyTo: ['<a@x>'] }),
          context({ mode: 'import' }),
          known
        )
      ).toEqual({
        action: 'append',
        ticketId: 'ticket-printer',
        by: 'reference',
        author: 'us',
        reopen: false
      });
      expect(
        await threadMessage(
          message({ from: 'support@baton.example' }),
          context({ mode: 'import' }),
          known
        )
      ).toEqual({ action: 'create', author: 'us', followUpOf: null });
    });

    it('treats a message without a sender as a customer’s', async () => {
      expect(await threadMessage(message({ from: null }), context(), new Known())).toMatchObject({
        action: 'create',
        author: 'customer'
      });
    });
  });

  describe('reopening', () => {
    const reply = message({ inReplyTo: ['<a@x>'] });
    const withTicket = (status: TicketStatus, solvedAt: number | null = null) => {
      const known = new Known();
      known.addTicket('ticket-printer', { status, solvedAt, messageIds: ['<a@x>'] });
      return known;
    };

    it('reopens a pending or solved ticket', async () => {
      for (const status of ['pending', 'solved'] as const) {
        expect(await threadMessage(reply, context(), withTicket(status, T0))).toMatchObject({
          action: 'append',
          reopen: true
        });
      }
    });

    it('leaves new, open and on-hold tickets as they are', async () => {
      for (const status of ['new', 'open', 'on-hold'] as const) {
        expect(await threadMessage(reply, context(), withTicket(status))).toMatchObject({
          action: 'append',
          reopen: false
        });
      }
    });

    it('reopens a closed ticket within the window; after it, starts a follow-up', async () => {
      const closedAt = T0 - REOPEN_WINDOW;
      expect(await threadMessage(reply, context(), withTicket('closed', closedAt))).toEqual({
        action: 'append',
        ticketId: 'ticket-printer',
        by: 'reference',
        author: 'customer',
        reopen: true
      });
      expect(
        await threadMessage(reply, context({ now: T0 + 1 }), withTicket('closed', closedAt))
      ).toEqual({ action: 'create', author: 'customer', followUpOf: 'ticket-printer' });
    });

    it('starts a follow-up also when the closed ticket is found by its subject tag', async () => {
      const known = new Known();
      known.addTicket('ticket-old', { status: 'closed', solvedAt: T0 - 60 * DAY, number: 3 });
      expect(await threadMessage(message({ subject: 'Re: [#3]' }), context(), known)).toEqual({
        action: 'create',
        author: 'customer',
        followUpOf: 'ticket-old'
      });
    });

    it('never reopens or follows up a closed ticket from an import', async () => {
      expect(
        await threadMessage(
          reply,
          context({ mode: 'import' }),
          withTicket('closed', T0 - 300 * DAY)
        )
      ).toMatchObject({ action: 'append', reopen: false });
    });
  });

  describe('garbage headers', () => {
    it('looks up at most MAX_THREAD_IDS ids, the newest', async () => {
      const known = new Known();
      const references = Array.from({ length: 5000 }, (_, i) => `<r${i}@x>`);
      known.addTicket('ticket-deep', { messageIds: ['<r4999@x>'] });
      const decision = await threadMessage(message({ references }), context(), known);
      expect(decision).toMatchObject({ action: 'append', ticketId: 'ticket-deep' });
      expect(known.asked[0]).toHaveLength(MAX_THREAD_IDS);
      expect(known.asked[0]?.[0]).toBe('<r4999@x>');
    });

    it('copes with empty ids, odd subjects and out-of-range tags', async () => {
      const known = new Known();
      known.addTicket('ticket-one', { number: 1 });
      for (const subject of ['', '[#]', '[#abc]', '[#1234567890]', '[#-1]', '\u0000[#\u0000]']) {
        expect(
          await threadMessage(message({ subject, inReplyTo: [''] }), context(), known),
          JSON.stringify(subject)
        ).toMatchObject({ action: 'create' });
      }
      expect(known.asked).toEqual([]);
    });

    it('takes the first tag when a subject has several', async () => {
      const known = new Known();
      known.addTicket('ticket-one', { number: 1 });
      known.addTicket('ticket-two', { number: 2 });
      expect(
        await threadMessage(message({ subject: 'Fwd: [#2] was [#1]' }), context(), known)
      ).toMatchObject({ ticketId: 'ticket-two' });
    });
  });
});

describe('appendReopens', () => {
  const ticket = (status: TicketStatus, solvedAt: number | null) => ({
    status,
    solvedAt,
    updatedAt: T0
  });

  it('reopens only for a customer, and a closed ticket only from the live mailbox', () => {
    const live = context();
    expect(appendReopens(ticket('solved', T0), 'customer', live)).toBe(true);
    expect(appendReopens(ticket('solved', T0), 'us', live)).toBe(false);
    // Past the window: the message made a follow-up, unless it was threaded here already.
    expect(appendReopens(ticket('closed', T0 - 300 * DAY), 'customer', live)).toBe(true);
    expect(appendReopens(ticket('closed', T0), 'customer', context({ mode: 'import' }))).toBe(
      false
    );
    expect(appendReopens(ticket('pending', null), 'customer', context({ mode: 'import' }))).toBe(
      true
    );
  });
});

describe('subjects', () => {
  it('reads the ticket number from the first tag', () => {
    expect(ticketNumberInSubject('Re: Printer [#12]')).toBe(12);
    expect(ticketNumberInSubject('Re: Printer #12')).toBeNull();
    expect(ticketNumberInSubject('[#999999999]')).toBe(999_999_999);
  });

  it('reads back the tag it writes', () => {
    const subject = replySubject({ subject: 'Printer', number: 1042 });
    expect(subject).toBe('Re: Printer [#1042]');
    expect(ticketNumberInSubject(subject)).toBe(1042);
    expect(cleanSubject(subject)).toBe('Printer');
  });

  it('cleans subjects of reply prefixes and our tag, and builds reply subjects', () => {
    expect(cleanSubject('RE: Fwd: SV: Printer [#12]')).toBe('Printer');
    expect(cleanSubject('VS: AW: Re[2]: Lasku')).toBe('Lasku');
    expect(cleanSubject('   ')).toBe('(no subject)');
    expect(replySubject({ subject: 'Re: Printer', number: null })).toBe('Re: Printer');
    expect(replySubject({ subject: 'x'.repeat(2000), number: 1 })).toHaveLength(998);
  });

  it('lists the ids a reply points at without duplicates or empty ones', () => {
    expect(threadIds({ inReplyTo: ['<b@x>'], references: ['<a@x>', '<b@x>', ''] })).toEqual([
      '<b@x>',
      '<a@x>'
    ]);
  });
});
