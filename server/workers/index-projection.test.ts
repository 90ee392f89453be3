/**
 * The index projection writes the summaries of a turn's ticket changes in one index
 * transaction: a burst of changes (a bulk action on many tickets) reaches the boards as one
 * update, and every summary is right.
 */
import { expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { setStatus } from '../../src/lib/domain/ticket.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import { makeTicketDoc, T0 } from '../../src/lib/domain/testing/factories.ts';
import { cleanupsAfterEach, tempSqlite, testDocManager } from '../testing/doc-manager.ts';
import { startIndexProjection } from './index-projection.ts';

const cleanups = cleanupsAfterEach();

it('writes a burst of ticket changes into the index as one update', async () => {
  const storage = await tempSqlite(cleanups);
  const docs = testDocManager(storage, cleanups);
  cleanups.push(startIndexProjection(docs, storage, { now: () => T0 }));

  const tickets = Array.from({ length: 40 }, (_, i) => makeTicketDoc({}, undefined, T0 + i));
  const workspaceId = tickets[0]!.fields.workspaceId;
  const indexName = indexDocName(workspaceId);
  const received: Uint8Array[] = [];
  expect(docs.attach(indexName, { deliver: (update) => received.push(update) }).ok).toBe(true);
  const writer = { memberId: tickets[0]!.actor.id, workspaceId };
  for (const { doc, fields, actor } of tickets) {
    setStatus(doc, 'pending', actor, T0 + 100);
    const verdict = docs.applyFromClient(
      ticketDocName(fields.id),
      Y.encodeStateAsUpdate(doc),
      writer
    );
    expect(verdict).toMatchObject({ ok: true, changed: true });
  }

  // What a board connected to the index receives.
  const board = new Y.Doc();
  await vi.waitFor(() => {
    for (const update of received) Y.applyUpdate(board, update);
    expect(indexParts(board).tickets.size).toBe(40);
  });
  const summaries = indexParts(board).tickets;
  for (const { fields } of tickets) expect(summaries.get(fields.id)?.status).toBe('pending');
  // One update for all forty, which the board applies and renders once.
  expect(received).toHaveLength(1);
});
