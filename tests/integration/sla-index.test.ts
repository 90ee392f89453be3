/**
 * The index carries each ticket's next SLA due time: the server's index projection reads the
 * workspace's policies and calendars from its settings document, an admin's write, and puts
 * the running clock due first into the summary — and takes it out when the clock stops.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { putSettingsRecord } from '../../src/lib/domain/settings.ts';
import { addThreadEntry, setPriority } from '../../src/lib/domain/ticket.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import {
  AINO,
  WORKSPACE,
  cleanupAfterEach,
  newTicket,
  startBaton,
  tempDir,
  ticketId,
  until
} from './helpers.ts';

const WRITER = { memberId: AINO.id, workspaceId: '' };
const HOUR = 3_600_000;

describe('the summary gets its next due time from the SLA policy', () => {
  const cleanups = cleanupAfterEach();

  it('an urgent ticket is due an hour after it came in (round the clock); a reply clears it', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startBaton(dir.path);
    cleanups.push(() => relay.stop());
    const { docs } = relay.baton;

    const settings = new Y.Doc();
    expect(
      putSettingsRecord(settings, 'calendars', {
        id: 'utc',
        name: 'Round the clock',
        timeZone: 'UTC',
        week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        holidays: []
      })
    ).toBeNull();
    expect(
      putSettingsRecord(settings, 'slaPolicies', {
        id: 'urgent',
        name: 'Urgent',
        position: 1,
        conditions: { priorities: ['urgent'] },
        targets: { firstReply: { minutes: 60, time: 'calendar' } },
        calendarId: 'utc',
        warnAtPercent: 75,
        pauseStatuses: ['pending']
      })
    ).toBeNull();
    const written = docs.applyFromClient(
      settingsDocName(WORKSPACE),
      Y.encodeStateAsUpdate(settings),
      WRITER
    );
    expect(written).toMatchObject({ ok: true });

    const id = ticketId('sla');
    const ticket = new Y.Doc();
    newTicket(ticket, { id, subject: 'Server down', priority: 'normal' });
    const send = () => {
      const verdict = docs.applyFromClient(
        ticketDocName(id),
        Y.encodeStateAsUpdate(ticket),
        WRITER
      );
      expect(verdict).toMatchObject({ ok: true });
    };
    const summary = () =>
      docs.read(indexDocName(WORKSPACE), (doc) => indexParts(doc).tickets.get(id)) ?? undefined;

    send();
    await until(() => summary() !== undefined, 'the ticket is in the index');
    // No policy applies to a normal ticket.
    expect(summary()?.nextDueAt).toBeUndefined();

    setPriority(ticket, 'urgent', AINO, Date.now());
    send();
    await until(() => summary()?.nextDueAt !== undefined, 'the summary has a due time');
    const created = summary()?.createdAt ?? 0;
    expect(summary()).toMatchObject({
      nextDueAt: created + HOUR,
      dueWarnAt: created + 0.75 * HOUR
    });

    addThreadEntry(ticket, 'reply', 'Looking at it', AINO, Date.now());
    send();
    await until(() => summary()?.nextDueAt === undefined, 'the due time is gone after the reply');
  });
});
