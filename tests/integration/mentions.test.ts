/**
 * Mentions and side conversations on the server: notes and side messages written through the
 * checked write path (as the relay and the batch sync apply them), the notification feed
 * turning what was stored into `mentioned` and `side-conversation` notifications in the real
 * queue, read back through the inbox API. Who is told is the server's decision from the
 * document: a mention of someone who cannot read the ticket (not a member of its workspace)
 * tells nobody, the writer is never told, and a replay queues nothing twice.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createApi } from '../../src/lib/api/client.ts';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { addThreadEntry, createTicket } from '../../src/lib/domain/ticket.ts';
import {
  addSideParticipants,
  postSideMessage,
  readSideConversations,
  startSideConversation
} from '../../src/lib/domain/side-conversation.ts';
import { DEV_MEMBER_COOKIE } from '../../src/lib/server/services.ts';
import { registerNotificationServices } from '../../src/lib/server/notification-services.ts';
import * as inboxRoute from '../../src/routes/api/workspaces/[workspace]/notifications/+server.ts';
import type { Clock } from '../../server/config.ts';
import { person } from './auth-helpers.ts';
import {
  AINO,
  MADS,
  WORKSPACE,
  cleanupAfterEach,
  startBaton,
  tempDir,
  ticketId,
  until,
  type RunningBaton
} from './helpers.ts';
import { registerBaton, routeFetch, type RouteTable } from './routes.ts';

const NOW = Date.UTC(2026, 10, 25, 10, 0);
const clock: Clock = { now: () => NOW };
const LIAM = { id: 'member-liam', name: 'Liam Nguyen' }; // the demo's light agent
const MAYA = { id: 'member-maya', name: 'Maya Thompson' };
const ROUTES: RouteTable = [['/api/workspaces/[workspace]/notifications', inboxRoute]];

async function start(dataDir: string): Promise<RunningBaton> {
  const relay = await startBaton(dataDir, {}, { clock });
  registerBaton(relay.baton);
  registerNotificationServices(relay.baton.notifications.services());
  return relay;
}

async function inbox(memberId: string) {
  const api = createApi({ fetch: routeFetch(ROUTES, `${DEV_MEMBER_COOKIE}=${memberId}`) });
  const answer = await api.notifications(WORKSPACE);
  if (!answer.ok) throw new Error(answer.failure.message);
  return answer.value;
}

function write(relay: RunningBaton, id: string, doc: Y.Doc, before: Uint8Array, writer: string) {
  return relay.baton.docs.applyFromClient(ticketDocName(id), Y.encodeStateAsUpdate(doc, before), {
    memberId: writer,
    workspaceId: ''
  });
}

async function settle(relay: RunningBaton): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  relay.baton.notifications.wake();
  await relay.baton.notifications.delivered();
}

describe('mentions and side conversations notify from what was stored', () => {
  const cleanups = cleanupAfterEach();

  it('a note mentioning Mads tells Mads once, at the note; not the writer, not a stranger', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    let relay = await start(dir.path);
    cleanups.push(() => relay.stop());
    const stranger = person(relay.baton, null, 'stranger');
    relay.baton.accounts.createWorkspace(stranger.id, { name: 'Elsewhere' }, { ip: null });

    const id = ticketId('mention');
    const doc = new Y.Doc();
    createTicket(doc, { id, workspaceId: WORKSPACE, subject: 'Printer on fire' }, AINO, NOW);
    expect(write(relay, id, doc, new Uint8Array([0]), AINO.id)).toMatchObject({ ok: true });
    const before = Y.encodeStateVector(doc);
    const note = addThreadEntry(doc, 'note', `@${MADS.name} and @Aino and @Stranger`, AINO, NOW, {
      mentions: [MADS.id, AINO.id, stranger.id]
    });
    expect(write(relay, id, doc, before, AINO.id)).toMatchObject({ ok: true });

    await until(async () => (await inbox(MADS.id)).items.length === 1, 'Mads is told');
    const mads = await inbox(MADS.id);
    expect(mads.unread).toBe(1);
    expect(mads.items[0]).toMatchObject({
      kind: 'mentioned',
      ticketId: id,
      subject: 'Printer on fire',
      actorName: AINO.name,
      entryId: note.id,
      read: false
    });
    await settle(relay);
    expect((await inbox(AINO.id)).items).toEqual([]);
    // The stranger reads no ticket of this workspace: nothing was queued for them anywhere.
    expect(relay.baton.notifications.store.list(WORKSPACE, stranger.id)).toEqual([]);
    expect(relay.baton.notifications.store.has(`mentioned:${id}:${note.id}:${stranger.id}`)).toBe(
      false
    );

    // A restart looks over the recent past again: the queue already holds it.
    await relay.stop();
    relay = await start(dir.path);
    expect(relay.baton.docs.read(ticketDocName(id), () => true)).toBe(true);
    await settle(relay);
    expect((await inbox(MADS.id)).items.map((i) => i.kind)).toEqual(['mentioned']);
  });

  it('a side conversation with the light-agent expert: he answers, the participants are told', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await start(dir.path);
    cleanups.push(() => relay.stop());

    const id = ticketId('side');
    const doc = new Y.Doc();
    createTicket(doc, { id, workspaceId: WORKSPACE, subject: 'Firmware 4.1' }, AINO, NOW);
    expect(write(relay, id, doc, new Uint8Array([0]), AINO.id)).toMatchObject({ ok: true });
    let before = Y.encodeStateVector(doc);
    const conversation = startSideConversation(
      doc,
      { subject: 'Known bug?', participantIds: [LIAM.id, MADS.id], body: 'Liam, is this known?' },
      AINO,
      NOW
    );
    expect(write(relay, id, doc, before, AINO.id)).toMatchObject({ ok: true });
    await until(async () => (await inbox(LIAM.id)).items.length === 1, 'Liam is told');
    expect((await inbox(LIAM.id)).items[0]).toMatchObject({ kind: 'side-conversation' });

    // Liam (a light agent) answers and mentions Maya, who is not a participant.
    before = Y.encodeStateVector(doc);
    postSideMessage(doc, conversation, `Yes, @${MAYA.name} fixed it in 4.2`, LIAM, NOW + 1, [
      MAYA.id
    ]);
    expect(write(relay, id, doc, before, LIAM.id)).toMatchObject({ ok: true });
    await until(async () => (await inbox(MAYA.id)).items.length === 1, 'Maya is told');
    expect((await inbox(MAYA.id)).items[0]).toMatchObject({
      kind: 'mentioned',
      actorName: LIAM.name
    });
    await until(
      async () => (await inbox(AINO.id)).items.some((i) => i.kind === 'side-conversation'),
      'Aino is told of the answer'
    );
    await settle(relay);
    expect((await inbox(LIAM.id)).items).toHaveLength(1);
    expect((await inbox(MADS.id)).items.map((i) => i.kind)).toEqual([
      'side-conversation',
      'side-conversation'
    ]);

    // The same light agent may not write the draft, nor in a conversation without him.
    before = Y.encodeStateVector(doc);
    const other = startSideConversation(
      doc,
      { subject: 'Agents only', participantIds: [MADS.id], body: 'Between us' },
      AINO,
      NOW + 2
    );
    expect(write(relay, id, doc, before, AINO.id)).toMatchObject({ ok: true });
    const lightCopy = new Y.Doc();
    Y.applyUpdate(lightCopy, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(lightCopy);
    postSideMessage(lightCopy, other, 'Me too', LIAM, NOW + 3);
    expect(write(relay, id, lightCopy, sv, LIAM.id)).toMatchObject({
      ok: false,
      reason: 'forbidden'
    });
  });

  it('people added later are told once (two offline additions of Liam), from then of each message; a non-member is refused', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await start(dir.path);
    cleanups.push(() => relay.stop());

    const id = ticketId('side-add');
    const doc = new Y.Doc();
    createTicket(doc, { id, workspaceId: WORKSPACE, subject: 'Refund?' }, AINO, NOW);
    expect(write(relay, id, doc, new Uint8Array([0]), AINO.id)).toMatchObject({ ok: true });
    let before = Y.encodeStateVector(doc);
    const conversation = startSideConversation(
      doc,
      { subject: 'Refund or repair?', participantIds: [MADS.id], body: 'Mads?' },
      AINO,
      NOW
    );
    expect(write(relay, id, doc, before, AINO.id)).toMatchObject({ ok: true });

    // Aino and Mads both add Liam while offline; both updates are stored.
    const madsCopy = new Y.Doc();
    Y.applyUpdate(madsCopy, Y.encodeStateAsUpdate(doc));
    const madsBefore = Y.encodeStateVector(madsCopy);
    before = Y.encodeStateVector(doc);
    addSideParticipants(doc, conversation, [LIAM.id], AINO, NOW + 1);
    addSideParticipants(madsCopy, conversation, [LIAM.id], MADS, NOW + 1);
    expect(write(relay, id, doc, before, AINO.id)).toMatchObject({ ok: true });
    expect(write(relay, id, madsCopy, madsBefore, MADS.id)).toMatchObject({ ok: true });
    await until(async () => (await inbox(LIAM.id)).items.length === 1, 'Liam is told');
    await settle(relay);
    expect((await inbox(LIAM.id)).items).toEqual([
      expect.objectContaining({ kind: 'side-conversation' })
    ]);
    const stored = relay.baton.docs.read(ticketDocName(id), (d) => readSideConversations(d)[0]);
    expect(stored?.participants.filter((m) => m === LIAM.id)).toHaveLength(1);

    // From then he is told of each message.
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(madsCopy));
    before = Y.encodeStateVector(doc);
    postSideMessage(doc, conversation, 'Liam, under warranty?', AINO, NOW + 2);
    expect(write(relay, id, doc, before, AINO.id)).toMatchObject({ ok: true });
    await until(async () => (await inbox(LIAM.id)).items.length === 2, 'Liam is told again');

    // Someone who is not a member of the workspace cannot be added (nor started with).
    before = Y.encodeStateVector(doc);
    addSideParticipants(doc, conversation, ['member-not-here'], AINO, NOW + 3);
    expect(write(relay, id, doc, before, AINO.id)).toMatchObject({
      ok: false,
      reason: 'forbidden'
    });
  });
});
