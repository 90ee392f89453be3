/**
 * How a per-workspace worker (routing, the away handover) is woken: a sweep of one workspace
 * runs soon after it is asked for (`setImmediate`), once however often it was asked meanwhile,
 * so a burst of index changes costs one sweep; every workspace asked about is remembered for
 * the periodic sweep; a failed sweep is logged, never thrown into the document event that
 * asked for it.
 */
export interface WorkspaceSweeps {
  /** Sweeps `workspaceId` soon (once, however often asked before it runs). */
  schedule(workspaceId: string): void;
  /** Sweeps every workspace asked about since the start. */
  scheduleAll(): void;
  readonly stopped: boolean;
  /** No sweep runs after this, not even one already scheduled. */
  stop(): void;
}

export function workspaceSweeps(
  sweep: (workspaceId: string) => void,
  failed: (workspaceId: string, error: unknown) => void
): WorkspaceSweeps {
  const seen = new Set<string>();
  const pending = new Set<string>();
  let stopped = false;
  const schedule = (workspaceId: string) => {
    seen.add(workspaceId);
    if (stopped || pending.has(workspaceId)) return;
    pending.add(workspaceId);
    setImmediate(() => {
      pending.delete(workspaceId);
      if (stopped) return;
      try {
        sweep(workspaceId);
      } catch (error) {
        failed(workspaceId, error);
      }
    });
  };
  return {
    schedule,
    scheduleAll() {
      for (const workspaceId of seen) schedule(workspaceId);
    },
    get stopped() {
      return stopped;
    },
    stop() {
      stopped = true;
      pending.clear();
    }
  };
}
