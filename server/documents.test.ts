/**
 * The document manager's write queue: with storage that answers at once (SQLite) an update is
 * stored and broadcast within `applyFromClient`; with storage that answers later, and out of
 * order, updates are still stored and broadcast in the order they arrived, per document. And
 * the change listeners: background ones after the others, coalesced, a slice at a time.
 */
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addTag, readTicketFields, setStatus, setSubject } from '../src/lib/domain/ticket.ts';
import { ticketDocName } from '../src/lib/domain/doc-names.ts';
import { makeTicketDoc, T0 } from '../src/lib/domain/testing/factories.ts';
import { SYSTEM_ACTOR } from '../src/lib/domain/schema.ts';
import type { DocManagerStorage, DocPeer } from './documents.ts';
import { cleanupsAfterEach, tempSqlite, testDocManager } from './testing/doc-manager.ts';

/** A ticket created, then `edits` more changes: each update as the client would send it. */
function clientUpdates(edits: number): { name: string; updates: Uint8Array[]; subject: string } {
  const updates: Uint8Array[] = [];
  const { doc, fields, actor } = makeTicketDoc({}, undefined, T0);
  updates.push(Y.encodeStateAsUpdate(doc));
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 1; i <= edits; i++) {
    if (i % 2 === 0) addTag(doc, `tag-${i}`, actor, T0 + i);
    else setSubject(doc, `Subject ${i}`, actor, T0 + i);
  }
  const subject = `Subject ${edits % 2 === 1 ? edits : edits - 1}`;
  return { name: ticketDocName(fields.id), updates, subject };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function recordingPeer(): DocPeer & { received: Uint8Array[]; failures: string[] } {
  const received: Uint8Array[] = [];
  const failures: string[] = [];
  return {
    received,
    failures,
    deliver: (update) => received.push(update),
    storeFailed: (detail) => failures.push(detail)
  };
}

