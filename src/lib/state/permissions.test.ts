import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readTicket, setStatus, ticketParts } from '$lib/domain/ticket';
import { makeActor, makeTicketDoc, T0 } from '$lib/domain/testing/factories';
import type { RoleName } from './identity.svelte';
import { NotAllowedError } from './permissions';
import { editTicket, sendMessage, sendReply, type EditContext } from './ticket-actions';

const actor = makeActor();

function context(role: RoleName | undefined): EditContext {
  return { indexDoc: null, actor, now: () => T0 + 1000, role };
}

describe('ticket edits under a role', () => {
  it('a viewer changes nothing: the edit throws before it touches the document', () => {
    const { doc } = makeTicketDoc();
    const before = Y.encodeStateVector(doc);
    expect(() =>
      editTicket(context('viewer'), doc, (d, a, n) => setStatus(d, 'pending', a, n))
    ).toThrow(new NotAllowedError('viewer'));
    expect(() => sendMessage(context('viewer'), doc, 'note', 'hello')).toThrow(NotAllowedError);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('a light agent adds a note, but cannot reply or change the status; the draft stays', () => {
    const { doc } = makeTicketDoc();
    ticketParts(doc).draft.insert(0, 'Draft by an agent');
    sendMessage(context('light-agent'), doc, 'note', 'Seen in the logs');
    expect(() => sendReply(context('light-agent'), doc)).toThrow(
      'As a light agent you can add internal notes, nothing else.'
    );
    expect(() =>
      editTicket(context('light-agent'), doc, (d, a, n) => setStatus(d, 'solved', a, n))
    ).toThrow(NotAllowedError);
    const ticket = readTicket(doc);
    expect(ticket?.thread.map((e) => [e.kind, e.body])).toEqual([['note', 'Seen in the logs']]);
    expect(ticket?.fields.status).toBe('new');
    expect(ticketParts(doc).draft.toString()).toBe('Draft by an agent');
  });

  it('an agent, or a role not known yet, edits as before', () => {
    for (const role of ['agent', undefined] as const) {
      const { doc } = makeTicketDoc();
      editTicket(context(role), doc, (d, a, n) => setStatus(d, 'pending', a, n));
      expect(readTicket(doc)?.fields.status).toBe('pending');
    }
  });
});
