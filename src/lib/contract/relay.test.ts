import { describe, expect, it } from 'vitest';
import { CLOSE, parseClose, relayReaction } from './relay';
import { BATCH_REACTION, DOC_REJECT_REASONS } from './reasons';

const react = (code: number, reason: string) => relayReaction(parseClose(code, reason));

describe('relay closes', () => {
  it('reads the reason word and the detail', () => {
    expect(parseClose(4422, 'schema: thread.0: bad')).toEqual({
      code: 4422,
      reason: 'schema',
      detail: 'thread.0: bad'
    });
    expect(parseClose(4403, 'forbidden')).toEqual({ code: 4403, reason: 'forbidden', detail: '' });
    expect(parseClose(4000, 'who knows: x')).toMatchObject({ reason: 'unknown', detail: 'x' });
  });

  it('tells the client what to do with each close', () => {
    expect(react(CLOSE.notSignedIn, 'not-signed-in: signed out')).toBe('signed-out');
    expect(react(CLOSE.invalidUpdate, 'schema: bad')).toBe('drop-local');
    expect(react(CLOSE.tooLarge, 'too-large: over 2 KB')).toBe('drop-local');
    // A write the role does not allow, or access lost while connected: drop what was typed.
    expect(react(CLOSE.forbidden, 'forbidden: Light agents may only add internal notes.')).toBe(
      'drop-local'
    );
    // The upgrade refused: nothing local to drop, nothing to retry.
    expect(react(CLOSE.forbidden, 'forbidden')).toBe('stuck');
    expect(react(CLOSE.forbidden, 'bad-origin')).toBe('stuck');
    expect(react(CLOSE.rateLimited, 'rate-limited: too many bytes')).toBe('retry');
    expect(react(CLOSE.invalidDocument, 'invalid-document')).toBe('stuck');
    expect(react(CLOSE.malformed, 'malformed-frame: x')).toBe('stuck');
  });

  it('has a reaction for every batch reason', () => {
    for (const reason of DOC_REJECT_REASONS) expect(BATCH_REACTION[reason]).toBeDefined();
    expect(BATCH_REACTION.forbidden).toBe('stuck');
    expect(BATCH_REACTION.unavailable).toBe('retry');
    expect(BATCH_REACTION.schema).toBe('drop-local');
  });
});
