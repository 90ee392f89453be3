import { describe, expect, it } from 'vitest';
import { createApi } from '$lib/api/client';
import type { NotificationItem } from '$lib/contract/notifications';
import { Inbox, closeInboxes, inboxFor, type InboxStream } from './notifications.svelte';

const item = (key: string, read = false): NotificationItem => ({
  key,
  kind: 'assigned',
  ticketId: 'ticket-1',
  ticketNumber: 15,
  subject: 'SMS codes not arriving',
  actorName: 'Aino Virtanen',
  metric: null,
  at: 1_000,
  read
});

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value)
  };
}

/** A server that holds one member's inbox and answers as the API does; `online` can flip. */
function server(items: NotificationItem[]) {
  const state = { items, online: true, refuseMarks: false, calls: [] as string[] };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    state.calls.push(`${init?.method ?? 'GET'} ${path}`);
    if (!state.online) throw new TypeError('Failed to fetch');
    if (path.endsWith('/read')) {
      if (state.refuseMarks)
        return Response.json({ error: { reason: 'forbidden', message: 'no' } }, { status: 403 });
      const body = JSON.parse(String(init?.body)) as { keys?: string[]; all?: true };
      state.items = state.items.map((i) =>
        body.all || body.keys?.includes(i.key) ? { ...i, read: true } : i
      );
      return Response.json({ unread: state.items.filter((i) => !i.read).length });
    }
    return Response.json({
      items: state.items,
      unread: state.items.filter((i) => !i.read).length
    });
  };
  return { state, api: createApi({ fetch }) };
}

describe('the inbox state', () => {
  it('keeps what it loaded on the device, and shows that copy when a later start is offline', async () => {
    const storage = memoryStorage();
    const { state, api } = server([item('a'), item('b', true)]);
    const inbox = new Inbox({
      api,
      workspaceId: 'ws',
      memberId: 'member-joy',
      storage,
      openStream: null
    });
    await inbox.load();
    expect(inbox.source).toBe('server');
    expect(inbox.unread).toBe(1);

    state.online = false;
    const offline = new Inbox({
      api,
      workspaceId: 'ws',
      memberId: 'member-joy',
      storage,
      openStream: null
    });
    await offline.load();
    expect(offline.source).toBe('cache');
    expect(offline.items.map((i) => i.key)).toEqual(['a', 'b']);
    // Kept under the member's own prefix: sign-out clears it, another member never sees it.
    expect([...storage.values.keys()]).toEqual(['baton@member-joy:inbox:ws']);
    const other = new Inbox({
      api,
      workspaceId: 'ws',
      memberId: 'member-mads',
      storage,
      openStream: null
    });
    expect(other.items).toEqual([]);
  });

  it('once closed for sign-out, a load still on its way leaves nothing on the device', async () => {
    const storage = memoryStorage();
    let answer: (response: Response) => void = () => {};
    const api = createApi({
      fetch: () => new Promise<Response>((resolve) => (answer = resolve))
    });
    const inbox = new Inbox({ api, workspaceId: 'ws', memberId: 'm', storage, openStream: null });
    const loading = inbox.load();
    inbox.close();
    answer(Response.json({ items: [item('a')], unread: 1 }));
    await loading;
    expect(storage.values.size).toBe(0);
    expect(inbox.items).toEqual([]);
    await inbox.load();
    expect(storage.values.size).toBe(0);
  });

  it('sign-out closes every inbox of that member and no other', () => {
    const { api } = server([]);
    const mine = [inboxFor(api, 'ws-1', 'maya'), inboxFor(api, 'ws-2', 'maya')];
    const theirs = inboxFor(api, 'ws-1', 'mads');
    closeInboxes(api, 'maya');
    expect(inboxFor(api, 'ws-1', 'maya')).not.toBe(mine[0]);
    expect(inboxFor(api, 'ws-2', 'maya')).not.toBe(mine[1]);
    expect(inboxFor(api, 'ws-1', 'mads')).toBe(theirs);
  });

  it('marks read at once, and goes back when the server refuses', async () => {
    const { state, api } = server([item('a'), item('b'), item('c')]);
    const inbox = new Inbox({
      api,
      workspaceId: 'ws',
      memberId: 'm',
      storage: memoryStorage(),
      openStream: null
    });
    await inbox.load();
    await inbox.markRead(['a']);
    expect(inbox.unread).toBe(2);
    expect(state.items.find((i) => i.key === 'a')?.read).toBe(true);

    state.refuseMarks = true;
    const refused = inbox.markAllRead();
    expect(inbox.unread).toBe(0);
    await expect(refused).rejects.toThrow('no');
    expect(inbox.unread).toBe(2);
    // Nothing to mark: no call at all.
    const before = state.calls.length;
    await inbox.markRead(['a']);
    expect(state.calls.length).toBe(before);
  });

  it('a load on its way while a notification is marked read does not bring it back unread', async () => {
    let items = [item('a')];
    let release: () => void = () => {};
    let hold = true;
    const fetch = async (input: RequestInfo | URL) => {
      if (String(input).endsWith('/read')) {
        items = items.map((i) => ({ ...i, read: true }));
        return Response.json({ unread: 0 });
      }
      const answer = { items, unread: items.filter((i) => !i.read).length };
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      return Response.json(answer);
    };
    const inbox = new Inbox({
      api: createApi({ fetch }),
      workspaceId: 'ws',
      memberId: 'member-mads',
      storage: memoryStorage(),
      openStream: null
    });
    hold = false;
    await inbox.load();
    expect(inbox.unread).toBe(1);
    hold = true;
    const stale = inbox.load(); // asked before the mark: its answer has 'a' unread
    await new Promise((resolve) => setTimeout(resolve, 0));
    hold = false;
    await inbox.markRead(['a']);
    release();
    await stale;
    for (let turn = 0; turn < 20 && inbox.loading; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(inbox.loading).toBe(false);
    expect(inbox.unread).toBe(0);
  });

  it('reloads when the stream says the count changed, not when it agrees', async () => {
    const { state, api } = server([item('a')]);
    let listener: ((event: MessageEvent<string>) => void) | null = null;
    let closed = false;
    const stream: InboxStream = {
      addEventListener: (_type, l) => void (listener = l),
      close: () => void (closed = true)
    };
    const inbox = new Inbox({
      api,
      workspaceId: 'ws',
      memberId: 'm',
      storage: memoryStorage(),
      openStream: () => stream
    });
    const stop = inbox.watch();
    await inbox.load();
    const tell = (count: number) =>
      listener?.(new MessageEvent('changed', { data: String(count) }));

    const loads = () => state.calls.filter((c) => c.startsWith('GET')).length;
    const before = loads();
    tell(1);
    expect(loads()).toBe(before);

    state.items = [item('b'), ...state.items];
    tell(2);
    // Bounded: the reload is a fetch and a parse away.
    for (let turn = 0; turn < 100 && inbox.items.length < 2; turn++)
      await new Promise((resolve) => setTimeout(resolve, 0));
    expect(inbox.items.map((i) => i.key)).toEqual(['b', 'a']);
    stop();
    expect(closed).toBe(true);
  });
});
