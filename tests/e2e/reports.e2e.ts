/**
 * The dashboard (#16.4): a lead opens Reports, narrows it to one tag, sees how many first
 * replies breached their SLA this week, and drills from that number to exactly those tickets,
 * then opens one. The trend's table view shows the same week as numbers. A lead drills down
 * from an organisation's row (the requester's organisation) to its tickets, and the shift
 * table counts the same tickets.
 */
import type { Request } from '@playwright/test';
import { expect, test, type Agent } from './fixtures';
import { syncAs } from './sync';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names';
import { indexParts } from '../../src/lib/domain/workspace-index';
import { putSettingsRecord } from '../../src/lib/domain/settings';
import { addThreadEntry, createTicket } from '../../src/lib/domain/ticket';

const WORKSPACE = 'demo-workspace';
const OWNER = { id: 'member-aino', name: 'Aino Virtanen' };
const CUSTOMER = { id: 'customer-e2e-reports', name: 'Bo Customer' };
const TAG = 'e2e-report';

test('a lead drills down from the breached-SLA number to the tickets', async ({ agent, baton }) => {
  test.setTimeout(120_000);
  await syncAs(baton.url, OWNER.id, settingsDocName(WORKSPACE), (doc) => {
    const always = {
      id: 'e2e-always-open',
      name: 'Always open',
      timeZone: 'UTC',
      week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: []
    };
    expect(putSettingsRecord(doc, 'calendars', always)).toBeNull();
    const policy = {
      id: 'e2e-report-policy',
      name: 'Report tickets',
      position: -1,
      conditions: { tags: [TAG] },
      targets: { firstReply: { minutes: 30, time: 'calendar' } },
      calendarId: 'e2e-always-open',
      warnAtPercent: 75,
      pauseStatuses: []
    };
    expect(putSettingsRecord(doc, 'slaPolicies', policy)).toBeNull();
  });
  // Made 40 minutes ago: the two unanswered ones are past their 30-minute first reply.
  const made = Date.now() - 40 * 60_000;
  const tickets: [string, string, boolean][] = [
    ['e2e-report-breached-1', 'Card payments fail at checkout', false],
    ['e2e-report-breached-2', 'Refund never arrived', false],
    ['e2e-report-answered-1', 'How do I change my plan?', true]
  ];
  for (const [id, subject, answered] of tickets) {
    await syncAs(baton.url, OWNER.id, ticketDocName(id), (doc) => {
      createTicket(
        doc,
        {
          id,
          workspaceId: WORKSPACE,
          subject,
          channel: 'email',
          requesterId: CUSTOMER.id,
          tags: [TAG],
          // A call the owner took down: a member signs what they write (authorship).
          firstMessage: { kind: 'inbound', body: 'Please help.', author: OWNER }
        },
        OWNER,
        made
      );
      if (answered) addThreadEntry(doc, 'reply', 'Here is how.', OWNER, made + 60_000);
    });
  }

  const aino = await agent('Aino Virtanen');
  const page = aino.page;
  await page.getByTestId('nav-reports').click();
  await expect(page.getByTestId('reports-page')).toBeVisible();
  await page.getByTestId('report-tag').fill(TAG);

  const breached = page.locator('[data-testid="report-card"][data-number="slaBreached"]');
  await expect(breached.getByTestId('report-value')).toHaveText('2', { timeout: 30_000 });
  await expect(
    page.locator('[data-testid="report-card"][data-number="created"]').getByTestId('report-value')
  ).toHaveText('3');
  // The number says what it opens, for a screen reader too.
  await expect(breached).toHaveAccessibleName(/^SLA breached: 2\. Show the tickets$/);

  await breached.click();
  const drill = page.getByTestId('report-drill');
  await expect(drill.getByRole('heading')).toHaveText('SLA breached: 2 tickets');
  await expect(drill.getByRole('heading')).toBeFocused();
  const rows = drill.getByTestId('report-drill-row');
  await expect(rows).toHaveCount(2);
  await expect(drill).toContainText('Card payments fail at checkout');
  await expect(drill).toContainText('Refund never arrived');
  await expect(drill).not.toContainText('How do I change my plan?');

  // The trend as a table: this week's rows hold the three tickets.
  await page
    .getByRole('region', { name: 'Created, solved and SLA breaches' })
    .getByRole('button', { name: 'Show as a table' })
    .click();
  const trend = page.getByRole('region', { name: 'Created, solved and SLA breaches' });
  await expect(trend.getByRole('table')).toBeVisible();
  await expect(trend.getByRole('columnheader', { name: 'SLA breached' })).toBeVisible();

  // And from the list to the ticket itself.
  await drill.getByRole('link', { name: 'Refund never arrived' }).click();
  await expect(page).toHaveURL(/\/t\/e2e-report-breached-2$/);
  await expect(page.getByTestId('ticket-subject')).toHaveText('Refund never arrived');
});

