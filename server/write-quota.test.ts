import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addThreadEntry, createTicket, ticketParts } from '../src/lib/domain/ticket.ts';
import { ticketDocName } from '../src/lib/domain/doc-names.ts';
import type { Actor } from '../src/lib/domain/schema.ts';
import { applyChecked } from '../src/lib/domain/update-check.ts';
import { WriteQuota, type WriteQuotaLimits } from './write-quota.ts';

const WORKSPACE = 'workspace-quota';
const TICKET = 'ticket-quota-000001';
const NAME = ticketDocName(TICKET);
const AINO: Actor = { id: 'member-aino', name: 'Aino' };
const MADS: Actor = { id: 'member-mads', name: 'Mads' };

const LIMITS: WriteQuotaLimits = {
  bytesPerMinute: 2 * 1024 * 1024,
  bytesBurst: 4 * 1024 * 1024,
  entriesPerMinute: 60,
  entriesBurst: 200,
  workspaceMaxBytes: 2 * 1024 * 1024 * 1024,
  recountMs: 60_000
};

function copy(doc: Y.Doc): Y.Doc {
  const out = new Y.Doc();
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc));
  return out;
}

/** A quota on a fake clock and a fake count of stored bytes, with a live ticket to write to. */
function setup(limits: Partial<WriteQuotaLimits> = {}, stored = 0) {
  let now = Date.UTC(2026, 0, 5, 9);
  const measured: string[] = [];
  const quota = new WriteQuota({
    limits: { ...LIMITS, ...limits },
    clock: { now: () => now },
    storage: {
      workspaceBytes: (workspaceId) => {
        measured.push(workspaceId);
        return stored;
      }
    }
  });
  const live = new Y.Doc();
  createTicket(live, { id: TICKET, workspaceId: WORKSPACE, subject: 'Quota' }, AINO, now);
  // Like the server: a scratch copy kept equal to the live ticket, and one replica per writer.
  let scratch = copy(live);
  const replicas = new Map<string, Y.Doc>();
  /** Offers `change` as `writer`'s update; applies it to the live ticket when let through. */
  const write = (writer: Actor, change: (doc: Y.Doc) => void): string | null => {
    const replica = replicas.get(writer.id) ?? copy(live);
    replicas.set(writer.id, replica);
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live, Y.encodeStateVector(replica)));
    const before = Y.encodeStateVector(replica);
    change(replica);
    const update = Y.encodeStateAsUpdate(replica, before);
    const ref = { kind: 'ticket', ticketId: TICKET } as const;
    const verdict = applyChecked(scratch, ref, update);
    if (!verdict.ok) throw new Error(`the update check refused the change: ${verdict.detail}`);
    if (!verdict.changed) return null;
    const denial = quota.guard({
      name: NAME,
      ref,
      scratch,
      live,
      writer: { memberId: writer.id, workspaceId: '' },
      added: verdict.added,
      ticketWorkspace: WORKSPACE
    });
    if (denial) {
      scratch = copy(live);
      replicas.delete(writer.id);
      return `${denial.reason}: ${denial.detail}`;
    }
    Y.applyUpdate(live, update);
    return null;
  };
  const note =
    (writer: Actor, body = 'A note.') =>
    (doc: Y.Doc) =>
      addThreadEntry(doc, 'note', body, writer, now);
  return {
    quota,
    live,
    write,
    note,
    measured,
    advance: (ms: number) => {
      now += ms;
    },
    setStored: (bytes: number) => {
      stored = bytes;
    }
  };
}

