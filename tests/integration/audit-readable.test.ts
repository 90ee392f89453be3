/**
 * The audit log people can read (#16.7), through the real endpoints behind the app's `handle`
 * hook, on a real Baton (relay, SQLite, demo workspace): ticket numbers, subjects and customers
 * resolved by the server, actions in words in en/fi/da, a visit's edits folded into one row,
 * the filters (person, ticket, action, date) on the server, garbage refused with the field
 * named, the readable CSV, and who may read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { DEV_MEMBER_COOKIE } from '../../src/lib/server/services.ts';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { readIndex } from '../../src/lib/domain/workspace-index.ts';
import { addThreadEntry, setPriority } from '../../src/lib/domain/ticket.ts';
import type { TicketSummary } from '../../src/lib/domain/schema.ts';
import { AuditPage, type AuditEvent } from '../../src/lib/contract/api.ts';
import { auditSentence } from '../../src/lib/i18n/messages/audit.ts';
import { databasePath } from '../../server/storage.ts';
import * as auditRoute from '../../src/routes/api/workspaces/[workspace]/audit/+server.ts';
import * as auditCsvRoute from '../../src/routes/api/workspaces/[workspace]/audit/csv/+server.ts';
import { call, registerBaton } from './routes.ts';
import {
  AINO,
  WORKSPACE,
  connect,
  startBaton,
  synced,
  tempDir,
  until,
  type RunningBaton
} from './helpers.ts';

const MAYA = { id: 'member-maya', name: 'Maya Thompson' };
const as = (memberId: string) => `${DEV_MEMBER_COOKIE}=${memberId}`;

let running: RunningBaton;
let dir: { remove(): void; path: string };
let ticket: TicketSummary;
let other: TicketSummary;

function auditGet(query: string, memberId: string | null = AINO.id, csv = false) {
  const route = csv ? auditCsvRoute.GET : auditRoute.GET;
  return call(route, {
    method: 'GET',
    path: `/api/workspaces/${WORKSPACE}/audit${csv ? '/csv' : ''}${query}`,
    params: { workspace: WORKSPACE },
    ...(memberId ? { cookie: as(memberId) } : {})
  });
}

async function events(query: string): Promise<AuditEvent[]> {
  const response = await auditGet(query);
  expect(response.status, await response.clone().text()).toBe(200);
  return AuditPage.parse(await response.json()).events;
}

beforeAll(async () => {
  dir = tempDir();
  running = await startBaton(dir.path);
  registerBaton(running.baton);
  let tickets: TicketSummary[] = [];
  running.baton.docs.change(indexDocName(WORKSPACE), (doc) => {
    tickets = readIndex(doc).tickets.filter((t) => t.number !== null && t.requesterId !== null);
  });
  tickets.sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  const [first, second] = tickets;
  if (!first || !second) throw new Error('the demo workspace has numbered tickets');
  ticket = first;
  other = second;

  // Maya opens the ticket, changes its priority and writes a note: one visit, two changes.
  const doc = new Y.Doc();
  const maya = connect(running.syncUrl, ticketDocName(ticket.id), doc, MAYA.id);
  await synced(maya, 'Maya has the ticket');
  setPriority(doc, ticket.priority === 'urgent' ? 'low' : 'urgent', MAYA, Date.now());
  addThreadEntry(doc, 'note', 'Checked the invoice', MAYA, Date.now());
  await until(
    () =>
      running.baton.audit.list({ workspaceId: WORKSPACE, action: 'document-changed' }).length > 0,
    'the change row is written'
  );
  maya.destroy();
  await until(
    () =>
      running.baton.audit
        .list({ workspaceId: WORKSPACE, action: 'document-changed', actor: MAYA.id })
        .some((e) => e.count === 2),
    'the change row counts both changes once the connection closes'
  );
  // Aino only looks at another ticket.
  const look = connect(running.syncUrl, ticketDocName(other.id), new Y.Doc(), AINO.id);
  await synced(look, 'Aino has the other ticket');
  look.destroy();
  // Aino makes Joy a light agent.
  const changed = running.baton.accounts.setRole(AINO.id, WORKSPACE, 'member-joy', 'light-agent', {
    ip: '203.0.113.9'
  });
  expect(changed.ok).toBe(true);
});

afterAll(async () => {
  await running.stop();
  dir.remove();
});

describe('the audit log in words', () => {
  it('answers "who opened #N" with one query, the visit’s edits folded into its row', async () => {
    const found = await events(`?ticket=%23${ticket.number}&action=document-opened`);
    expect(found).toHaveLength(1);
    const [row] = found;
    expect(row?.actorName).toBe(MAYA.name);
    expect(row?.ticket?.number).toBe(ticket.number);
    expect(row?.ticket?.subject).toBe(ticket.subject);
    expect(row?.ticket?.customer).toBeTruthy();
    expect(row?.changes).toBe(2);
    if (!row) return;
    expect(auditSentence(row, { locale: 'en' })).toBe(
      `Maya Thompson opened #${ticket.number} and made 2 changes`
    );
    expect(auditSentence(row, { locale: 'fi' })).toBe(
      `Maya Thompson avasi tiketin #${ticket.number} ja teki 2 muutosta`
    );
    expect(auditSentence(row, { locale: 'da' })).toBe(
      `Maya Thompson åbnede sag #${ticket.number} og lavede 2 ændringer`
    );
  });

  it('shows one row per visit: the change row is not listed beside its opening', async () => {
    const all = await events(`?ticket=${ticket.number}`);
    expect(all.map((e) => e.action)).toEqual(['document-opened']);
    // Asked for on its own, the change row is there, with its count.
    const changes = await events(`?ticket=${ticket.number}&action=document-changed`);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.changes).toBe(2);
  });

  it('finds tickets by part of the subject, and people by name', async () => {
    const word = other.subject.split(' ').find((w) => w.length > 4) ?? other.subject;
    const bySubject = await events(
      `?ticket=${encodeURIComponent(word.toUpperCase())}&action=document-opened`
    );
    expect(bySubject.map((e) => e.actorName)).toContain(AINO.name);
    expect(bySubject.every((e) => e.ticket !== null)).toBe(true);
    const byPerson = await events(`?actor=Maya&action=document-opened`);
    expect(byPerson.length).toBeGreaterThan(0);
    expect(byPerson.every((e) => e.actorName === MAYA.name)).toBe(true);
    expect(await events(`?ticket=%23999999`)).toEqual([]);
  });

  it('answers "who saw this customer’s data" with one search: the customer’s name', async () => {
    const customers = running.baton.docs.read(
      indexDocName(WORKSPACE),
      (doc) => readIndex(doc).customers
    );
    const asked = customers?.get(other.requesterId!);
    expect(asked).toBeDefined();
    // Part of the name, in another case: every ticket of theirs is the filter.
    const part = asked!.name.split(' ')[0]!.toUpperCase();
    const seen = await events(`?ticket=${encodeURIComponent(part)}&action=document-opened`);
    expect(seen.map((e) => e.actorName)).toContain(AINO.name);
    expect(seen.every((e) => e.ticket?.customer?.toUpperCase().includes(part))).toBe(true);
    // By the address too.
    const byEmail = await events(
      `?ticket=${encodeURIComponent(asked!.email)}&action=document-opened`
    );
    expect(byEmail.map((e) => e.actorName)).toContain(AINO.name);
  });

  it('filters by date on the server', async () => {
    const tomorrow = Date.now() + 24 * 60 * 60 * 1000;
    expect(await events(`?ticket=${ticket.number}&from=${tomorrow}`)).toEqual([]);
    const since = Date.now() - 60 * 60 * 1000;
    expect(await events(`?ticket=${ticket.number}&from=${since}&to=${tomorrow}`)).toHaveLength(1);
  });

  it('names the member a role change was about, in each language', async () => {
    const [row] = await events('?action=role-changed');
    expect(row?.member).toBe('Joy Santos');
    if (!row) return;
    expect(auditSentence(row, { locale: 'en' })).toBe(
      'Aino Virtanen changed the role of Joy Santos to light agent'
    );
    expect(auditSentence(row, { locale: 'fi' })).toBe(
      'Aino Virtanen vaihtoi roolia: Joy Santos on nyt kevytagentti'
    );
    expect(auditSentence(row, { locale: 'da' })).toBe(
      'Aino Virtanen ændrede rollen for Joy Santos til begrænset agent'
    );
  });

  it('exports the readable columns beside the raw ones', async () => {
    const response = await auditGet(`?ticket=%23${ticket.number}`, AINO.id, true);
    expect(response.status).toBe(200);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toContain(
      '"summary","action","actor","actor id","ticket","subject","customer"'
    );
    const row = lines.find((line) => line.includes('"document-opened"'));
    expect(row).toContain(`Maya Thompson opened #${ticket.number} and made 2 changes`);
    expect(row).toContain(`"#${ticket.number}"`);
    expect(row).toContain(JSON.stringify(ticket.subject));
  });
});

describe('bad filters', () => {
  it.each([
    ['?from=yesterday', 'from'],
    ['?to=-5', 'to'],
    ['?action=drop-table', 'action'],
    ['?limit=0', 'limit'],
    ['?limit=100000', 'limit'],
    [`?ticket=${'x'.repeat(201)}`, 'ticket'],
    [`?actor=${'x'.repeat(121)}`, 'actor'],
    ['?before=1e400', 'before'],
    ['?bogus=1', 'bogus']
  ])('%s is refused naming the field', async (query, field) => {
    const response = await auditGet(query);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { reason: string; message: string } };
    expect(body.error.reason).toBe('invalid-request');
    expect(body.error.message).toContain(field);
  });

  it('treats hostile text as text and loses nothing', async () => {
    const before = running.baton.audit.list({ workspaceId: WORKSPACE, limit: 10_000 }).length;
    for (const text of ["'; DROP TABLE audit_events; --", '%', '_', '#', '\\', '<script>']) {
      const q = encodeURIComponent(text);
      for (const key of ['ticket', 'actor', 'target']) {
        const response = await auditGet(`?${key}=${q}`);
        expect(response.status).toBe(200);
        const page = AuditPage.parse(await response.json());
        if (key !== 'actor') expect(page.events).toEqual([]);
      }
    }
    const sqlite = new Database(databasePath(dir.path), { readonly: true });
    try {
      const count = sqlite.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number };
      expect(count.n).toBeGreaterThanOrEqual(before);
    } finally {
      sqlite.close();
    }
  });
});

describe('who may read it', () => {
  it.each([
    ['owner', AINO.id, 200],
    ['admin', 'member-mads', 200],
    ['agent', MAYA.id, 403],
    ['light agent', 'member-liam', 403],
    ['viewer', 'member-rafaela', 403],
    ['nobody signed in', null, 401]
  ] as const)('%s: list and CSV answer %s', async (_who, memberId, status) => {
    expect((await auditGet('', memberId)).status).toBe(status);
    expect((await auditGet('', memberId, true)).status).toBe(status);
  });
});
