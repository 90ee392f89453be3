/**
 * The seam between SvelteKit's endpoints and Baton's notifications (`server/notifications`),
 * registered like `services.ts` (the two are bundled apart and cannot share module instances).
 * Every call names the workspace and the member it acts for, both taken from the request and
 * authorized by the endpoint first (`authorizeWorkspace`, any member); the services trust them
 * and act on that member's own inbox, preferences and subscriptions only.
 */
import { serviceSlot } from './service-slot';

export interface NotificationResult {
  status: number;
  body: unknown;
}

export interface NotificationServices {
  list(workspaceId: string, memberId: string): Promise<NotificationResult>;
  markRead(workspaceId: string, memberId: string, body: unknown): Promise<NotificationResult>;
  prefs(workspaceId: string, memberId: string): Promise<NotificationResult>;
  setPrefs(workspaceId: string, memberId: string, body: unknown): Promise<NotificationResult>;
  subscribe(workspaceId: string, memberId: string, body: unknown): Promise<NotificationResult>;
  unsubscribe(workspaceId: string, memberId: string, body: unknown): Promise<NotificationResult>;
  /**
   * Calls `listener` with the unread count now and whenever the member's inbox in the
   * workspace changes; returns the function that stops it. `closed` is called if the server
   * shuts down first.
   */
  watch(
    workspaceId: string,
    memberId: string,
    listener: (unread: number) => void,
    closed: () => void
  ): () => void;
}

const slot = serviceSlot<NotificationServices>('notification-services', 'notification services');
export const registerNotificationServices = slot.register;
export const getNotificationServices = slot.get;

/** A service's answer as the endpoint's response (never cached: it is one member's own). */
export function notificationResponse(result: NotificationResult): Response {
  const headers = { 'cache-control': 'no-store' };
  if (result.status === 204) return new Response(null, { status: 204, headers });
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { ...headers, 'content-type': 'application/json' }
  });
}
