import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  markSeen,
  markSent,
  markStarted,
  privateDraftParts,
  readDraftMeta,
  shareDraft,
  unseenReplies,
  writePrivately,
  writesShared
} from './private-draft';
import { parseDocName, privateDraftDocName } from './doc-names';
import { addThreadEntry, readTicket, ticketParts } from './ticket';
import { applyChecked, DOC_CAPS } from './update-check';
import { MINUTE, T0, makeActor, makeTicketDoc } from './testing/factories';
import { WRONG_KINDS, wrongKindUpdate } from './testing/bad-updates';

const ticketId = 'ticket-000001';
const memberId = 'member-0000aino';
const ref = { kind: 'draft', ticketId, memberId } as const;

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('private draft document names', () => {
  it('parse back to the ticket and the member, and nothing else does', () => {
    expect(parseDocName(privateDraftDocName(ticketId, memberId))).toEqual(ref);
    expect(parseDocName(`t/${ticketId}/draft`)).toBeNull();
    expect(parseDocName(`t/${ticketId}/draft/UPPER-CASE`)).toBeNull();
    expect(parseDocName(`t/${ticketId}/notes/${memberId}`)).toBeNull();
    expect(parseDocName(`t/${ticketId}/draft/${memberId}/x`)).toBeNull();
  });
});

describe('sharing a private draft', () => {
  it('moves the text once: appended to the shared draft, gone from the private one', () => {
    const { doc: ticket } = makeTicketDoc();
    const shared = ticketParts(ticket).draft;
    shared.insert(0, 'Hello from Maya');
    const mine = new Y.Doc();
    privateDraftParts(mine).draft.insert(0, 'Aino’s paragraph');
    shareDraft(mine, shared);
    expect(shared.toString()).toBe('Hello from Maya\n\nAino’s paragraph');
    expect(privateDraftParts(mine).draft.toString()).toBe('');
    expect(writesShared(mine)).toBe(true);
  });

  it('made offline on both documents, converges with the server without loss or duplicate', () => {
    const { doc: serverTicket } = makeTicketDoc();
    const serverDraft = new Y.Doc();
    // Aino's laptop and phone each hold both documents.
    const laptopTicket = new Y.Doc();
    const laptopDraft = new Y.Doc();
    const phoneDraft = new Y.Doc();
    sync(serverTicket, laptopTicket);
    privateDraftParts(laptopDraft).draft.insert(0, 'Dear Hannah, the VPN');
    sync(laptopDraft, serverDraft);
    sync(serverDraft, phoneDraft);
    // Offline: the laptop shares, the phone types on in the private draft.
    shareDraft(laptopDraft, ticketParts(laptopTicket).draft);
    privateDraftParts(phoneDraft).draft.insert(20, ' works again.');
    // A colleague types in the shared draft at the server meanwhile.
    ticketParts(serverTicket).draft.insert(0, 'Hi! ');
    for (const [a, b] of [
      [laptopTicket, serverTicket],
      [serverTicket, laptopTicket],
      [laptopDraft, serverDraft],
      [phoneDraft, serverDraft],
      [serverDraft, laptopDraft],
      [serverDraft, phoneDraft]
    ] as const)
      sync(a, b);
    const sharedText = ticketParts(serverTicket).draft.toString();
    const privateText = privateDraftParts(serverDraft).draft.toString();
    expect(ticketParts(laptopTicket).draft.toString()).toBe(sharedText);
    expect(privateDraftParts(phoneDraft).draft.toString()).toBe(privateText);
    // What was shared is in the shared draft once; what the phone typed after it stays private.
    expect(sharedText.split('Dear Hannah, the VPN')).toHaveLength(2);
    expect(sharedText).toContain('Hi! ');
    expect(privateText).toBe(' works again.');
  });

  it('writing privately again keeps the shared draft for the colleagues, or takes the text back', () => {
    const { doc: ticket } = makeTicketDoc();
    const shared = ticketParts(ticket).draft;
    const mine = new Y.Doc();
    privateDraftParts(mine).draft.insert(0, 'Draft text');
    shareDraft(mine, shared);
    writePrivately(mine, shared, false);
    expect(writesShared(mine)).toBe(false);
    expect(shared.toString()).toBe('Draft text');
    shareDraft(mine, shared);
    writePrivately(mine, shared, true);
    expect(shared.toString()).toBe('');
    expect(privateDraftParts(mine).draft.toString()).toBe('Draft text');
  });
});

