/**
 * Kill test: the real server as a child process, SIGKILLed while a writer streams updates.
 * The relay persists before it broadcasts, so every update an observer received must be on
 * disk after the restart — even those the writer never heard back about.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { addThreadEntry, readTicket, ticketParts } from '../../src/lib/domain/ticket.ts';
import {
  cleanupAfterEach,
  AINO,
  connect,
  newTicket,
  synced,
  tempDir,
  ticketId,
  until
} from './helpers.ts';
import { spawnServer } from './child-server.ts';

describe('a server killed mid-stream', () => {
  const cleanups = cleanupAfterEach();

  // Two server starts (each bounded in `spawnServer`) and the stream: on a loaded 2-core
  // machine one start takes 8 s, so the suite's default 20 s is too short for the whole test.
  it('loses nothing that any client has seen', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = await spawnServer(dir.path);
    cleanups.push(() => {
      first.process.kill('SIGKILL');
    });
    const url = `ws://127.0.0.1:${first.port}/sync`;
    const id = ticketId('crash');
    const name = ticketDocName(id);

    const writerDoc = new Y.Doc();
    const observerDoc = new Y.Doc();
    const writer: WebsocketProvider = connect(url, name, writerDoc);
    const observer: WebsocketProvider = connect(url, name, observerDoc);
    await synced(writer, 'writer');
    await synced(observer, 'observer');

    const seen = new Set<string>();
    ticketParts(observerDoc).thread.observe((event) => {
      for (const item of event.changes.added) {
        for (const entry of item.content.getContent() as { body: string }[]) seen.add(entry.body);
      }
    });
    newTicket(writerDoc, { id, subject: 'Streaming under fire' });
    let sent = 0;
    const stream = setInterval(() => {
      addThreadEntry(writerDoc, 'note', `update ${sent++}`, AINO, Date.now());
    }, 8);
    try {
      await until(() => seen.size >= 40, 'the observer sees 40 streamed updates', 15_000);
      first.process.kill('SIGKILL');
      await first.exited;
    } finally {
      clearInterval(stream);
    }
    // Nobody may re-send anything: what survives must come from the server's disk alone.
    writer.destroy();
    observer.destroy();
    const sawAtKill = new Set(seen);
    expect(sawAtKill.size).toBeGreaterThanOrEqual(40);

    const second = await spawnServer(dir.path);
    cleanups.push(async () => {
      second.process.kill('SIGTERM');
      await second.exited;
    });
    const readerDoc = new Y.Doc();
    const reader = connect(`ws://127.0.0.1:${second.port}/sync`, name, readerDoc);
    cleanups.push(() => reader.destroy());
    await synced(reader, 'reader after restart');
    const stored = new Set(readTicket(readerDoc)?.thread.map((entry) => entry.body));
    const missing = [...sawAtKill].filter((body) => !stored.has(body));
    expect(missing).toEqual([]);
    expect(readTicket(readerDoc)?.fields.subject).toBe('Streaming under fire');
  }, 240_000);
});
