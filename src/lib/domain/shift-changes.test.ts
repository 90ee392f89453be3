import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addTag,
  addThreadEntry,
  assign,
  removeTag,
  setPriority,
  setStatus,
  signHandover,
  ticketParts
} from './ticket';
import { lastOnSince, shiftDigest, ticketChangesSince } from './shift-changes';
import { HOUR, MINUTE, T0, makeActor, makeTicketDoc } from './testing/factories';

const aino = makeActor({ id: 'member-aino', name: 'Aino Virtanen' });
const ben = makeActor({ id: 'member-ben', name: 'Ben Carter' });
const mads = makeActor({ id: 'member-mads', name: 'Mads Jensen' });
const customer = { id: 'customer-elif', name: 'Elif Demir' };

/** Aino's ticket, worked on before Ben's last shift ended at `T0 + HOUR`. */
function ainosTicket() {
  const { doc } = makeTicketDoc({ subject: 'SSO login loops', assigneeId: aino.id }, aino, T0);
  setPriority(doc, 'high', aino, T0 + 10 * MINUTE);
  addThreadEntry(doc, 'note', 'Checked the IdP metadata.', aino, T0 + 20 * MINUTE);
  return doc;
}

const SINCE = T0 + HOUR;

describe('ticketChangesSince', () => {
  it('reads each field’s change with who made it and when, the note, and the handover', () => {
    const doc = ainosTicket();
    // Aino ends her shift: note, hand to Ben (assigns him), status pending.
    ticketParts(doc).handover.insert(0, 'Customer sends logs by 18:00; check the SAML clock skew.');
    signHandover(doc, ben.id, aino, SINCE + 5 * MINUTE);
    assign(doc, ben.id, aino, SINCE + 5 * MINUTE);
    setStatus(doc, 'pending', aino, SINCE + 6 * MINUTE);
    // Overnight: the customer writes, Mads raises the priority and adds a note and a tag.
    addThreadEntry(doc, 'inbound', 'Logs attached.\n\nElif', customer, SINCE + 3 * HOUR);
    setPriority(doc, 'urgent', mads, SINCE + 4 * HOUR);
    addThreadEntry(
      doc,
      'note',
      'Escalated: the customer’s whole office is locked out.',
      mads,
      SINCE + 4 * HOUR
    );
    addTag(doc, 'vip', mads, SINCE + 4 * HOUR + MINUTE);

    const changes = ticketChangesSince(doc, SINCE, ben.id);
    expect(changes).not.toBeNull();
    if (!changes) return;
    expect(changes.subject).toBe('SSO login loops');
    expect(changes.relation).toBe('handed-to-me');
    const byField = Object.fromEntries(changes.fields.map((f) => [f.field, f]));
    expect(Object.keys(byField).sort()).toEqual(['assignee', 'priority', 'status']);
    expect(byField.assignee).toMatchObject({ before: aino.id, after: ben.id });
    expect(byField.assignee?.steps).toEqual([
      { at: SINCE + 5 * MINUTE, by: aino.id, from: aino.id, to: ben.id }
    ]);
    // Status: Aino's pending, then the customer's mail reopens it (the reopen rule).
    expect(byField.status?.steps.map((s) => [s.by, s.from, s.to])).toEqual([
      [aino.id, 'open', 'pending'],
      [customer.id, 'pending', 'open']
    ]);
    expect(byField.status).toMatchObject({ before: 'open', after: 'open' });
    // Priority was high before the window (Aino's earlier change is not news).
    expect(byField.priority).toMatchObject({ before: 'high', after: 'urgent' });
    expect(byField.priority?.steps).toHaveLength(1);
    expect(byField.priority?.steps[0]?.by).toBe(mads.id);

    expect(changes.messages).toEqual([
      expect.objectContaining({ kind: 'inbound', by: customer.id, excerpt: 'Logs attached. Elif' })
    ]);
    expect(changes.notes.map((n) => [n.by, n.byName])).toEqual([[mads.id, mads.name]]);
    expect(changes.tags).toEqual([
      { at: SINCE + 4 * HOUR + MINUTE, by: mads.id, tag: 'vip', added: true }
    ]);
    expect(changes.handover).toEqual({
      text: 'Customer sends logs by 18:00; check the SAML clock skew.',
      by: aino.id,
      at: SINCE + 5 * MINUTE,
      toMemberId: ben.id
    });
    expect(changes.lastChangeAt).toBe(SINCE + 4 * HOUR + MINUTE);
  });

  it('merges changes made on two replicas offline, each with its author', () => {
    const doc = ainosTicket();
    assign(doc, ben.id, aino, SINCE - MINUTE);
    const phone = new Y.Doc();
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(doc));
    // Offline on both sides: Aino sets the status on her laptop, Mads tags it on his phone.
    setStatus(doc, 'on-hold', aino, SINCE + 10 * MINUTE);
    addTag(phone, 'billing', mads, SINCE + 20 * MINUTE);
    removeTag(phone, 'billing', mads, SINCE + 30 * MINUTE);
    addThreadEntry(phone, 'reply', 'We are on it.', mads, SINCE + 40 * MINUTE);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(phone));
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(doc));

    for (const replica of [doc, phone]) {
      const changes = ticketChangesSince(replica, SINCE, ben.id);
      expect(changes?.relation).toBe('mine');
      expect(changes?.fields.map((f) => [f.field, f.before, f.after, f.steps[0]?.by])).toEqual([
        ['status', 'open', 'on-hold', aino.id]
      ]);
      expect(changes?.tags.map((t) => [t.tag, t.added, t.by])).toEqual([
        ['billing', true, mads.id],
        ['billing', false, mads.id]
      ]);
      expect(changes?.messages.map((m) => [m.kind, m.by])).toEqual([['reply', mads.id]]);
    }
  });

  it('says a ticket was taken from the member, and nothing for a ticket that is not theirs', () => {
    const doc = ainosTicket();
    assign(doc, ben.id, aino, SINCE - MINUTE);
    assign(doc, mads.id, mads, SINCE + HOUR);
    expect(ticketChangesSince(doc, SINCE, ben.id)?.relation).toBe('taken-from-me');
    const other = ainosTicket();
    setStatus(other, 'solved', aino, SINCE + HOUR);
    expect(ticketChangesSince(other, SINCE, ben.id)?.relation).toBeNull();
  });

  it('reports no change when nothing happened in the window', () => {
    const doc = ainosTicket();
    const changes = ticketChangesSince(doc, SINCE, aino.id);
    expect(changes?.relation).toBe('mine');
    expect(changes?.fields).toEqual([]);
    expect(changes?.notes).toEqual([]);
    expect(changes?.handover).toBeNull();
    expect(changes?.lastChangeAt).toBeNull();
    expect(shiftDigest([changes, null])).toEqual([]);
  });

  it('is null for a document that holds no ticket', () => {
    expect(ticketChangesSince(new Y.Doc(), SINCE, ben.id)).toBeNull();
  });
});

