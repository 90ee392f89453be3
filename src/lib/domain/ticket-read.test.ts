import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addThreadEntry, readActivity, readThread, readTicket, ticketParts } from './ticket';
import { summarizeDoc } from './workspace-index';
import { T0, makeActor, makeTicketDoc } from './testing/factories';
import { wrongKindUpdate } from './testing/bad-updates';

/** A ticket that holds what older servers let through: text and stray JSON in its arrays. */
function poisonedTicket() {
  const { doc, actor } = makeTicketDoc({
    firstMessage: { kind: 'inbound', body: 'It is broken.', author: makeActor() }
  });
  Y.applyUpdate(doc, wrongKindUpdate(doc, 'thread', 'string', { value: 'poison' }));
  Y.applyUpdate(doc, wrongKindUpdate(doc, 'activity', 'string', { atStart: true }));
  ticketParts(doc).thread.push([null as never, { id: 'not-an-entry' } as never]);
  ticketParts(doc).activity.push([42 as never]);
  addThreadEntry(doc, 'note', 'Written after the poison.', actor, T0 + 1);
  return { doc, actor };
}

describe('reading a ticket that holds invalid items', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('opens with the valid entries only and warns once per part', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { doc } = poisonedTicket();
    // The poison is really there: Yjs hands it out as it is.
    expect(ticketParts(doc).thread.toArray()).toContain(null);
    const ticket = readTicket(doc);
    expect(ticket?.thread.map((e) => e.body)).toEqual([
      'It is broken.',
      'Written after the poison.'
    ]);
    expect(ticket?.activity.map((e) => e.kind)).toEqual(['created', 'note']);
    readTicket(doc);
    readThread(doc);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(summarizeDoc(doc)?.entryCount).toBe(2);
  });

  it('hands out the same entry objects on every read (parsed once)', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { doc } = poisonedTicket();
    const first = readThread(doc);
    const second = readThread(doc);
    expect(second[0]).toBe(first[0]);
    expect(readActivity(doc)).toHaveLength(2);
  });
});
