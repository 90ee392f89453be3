import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { checkKeystroke } from './keystroke-check';
import { applyChecked, estimatedDocBytes, knownDocBytes, type UpdateVerdict } from './update-check';
import type { DocRef } from './doc-names';
import { addThreadEntry, setStatus } from './ticket';
import { WRONG_KINDS, handMadeUpdate, wrongKindUpdate } from './testing/bad-updates';
import { T0, makeActor, makeTicketDoc } from './testing/factories';
import { Rng } from './testing/prng';
import type { AddedContent } from './added-content';
import { copyOf, updateFrom } from './testing/replicas';

/**
 * The server's side of one document: the live doc, and the size estimate its scratch copy
 * carries. Each update is given to the fast path and, on a fresh copy, to the full check.
 */
class Server {
  readonly live: Y.Doc;
  readonly sizeKey = new Y.Doc();

  constructor(
    live: Y.Doc,
    readonly ref: DocRef
  ) {
    this.live = live;
    knownDocBytes(this.sizeKey, Y.encodeStateAsUpdate(live).byteLength);
  }

  /** Both verdicts, with the size estimate each leaves; the fast one moves `sizeKey`'s. */
  judge(update: Uint8Array): {
    fast: AddedContent | null;
    full: UpdateVerdict;
    fastSize: number | undefined;
    fullSize: number | undefined;
  } {
    const scratch = copyOf(this.live);
    knownDocBytes(scratch, estimatedDocBytes(this.sizeKey)!);
    const full = applyChecked(scratch, this.ref, update);
    const probe = new Y.Doc();
    knownDocBytes(probe, estimatedDocBytes(this.sizeKey)!);
    const fast = checkKeystroke(this.live, probe, this.ref, update);
    return {
      fast,
      full,
      fastSize: estimatedDocBytes(probe),
      fullSize: estimatedDocBytes(scratch)
    };
  }

  /** Judges `update` and, when the full check accepts it, applies it as the relay would. */
  receive(update: Uint8Array): { fast: AddedContent | null; full: UpdateVerdict } {
    const verdicts = this.judge(update);
    if (verdicts.fast !== null) {
      // Whatever the fast path accepts, the full check accepts, having found the same.
      expect(verdicts.full).toEqual({ ok: true, changed: true, added: verdicts.fast });
      expect(verdicts.fastSize).toBe(verdicts.fullSize);
    }
    if (verdicts.full.ok) {
      Y.applyUpdate(this.live, update);
      if (verdicts.full.changed) knownDocBytes(this.sizeKey, verdicts.fullSize!);
    }
    return verdicts;
  }
}

function ticketServer(): { server: Server; ticketId: string } {
  const { doc, fields } = makeTicketDoc();
  return { server: new Server(doc, { kind: 'ticket', ticketId: fields.id }), ticketId: fields.id };
}

const type = (text: string, at?: number) => (client: Y.Doc) => {
  const draft = client.getText('draft');
  draft.insert(at ?? draft.length, text);
};