describe('DocManager write order', () => {
  const cleanups = cleanupsAfterEach();
  const sqlite = () => tempSqlite(cleanups);
  const manager = (storage: DocManagerStorage) => testDocManager(storage, cleanups);

  const writer = { memberId: 'agent-1', workspaceId: 'ws-test-000001' };

  it('stores and broadcasts within the call when storage answers at once', async () => {
    const storage = await sqlite();
    const docs = manager(storage);
    const { name, updates } = clientUpdates(3);
    const peer = recordingPeer();
    expect(docs.attach(name, peer).ok).toBe(true);
    for (const [i, update] of updates.entries()) {
      expect(docs.applyFromClient(name, update, writer)).toMatchObject({ ok: true, changed: true });
      // No promise, no microtask: stored and delivered before the call returned.
      expect(storage.logLength(name)).toBe(i + 1);
      expect(peer.received).toHaveLength(i + 1);
    }
  });

  it('stores and broadcasts server changes made between and inside client updates', async () => {
    // The live doc's update listener is off while a client's update integrates (it needs no
    // encoding) and must be back for every other transaction, nested ones included.
    const storage = await sqlite();
    const docs = manager(storage);
    const { name, updates } = clientUpdates(4);
    const peer = recordingPeer();
    expect(docs.attach(name, peer).ok).toBe(true);
    let nested = 0;
    const live = docs.hold(name);
    if (!live.ok) throw new Error('the document did not load');
    live.live.doc.getMap('ticket').observe((event) => {
      // A write from an observer of a client's update: a transaction nested in its cleanup.
      if (event.transaction.origin === 'server' || nested > 0) return;
      nested++;
      live.live.doc.transact(() => addTag(live.live.doc, 'nested', SYSTEM_ACTOR, T0), 'server');
    });
    for (const [i, update] of updates.entries()) {
      expect(docs.applyFromClient(name, update, writer)).toMatchObject({ ok: true, changed: true });
      expect(docs.change(name, (doc) => addTag(doc, `server-${i}`, SYSTEM_ACTOR, T0))).toBe(true);
    }
    expect(nested).toBe(1);
    // Each client update, each server change, and the nested one: stored and delivered.
    const expected = updates.length * 2 + 1;
    expect(storage.logLength(name)).toBe(expected);
    expect(peer.received).toHaveLength(expected);
    const reloaded = new Y.Doc();
    for (const row of storage.load(name) ?? []) Y.applyUpdate(reloaded, row);
    expect([...reloaded.getMap('tags').keys()]).toEqual(
      expect.arrayContaining(['nested', ...updates.map((_, i) => `server-${i}`)])
    );
    live.release();
  });

  it('keeps arrival order when appends resolve out of order', async () => {
    const storage = await sqlite();
    const completed: number[] = [];
    let calls = 0;
    // Each append takes less time than the one before: without a queue, the last update would
    // be stored (and broadcast) first.
    const slow: DocManagerStorage = {
      load: (name) => storage.load(name),
      logLength: (name) => storage.logLength(name),
      compact: (name, state) => storage.compact(name, state),
      append: async (name, update) => {
        const call = calls++;
        await delay(Math.max(0, 40 - call * 10));
        storage.append(name, update);
        completed.push(call);
      }
    };
    const docs = manager(slow);
    const { name, updates, subject } = clientUpdates(4);
    const peer = recordingPeer();
    expect(docs.attach(name, peer).ok).toBe(true);
    for (const update of updates) {
      expect(docs.applyFromClient(name, update, writer)).toMatchObject({ ok: true, changed: true });
    }
    // Checked, but not yet stored: nobody has seen it.
    expect(peer.received).toHaveLength(0);
    await docs.flushed();
    expect(completed).toEqual(updates.map((_, i) => i));
    expect(storage.load(name)).toEqual(updates);
    expect(peer.received).toEqual(updates);
    expect(docs.read(name, (doc) => readTicketFields(doc)?.subject)).toBe(subject);
  });

  it('drops an update that could not be stored, and the client updates queued behind it', async () => {
    const storage = await sqlite();
    let calls = 0;
    const failing: DocManagerStorage = {
      load: (name) => storage.load(name),
      logLength: (name) => storage.logLength(name),
      compact: (name, state) => storage.compact(name, state),
      append: async (name, update) => {
        const call = calls++;
        await delay(5);
        if (call === 1) throw new Error('the database went away');
        storage.append(name, update);
      }
    };
    const docs = manager(failing);
    const { name, updates } = clientUpdates(3);
    const [created, first, second, third] = updates as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array
    ];
    const peer = recordingPeer();
    const sender = recordingPeer();
    docs.attach(name, peer);
    docs.attach(name, sender);
    docs.applyFromClient(name, created, writer, sender);
    docs.applyFromClient(name, first, writer, sender); // fails in storage
    docs.applyFromClient(name, second, writer, sender); // depends on it: dropped
    await docs.flushed();
    expect(storage.load(name)).toEqual([created]);
    expect(peer.received).toEqual([created]);
    // Each update that was not stored is reported to its sender.
    expect(sender.failures).toHaveLength(2);
    // The sender re-sends what it has (as y-websocket does on reconnect): accepted in order.
    for (const update of [first, second, third]) docs.applyFromClient(name, update, writer, sender);
    await docs.flushed();
    expect(storage.load(name)).toEqual([created, first, second, third]);
    expect(peer.received).toEqual([created, first, second, third]);
  });

  it('gives every reader the live doc with each update it relayed, while it integrates later', async () => {
    const storage = await sqlite();
    const docs = manager(storage);
    const { name, updates, subject } = clientUpdates(3);
    const before = updates.slice(0, -1);
    const last = updates.at(-1)!;
    const client = new Y.Doc();
    const reports: string[][] = [];
    docs.onChange((change) => reports.push([...change.roots].sort()));
    const held = docs.hold(name);
    if (!held.ok) throw new Error('the document did not load');
    for (const update of before) {
      // Apart, as a person types: each update waits to be integrated.
      await delay(20);
      Y.applyUpdate(client, update);
      expect(docs.applyFromClient(name, update, writer)).toMatchObject({ ok: true });
      // What a sync answer is made of, read right after the relay: it has the update.
      expect(Y.encodeStateVector(held.live.doc)).toEqual(Y.encodeStateVector(client));
    }
    // The last one nobody reads: the change listeners hear of it with the roots it touched.
    await delay(20);
    docs.applyFromClient(name, last, writer);
    await vi.waitFor(() => expect(reports.at(-1)).toEqual(['activity', 'ticket']));
    expect(new Set(reports.flat())).toEqual(new Set(['activity', 'ticket', 'tags']));
    expect(reports.filter((roots) => roots.length === 0)).toEqual([]);
    expect(docs.read(name, (doc) => readTicketFields(doc)?.subject)).toBe(subject);
    held.release();
  });

  it('compacts and closes with the updates relayed just before', async () => {
    const storage = await sqlite();
    const docs = manager(storage);
    const { name, updates, subject } = clientUpdates(4);
    const [created, ...edits] = updates as [Uint8Array, ...Uint8Array[]];
    docs.applyFromClient(name, created, writer);
    await delay(20);
    docs.applyFromClient(name, edits[0]!, writer);
    // Compaction replaces the stored rows with the live doc's state: it must hold both.
    docs.compactAll();
    const reload = () => {
      const doc = new Y.Doc();
      for (const row of storage.load(name) ?? []) Y.applyUpdate(doc, row);
      return doc;
    };
    expect(readTicketFields(reload())?.subject).toBe('Subject 1');
    for (const edit of edits.slice(1)) {
      await delay(20);
      docs.applyFromClient(name, edit, writer);
    }
    // Closing compacts every document as it unloads: the last updates are in what it writes.
    docs.close();
    expect(readTicketFields(reload())?.subject).toBe(subject);
    expect([...reload().getMap('tags').keys()]).toEqual(['tag-2', 'tag-4']);
  });

  it('gives a burst to background listeners after the others, coalesced, with turns between', async () => {
    const storage = await sqlite();
    const docs = manager(storage);
    const order: string[] = [];
    const roots = new Map<string, string[]>();
    docs.onChange(({ name }) => order.push(`now ${name}`));
    let first = true;
    docs.onBackgroundChange((change) => {
      if (first) setTimeout(() => order.push('a timer'), 0);
      first = false;
      order.push(`later ${change.name}`);
      roots.set(change.name, [...change.roots].sort());
      // Work that takes a while: the slice ends and the timer gets its turn.
      const until = performance.now() + 2;
      while (performance.now() < until);
    });
    const tickets = Array.from({ length: 12 }, () => clientUpdates(1));
    for (const { name, updates } of tickets) {
      for (const update of updates) docs.applyFromClient(name, update, writer);
    }
    await vi.waitFor(() => expect(order.filter((o) => o.startsWith('later'))).toHaveLength(12));
    // Every document once in each kind, the immediate listener first for all of them.
    const names = tickets.map((t) => t.name);
    expect(order.slice(0, 12)).toEqual(names.map((n) => `now ${n}`));
    expect(order.filter((o) => o.startsWith('later'))).toEqual(names.map((n) => `later ${n}`));
    // A document's two updates (its creation and a new subject) arrive as one change.
    for (const name of names) expect(roots.get(name)).toEqual(['activity', 'ticket']);
    // The event loop turned while the background work was not done.
    expect(order.indexOf('a timer')).toBeLessThan(order.length - 1);
    expect(order.indexOf('a timer')).toBeGreaterThan(12);
  });
});