test('a lead drills down from an organisation’s row to its tickets', async ({ agent, baton }) => {
  test.setTimeout(120_000);
  const tag = 'e2e-report-org';
  const customer = { id: 'customer-e2e-nordlys', name: 'Siiri Nordlys' };
  // The customer writes for Nordlys Oy (the index's customers), before the tickets come in.
  await syncAs(baton.url, OWNER.id, indexDocName(WORKSPACE), (doc) => {
    indexParts(doc).customers.set(customer.id, {
      id: customer.id,
      name: customer.name,
      email: 'siiri@nordlys.example',
      organisation: 'Nordlys Oy'
    });
  });
  const made = Date.now() - 30 * 60_000;
  const tickets: [string, string, string][] = [
    ['e2e-report-org-1', 'Invoice shows the wrong VAT', customer.id],
    ['e2e-report-org-2', 'Add a second admin', customer.id],
    ['e2e-report-org-3', 'Password reset mail missing', CUSTOMER.id]
  ];
  for (const [id, subject, requesterId] of tickets) {
    await syncAs(baton.url, OWNER.id, ticketDocName(id), (doc) => {
      createTicket(
        doc,
        {
          id,
          workspaceId: WORKSPACE,
          subject,
          channel: 'email',
          requesterId,
          tags: [tag],
          firstMessage: { kind: 'inbound', body: 'Hello.', author: OWNER }
        },
        OWNER,
        made
      );
    });
  }

  const page = (await agent('Aino Virtanen')).page;
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('report-tag').fill(tag);
  await expect(
    page.locator('[data-testid="report-card"][data-number="created"]').getByTestId('report-value')
  ).toHaveText('3', { timeout: 30_000 });

  // The organisation breakdown as a table: Nordlys Oy's two, and one with no organisation.
  const byOrganisation = page.getByRole('region', { name: 'By organisation' });
  await byOrganisation.getByRole('button', { name: 'Show as a table' }).click();
  const nordlys = byOrganisation.getByRole('row', { name: /Nordlys Oy/ });
  await expect(nordlys.getByRole('cell').first()).toHaveText('2');
  await expect(byOrganisation.getByRole('row', { name: /No organisation/ })).toBeVisible();

  await nordlys.getByRole('button', { name: 'Nordlys Oy · Created: 2. Show the tickets' }).click();
  const drill = page.getByTestId('report-drill');
  await expect(drill.getByRole('heading')).toHaveText('By organisation · Nordlys Oy: 2 tickets');
  await expect(drill.getByRole('heading')).toBeFocused();
  await expect(drill.getByTestId('report-drill-row')).toHaveCount(2);
  await expect(drill).toContainText('Invoice shows the wrong VAT');
  await expect(drill).toContainText('Add a second admin');
  await expect(drill).not.toContainText('Password reset mail missing');

  // The customer breakdown names the customer; the shift table counts the three.
  const byCustomer = page.getByRole('region', { name: 'By customer' });
  await byCustomer.getByRole('button', { name: 'Show as a table' }).click();
  await expect(byCustomer.getByRole('row', { name: /Siiri Nordlys/ })).toBeVisible();
  const byShift = page.getByRole('region', { name: 'By shift' });
  await byShift.getByRole('button', { name: 'Show as a table' }).click();
  const created = await byShift
    .getByTestId('shift-table')
    .locator('tbody tr td:first-of-type')
    .allTextContents();
  expect(created.map(Number).reduce((a, b) => a + b, 0)).toBe(3);
});

test('the board and the triage list do not load the charting library; the dashboard does', async ({
  agent
}) => {
  test.setTimeout(90_000);
  // A class name that only the charting library's code writes (layerchart's debug frame).
  const CHARTS = 'lc-debug-frame';
  /** Whether any script the page requests while `load` runs holds the charting library. */
  async function loadsCharts(agentPage: Agent['page'], load: () => Promise<void>) {
    const scripts = new Set<string>();
    const onRequest = (request: Request) => {
      if (request.resourceType() === 'script') scripts.add(request.url());
    };
    agentPage.on('request', onRequest);
    await load();
    agentPage.off('request', onRequest);
    expect(scripts.size).toBeGreaterThan(0);
    for (const url of scripts) {
      const body = await (await agentPage.context().request.get(url)).text();
      if (body.includes(CHARTS)) return true;
    }
    return false;
  }

  const desk = await agent('Aino Virtanen');
  expect(
    await loadsCharts(desk.page, async () => {
      await desk.page.reload();
      await desk.board.waitUntilLoaded();
    })
  ).toBe(false);
  expect(
    await loadsCharts(desk.page, async () => {
      await desk.page.goto(`/w/${WORKSPACE}/reports`);
      await expect(desk.page.getByTestId('report-value').first()).toBeVisible();
    })
  ).toBe(true);

  const phone = await agent('Aino Virtanen', { phone: true });
  expect(
    await loadsCharts(phone.page, async () => {
      await phone.page.reload();
      await phone.triage.waitUntilLoaded();
    })
  ).toBe(false);
});
