import { describe, expect, it } from 'vitest';
import { PENDING_GRACE_MS, SyncStatus, type SyncStatusClock } from './sync-status.svelte';

/** A clock whose timers run only when the test advances it. */
function manualClock() {
  let now = 0;
  const timers = new Set<{ at: number; run: () => void }>();
  const clock: SyncStatusClock = {
    later(run, ms) {
      const timer = { at: now + ms, run };
      timers.add(timer);
      return () => timers.delete(timer);
    }
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of [...timers]) {
      if (timer.at <= now) {
        timers.delete(timer);
        timer.run();
      }
    }
  };
  return { clock, advance, scheduled: () => timers.size };
}

describe('SyncStatus pending count', () => {
  it('online, does not show changes the server confirms within the grace period', () => {
    const { clock, advance, scheduled } = manualClock();
    const status = new SyncStatus(true, clock);
    status.setPending(1);
    expect(status.pending).toBe(1);
    expect(status.shownPending).toBe(0);
    advance(PENDING_GRACE_MS - 1);
    status.setPending(0);
    expect(status.shownPending).toBe(0);
    expect(scheduled()).toBe(0);
    // The next edit waits afresh.
    status.setPending(1);
    advance(PENDING_GRACE_MS - 1);
    expect(status.shownPending).toBe(0);
  });

  it('online, shows changes still unconfirmed after the grace period; more changes do not restart it', () => {
    const { clock, advance } = manualClock();
    const status = new SyncStatus(true, clock);
    status.setPending(1);
    advance(PENDING_GRACE_MS / 2);
    status.setPending(2);
    advance(PENDING_GRACE_MS / 2);
    expect(status.shownPending).toBe(2);
    status.setPending(0);
    expect(status.shownPending).toBe(0);
  });

  it('offline, shows the count at once', () => {
    const { clock } = manualClock();
    const status = new SyncStatus(false, clock);
    status.setPending(1);
    expect(status.shownPending).toBe(1);
    status.setBrowserOnline(true);
    expect(status.shownPending).toBe(0);
  });
});
