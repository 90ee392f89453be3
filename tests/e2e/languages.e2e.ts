/**
 * Baton in Finnish and Danish: a member picks their language once, on their profile page, and
 * works the whole day in it — board, ticket, lists, team, members, mailbox, audit, and triage on
 * a phone where the choice followed them — without meeting a word of the English interface.
 * "English left over" is any two-word piece of an English message that the message's Finnish
 * and Danish texts do not contain (`tests/checks/message-texts.ts`). The customers' own words
 * (subjects, messages) are theirs, in whatever language they wrote.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { englishGiveaways } from '../checks/message-texts';
import { test, expect, type Agent } from './fixtures';

/** The demo's customers write English ("Audit log export for compliance review"): theirs. */
const DEMO_CONTENT = readFileSync(
  new URL('../../server/demo/workspace.ts', import.meta.url),
  'utf8'
);
const GIVEAWAYS = englishGiveaways().filter((piece) => !DEMO_CONTENT.includes(piece));

/** The English interface texts on the page: its text, labels, titles and placeholders. */
async function englishOn(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    return parts.join('\n');
  });
  return GIVEAWAYS.filter((piece) => text.includes(piece));
}

async function chooseLanguage(agent: Agent, locale: 'fi' | 'da'): Promise<void> {
  const { page } = agent;
  await page.getByTestId('current-member').click();
  await expect(page.getByTestId('profile')).toBeVisible();
  await Promise.all([
    page.waitForEvent('load'),
    page.getByTestId('language-select').selectOption(locale)
  ]);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

const DAYS = [
  {
    locale: 'fi' as const,
    name: 'Aino Virtanen',
    texts: {
      profile: 'Oma profiili',
      board: 'Taulu',
      column: 'Avoin',
      assignee: 'Käsittelijä',
      team: 'Tiimi',
      members: 'Jäsenet',
      triage: 'Lajittelu'
    }
  },
  {
    locale: 'da' as const,
    name: 'Mads Jensen',
    texts: {
      profile: 'Din profil',
      board: 'Tavle',
      column: 'Åben',
      assignee: 'Ansvarlig',
      team: 'Team',
      members: 'Medlemmer',
      triage: 'Sortering'
    }
  }
];

for (const day of DAYS) {
  test(`a day in ${day.locale === 'fi' ? 'Finnish' : 'Danish'}: every screen in the member's language, also on their phone`, async ({
    agent
  }) => {
    const member = await agent(day.name);
    const { page } = member;
    await chooseLanguage(member, day.locale);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(day.texts.profile);
    expect(await englishOn(page)).toEqual([]);

    await page.goto('/w/demo-workspace/board');
    await member.board.waitUntilLoaded();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(day.texts.board);
    await expect(member.board.column('open').getByRole('heading')).toContainText(day.texts.column);
    expect(await englishOn(page)).toEqual([]);
    if (day.locale === 'fi') await page.screenshot({ path: 'docs/board-fi.png' });

    await member.ticket.open('#3');
    await expect(member.ticket.entries('inbound')).toHaveCount(1);
    await expect(page.getByTestId('ticket-properties')).toContainText(day.texts.assignee);
    expect(await englishOn(page)).toEqual([]);

    for (const [path, ready] of [
      ['views/mine', 'ticket-table'],
      ['team', 'team'],
      ['members', 'members-page'],
      ['mailbox', 'mailbox-settings'],
      ['audit', 'audit-page'],
      ['new', 'new-ticket-form']
    ] as const) {
      await page.goto(`/w/demo-workspace/${path}`);
      await expect(page.getByTestId(ready)).toBeVisible();
      expect(await englishOn(page), path).toEqual([]);
    }

    // The choice was stored with the member: their phone opens in it without asking.
    const phone = await agent(day.name, { phone: true });
    await expect(phone.page.locator('html')).toHaveAttribute('lang', day.locale);
    await expect(phone.page.getByRole('heading', { level: 1 })).toHaveText(day.texts.triage);
    expect(await englishOn(phone.page)).toEqual([]);
    await phone.triage.row('#3').locator('a').click();
    await phone.ticket.waitUntilLoaded();
    expect(await englishOn(phone.page)).toEqual([]);
  });
}

test('an agent sets the language a customer writes in, and it stays', async ({ agent }) => {
  const maya = await agent('Maya Thompson');
  await maya.ticket.open('#3');
  await maya.page.getByTestId('requester-link').click();
  const select = maya.page.getByTestId('customer-language');
  await expect(select).toHaveValue('');
  await select.selectOption('fi');
  await maya.page.reload();
  await expect(maya.page.getByTestId('customer-language')).toHaveValue('fi');
});

test('the installed app is named in the page’s language (web manifest)', async ({ agent }) => {
  const aino = await agent('Aino Virtanen', { locale: 'fi-FI' });
  const href = await aino.page
    .locator('link[rel="manifest"]')
    .evaluate((link) => (link as HTMLLinkElement).href);
  expect(new URL(href).search).toBe('?lang=fi');
  const manifest: unknown = await (await aino.page.request.get(href)).json();
  expect(manifest).toMatchObject({
    lang: 'fi',
    name: 'Baton-asiakaspalvelu',
    shortcuts: [{ name: 'Lajittelu' }, { name: 'Taulu' }]
  });
  const danish: unknown = await (
    await aino.page.request.get('/manifest.webmanifest', { headers: { 'accept-language': 'da' } })
  ).json();
  expect(danish).toMatchObject({
    lang: 'da',
    shortcuts: [{ name: 'Sortering' }, { name: 'Tavle' }]
  });
});

test('before sign-in the browser’s language decides, and the page says which it is', async ({
  browser,
  baton
}) => {
  const context = await browser.newContext({ baseURL: baton.url, locale: 'da-DK' });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
  await expect(page.getByTestId('sign-in-submit')).toHaveText('Log ind');
  expect(await englishOn(page)).toEqual([]);
  await context.close();
});

test('a page loads only its language: the Finnish copy of the build, online and offline', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen', { phone: true });
  const { page } = aino;
  await chooseLanguage(aino, 'fi');
  const scripts: string[] = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/_app/immutable/') && path.endsWith('.js')) scripts.push(path);
  });
  await page.goto('/w/demo-workspace/triage');
  await aino.triage.waitUntilLoaded();
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((path) => !path.startsWith('/_app/immutable/fi/'))).toEqual([]);
  // What the page ran holds the Finnish texts and none of the others (the triage page's title).
  const bodies = await page.evaluate(
    (paths) => Promise.all(paths.map((path) => fetch(path).then((r) => r.text()))),
    scripts
  );
  const quoted = (text: string) => new RegExp(`["'\`]${text}["'\`]`);
  expect(bodies.some((body) => quoted('Lajittelu').test(body))).toBe(true);
  for (const other of ['Triage', 'Sortering']) {
    expect(bodies.some((body) => quoted(other).test(body))).toBe(false);
  }

  // The worker was told the page's language and keeps that copy (and a Finnish shell).
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const keys = await Promise.all(
          (await caches.keys()).map(async (name) => (await caches.open(name)).keys())
        );
        return keys.flat().some((request) => request.url.includes('/_app/immutable/fi/entry/'));
      })
    )
    .toBe(true);
  await aino.context.setOffline(true);
  await page.reload();
  await aino.triage.waitUntilLoaded();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lajittelu');
  expect(await englishOn(page)).toEqual([]);
});