describe('replies the draft has not seen', () => {
  it('lists public replies by others after the entry seen at start, not notes or one’s own', () => {
    const aino = makeActor({ id: memberId, name: 'Aino' });
    const maya = makeActor({ name: 'Maya' });
    const { doc: ticket } = makeTicketDoc({}, maya);
    addThreadEntry(ticket, 'reply', 'Earlier answer', maya, T0);
    const mine = new Y.Doc();
    const thread = () => readTicket(ticket)?.thread ?? [];
    expect(markStarted(mine, thread(), T0 + MINUTE)).toBe(true);
    expect(markStarted(mine, thread(), T0 + 2 * MINUTE)).toBe(false);
    addThreadEntry(ticket, 'note', 'A note', maya, T0 + 3 * MINUTE);
    addThreadEntry(ticket, 'reply', 'Aino’s own', aino, T0 + 3 * MINUTE);
    expect(unseenReplies(thread(), readDraftMeta(mine), memberId)).toEqual([]);
    const later = addThreadEntry(ticket, 'reply', 'Maya answered', maya, T0 + 4 * MINUTE);
    expect(unseenReplies(thread(), readDraftMeta(mine), memberId)).toEqual([later]);
    markSeen(mine, thread(), T0 + 5 * MINUTE);
    expect(unseenReplies(thread(), readDraftMeta(mine), memberId)).toEqual([]);
    markSent(mine);
    expect(readDraftMeta(mine).seenAt).toBeNull();
    expect(unseenReplies(thread(), readDraftMeta(mine), memberId)).toEqual([]);
  });

  it('catches a reply made offline elsewhere that Yjs orders before the entry seen', () => {
    const maya = makeActor({ name: 'Maya' });
    const { doc: ticket } = makeTicketDoc({}, maya);
    const elsewhere = new Y.Doc();
    sync(ticket, elsewhere);
    // Maya's reply, offline, written after Aino looked (by the clock), merged in afterwards.
    addThreadEntry(ticket, 'note', 'Seen by Aino', maya, T0 + MINUTE);
    const mine = new Y.Doc();
    markStarted(mine, readTicket(ticket)?.thread ?? [], T0 + 2 * MINUTE);
    const offline = addThreadEntry(elsewhere, 'reply', 'Sent on the train', maya, T0 + 3 * MINUTE);
    sync(elsewhere, ticket);
    const unseen = unseenReplies(readTicket(ticket)?.thread ?? [], readDraftMeta(mine), memberId);
    expect(unseen.map((e) => e.id)).toEqual([offline.id]);
  });
});

describe('the update check on private drafts', () => {
  function update(change: (doc: Y.Doc) => void, base = new Y.Doc()): Uint8Array {
    const before = Y.encodeStateVector(base);
    change(base);
    return Y.encodeStateAsUpdate(base, before);
  }

  it('accepts text and the known meta values', () => {
    const scratch = new Y.Doc();
    const verdict = applyChecked(
      scratch,
      ref,
      update((d) => {
        privateDraftParts(d).draft.insert(0, 'Hello');
        markStarted(d, [], T0);
        privateDraftParts(d).meta.set('shared', true);
      })
    );
    expect(verdict).toMatchObject({ ok: true, changed: true });
  });

  it('refuses unknown roots, unknown or wrong meta values and an oversized text', () => {
    const cases: [string, (d: Y.Doc) => void, string][] = [
      ['unknown root', (d) => d.getText('thread').insert(0, 'x'), 'unknown-root'],
      ['unknown meta key', (d) => privateDraftParts(d).meta.set('sendAs', 'ceo'), 'schema'],
      ['meta value', (d) => privateDraftParts(d).meta.set('shared', 'yes'), 'schema'],
      ['seen id', (d) => privateDraftParts(d).meta.set('seenEntryId', 'NOT AN ID'), 'schema'],
      ['too long', (d) => privateDraftParts(d).draft.insert(0, 'x'.repeat(100_001)), 'too-large']
    ];
    for (const [what, change, reason] of cases) {
      const verdict = applyChecked(new Y.Doc(), ref, update(change));
      expect(verdict.ok ? 'accepted' : verdict.reason, what).toBe(reason);
    }
  });

  it('refuses content of every wrong kind in both roots', () => {
    const live = new Y.Doc();
    privateDraftParts(live).draft.insert(0, 'Hello');
    for (const root of ['draft', 'meta']) {
      for (const kind of WRONG_KINDS) {
        if (root === 'draft' && kind === 'string') continue; // that is what a text holds
        const scratch = new Y.Doc();
        Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
        const verdict = applyChecked(scratch, ref, wrongKindUpdate(live, root, kind));
        expect(verdict.ok, `${kind} in ${root}`).toBe(false);
      }
    }
  });

  it('has its own byte cap', () => {
    expect(DOC_CAPS.bytes.draft).toBeGreaterThan(400_000);
    expect(DOC_CAPS.bytes.draft).toBeLessThan(DOC_CAPS.bytes.ticket);
  });
});
