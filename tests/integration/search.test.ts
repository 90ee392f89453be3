/**
 * Server search (#14.6) on a real Baton (relay, SQLite FTS5, workers), through the real endpoint
 * behind the app's `handle` hook: a word from a message is found in another inflection; a
 * member of one workspace never finds what another workspace holds; garbage queries get a
 * 400 naming the field (FTS5's own syntax in a query is plain text); the rate limit answers 429;
 * tickets stored before the search module existed are indexed by the backfill.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { indexParts, putCustomer } from '../../src/lib/domain/workspace-index.ts';
import { addThreadEntry, createTicket } from '../../src/lib/domain/ticket.ts';
import { ServerSearchAnswer, SEARCH_RATE } from '../../src/lib/contract/search.ts';
import { ApiErrorBody } from '../../src/lib/contract/errors.ts';
import * as searchRoute from '../../src/routes/api/workspaces/[workspace]/search/+server.ts';
import { searchSchema } from '../../server/search/migrations.ts';
import { startSearchIndexer } from '../../server/search/indexer.ts';
import { SqliteSearchStore } from '../../server/search/search-store.ts';
import { openDataDir } from '../../server/storage.ts';
import { migrate } from '../../server/db/migrate.ts';
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
import { DEV_MEMBER_COOKIE } from '../../src/lib/server/services.ts';

let running: RunningBaton;
let dir: { remove(): void; path: string };
let other: Team;
const ours = ticketId('search-ours');
const theirs = ticketId('search-theirs');

function search(workspaceId: string, query: string, cookie: string | undefined) {
  return call(searchRoute.GET, {
    method: 'GET',
    path: `/api/workspaces/${workspaceId}/search${query}`,
    params: { workspace: workspaceId },
    ...(cookie ? { cookie } : {})
  });
}

const aino = `${DEV_MEMBER_COOKIE}=${AINO.id}`;

async function hits(workspaceId: string, q: string, cookie = aino) {
  const response = await search(workspaceId, `?${new URLSearchParams({ q })}`, cookie);
  expect(response.status, await response.clone().text()).toBe(200);
  return ServerSearchAnswer.parse(await response.json()).hits;
}

/** The store asked directly (a polling wait must not spend the member's rate limit). */
const stored = (q: string) =>
  running.baton.search.store.search(WORKSPACE, q, 20) as { id: string }[];

async function refusal(response: Response) {
  return ApiErrorBody.parse(await response.json()).error;
}

function makeTicket(id: string, workspaceId: string, subject: string, message: string) {
  running.baton.docs.change(ticketDocName(id), (doc) => {
    createTicket(doc, { id, workspaceId, subject, channel: 'web' }, AINO, Date.now());
    addThreadEntry(doc, 'note', message, AINO, Date.now());
  });
}

beforeAll(async () => {
  dir = tempDir();
  running = await startBaton(dir.path);
  registerBaton(running.baton);
  other = team(running.baton);
  makeTicket(ours, WORKSPACE, 'Tulostin ei toimi', 'Laskusta puuttuu viitenumero, katso liite.');
  makeTicket(theirs, other.workspaceId, 'Zebrafish order', 'The quokkasecret invoice is late.');
  await until(
    () =>
      running.baton.search.store.has('ticket', ours) === true &&
      running.baton.search.store.has('ticket', theirs) === true,
    'both tickets are indexed'
  );
});

afterAll(async () => {
  await running?.stop();
  dir?.remove();
});