describe('checkKeystroke', () => {
  it('accepts typing in a ticket’s draft and handover, finding what the full check finds', () => {
    const { server } = ticketServer();
    for (const text of ['Hei', ' maailma', ' 👋🏽', 'ø']) {
      const typed = server.receive(updateFrom(server.live, type(text)));
      expect(typed.fast?.additions).toEqual([{ root: 'draft', key: null, values: [text] }]);
    }
    const inMiddle = server.receive(updateFrom(server.live, type('-', 2)));
    expect(inMiddle.fast?.additions).toEqual([{ root: 'draft', key: null, values: ['-'] }]);
    const handover = server.receive(
      updateFrom(server.live, (c) => c.getText('handover').insert(0, 'Call back at 3'))
    );
    expect(handover.fast?.additions).toEqual([
      { root: 'handover', key: null, values: ['Call back at 3'] }
    ]);
    const deleted = server.receive(updateFrom(server.live, (c) => c.getText('draft').delete(0, 4)));
    expect(deleted.fast).toEqual({ additions: [], bytes: 0, entries: 0 });
    expect(server.live.getText('draft').toString()).toBe(' maailma 👋🏽ø');
  });

  it('accepts typing in a private draft', () => {
    const doc = new Y.Doc();
    const server = new Server(doc, { kind: 'draft', ticketId: 'ticket-1', memberId: 'member-1' });
    // The first word creates the text (by name): the full check's; the next ones are typing.
    expect(server.receive(updateFrom(doc, (c) => c.getText('draft').insert(0, 'Hej'))).fast).toBe(
      null
    );
    const typed = server.receive(updateFrom(doc, (c) => c.getText('draft').insert(3, ' Anna')));
    expect(typed.fast?.additions).toEqual([{ root: 'draft', key: null, values: [' Anna'] }]);
  });

  it('leaves everything else to the full check', () => {
    const { server, ticketId } = ticketServer();
    server.receive(updateFrom(server.live, type('Hello')));
    const actor = makeActor();
    server.receive(updateFrom(server.live, (c) => addThreadEntry(c, 'note', 'Kept', actor, T0)));
    const cases: [string, Uint8Array][] = [
      ['a note', updateFrom(server.live, (c) => addThreadEntry(c, 'note', 'A note', actor, T0))],
      ['a field', updateFrom(server.live, (c) => setStatus(c, 'pending', actor, T0))],
      [
        'typing and a field',
        updateFrom(server.live, (c) => {
          c.transact(() => {
            type('!')(c);
            setStatus(c, 'solved', actor, T0);
          });
        })
      ],
      [
        'a formatted word',
        updateFrom(server.live, (c) => c.getText('draft').insert(0, 'x', { bold: true }))
      ],
      ['an empty update', updateFrom(server.live, () => {})],
      ['a deleted note', updateFrom(server.live, (c) => c.getArray('thread').delete(0, 1))],
      ['a deleted field', updateFrom(server.live, (c) => c.getMap('ticket').delete('subject'))],
      [
        'characters under a key',
        handMadeUpdate([
          {
            client: 4242,
            info: 4 | 0b0010_0000,
            root: 'draft',
            content: (encoder) => {
              encoding.writeVarString(encoder, 'key');
              encoding.writeVarString(encoder, 'text');
            }
          }
        ])
      ]
    ];
    for (const kind of WRONG_KINDS) {
      for (const root of ['draft', 'handover', 'thread', 'activity', 'ticket']) {
        // Characters in a text are the one right kind: typing.
        if (kind === 'string' && (root === 'draft' || root === 'handover')) continue;
        cases.push([`${kind} in ${root}`, wrongKindUpdate(server.live, root, kind)]);
      }
    }
    for (const [what, update] of cases) {
      expect(server.judge(update).fast, what).toBeNull();
    }
    // And a ticket document that was never created takes no typing.
    const empty = new Server(new Y.Doc(), { kind: 'ticket', ticketId });
    const typing = updateFrom(empty.live, type('x'));
    expect(empty.judge(typing)).toMatchObject({
      fast: null,
      full: { ok: false, reason: 'not-a-ticket' }
    });
  });

  it('leaves missing dependencies, text past its cap and damage to the full check', () => {
    const { server } = ticketServer();
    const client = copyOf(server.live);
    const sent = Y.encodeStateVector(client);
    type('first')(client);
    const between = Y.encodeStateVector(client);
    type(' second')(client);
    const second = Y.encodeStateAsUpdate(client, between);
    expect(server.judge(second)).toMatchObject({
      fast: null,
      full: { ok: false, reason: 'missing-dependencies' }
    });
    // The same typing sent twice: the second time it is old news, not a keystroke.
    const first = Y.encodeStateAsUpdate(client, sent);
    expect(server.receive(first).fast).not.toBeNull();
    expect(server.judge(first).fast).toBeNull();

    const long = updateFrom(server.live, type('x'.repeat(100_001)));
    expect(server.judge(long)).toMatchObject({
      fast: null,
      full: { ok: false, reason: 'too-large' }
    });

    const keystroke = updateFrom(server.live, type('abc'));
    for (let end = 0; end < keystroke.byteLength; end++) {
      expect(server.judge(keystroke.subarray(0, end)).fast).toBeNull();
    }
    expect(server.judge(Uint8Array.from([...keystroke, 0])).fast).toBeNull();
  });

  it('agrees with the full check over seeded random typing, edits and damage', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rng = new Rng(seed);
      const { server } = ticketServer();
      const actor = makeActor();
      const clients = [copyOf(server.live), copyOf(server.live), copyOf(server.live)];
      let typing = 0;
      let typedFast = 0;
      for (let step = 0; step < 300; step++) {
        const client = rng.pick(clients);
        // Most clients are up to date; now and then one has missed what the others sent.
        if (rng.chance(0.9)) Y.applyUpdate(client, Y.encodeStateAsUpdate(server.live));
        const before = Y.encodeStateVector(client);
        const roll = rng.next();
        const honestTyping = roll < 0.7;
        if (honestTyping) {
          const text = client.getText(rng.chance(0.8) ? 'draft' : 'handover');
          if (text.length > 0 && rng.chance(0.3)) {
            const at = rng.int(0, text.length - 1);
            text.delete(at, rng.int(1, Math.min(5, text.length - at)));
          } else {
            const word = rng.chance(0.2) ? rng.pick(['å', 'ä', '€', '漢字', '🙂']) : rng.word(1, 6);
            text.insert(rng.int(0, text.length), word);
          }
        } else if (roll < 0.8) {
          addThreadEntry(client, 'note', rng.word(), actor, T0);
        } else if (roll < 0.9) {
          setStatus(client, rng.pick(['open', 'pending', 'solved'] as const), actor, T0);
        } else {
          client.getText('draft').insert(0, rng.word(), { italic: true });
        }
        let update = Y.encodeStateAsUpdate(client, before);
        if (rng.chance(0.1)) {
          update = Uint8Array.from(update);
          update[rng.int(0, update.length - 1)] = rng.int(0, 255);
        }
        const { fast, full } = server.receive(update);
        if (honestTyping && full.ok && full.changed) {
          typing++;
          if (fast !== null) typedFast++;
        }
      }
      // The fast path is the path for typing: nearly all of it takes it.
      expect(typedFast / typing, `seed ${seed}`).toBeGreaterThan(0.9);
    }
  });
});
