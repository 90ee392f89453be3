/**
 * "Next ticket" from the key press to the ticket on screen, in headless Chromium against
 * Baton's own server, with the documents cached (the phone/desk prefetch has kept the member's
 * open tickets and the unassigned ones in IndexedDB, and the board was reloaded, so nothing of
 * them is in memory).
 *
 * The index holds the demo workspace's tickets plus 10,000 more, all assigned to other members
 * (so they are scanned for the queue but never taken, and need no document). On the board, `n`
 * is pressed (a keydown on the page, as the keyboard sends it); the time runs until the first
 * frame that shows the ticket's subject and its thread. Then the browser goes back to the board
 * and the next press takes the next ticket of the queue; after a few of those, `n` is pressed
 * on each ticket page it lands on (finish a ticket, take the next), which is the usual flow.
 * The member's own open tickets are opened, unassigned ones claimed — both count, as both are
 * what `n` does. Leaving the board costs more than leaving a ticket: SvelteKit tears down its
 * hundreds of cards in the same task that shows the ticket, which is the board's cost, not
 * the queue's (taking a ticket starts the navigation within about 10 ms of the key press).
 */
import { chromium, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { DEMO_MEMBERS } from '../server/demo/workspace.ts';
import { DEMO_WORKSPACE_ID } from '../server/auth.ts';
import { indexDocName } from '../src/lib/domain/doc-names.ts';
import { newId, newProvisionalRef } from '../src/lib/domain/ids.ts';
import { TICKET_PRIORITIES, type TicketSummary } from '../src/lib/domain/schema.ts';
import { MEMBER, batch } from './board-open.ts';
import { pageSettled } from './page-ready.ts';
import { startBatonServer, type Child } from './processes.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.ts';

export interface NextTicketResult {
  tickets: number;
  /** Key press on the board to the ticket on screen, one per press. */
  fromBoardMs: number[];
  /** A click on the first card of the board's open column to that ticket on screen. */
  cardClickMs: number[];
  /** Key press on a ticket page (the one "next" gave before) to the next ticket on screen. */
  fromTicketMs: number[];
  /** How many of the presses claimed an unassigned ticket (the rest opened the member's own). */
  claimed: number;
}

/** Adds `count` open summaries assigned to members other than `MEMBER`. */
async function fillOthers(server: Child, count: number): Promise<void> {
  const name = indexDocName(DEMO_WORKSPACE_ID);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await batch(server, [{ name, stateVector: new Uint8Array([0]) }]));
  const tickets = doc.getMap<TicketSummary>('tickets');
  const others = DEMO_MEMBERS.filter((m) => m.id !== MEMBER.id);
  const now = Date.now();
  for (let start = 0; start < count; start += 2_500) {
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      for (let i = start; i < Math.min(count, start + 2_500); i++) {
        const id = newId();
        tickets.set(id, {
          id,
          number: null,
          ref: newProvisionalRef(),
          subject: `Load ticket ${i}: the export stops halfway on large accounts`,
          status: i % 2 === 0 ? 'open' : 'new',
          priority: TICKET_PRIORITIES[i % TICKET_PRIORITIES.length]!,
          assigneeId: others[i % others.length]!.id,
          requesterId: null,
          channel: 'email',
          tags: ['bug'],
          createdAt: now - i * 60_000,
          updatedAt: now - i * 30_000,
          firstResponseAt: null,
          solvedAt: null,
          entryCount: 1,
          hasHandover: false,
          ...(i % 5 === 0 ? { nextDueAt: now + i * 1000, dueWarnAt: now + i * 500 } : {})
        });
      }
    });
    await batch(server, [
      { name, stateVector: Y.encodeStateVector(doc), update: Y.encodeStateAsUpdate(doc, before) }
    ]);
  }
}

/** Until the triage list says every one of its rows is kept on this device. */
async function waitUntilKept(page: Page): Promise<void> {
  await page.goto(page.url().replace(/\/board$/, '/triage'));
  await page.waitForFunction(
    () => {
      const summary = document.querySelector('[data-testid="offline-summary"]');
      const kept = summary?.getAttribute('data-kept');
      return (
        kept !== null &&
        kept !== undefined &&
        kept !== '0' &&
        kept === summary?.getAttribute('data-total')
      );
    },
    null,
    { timeout: 120_000 }
  );
}

