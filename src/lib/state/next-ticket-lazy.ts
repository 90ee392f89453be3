/**
 * "Next ticket" (`next-ticket.svelte.ts`) for the screens that offer it before anyone asks:
 * the board's and triage's button and the keyboard's `n`. Its code (the queue, the claim, the
 * watching) is fetched at the first press, so that the first screen does not carry it.
 */
import { couldNotTakeNext } from '$lib/i18n/messages/next-ticket';
import type { NextTicket } from './next-ticket.svelte';
import type { WorkspaceSession } from './workspace-session.svelte';

/** The workspace's `NextTicket`; `null`, with a toast, when its code could not be fetched. */
export async function loadNextTicket(ws: WorkspaceSession): Promise<NextTicket | null> {
  try {
    return (await import('./next-ticket.svelte')).nextTicketFor(ws);
  } catch {
    // Offline before the service worker had the app's code.
    ws.toasts.show(couldNotTakeNext(), 'error');
    return null;
  }
}
