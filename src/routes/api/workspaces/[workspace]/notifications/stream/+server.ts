import { authorizeWorkspace } from '$lib/server/authorize';
import { getNotificationServices } from '$lib/server/notification-services';
import type { RequestHandler } from './$types';

/** How often a quiet stream sends a comment, so proxies and the browser keep it open. */
const KEEP_ALIVE_MS = 25_000;

/**
 * Server-Sent Events for the member's inbox: `event: changed` with the unread count, at once
 * and whenever the inbox changes (something arrived, something was marked read on another
 * device). The browser then reloads the list; the stream carries no content itself.
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'member');
  if (!allowed.ok) return allowed.response;
  const { principal, workspaceId } = allowed.grant;
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS);
      const unwatch = getNotificationServices().watch(
        workspaceId,
        principal.memberId,
        (unread) => send(`event: changed\ndata: ${unread}\n\n`),
        () => stop()
      );
      stop = () => {
        if (!open) return;
        open = false;
        clearInterval(keepAlive);
        unwatch();
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      request.signal.addEventListener('abort', () => stop());
    },
    cancel() {
      stop();
    }
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no'
    }
  });
};