async function boardReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="ticket-card"]');
  // The keyboard flow is loaded after the first paint.
  await page.waitForSelector('[data-testid="shortcuts-dialog"]', { state: 'attached' });
  await page.mouse.move(20, 20);
  // A person presses `n` on a board they are looking at, not while it is still decoding its
  // 10,000-ticket index after a reload (the board's cold start, measured by its own row) or
  // re-reading it after the last ticket taken.
  await pageSettled(page);
}

/** Presses `n`; milliseconds until a frame shows the next ticket's subject and thread. */
async function pressNext(page: Page): Promise<{ ms: number; path: string }> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate(async () => {
    // From a ticket page, the ticket on screen until the next one shows is the previous one.
    const from = location.pathname;
    const start = performance.now();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }));
    for (;;) {
      await new Promise((frame) => requestAnimationFrame(frame));
      const subject = document.querySelector('[data-testid="ticket-subject"]');
      if (
        location.pathname !== from &&
        location.pathname.includes('/t/') &&
        subject?.textContent?.trim() &&
        document.querySelector('[data-testid="thread-entry"]')
      ) {
        // Checked before this frame paints; the next task runs after it.
        await new Promise((next) => setTimeout(next, 0));
        return { ms: performance.now() - start, path: location.pathname };
      }
      if (performance.now() - start > 15_000) throw new Error('no ticket opened after n');
    }
  });
}

/** Clicks the first card of the open column; milliseconds until its ticket is on screen. */
async function clickFirstCard(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const card = document.querySelector<HTMLElement>(
      '[data-testid="column-open"] [data-testid="ticket-card"]'
    );
    if (!card) throw new Error('no card in the open column');
    const start = performance.now();
    card.click();
    for (;;) {
      await new Promise((frame) => requestAnimationFrame(frame));
      const subject = document.querySelector('[data-testid="ticket-subject"]');
      if (
        location.pathname.includes('/t/') &&
        subject?.textContent?.trim() &&
        document.querySelector('[data-testid="thread-entry"]')
      ) {
        await new Promise((next) => setTimeout(next, 0));
        return performance.now() - start;
      }
      if (performance.now() - start > 15_000) throw new Error('the card did not open');
    }
  });
}

export async function nextTicketBench(presses = 5, extra = 10_000): Promise<NextTicketResult> {
  const server = await startBatonServer({ withApp: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const result: NextTicketResult = {
    tickets: 0,
    fromBoardMs: [],
    cardClickMs: [],
    fromTicketMs: [],
    claimed: 0
  };
  try {
    await fillOthers(server, extra);
    const index = new Y.Doc();
    Y.applyUpdate(
      index,
      await batch(server, [
        { name: indexDocName(DEMO_WORKSPACE_ID), stateVector: new Uint8Array([0]) }
      ])
    );
    const assignees = new Map(
      [...index.getMap<TicketSummary>('tickets').values()].map((t) => [t.id, t.assigneeId])
    );
    result.tickets = assignees.size;

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const signIn = await context.request.post(`${server.url}/api/dev/sign-in`, {
      data: { memberId: MEMBER.id },
      headers: { origin: server.url }
    });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    const page = await context.newPage();
    await page.goto(`${server.url}/w/${DEMO_WORKSPACE_ID}/board`);
    await page.waitForSelector('[data-testid="ticket-card"]');
    await waitUntilKept(page);
    // Start over from a reloaded board: the kept documents are in IndexedDB only.
    await page.goto(`${server.url}/w/${DEMO_WORKSPACE_ID}/board`);
    await boardReady(page);
    const before = (path: string) => assignees.get(path.split('/').pop() ?? '');
    for (let i = 0; i < presses; i++) {
      const { ms, path } = await pressNext(page);
      result.fromBoardMs.push(ms);
      if (before(path) === null) result.claimed++;
      await page.goBack();
      await boardReady(page);
      // The reference: the same way out of the same board, by a click on a card.
      result.cardClickMs.push(await clickFirstCard(page));
      await page.goBack();
      await boardReady(page);
    }
    // Then from the ticket page each press lands on: finish a ticket, take the next.
    const first = await pressNext(page);
    if (before(first.path) === null) result.claimed++;
    for (let i = 0; i < presses; i++) {
      await pageSettled(page);
      const { ms, path } = await pressNext(page);
      result.fromTicketMs.push(ms);
      if (before(path) === null) result.claimed++;
    }
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
  return result;
}

// `node --import tsx bench/next-ticket.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await nextTicketBench(Number(process.argv[2] ?? 5))));
}