describe('shiftDigest', () => {
  it('keeps the tickets that concern the member, most recently changed first', () => {
    const early = ainosTicket();
    assign(early, ben.id, aino, SINCE + MINUTE);
    const late = ainosTicket();
    assign(late, ben.id, aino, SINCE - MINUTE);
    setStatus(late, 'pending', mads, SINCE + 2 * HOUR);
    const notMine = ainosTicket();
    setStatus(notMine, 'pending', mads, SINCE + 3 * HOUR);
    const digest = shiftDigest(
      [early, late, notMine].map((d) => ticketChangesSince(d, SINCE, ben.id))
    );
    expect(digest.map((c) => c.lastChangeAt)).toEqual([SINCE + 2 * HOUR, SINCE + MINUTE]);
  });
});

describe('lastOnSince', () => {
  const now = T0 + 10 * HOUR;
  it('takes the later of the recorded shift end and the last look', () => {
    expect(lastOnSince({ now, shiftEndedAt: T0, seenAt: T0 + HOUR })).toBe(T0 + HOUR);
    expect(lastOnSince({ now, shiftEndedAt: T0 + 2 * HOUR, seenAt: T0 + HOUR })).toBe(
      T0 + 2 * HOUR
    );
  });
  it('falls back to the scheduled end of the last shift, then to a day ago', () => {
    expect(lastOnSince({ now, scheduledEnd: T0 })).toBe(T0);
    expect(lastOnSince({ now, scheduledEnd: null })).toBe(now - 24 * HOUR);
    // A record from the future (a wrong clock elsewhere) is not believed.
    expect(lastOnSince({ now, shiftEndedAt: now + HOUR, scheduledEnd: T0 })).toBe(T0);
  });
});