describe('server search', () => {
  it('finds a ticket by a word of its message, in another inflection', async () => {
    expect((await hits(WORKSPACE, 'laskut')).map((h) => h.id)).toContain(ours);
    expect((await hits(WORKSPACE, 'tulostin laskusta')).map((h) => h.id)).toEqual([ours]);
    expect(await hits(WORKSPACE, 'tulostin zebrafish')).toEqual([]);
  });

  it('finds customers of the workspace index, and forgets a removed one', async () => {
    const customer = {
      id: 'cust-search-1',
      name: 'Ingrid Quarrington',
      email: 'ingrid@quolltown.test'
    };
    running.baton.docs.change(indexDocName(WORKSPACE), (doc) => putCustomer(doc, customer));
    await until(() => stored('quarrington').length > 0, 'the customer is indexed');
    expect(await hits(WORKSPACE, 'quolltown')).toEqual([
      expect.objectContaining({ kind: 'customer', id: customer.id, title: customer.name })
    ]);
    running.baton.docs.change(indexDocName(WORKSPACE), (doc) =>
      indexParts(doc).customers.delete(customer.id)
    );
    await until(() => stored('quarrington').length === 0, 'the customer is gone');
    expect(await hits(WORKSPACE, 'quarrington')).toEqual([]);
  });

  it('never returns what another workspace holds', async () => {
    // Aino (demo workspace) searching a word only workspace B has finds nothing.
    expect(await hits(WORKSPACE, 'quokkasecret')).toEqual([]);
    expect(await hits(WORKSPACE, 'zebrafish')).toEqual([]);
    // Asking in B's name is refused to her; B's viewer finds it there.
    expect((await search(other.workspaceId, '?q=quokkasecret', aino)).status).toBe(403);
    const viewer = other.byRole.get('viewer')!;
    expect((await hits(other.workspaceId, 'quokkasecret', viewer.cookie)).map((h) => h.id)).toEqual(
      [theirs]
    );
    // …and B's own members do not find the demo workspace's ticket.
    expect(await hits(other.workspaceId, 'laskut', viewer.cookie)).toEqual([]);
    // The stranger (a member elsewhere) is refused.
    expect((await search(other.workspaceId, '?q=quokkasecret', other.stranger.cookie)).status).toBe(
      403
    );
    expect((await search(other.workspaceId, '?q=quokkasecret', undefined)).status).toBe(401);
  });

  it('refuses garbage queries naming the field, and treats FTS5 syntax as text', async () => {
    const cases: [string, string][] = [
      ['', 'q'],
      ['?q=', 'q'],
      ['?q=%20%20', 'q'],
      [`?q=${'a'.repeat(201)}`, 'q'],
      ['?q=a&q=b', 'q'],
      ['?q=tulostin&limit=1000', 'limit']
    ];
    for (const [query, field] of cases) {
      const response = await search(WORKSPACE, query, aino);
      expect(response.status, query).toBe(400);
      const error = await refusal(response);
      expect(error.reason).toBe('invalid-request');
      expect(error.message.startsWith(`${field}:`), `${query}: ${error.message}`).toBe(true);
    }
    for (const q of [
      '"',
      '*',
      'NEAR(tulostin',
      'ws:*',
      'tulostin OR quokkasecret',
      '{title}: x',
      '\u0000',
      '💥💥'
    ]) {
      const found = await hits(WORKSPACE, q);
      expect(found.map((h) => h.id)).not.toContain(theirs);
    }
  });
});

describe('the rate limit', () => {
  it('answers 429 with a wait once a member searched too often', async () => {
    const member = other.byRole.get('agent')!;
    let status = 200;
    for (let i = 0; i <= SEARCH_RATE.max && status === 200; i++) {
      status = (await search(other.workspaceId, '?q=zebrafish', member.cookie)).status;
    }
    expect(status).toBe(429);
    const response = await search(other.workspaceId, '?q=zebrafish', member.cookie);
    expect((await refusal(response)).retryAfterMs).toBeGreaterThan(0);
  });
});

describe('the backfill', () => {
  it('indexes tickets stored before the search tables existed', async () => {
    // A second store on a fresh file: nothing indexed; the indexer finds the registered tickets.
    const fresh = tempDir();
    const database = openDataDir(fresh.path);
    try {
      await migrate(database, [searchSchema]);
      const store = new SqliteSearchStore(database);
      const indexer = startSearchIndexer(running.baton.docs, store, {
        registeredTickets: () => running.baton.storage.registeredTickets(),
        loadStored: (name) => running.baton.storage.load(name),
        log: () => {}
      });
      await indexer.backfilled;
      indexer.stop();
      expect(store.search(WORKSPACE, 'viitenumero', 20).map((h) => h.id)).toEqual([ours]);
      expect(store.search(other.workspaceId, 'quokkasecret', 20).map((h) => h.id)).toEqual([
        theirs
      ]);
    } finally {
      await database.close();
      fresh.remove();
    }
  });
});