describe('DocManager housekeeping', () => {
  const cleanups = cleanupsAfterEach();
  const writer = { memberId: 'agent-1', workspaceId: 'ws-test-000001' };

  it('unloads a document once nobody has typed for a while, not in the middle of typing', async () => {
    const storage = await tempSqlite(cleanups);
    const docs = testDocManager(storage, cleanups, undefined, { unloadGraceMs: 10, quietMs: 1000 });
    const left = clientUpdates(2);
    const typed = clientUpdates(40);
    const peer = recordingPeer();
    docs.attach(left.name, peer);
    for (const update of left.updates) docs.applyFromClient(left.name, update, writer);
    docs.attach(typed.name, recordingPeer());
    // Its last peer leaves while someone types in another document.
    docs.detach(left.name, peer);
    for (const update of typed.updates) {
      docs.applyFromClient(typed.name, update, writer);
      await delay(15);
    }
    expect(docs.isLoaded(left.name)).toBe(true);
    // Quiet now: it unloads, its log compacted into one row that has everything.
    await vi.waitFor(() => expect(docs.isLoaded(left.name)).toBe(false), { timeout: 5000 });
    expect(storage.load(left.name)).toHaveLength(1);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, storage.load(left.name)![0]!);
    expect(readTicketFields(stored)?.subject).toBe(left.subject);
    expect(docs.isLoaded(typed.name)).toBe(true);
  });
});

