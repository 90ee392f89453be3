/**
 * The report endpoints through the app's `handle` hook on a real Baton (#16.4, #16.5): the
 * numbers of a small known week, the drill-down from the breached-SLA number to exactly those
 * tickets, the personal report (one's own tickets only; asking for someone else's refused),
 * garbage queries refused naming the field, and CSV exports that cannot run formulas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_MEMBER_COOKIE } from '../../src/lib/server/services.ts';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import { putSettingsRecord } from '../../src/lib/domain/settings.ts';
import { addThreadEntry, createTicket } from '../../src/lib/domain/ticket.ts';
import type { Actor } from '../../src/lib/domain/schema.ts';
import { ReportTickets, ReportView } from '../../src/lib/contract/reports.ts';
import * as reportsRoute from '../../src/routes/api/workspaces/[workspace]/reports/+server.ts';
import * as ticketsRoute from '../../src/routes/api/workspaces/[workspace]/reports/tickets/+server.ts';
import { strFromU8, unzipSync } from 'fflate';
import * as csvRoute from '../../src/routes/api/workspaces/[workspace]/reports/csv/+server.ts';
import { call, registerBaton } from './routes.ts';
import { AINO, MADS, WORKSPACE, startBaton, tempDir, until, type RunningBaton } from './helpers.ts';

const MAYA: Actor = { id: 'member-maya', name: 'Maya Thompson' };
const LIAM = 'member-liam';
const RAFAELA = 'member-rafaela';
const CUSTOMER: Actor = { id: 'customer-report-1', name: 'Bo Customer' };
const HOUR = 3_600_000;

let running: RunningBaton;
let dir: { remove(): void; path: string };
const today = new Date().toISOString().slice(0, 10);
const weekAgo = new Date(Date.now() - 6 * 24 * HOUR).toISOString().slice(0, 10);
const WEEK = `from=${weekAgo}&to=${today}&tz=UTC`;

type Route = Parameters<typeof call>[0];
function get(route: Route, sub: string, query: string, memberId: string | null) {
  return call(route, {
    method: 'GET',
    path: `/api/workspaces/${WORKSPACE}/reports${sub}?${query}`,
    params: { workspace: WORKSPACE },
    ...(memberId ? { cookie: `${DEV_MEMBER_COOKIE}=${memberId}` } : {})
  });
}

async function report(query: string, memberId = AINO.id): Promise<ReportView> {
  const response = await get(reportsRoute.GET, '', query, memberId);
  expect(response.status, await response.clone().text()).toBe(200);
  return ReportView.parse(await response.json());
}

async function tickets(query: string, memberId = AINO.id): Promise<ReportTickets> {
  const response = await get(ticketsRoute.GET, '/tickets', query, memberId);
  expect(response.status, await response.clone().text()).toBe(200);
  return ReportTickets.parse(await response.json());
}

function made(
  id: string,
  subject: string,
  assignee: Actor,
  hoursAgo: number,
  replyAfterMin?: number
) {
  const createdAt = Date.now() - hoursAgo * HOUR;
  running.baton.storage.registerDocument(ticketDocName(id), WORKSPACE, createdAt);
  running.baton.docs.change(ticketDocName(id), (doc) => {
    createTicket(
      doc,
      {
        id,
        workspaceId: WORKSPACE,
        subject,
        channel: 'email',
        requesterId: CUSTOMER.id,
        assigneeId: assignee.id,
        tags: ['report-test'],
        firstMessage: { kind: 'inbound', body: 'Help', author: CUSTOMER }
      },
      CUSTOMER,
      createdAt
    );
    if (replyAfterMin !== undefined)
      addThreadEntry(doc, 'reply', 'On it.', assignee, createdAt + replyAfterMin * 60_000);
  });
}

beforeAll(async () => {
  dir = tempDir();
  running = await startBaton(dir.path);
  registerBaton(running.baton);
  running.baton.docs.change(settingsDocName(WORKSPACE), (doc) => {
    putSettingsRecord(doc, 'calendars', {
      id: 'round-the-clock',
      name: 'Round the clock',
      timeZone: 'UTC',
      week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: []
    });
    putSettingsRecord(doc, 'slaPolicies', {
      id: 'report-tests',
      name: 'Report tests',
      position: 0,
      conditions: { tags: ['report-test'] },
      targets: { firstReply: { minutes: 60, time: 'calendar' } },
      calendarId: 'round-the-clock',
      warnAtPercent: 75,
      pauseStatuses: []
    });
  });
  // The customer writes for an organisation (the index's customers), read at projection.
  running.baton.docs.change(indexDocName(WORKSPACE), (doc) => {
    indexParts(doc).customers.set(CUSTOMER.id, {
      id: CUSTOMER.id,
      name: CUSTOMER.name,
      email: 'bo@example.test',
      organisation: 'Bo & Co'
    });
  });
  made('report-breached-1', 'Printer on fire', MAYA, 5);
  made('report-breached-2', '=HYPERLINK("http://evil.test","click")', MADS, 4);
  made('report-achieved-1', 'VPN down', MAYA, 3, 10);
  await until(
    () =>
      ['report-breached-1', 'report-breached-2', 'report-achieved-1'].every(
        (id) => running.baton.reports.store.projectedAt(id) !== null
      ),
    'the three tickets are in the reporting store'
  );
});

afterAll(async () => {
  await running.stop();
  dir.remove();
});

describe('reports API', () => {
  it('counts the week and drills down from breached SLA to exactly those tickets', async () => {
    const view = await report(`${WEEK}&tag=report-test`);
    expect(view.current.created).toBe(3);
    expect(view.current.slaBreached).toBe(2);
    expect(view.current.slaAchieved).toBe(1);
    expect(view.before.created).toBe(0);
    expect(view.breakdowns.agent.find((r) => r.key === MAYA.id)).toMatchObject({
      label: 'Maya Thompson',
      created: 2
    });
    const behind = await tickets(`${WEEK}&tag=report-test&number=slaBreached`);
    expect(behind.tickets.map((t) => t.ticketId).sort()).toEqual([
      'report-breached-1',
      'report-breached-2'
    ]);
    // One breakdown cell: Maya's created tickets.
    const hers = await tickets(
      `${WEEK}&tag=report-test&number=created&dimension=agent&key=${MAYA.id}`
    );
    expect(hers.tickets.map((t) => t.ticketId).sort()).toEqual([
      'report-achieved-1',
      'report-breached-1'
    ]);
  });

  it('breaks the week down by organisation, customer and shift, and drills into an organisation', async () => {
    const view = await report(`${WEEK}&tag=report-test`);
    expect(view.breakdowns.organisation).toMatchObject([
      { key: 'Bo & Co', label: 'Bo & Co', created: 3 }
    ]);
    expect(view.breakdowns.customer).toMatchObject([
      { key: CUSTOMER.id, label: 'Bo Customer', created: 3 }
    ]);
    expect(view.shifts.map((s) => s.shift)).toEqual(['night', 'day', 'evening']);
    expect(view.shifts.reduce((n, s) => n + s.created, 0)).toBe(3);
    expect(view.shifts.reduce((n, s) => n + s.firstReplies, 0)).toBe(1);
    const theirs = await tickets(
      `${WEEK}&tag=report-test&number=created&dimension=organisation&key=${encodeURIComponent('Bo & Co')}`
    );
    expect(theirs.tickets).toHaveLength(3);
    const none = await tickets(`${WEEK}&tag=report-test&number=created&dimension=organisation`);
    expect(none.tickets).toHaveLength(0);
  });

  it('a personal report holds one’s own tickets; someone else’s is refused', async () => {
    const mine = await report(`${WEEK}&tag=report-test&scope=personal`, MAYA.id);
    expect(mine.scope).toBe('personal');
    expect(mine.current.created).toBe(2);
    const refused = await get(
      reportsRoute.GET,
      '',
      `${WEEK}&scope=personal&agent=${MADS.id}`,
      MAYA.id
    );
    expect(refused.status).toBe(403);
    expect((await get(reportsRoute.GET, '', `${WEEK}&scope=team`, MAYA.id)).status).toBe(403);
    expect((await get(reportsRoute.GET, '', `${WEEK}&scope=personal`, LIAM)).status).toBe(200);
    expect((await get(reportsRoute.GET, '', `${WEEK}&scope=personal`, RAFAELA)).status).toBe(403);
    expect((await get(reportsRoute.GET, '', WEEK, null)).status).toBe(401);
  });

  it('garbage queries are refused naming the field', async () => {
    const cases: [string, string][] = [
      ['to=2026-01-01&tz=UTC', 'from'],
      [`from=yesterday&to=${today}&tz=UTC`, 'from'],
      [`from=2026-02-30&to=2026-03-01&tz=UTC`, 'from'],
      [`${WEEK.replace('tz=UTC', 'tz=Mars/Olympus')}`, 'tz'],
      [`from=${today}&to=${weekAgo}&tz=UTC`, 'to'],
      [`from=2020-01-01&to=2026-01-01&tz=UTC`, 'to'],
      [`${WEEK}&unit=year`, 'unit'],
      [`${WEEK}&channel=pigeon`, 'channel'],
      [`${WEEK}&priority=whenever`, 'priority'],
      [`${WEEK}&scope=everyone`, 'scope'],
      [`${WEEK}&tag=${'x'.repeat(200)}`, 'tag'],
      [`${WEEK}&sql=1;DROP TABLE report_tickets`, 'sql'],
      [`${WEEK}&tz=UTC`, 'tz']
    ];
    for (const [query, field] of cases) {
      const response = await get(reportsRoute.GET, '', query, AINO.id);
      const body = (await response.json()) as { error: { reason: string; message: string } };
      expect(response.status, query).toBe(400);
      expect(body.error.reason).toBe('invalid-request');
      expect(body.error.message, query).toContain(field);
    }
    for (const [query, field] of [
      [`${WEEK}&number=created&dimension=continent&key=x`, 'dimension'],
      [`${WEEK}&number=created&dimension=organisation&key=${'x'.repeat(121)}`, 'key'],
      [`${WEEK}&number=handovers`, 'number']
    ] as const) {
      const response = await get(ticketsRoute.GET, '/tickets', query, AINO.id);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
        field
      );
    }
    const noNumber = await get(ticketsRoute.GET, '/tickets', WEEK, AINO.id);
    expect(noNumber.status).toBe(400);
    expect(((await noNumber.json()) as { error: { message: string } }).error.message).toContain(
      'number'
    );
    // Nothing was lost: the store still answers as before.
    expect((await report(`${WEEK}&tag=report-test`)).current.created).toBe(3);
  });

  it('exports the report and its tickets as CSV that cannot run formulas', async () => {
    const response = await get(
      csvRoute.GET,
      '/csv',
      `${WEEK}&tag=report-test&what=tickets&number=slaBreached`,
      AINO.id
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = await response.text();
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      '"number","subject","status","priority","channel","assignee","created","solved"'
    );
    expect(lines).toHaveLength(3);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(text).not.toMatch(/(^|,)"=/m);

    const whole = await get(csvRoute.GET, '/csv', `${WEEK}&tag=report-test&what=report`, AINO.id);
    const csv = await whole.text();
    expect(csv).toContain('"card","slaBreached","SLA breached","2","0"');
    expect(csv).toContain('"agent-created","member-maya","Maya Thompson","2",""');

    // The same rows as an .xlsx workbook: the tickets' hostile subject is text, not a formula.
    const xlsx = await get(
      csvRoute.GET,
      '/csv',
      `${WEEK}&tag=report-test&what=tickets&number=slaBreached&format=xlsx`,
      AINO.id
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    );
    expect(xlsx.headers.get('content-disposition')).toMatch(/\.xlsx"$/);
    const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const strings = strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array());
    const all = `${sheet}${strings}`;
    expect(all).toContain('subject');
    expect(strings).toContain('<t>=HYPERLINK("http://evil.test","click")</t>');
    expect(sheet).not.toContain('<f>');
    const book = await get(
      csvRoute.GET,
      '/csv',
      `${WEEK}&tag=report-test&what=report&format=xlsx`,
      AINO.id
    );
    const bookFiles = unzipSync(new Uint8Array(await book.arrayBuffer()));
    expect(
      strFromU8(bookFiles['xl/sharedStrings.xml'] ?? bookFiles['xl/worksheets/sheet1.xml']!)
    ).toContain('SLA breached');
    // A format the endpoint does not make is refused, naming the field.
    const odd = await get(csvRoute.GET, '/csv', `${WEEK}&what=report&format=ods`, AINO.id);
    expect(odd.status).toBe(400);
    expect(await odd.text()).toContain('format');
  });
});
