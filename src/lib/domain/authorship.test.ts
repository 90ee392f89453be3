import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { authorshipProblem } from './authorship';
import {
  addTag,
  addThreadEntry,
  createTicket,
  setStatus,
  signHandover,
  ticketParts
} from './ticket';
import { SYSTEM_ACTOR } from './schema';
import { T0, MINUTE, makeActor, makeNewTicket, makeTicketDoc } from './testing/factories';

function copy(doc: Y.Doc): Y.Doc {
  const out = new Y.Doc();
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc));
  return out;
}

describe('authorshipProblem (entries are signed by their writer)', () => {
  const owner = makeActor({ id: 'owner-000001', name: 'Olga Owner' });
  const agent = makeActor({ id: 'agent-000001', name: 'Aino Agent' });

  /** The live ticket, and a copy of it changed by `change` (what the scratch copy holds). */
  function after(change: (doc: Y.Doc) => void) {
    const before = makeTicketDoc({}, owner).doc;
    const changed = copy(before);
    change(changed);
    return { before, changed };
  }

  it('accepts notes, replies and changes signed by the writer', () => {
    const cases: ((doc: Y.Doc) => void)[] = [
      (doc) => addThreadEntry(doc, 'note', 'Checked the logs.', agent, T0 + MINUTE),
      (doc) => addThreadEntry(doc, 'reply', 'Fixed now.', agent, T0 + MINUTE),
      (doc) => setStatus(doc, 'pending', agent, T0 + MINUTE),
      (doc) => addTag(doc, 'vpn', agent, T0 + MINUTE),
      (doc) => signHandover(doc, owner.id, agent, T0 + MINUTE),
      (doc) => ticketParts(doc).draft.insert(0, 'Typing…')
    ];
    for (const change of cases) {
      const { before, changed } = after(change);
      expect(authorshipProblem(before, changed, agent.id)).toBeNull();
    }
  });

  it('accepts a ticket created by the writer', () => {
    const doc = new Y.Doc();
    createTicket(
      doc,
      makeNewTicket({ firstMessage: { kind: 'note', body: 'Phoned in.', author: agent } }),
      agent,
      T0
    );
    expect(authorshipProblem(new Y.Doc(), doc, agent.id)).toBeNull();
  });

  it('accepts a stale author name (renamed since, or written offline under the old name)', () => {
    const { before, changed } = after((doc) =>
      addThreadEntry(doc, 'note', 'Old name.', { id: agent.id, name: 'Aino Old' }, T0 + MINUTE)
    );
    expect(authorshipProblem(before, changed, agent.id)).toBeNull();
  });

  it('lets a member take down a customer’s call as an inbound message they sign', () => {
    const { before, changed } = after((doc) =>
      addThreadEntry(doc, 'inbound', 'Called: the printer is offline.', agent, T0 + MINUTE)
    );
    expect(authorshipProblem(before, changed, agent.id)).toBeNull();
  });

  it.each([
    [
      'a note signed as the owner',
      (doc: Y.Doc) => addThreadEntry(doc, 'note', 'Refund approved.', owner, T0 + MINUTE),
      /signed by the member/
    ],
    [
      'a customer message signed as the customer',
      (doc: Y.Doc) =>
        addThreadEntry(
          doc,
          'inbound',
          'Please refund me.',
          { id: 'customer-1', name: 'Asiakas' },
          T0 + 1
        ),
      /signed by the member/
    ],
    [
      'an activity entry as the system',
      (doc: Y.Doc) => setStatus(doc, 'closed', SYSTEM_ACTOR, T0 + MINUTE),
      /activity log/
    ],
    [
      'a status change logged as someone else',
      (doc: Y.Doc) => setStatus(doc, 'closed', owner, T0 + MINUTE),
      /activity log/
    ],
    [
      'a handover signed as someone else',
      (doc: Y.Doc) => signHandover(doc, null, owner, T0 + MINUTE),
      /"updatedBy" names/
    ]
  ])('refuses %s', (_, change, detail) => {
    const { before, changed } = after(change);
    expect(authorshipProblem(before, changed, agent.id)).toMatch(detail);
  });

  it('refuses a ticket created in someone else’s name', () => {
    const doc = new Y.Doc();
    createTicket(doc, makeNewTicket(), owner, T0);
    expect(authorshipProblem(new Y.Doc(), doc, agent.id)).toMatch(/"createdBy"|activity log/);
  });

  it('finds a forged note that lands before entries it had not seen', () => {
    const before = makeTicketDoc({}, owner).doc;
    const offline = copy(before);
    addThreadEntry(before, 'reply', 'Meanwhile, online.', owner, T0 + MINUTE);
    addThreadEntry(offline, 'note', 'Forged.', owner, T0 + MINUTE);
    const changed = copy(before);
    Y.applyUpdate(changed, Y.encodeStateAsUpdate(offline, Y.encodeStateVector(before)));
    expect(authorshipProblem(before, changed, agent.id)).toMatch(/signed by the member/);
    // The same entries, replayed by their real author, pass.
    expect(authorshipProblem(before, changed, owner.id)).toBeNull();
  });

  it('does not hold the writer to entries that were there before', () => {
    const before = makeTicketDoc({}, owner).doc;
    addThreadEntry(before, 'inbound', 'From the mail worker.', SYSTEM_ACTOR, T0 + 1);
    const changed = copy(before);
    addThreadEntry(changed, 'note', 'Mine.', agent, T0 + MINUTE);
    expect(authorshipProblem(before, changed, agent.id)).toBeNull();
  });
});