describe('DocManager keystrokes', () => {
  const cleanups = cleanupsAfterEach();
  const writer = { memberId: 'agent-1', workspaceId: 'ws-test-000001' };

  /** A client on a new ticket: its creating update, and its edits one update each. */
  function typist() {
    const { doc, fields, actor } = makeTicketDoc({}, undefined, T0);
    const created = Y.encodeStateAsUpdate(doc);
    const edit = (change: (doc: Y.Doc) => void): Uint8Array => {
      const before = Y.encodeStateVector(doc);
      change(doc);
      return Y.encodeStateAsUpdate(doc, before);
    };
    const type = (text: string) =>
      edit((d) => d.getText('draft').insert(d.getText('draft').length, text));
    return { doc, name: ticketDocName(fields.id), actor, created, edit, type };
  }

  it('mixes keystrokes with full checks, rejections, server changes and guards', async () => {
    const storage = await tempSqlite(cleanups);
    const seen: string[] = [];
    const docs = testDocManager(
      storage,
      cleanups,
      // A guard that reads the scratch copy for one writer, as the authorizer does for light
      // agents: it must see the update it judges, on top of every keystroke before it.
      (check) => {
        // And one that refuses a writer without reading it (as a rate limit does).
        if (check.writer.memberId === 'muted') return { reason: 'forbidden', detail: 'Muted.' };
        if (check.writer.memberId !== 'reader') return null;
        const text = check.scratch.getText('draft').toString();
        seen.push(text);
        return text.endsWith('!') ? { reason: 'forbidden', detail: 'No shouting.' } : null;
      }
    );
    const t = typist();
    const send = (update: Uint8Array, who = writer) => docs.applyFromClient(t.name, update, who);
    expect(send(t.created)).toMatchObject({ ok: true });
    // More keystrokes than a scratch copy is owed at most, one update each.
    let typed = '';
    for (let i = 0; i < 450; i++) {
      const key = String.fromCharCode(97 + (i % 26));
      typed += key;
      expect(send(t.type(key))).toMatchObject({ ok: true, changed: true });
    }
    // A full check that depends on the last keystroke: the scratch copy must have them all.
    const both = t.edit((d) =>
      d.transact(() => {
        d.getText('draft').insert(d.getText('draft').length, '.');
        setStatus(d, 'pending', t.actor, T0 + 1);
      })
    );
    expect(send(both)).toMatchObject({ ok: true, changed: true });
    typed += '.';
    // A rejection, then more typing, then a server change, then a guard that reads the copy.
    const refused = Y.encodeStateAsUpdate(
      copyWith(t.doc, (d) => d.getMap('ticket').set('status', 'bogus')),
      Y.encodeStateVector(t.doc)
    );
    expect(send(refused)).toMatchObject({ ok: false, reason: 'schema' });
    expect(send(t.type(' ok'))).toMatchObject({ ok: true });
    typed += ' ok';
    expect(docs.change(t.name, (d) => addTag(d, 'server-tag', SYSTEM_ACTOR, T0 + 2))).toBe(true);
    expect(send(t.type('?'), { ...writer, memberId: 'reader' })).toMatchObject({ ok: true });
    typed += '?';
    const reader = { ...writer, memberId: 'reader' };
    const shout = Y.encodeStateAsUpdate(
      copyWith(t.doc, (d) => d.getText('draft').insert(typed.length, '!')),
      Y.encodeStateVector(t.doc)
    );
    expect(send(shout, reader)).toMatchObject({ ok: false, reason: 'forbidden' });
    const muted = Y.encodeStateAsUpdate(
      copyWith(t.doc, (d) => d.getText('draft').insert(typed.length, '#')),
      Y.encodeStateVector(t.doc)
    );
    expect(send(muted, { ...writer, memberId: 'muted' })).toMatchObject({ ok: false });
    // The refused keystrokes are in neither copy: the next one is judged without them.
    expect(send(t.type(' fine'), reader)).toMatchObject({ ok: true });
    expect(seen).toEqual([typed, `${typed}!`, `${typed} fine`]);
    typed += ' fine';
    const stored = new Y.Doc();
    for (const row of storage.load(t.name) ?? []) Y.applyUpdate(stored, row);
    expect(stored.getText('draft').toString()).toBe(typed);
    expect(docs.read(t.name, (d) => d.getText('draft').toString())).toBe(typed);
    expect(docs.read(t.name, (d) => readTicketFields(d)?.status)).toBe('pending');
    expect(docs.read(t.name, (d) => d.getMap('tags').has('server-tag'))).toBe(true);
  });

  it('queues keystrokes behind storage that answers later, in order', async () => {
    const storage = await tempSqlite(cleanups);
    const later: DocManagerStorage = {
      load: (name) => storage.load(name),
      logLength: (name) => storage.logLength(name),
      compact: (name, state) => storage.compact(name, state),
      append: async (name, update) => {
        await delay(1);
        storage.append(name, update);
      }
    };
    const docs = testDocManager(later, cleanups);
    const t = typist();
    expect(docs.applyFromClient(t.name, t.created, writer)).toMatchObject({ ok: true });
    await docs.flushed();
    for (const key of 'typing while the disk is slow') {
      expect(docs.applyFromClient(t.name, t.type(key), writer)).toMatchObject({ ok: true });
    }
    await docs.flushed();
    expect(docs.read(t.name, (d) => d.getText('draft').toString())).toBe(
      'typing while the disk is slow'
    );
  });
});

/** A copy of `doc` with `change` made on it. */
function copyWith(doc: Y.Doc, change: (copy: Y.Doc) => void): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  change(copy);
  return copy;
}
