/**
 * The archive's endpoint (`GET /api/workspaces/<ws>/archive`) on a real Baton through the app's
 * `handle` hook: a customer's archived history, paged without gaps or repeats; a ticket number
 * or words of the subject (`%` and `_` are plain text); never another workspace's rows;
 * garbage queries refused naming the field; the rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { assignNumber, createTicket, setStatus } from '../../src/lib/domain/ticket.ts';
import { ARCHIVE_RATE, ArchiveAnswer } from '../../src/lib/contract/archive.ts';
import { ApiErrorBody } from '../../src/lib/contract/errors.ts';
import * as archiveRoute from '../../src/routes/api/workspaces/[workspace]/archive/+server.ts';
import { DEV_MEMBER_COOKIE } from '../../src/lib/server/services.ts';
import { SYSTEM_ACTOR } from '../../src/lib/domain/schema.ts';
import { call, registerBaton } from './routes.ts';
import { team, type Team } from './auth-helpers.ts';
import {
  AINO,
  WORKSPACE,
  startBaton,
  tempDir,
  ticketId,
  until,
  type RunningBaton
} from './helpers.ts';

const DAY = 24 * 3_600_000;
const CUSTOMER = 'customer-archive-1';
let running: RunningBaton;
let dir: { remove(): void; path: string };
let other: Team;
const mine: string[] = [];
let theirs = '';

function list(workspaceId: string, query: string, cookie: string | undefined) {
  return call(archiveRoute.GET, {
    method: 'GET',
    path: `/api/workspaces/${workspaceId}/archive${query}`,
    params: { workspace: workspaceId },
    ...(cookie ? { cookie } : {})
  });
}
const aino = `${DEV_MEMBER_COOKIE}=${AINO.id}`;

async function page(workspaceId: string, query: string, cookie = aino) {
  const response = await list(workspaceId, query, cookie);
  expect(response.status, await response.clone().text()).toBe(200);
  return ArchiveAnswer.parse(await response.json());
}

/** A ticket closed `daysAgo` days ago, written by the server as the mail channel would. */
function closedTicket(
  workspaceId: string,
  subject: string,
  daysAgo: number,
  requesterId: string | null,
  number: number | null
): string {
  const id = ticketId('archive-api');
  running.baton.docs.change(ticketDocName(id), (doc) => {
    const at = Date.now() - daysAgo * DAY;
    createTicket(doc, { id, workspaceId, subject, channel: 'email', requesterId }, AINO, at);
    if (number !== null) assignNumber(doc, number, SYSTEM_ACTOR, at);
    setStatus(doc, 'closed', AINO, at);
  });
  return id;
}

beforeAll(async () => {
  dir = tempDir();
  running = await startBaton(dir.path);
  registerBaton(running.baton);
  other = team(running.baton);
  for (let i = 0; i < 7; i++) {
    mine.push(closedTicket(WORKSPACE, `Old invoice ${i} 100%_done`, 100 + i, CUSTOMER, 9000 + i));
  }
  closedTicket(WORKSPACE, 'Someone else’s invoice', 120, 'customer-archive-2', 9100);
  theirs = closedTicket(other.workspaceId, 'Old invoice elsewhere', 130, CUSTOMER, 9001);
  // The projection writes the summaries on the next turn; then the worker moves them.
  await until(() => {
    running.baton.archive.worker.sweep(WORKSPACE);
    running.baton.archive.worker.sweep(other.workspaceId);
    return [...mine, theirs].every((id) => running.baton.archive.store.has(id));
  }, 'the tickets are archived');
});

afterAll(async () => {
  await running?.stop();
  dir?.remove();
});

