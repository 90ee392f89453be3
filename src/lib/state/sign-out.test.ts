import { describe, expect, it } from 'vitest';
import { signOutOfDevice, type SignOutDeps } from './sign-out';
import { confirmUnsyncedSignOut, signOutUnreachable } from '$lib/i18n/messages/sign-out';

/** A sign-out whose steps are recorded; `pendingAfterFlush` is what the flush leaves. */
function run(options: {
  online: boolean;
  pending: number;
  pendingAfterFlush?: number;
  confirms?: boolean;
  endSessionFails?: boolean;
}) {
  const steps: string[] = [];
  let pending = options.pending;
  const deps: SignOutDeps = {
    online: () => options.online,
    flush: async () => {
      steps.push('flush');
      pending = options.pendingAfterFlush ?? 0;
    },
    pending: () => pending,
    confirm: (message) => {
      steps.push(`confirm: ${message}`);
      return options.confirms ?? false;
    },
    endSession: async () => {
      steps.push('end session');
      if (options.endSessionFails) throw new TypeError('Failed to fetch');
    },
    close: () => void steps.push('close'),
    clear: async () => void steps.push('clear'),
    onError: (_error, context) => void steps.push(`error: ${context}`)
  };
  return { steps, outcome: signOutOfDevice(deps) };
}

describe('signing out of this device', () => {
  it('online: flushes, then ends the session, closes and clears — no question asked', async () => {
    const { steps, outcome } = run({ online: true, pending: 4 });
    expect(await outcome).toBe('signed-out');
    expect(steps).toEqual(['flush', 'end session', 'close', 'clear']);
  });

  it('changes still unsynced: asks, and keeps everything when the member says no', async () => {
    const { steps, outcome } = run({ online: false, pending: 2, confirms: false });
    expect(await outcome).toBe('stayed');
    expect(steps).toEqual([`confirm: ${confirmUnsyncedSignOut(2)}`]);
  });

  it('changes the server refused: asks after the flush, clears when confirmed', async () => {
    const { steps, outcome } = run({
      online: true,
      pending: 3,
      pendingAfterFlush: 1,
      confirms: true
    });
    expect(await outcome).toBe('signed-out');
    expect(steps).toEqual([
      'flush',
      `confirm: ${confirmUnsyncedSignOut(1)}`,
      'end session',
      'close',
      'clear'
    ]);
  });

  it('a server out of reach does not keep the data on the device', async () => {
    const { steps, outcome } = run({ online: true, pending: 0, endSessionFails: true });
    expect(await outcome).toBe('signed-out');
    expect(steps).toEqual([
      'flush',
      'end session',
      `error: ${signOutUnreachable()}`,
      'close',
      'clear'
    ]);
  });
});