describe('WriteQuota: how fast one member may grow one document', () => {
  it('stops a burst of notes after the burst allowance (two entries per note)', () => {
    const { write, note } = setup();
    const outcomes: (string | null)[] = [];
    for (let i = 0; i < 105; i++) outcomes.push(write(AINO, note(AINO)));
    expect(outcomes.slice(0, 100)).toEqual(Array(100).fill(null));
    expect(outcomes[100]).toMatch(/^rate-limited: Too many changes to this document/);
    expect(outcomes.slice(100).every((o) => o !== null)).toBe(true);
  });

  it('lets a person write a note every few seconds for twenty minutes', () => {
    const { write, note, advance } = setup();
    for (let i = 0; i < 400; i++) {
      expect([i, write(AINO, note(AINO))]).toEqual([i, null]);
      advance(3_000);
    }
  });

  it('lets typing through (ten keys a second for a minute)', () => {
    const { write, advance } = setup();
    for (let i = 0; i < 600; i++) {
      expect(write(AINO, (d) => ticketParts(d).draft.insert(0, 'a'))).toBeNull();
      advance(100);
    }
  });

  it('refills: after the burst, a minute later a note is accepted again', () => {
    const { write, note, advance } = setup();
    for (let i = 0; i < 100; i++) write(AINO, note(AINO));
    expect(write(AINO, note(AINO))).not.toBeNull();
    advance(60_000);
    expect(write(AINO, note(AINO))).toBeNull();
  });

  it('keeps a bucket per member and document', () => {
    const { write, note } = setup();
    for (let i = 0; i < 100; i++) write(AINO, note(AINO));
    expect(write(AINO, note(AINO))).not.toBeNull();
    expect(write(MADS, note(MADS))).toBeNull();
  });

  it('admits one large update on a full bucket (an offline day), then asks it to wait', () => {
    const { write, note, advance } = setup();
    const offlineDay = (doc: Y.Doc) => {
      for (let i = 0; i < 150; i++) addThreadEntry(doc, 'note', `Offline ${i}`, AINO, 1);
    };
    expect(write(AINO, offlineDay)).toBeNull();
    expect(write(AINO, note(AINO))).not.toBeNull();
    advance(2 * 60_000);
    expect(write(AINO, note(AINO))).toBeNull();
  });

  it('counts bytes as well as entries', () => {
    const { write, note } = setup({ bytesBurst: 1024 * 1024, bytesPerMinute: 1024 * 1024 });
    const big = 'x'.repeat(100_000);
    const outcomes = Array.from({ length: 12 }, () => write(AINO, note(AINO, big)));
    expect(outcomes.filter((o) => o === null).length).toBeLessThanOrEqual(11);
    expect(outcomes.at(-1)).toMatch(/^rate-limited: /);
  });

  it('does not count an update that adds nothing new', () => {
    const { write, note } = setup({ entriesBurst: 2, entriesPerMinute: 1 });
    expect(write(AINO, note(AINO))).toBeNull();
    for (let i = 0; i < 10; i++) expect(write(AINO, () => {})).toBeNull();
    expect(write(AINO, note(AINO))).not.toBeNull();
  });
});

describe('WriteQuota: bytes per workspace', () => {
  it('refuses growth past the cap, with the stored bytes measured once and then counted', () => {
    const cap = 1024 * 1024;
    const { write, note, measured, advance, setStored } = setup(
      { workspaceMaxBytes: cap },
      cap - 50_000
    );
    expect(write(AINO, note(AINO, 'x'.repeat(30_000)))).toBeNull();
    expect(write(AINO, note(AINO, 'x'.repeat(30_000)))).toMatch(
      /^too-large: This workspace is full \(1 MB/
    );
    expect(measured).toEqual([WORKSPACE]);
    // Room made (an operator archived tickets): seen at the next measurement.
    setStored(0);
    advance(60_000);
    expect(write(AINO, note(AINO, 'x'.repeat(30_000)))).toBeNull();
    expect(measured).toEqual([WORKSPACE, WORKSPACE]);
  });

  it('has no cap at 0', () => {
    const { write, note, measured } = setup({ workspaceMaxBytes: 0 }, 10 * 1024 ** 3);
    expect(write(AINO, note(AINO))).toBeNull();
    expect(measured).toEqual([]);
  });
});
