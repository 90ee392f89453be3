/**
 * Accounts end to end: a new user signs up, creates a workspace and a ticket, invites a
 * colleague by link, who joins from a second browser; the owner makes them a viewer; the
 * viewer reads everything and changes nothing — in the UI and at the server, with the stock
 * y-websocket client and their own session cookie; the owner sees both sign-ins and the role
 * change in the audit log.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, test } from './fixtures';
import { startBaton } from './server';
import { readTicketFields, setSubject } from '../../src/lib/domain/ticket';
import { ticketDocName } from '../../src/lib/domain/doc-names';

async function signUp(page: Page, name: string, email: string, password: string): Promise<void> {
  await page.getByTestId('sign-up-name').fill(name);
  await page.getByTestId('sign-up-email').fill(email);
  await page.getByTestId('sign-up-password').fill(password);
  await page.getByTestId('sign-up-submit').click();
}

async function signOutAndIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/w\/[^/]+\/(board|triage)$/);
}

async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === 'baton_session');
  if (!cookie) throw new Error('no session cookie');
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe('Lax');
  return `${cookie.name}=${cookie.value}`;
}

/** The stock y-websocket client in Node, with a browser's session cookie and Origin. */
function provider(url: string, name: string, cookie: string, doc: Y.Doc) {
  const headers = { cookie, origin: url };
  class Ws extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync`, name, doc, {
    WebSocketPolyfill: Ws as unknown as typeof globalThis.WebSocket,
    disableBc: true
  });
}

test('sign up, create a workspace, invite a colleague who joins as a viewer, audit it all', async ({
  browser,
  baton
}) => {
  const owner = await browser.newContext({
    baseURL: baton.url,
    viewport: { width: 1400, height: 900 }
  });
  const colleague = await browser.newContext({
    baseURL: baton.url,
    viewport: { width: 1400, height: 900 }
  });
  try {
    // The owner signs up and creates a workspace.
    const a = await owner.newPage();
    await a.goto('/');
    await expect(a).toHaveURL(/\/sign-in$/);
    await a.getByRole('link', { name: 'Create an account' }).click();
    await signUp(a, 'Olga Owner', 'olga@example.test', 'olga password 1');
    await expect(a).toHaveURL(/\/sign-up\/workspace$/);
    await a.getByTestId('workspace-name').fill('Northwind Support');
    await a.getByTestId('workspace-submit').click();
    await expect(a).toHaveURL(/\/w\/[a-z0-9-]+\/board$/);
    const workspaceId = /\/w\/([a-z0-9-]+)\//.exec(a.url())?.[1] ?? '';
    await signOutAndIn(a, 'olga@example.test', 'olga password 1');

    // A ticket for the colleague to read.
    await a.getByTestId('nav-new-ticket').click();
    await a.getByTestId('new-ticket-subject').fill('Invoices arrive twice');
    await a.getByTestId('new-ticket-message').fill('Customer sees every invoice twice.');
    await a.getByTestId('new-ticket-submit').click();
    await expect(a).toHaveURL(/\/t\/[a-z0-9-]+$/);
    const ticketId = /\/t\/([a-z0-9-]+)$/.exec(a.url())?.[1] ?? '';
    await expect(a.getByTestId('ticket-subject')).toHaveText('Invoices arrive twice');

    // Invite by link, as an agent.
    await a.getByTestId('nav-members').click();
    await expect(a.getByTestId('members-page')).toBeVisible();
    await a.getByTestId('invite-role').selectOption('agent');
    await a.getByTestId('invite-submit').click();
    const link = await a.getByTestId('invite-link').inputValue();
    expect(link).toMatch(/\/invite\/[a-z2-7]{32}$/);

    // The colleague joins from another browser.
    const b = await colleague.newPage();
    await b.goto(link);
    await expect(b.getByTestId('invite-summary')).toContainText('Northwind Support');
    await b.getByTestId('invite-sign-up').click();
    await signUp(b, 'Carl Colleague', 'carl@example.test', 'carl password 2');
    await expect(b).toHaveURL(/\/invite\//);
    await b.getByTestId('invite-accept').click();
    await expect(b).toHaveURL(new RegExp(`/w/${workspaceId}/board$`));
    await signOutAndIn(b, 'carl@example.test', 'carl password 2');
    // The link works once.
    const c = await (await browser.newContext({ baseURL: baton.url })).newPage();
    await c.goto(link);
    await expect(c.getByTestId('invite-error')).toBeVisible();
    await c.context().close();

    // The owner makes the colleague a viewer.
    await a.reload();
    const row = a.getByTestId('member-row').filter({ hasText: 'Carl Colleague' });
    await row.getByTestId('member-role').selectOption('viewer');
    await expect(a.getByText('Role changed.')).toBeVisible();

    // The viewer reads everything and can change nothing in the UI.
    await b.goto(`/w/${workspaceId}/t/${ticketId}`);
    await expect(b.getByTestId('read-only-note')).toBeVisible();
    await expect(b.getByTestId('ticket-subject')).toHaveText('Invoices arrive twice');
    await expect(b.getByTestId('composer-send')).toBeDisabled();
    await expect(b.getByTestId('composer-reply')).toBeDisabled();
    await expect(b.getByTestId('ticket-status')).toBeDisabled();

    // …and nothing at the server either: the stock client with the viewer's own cookie.
    const viewerDoc = new Y.Doc();
    const viewer = provider(
      baton.url,
      ticketDocName(ticketId),
      await sessionCookie(colleague),
      viewerDoc
    );
    await expect.poll(() => readTicketFields(viewerDoc)?.subject).toBe('Invoices arrive twice');
    setSubject(viewerDoc, 'Hacked by the viewer', { id: 'carl', name: 'Carl' }, Date.now());
    // The owner's copy (and a fresh reader) keep the original; the owner's edits still arrive.
    const ownerDoc = new Y.Doc();
    const reader = provider(
      baton.url,
      ticketDocName(ticketId),
      await sessionCookie(owner),
      ownerDoc
    );
    await expect.poll(() => readTicketFields(ownerDoc)?.subject).toBe('Invoices arrive twice');
    await a.goto(`/w/${workspaceId}/t/${ticketId}`);
    await a.getByTestId('ticket-status').selectOption('pending');
    await expect.poll(() => readTicketFields(viewerDoc)?.status).toBe('pending');
    expect(readTicketFields(ownerDoc)?.subject).toBe('Invoices arrive twice');
    await expect(a.getByTestId('ticket-subject')).toHaveText('Invoices arrive twice');
    viewer.destroy();
    reader.destroy();

    // The owner sees both sign-ins and the role change in the audit log.
    await a.getByTestId('nav-audit').click();
    await expect(a.getByTestId('audit-page')).toBeVisible();
    const signIns = a.locator('[data-testid="audit-row"][data-action="sign-in"]');
    await expect(signIns.filter({ hasText: 'Olga Owner' })).toHaveCount(1);
    await expect(signIns.filter({ hasText: 'Carl Colleague' })).toHaveCount(1);
    const roleChange = a.locator('[data-testid="audit-row"][data-action="role-changed"]');
    await expect(roleChange).toContainText('carl@example.test');
    await expect(roleChange).toContainText('agent → viewer');
    await a.getByTestId('audit-action').selectOption('role-changed');
    await a.getByRole('button', { name: 'Filter' }).click();
    await expect(a.getByTestId('audit-row')).toHaveCount(1);
    const download = a.waitForEvent('download');
    await a.getByTestId('audit-csv').click();
    const csv = await (await download).path();
    expect(csv).toBeTruthy();

    // The viewer has no audit log.
    const forbidden = await b.request.get(`/api/workspaces/${workspaceId}/audit`);
    expect(forbidden.status()).toBe(403);
  } finally {
    await owner.close();
    await colleague.close();
  }
});

test('wrong passwords are limited with a clear message', async ({ browser, baton }) => {
  const context = await browser.newContext({ baseURL: baton.url });
  try {
    const page = await context.newPage();
    await page.goto('/sign-in');
    for (let i = 0; i < 6; i++) {
      await page.getByTestId('sign-in-email').fill('aino@baton.example');
      await page.getByTestId('sign-in-password').fill(`not it ${i}`);
      await page.getByTestId('sign-in-submit').click();
      await expect(page.getByTestId('sign-in-error')).toBeVisible();
    }
    await expect(page.getByTestId('sign-in-error')).toContainText(
      /Too many attempts\. Try again in \d+ minute/
    );
  } finally {
    await context.close();
  }
});

test('the API refuses what a form could send; every response carries the security headers', async ({
  browser,
  baton
}) => {
  const context = await browser.newContext({ baseURL: baton.url });
  try {
    const api = context.request;
    const signedIn = await api.post('/api/auth/sign-in', {
      data: { email: 'aino@baton.example', password: DEMO_PASSWORD }
    });
    expect(signedIn.status()).toBe(200);
    // What a page could make the browser send with the cookie: a form, a bare POST, an
    // upload without the upload header. The Origin is ours, as from a same-site page.
    const origin = { origin: baton.url };
    const viaForm = await api.post('/api/auth/sign-out-everywhere', {
      form: { confirm: '1' },
      headers: origin
    });
    expect(viaForm.status()).toBe(415);
    expect(await viaForm.json()).toMatchObject({ error: { reason: 'unsupported-media-type' } });
    expect(
      (await api.post('/api/workspaces/demo-workspace/select', { headers: origin })).status()
    ).toBe(415);
    const upload = await api.post('/api/workspaces/demo-workspace/mail/import', {
      headers: origin,
      multipart: {
        files: {
          name: 'a.eml',
          mimeType: 'message/rfc822',
          buffer: Buffer.from('Subject: x\r\n\r\nx')
        }
      }
    });
    expect(upload.status()).toBe(415);
    // Still signed in: the refused sign-out everywhere did nothing.
    expect(await (await api.get('/api/me')).json()).toMatchObject({
      identity: { name: 'Aino Virtanen' }
    });

    const page = await (await api.get('/sign-in')).text();
    const asset = /\/_app\/immutable\/[^"']+\.js/.exec(page)?.[0];
    expect(asset).toBeDefined();
    for (const path of ['/sign-in', '/manifest.webmanifest', '/service-worker.js', asset ?? '']) {
      const response = await api.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()['x-content-type-options'], path).toBe('nosniff');
      expect(response.headers()['x-frame-options'], path).toBe('DENY');
      expect(response.headers()['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    }
  } finally {
    await context.close();
  }
});

test('behind a proxy, wrong passwords from one address do not lock the owner out at another', async ({
  browser
}) => {
  const proxied = await startBaton({ env: { ADDRESS_HEADER: 'x-forwarded-for' } });
  const context = await browser.newContext({ baseURL: proxied.url });
  try {
    const signIn = (password: string, address: string) =>
      context.request.post('/api/auth/sign-in', {
        data: { email: 'aino@baton.example', password },
        headers: { 'x-forwarded-for': address }
      });
    for (let i = 0; i < 5; i++) {
      expect((await signIn(`not it ${i}`, '203.0.113.66')).status()).toBe(401);
    }
    expect((await signIn(DEMO_PASSWORD, '203.0.113.66')).status()).toBe(429);
    expect((await signIn(DEMO_PASSWORD, '198.51.100.20')).status()).toBe(200);
  } finally {
    await context.close();
    await proxied.stop();
  }
});

test('signing out leaves nothing of the member in the browser, and asks before losing unsynced changes', async ({
  agent
}) => {
  const maya = await agent('Maya Thompson');
  const { page, context } = maya;
  const prefix = `baton@${encodeURIComponent('member-maya')}:`;
  const local = () =>
    page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
      keys: Object.keys(localStorage)
    }));
  await maya.ticket.open('#3');
  await expect
    .poll(async () => (await local()).databases.filter((name) => name.startsWith(prefix)).length, {
      message: 'the index and the ticket are kept under the member’s prefix'
    })
    .toBeGreaterThanOrEqual(2);

  // Offline with a change the server has not got: signing out asks first; "no" keeps it all.
  await context.setOffline(true);
  await maya.ticket.writeNote('Written on the ferry, not synced yet.');
  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.dismiss();
  });
  await page.getByTestId('sign-out').click();
  await expect
    .poll(() => question, { message: 'the member is asked' })
    .toMatch(/^\d+ changes? on this device have not reached the server/);
  await expect(page.getByTestId('ticket-subject')).toBeVisible();
  expect((await local()).databases.some((name) => name.startsWith(prefix))).toBe(true);

  // Online again: the change is sent first, so nothing is asked, and everything goes.
  await context.setOffline(false);
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect
    .poll(async () => (await local()).databases.filter((name) => name.startsWith('baton')), {
      message: 'no Baton database is left'
    })
    .toEqual([]);
  expect((await local()).keys.filter((key) => key.startsWith('baton'))).toEqual([]);
});

test('a refused role change goes back to what the server holds', async ({ agent }) => {
  // Aino is the demo workspace's only owner: the server refuses to make her an agent.
  const aino = await agent('Aino Virtanen');
  const { page } = aino;
  await page.getByTestId('nav-members').click();
  await expect(page.getByTestId('members-page')).toBeVisible();
  const own = page.getByTestId('member-row').filter({ hasText: 'Aino Virtanen' });
  const select = own.getByTestId('member-role');
  await expect(select).toHaveValue('owner');
  await select.selectOption('agent');
  await expect(page.getByText('A workspace needs an owner')).toBeVisible();
  // The select says what the page says: she is still the owner.
  await expect(select).toHaveValue('owner');
  await expect(page.getByText(/You are owner here/)).toBeVisible();
});

test('an invitation link is copied with one click; tokens and sessions are on the member’s own page', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const { page, context } = aino;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  await page.getByTestId('nav-members').click();
  await expect(page.getByTestId('members-page')).toBeVisible();
  await page.getByTestId('invite-submit').click();
  const link = await page.getByTestId('invite-link').inputValue();
  expect(link).toMatch(/\/invite\/[a-z2-7]{32}$/);
  await page.getByTestId('invite-link-copy').click();
  await expect(page.getByTestId('invite-link-copy')).toHaveText('Copied');
  await expect.poll(clipboard, { message: 'the link is on the clipboard' }).toBe(link);

  // The members page is about the workspace; the personal parts are on the profile page.
  await expect(page.getByTestId('api-tokens')).toHaveCount(0);
  await expect(page.getByTestId('sign-out-everywhere')).toHaveCount(0);
  await page.getByTestId('personal-on-profile').getByRole('link').click();
  await expect(page.getByTestId('profile')).toBeVisible();
  await expect(page.getByTestId('my-workspaces')).toContainText('Baton demo');
  await page.getByTestId('token-name').fill('Reporting script');
  await page.getByTestId('token-create').click();
  const token = await page.getByTestId('new-token').inputValue();
  expect(token.length).toBeGreaterThan(20);
  await page.getByTestId('api-tokens').getByTestId('copy').click();
  await expect.poll(clipboard, { message: 'the token is on the clipboard' }).toBe(token);
  await expect(page.getByTestId('token-list')).toContainText('Reporting script');
  await expect(page.getByTestId('sign-out-everywhere')).toBeVisible();
});