describe('the archive endpoint', () => {
  it('pages through a customer’s archived tickets, newest done first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: string = `?customer=${CUSTOMER}&limit=3${after ? `&after=${after}` : ''}`;
      const answer = await page(WORKSPACE, query);
      expect(answer.tickets.length).toBeLessThanOrEqual(3);
      seen.push(...answer.tickets.map((t) => t.id));
      after = answer.next;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(mine); // made 100, 101, … days ago: the newest done first
    const first = (await page(WORKSPACE, `?customer=${CUSTOMER}&limit=1`)).tickets[0];
    expect(first).toMatchObject({
      id: mine[0],
      number: 9000,
      subject: 'Old invoice 0 100%_done',
      status: 'closed',
      requesterId: CUSTOMER
    });
  });

  it('finds by number or by words of the subject, wildcards taken literally', async () => {
    expect((await page(WORKSPACE, '?q=%239003')).tickets.map((t) => t.id)).toEqual([mine[3]]);
    expect((await page(WORKSPACE, '?q=9003')).tickets.map((t) => t.id)).toEqual([mine[3]]);
    expect((await page(WORKSPACE, '?q=invoice%204')).tickets.map((t) => t.id)).toEqual([mine[4]]);
    expect((await page(WORKSPACE, '?q=else')).tickets).toHaveLength(1);
    expect((await page(WORKSPACE, `?q=${encodeURIComponent('100%_')}`)).tickets).toHaveLength(7);
    expect((await page(WORKSPACE, `?q=${encodeURIComponent('1%0')}`)).tickets).toHaveLength(0);
    expect((await page(WORKSPACE, `?q=${encodeURIComponent('_')}`)).tickets).toHaveLength(7);
  });

  it('never answers with another workspace’s rows', async () => {
    const ids = (await page(WORKSPACE, `?customer=${CUSTOMER}&limit=100`)).tickets.map((t) => t.id);
    expect(ids).not.toContain(theirs);
    expect((await page(WORKSPACE, '?q=elsewhere')).tickets).toEqual([]);
    expect((await list(other.workspaceId, '', aino)).status).toBe(403);
    expect((await list(other.workspaceId, '', other.stranger.cookie)).status).toBe(403);
    expect((await list(other.workspaceId, '', undefined)).status).toBe(401);
    const viewer = other.byRole.get('viewer')!;
    expect(
      (await page(other.workspaceId, '?q=invoice', viewer.cookie)).tickets.map((t) => t.id)
    ).toEqual([theirs]);
  });

  it('refuses garbage queries naming the field', async () => {
    const cases: [string, string][] = [
      ['?customer=NOT%20AN%20ID', 'customer'],
      ['?customer=a', 'customer'],
      [`?q=${'a'.repeat(201)}`, 'q'],
      ['?after=yesterday', 'after'],
      ['?after=12.', 'after'],
      [`?after=1.${'a'.repeat(65)}`, 'after'],
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?limit=2.5', 'limit'],
      ['?limit=many', 'limit'],
      ['?q=a&q=b', 'q'],
      ['?page=2', 'page'],
      ['?customer=%00%00%00%00%00%00%00%00', 'customer']
    ];
    for (const [query, field] of cases) {
      const response = await list(WORKSPACE, query, aino);
      expect(response.status, query).toBe(400);
      const error = ApiErrorBody.parse(await response.json()).error;
      expect(error.reason).toBe('invalid-request');
      expect(error.message.startsWith(`${field}:`), `${query}: ${error.message}`).toBe(true);
    }
    // Nothing was lost or changed by them.
    expect(running.baton.archive.store.count(WORKSPACE)).toBeGreaterThanOrEqual(8);
  });

  it('answers 429 with a wait once a member asked too often', async () => {
    const member = other.byRole.get('agent')!;
    let status = 200;
    for (let i = 0; i <= ARCHIVE_RATE.max && status === 200; i++) {
      status = (await list(other.workspaceId, '', member.cookie)).status;
    }
    expect(status).toBe(429);
    const response = await list(other.workspaceId, '', member.cookie);
    expect(ApiErrorBody.parse(await response.json()).error.retryAfterMs).toBeGreaterThan(0);
  });
});
