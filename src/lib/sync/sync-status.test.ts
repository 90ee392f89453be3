import { describe, expect, it } from 'vitest';
import { PENDING_GRACE_MS, SyncStatus } from './sync-status.svelte';
import { manualTimers } from './testing/manual-timers';

describe('SyncStatus pending count', () => {
  it('online, does not show changes the server confirms within the grace period', () => {
    const { clock, advance, scheduled } = manualTimers();
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
    const { clock, advance } = manualTimers();
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
    const { clock } = manualTimers();
    const status = new SyncStatus(false, clock);
    status.setPending(1);
    expect(status.shownPending).toBe(1);
    status.setBrowserOnline(true);
    expect(status.shownPending).toBe(0);
  });
});
