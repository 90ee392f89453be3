/**
 * The installable app: manifest and icons, a service worker controlling the page, Chromium's
 * own installability check, an offline reload on the phone, and the "Update available —
 * reload" prompt after a new deploy.
 *
 * The new deploy is real, not simulated: the test stops the server, starts another Baton on
 * the same port and data folder from a copy of the build whose service worker carries another
 * build version (the one-line difference two `vite build`s make), and asks the registration to
 * check for an update, as the app does every half hour and when it comes to the foreground.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  existsSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { BoardPage } from './pages';
import { listening } from './server';

interface Manifest {
  name?: string;
  short_name?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  theme_color?: string;
  background_color?: string;
  icons?: { src: string; sizes: string; type: string; purpose?: string }[];
}

async function swVersion(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((done, fail) => {
        const controller = navigator.serviceWorker.controller;
        if (!controller) return fail(new Error('no service worker controls the page'));
        const channel = new MessageChannel();
        channel.port1.onmessage = (event: MessageEvent<{ version: string }>) =>
          done(event.data.version);
        controller.postMessage({ type: 'version' }, [channel.port2]);
      })
  );
}

test('installable: manifest fields, icons, a service worker in control, no installability errors', async ({
  agent,
  baton
}) => {
  const aino = await agent('Aino Virtanen', { phone: true });
  const { page } = aino;
  // The URL the browser resolves (after client-side navigations, on a deep page).
  const href = await page
    .locator('link[rel="manifest"]')
    .evaluate((link) => (link as HTMLLinkElement).href);
  expect(href).toBe(`${baton.url}/manifest.webmanifest?lang=en`);
  const response = await page.request.get(href);
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as Manifest;
  expect(manifest.name).toBe('Baton helpdesk');
  expect(manifest.short_name).toBe('Baton');
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  const icons = manifest.icons ?? [];
  expect(icons.some((i) => i.sizes === '192x192' && i.type === 'image/png')).toBe(true);
  expect(icons.some((i) => i.sizes === '512x512' && (i.purpose ?? 'any').includes('any'))).toBe(
    true
  );
  expect(icons.some((i) => i.purpose?.includes('maskable'))).toBe(true);
  for (const icon of icons) {
    const file = await page.request.get(`${baton.url}${icon.src}`);
    expect(file.ok(), icon.src).toBe(true);
    expect(file.headers()['content-type']).toContain(icon.type);
  }
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute(
    'content',
    manifest.theme_color ?? ''
  );

  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  expect(await swVersion(page)).toMatch(/\S/);

  // Chromium's own verdict (the check behind its install prompt).
  const cdp = await aino.context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  await cdp.detach();
  // Playwright's contexts are incognito-like; that is the one error a real phone does not have.
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual(
    []
  );
});

test('build assets and API requests are answered without waking the service worker', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const { page } = aino;
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // A page loaded under the worker: its scripts and its API calls go through the routes.
  await page.reload();
  await aino.board.waitUntilLoaded();
  const [me, missing] = await page.evaluate(async () => [
    await fetch('/api/me').then(async (r) => (await r.text(), r.status)),
    await fetch('/_app/immutable/chunks/not-in-this-build.js').then(
      async (r) => (await r.text(), r.status)
    )
  ]);
  expect(me).toBe(200);
  // A miss in the cache goes to the network (an older page after a takeover), not to an error.
  expect(missing).toBe(404);
  const sources = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({
      path: new URL(entry.name).pathname,
      matched: (entry as PerformanceResourceTiming & { workerMatchedSourceType?: string })
        .workerMatchedSourceType
    }))
  );
  const assets = sources.filter(
    (s) => s.path.startsWith('/_app/immutable/') || s.path === '/favicon.svg'
  );
  const api = sources.filter((s) => s.path.startsWith('/api/'));
  expect(assets.length).toBeGreaterThan(3);
  expect(assets.map((s) => s.path)).toContain('/favicon.svg');
  expect(api.length).toBeGreaterThan(0);
  for (const s of assets) expect(s.matched, s.path).toBe('cache');
  for (const s of api) expect(s.matched, s.path).toBe('network');
});

test('offline reload on the phone: the triage list and a prefetched ticket never opened before', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen', { phone: true });
  const { page, triage } = aino;
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await triage.waitUntilAllOffline();
  const count = await triage.rows().count();

  await aino.context.setOffline(true);
  await page.reload();
  await triage.waitUntilLoaded();
  await expect(triage.rows()).toHaveCount(count);
  await expect(aino.board.syncStatus()).toHaveAttribute('data-state', 'offline');
  // #15 was prefetched (unassigned), never opened on this device.
  await triage.row('#15').locator('a').click();
  await expect(page.getByTestId('ticket-subject')).toHaveText(
    'Two-factor codes not arriving by SMS'
  );
  await expect(aino.ticket.entries('inbound')).toHaveCount(1);
});

test('an offline reload of a ticket page asks for the build assets at their real paths', async ({
  agent
}) => {
  const maya = await agent('Maya Chen');
  const { page } = maya;
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await maya.board.goto();
  await maya.ticket.open('#3');

  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await maya.context.setOffline(true);
  await page.reload();
  await maya.ticket.waitUntilLoaded();
  const misplaced = requested.filter(
    (path) => /.\/_app\//.test(path) && !path.startsWith('/_app/')
  );
  expect(misplaced).toEqual([]);
  expect(requested.filter((path) => path.startsWith('/_app/')).length).toBeGreaterThan(0);
});

test('a page brings its member: a first visit opens without asking /api/me; the offline shell names nobody', async ({
  agent,
  baton,
  browser
}) => {
  const aino = await agent('Aino Virtanen');
  await aino.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const shell = await aino.page.evaluate(async () => {
    for (const key of await caches.keys()) {
      const found = await (await caches.open(key)).match('/__baton-shell');
      if (found) return found.text();
    }
    return null;
  });
  expect(shell).toContain('<html');
  expect(shell).not.toContain('baton-me');
  expect(shell).not.toContain('member-aino');

  // The HTML itself: the member's answer for a session, nothing for nobody, never cached shared.
  const signedIn = await aino.page.request.get('/w/demo-workspace/board');
  expect(signedIn.headers()['cache-control']).toBe('private, no-cache');
  expect(await signedIn.text()).toContain('"memberId":"member-aino"');
  const anonymous = await fetch(`${baton.url}/w/demo-workspace/board`);
  const anonymousHtml = await anonymous.text();
  expect(anonymousHtml).not.toContain('baton-me');
  expect(anonymousHtml).not.toContain('%baton.me%');

  // Another device: only the session cookie, no cached identity, no service worker, and
  // `/api/me` unreachable. Without the page's answer it could not know who is signed in.
  const context = await browser.newContext({
    baseURL: baton.url,
    viewport: { width: 1400, height: 900 },
    storageState: { cookies: await aino.context.cookies(), origins: [] }
  });
  try {
    const asked: string[] = [];
    await context.route('**/api/me', (route) => {
      asked.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto('/w/demo-workspace/board');
    await new BoardPage(page).waitUntilLoaded();
    await expect(page.getByTestId('current-member')).toContainText('Aino Virtanen');
    expect(asked).toEqual([]);
    // Read once and removed from the page.
    expect(await page.locator('#baton-me').count()).toBe(0);
  } finally {
    await context.close();
  }
});

/** A copy of the app as a second deploy: the same code, a new build version in the worker. */
function secondDeploy(): { dir: string; version: string } {
  const root = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'baton-deploy-'));
  cpSync(join(root, 'build'), join(dir, 'build'), { recursive: true });
  cpSync(join(root, 'server'), join(dir, 'server'), { recursive: true });
  for (const shared of ['src', 'node_modules', '.svelte-kit', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(root, shared))) symlinkSync(resolve(root, shared), join(dir, shared));
  }
  const worker = join(dir, 'build/client/service-worker.js');
  const source = readFileSync(worker, 'utf8');
  const old = /`(\d{13})`/.exec(source)?.[1];
  if (!old) throw new Error('no build version found in service-worker.js');
  const version = String(Number(old) + 1);
  writeFileSync(worker, source.replace(`\`${old}\``, `\`${version}\``));
  // The precompressed copies would still be the old worker.
  rmSync(`${worker}.gz`, { force: true });
  rmSync(`${worker}.br`, { force: true });
  return { dir, version };
}

async function startDeploy(
  dir: string,
  port: number,
  dataDir: string
): Promise<{ child: ChildProcess; stop: () => Promise<void> }> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: dir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BATON_DATA_DIR: dataDir,
      ORIGIN: url
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await listening(child, () => log);
  return {
    child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      })
  };
}

test('after a new deploy the app offers "Update available — reload", and reloads into it', async ({
  agent,
  baton
}) => {
  const aino = await agent('Aino Virtanen');
  const { page } = aino;
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const before = await swVersion(page);
  await expect(page.getByTestId('update-prompt')).toBeHidden();

  const deploy = secondDeploy();
  await baton.stop({ keepData: true });
  const second = await startDeploy(deploy.dir, baton.port, baton.dataDir);
  try {
    // What the app does on its periodic and on-focus checks.
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const prompt = page.getByTestId('update-prompt');
    await expect(prompt).toBeVisible({ timeout: 30_000 });
    await expect(prompt).toContainText('Update available');
    // The old worker keeps serving until the user says so.
    expect(await swVersion(page)).toBe(before);

    // A busy page, as when the click starts loading the next route and sync is catching up.
    // Chromium swaps workers only once the old one is idle: this traffic must not reach it.
    const chunk = await page.evaluate(
      () =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .map((entry) => new URL(entry.name).pathname)
          .find((path) => /^\/_app\/immutable\/(\w+\/)?chunks\//.test(path)) ?? ''
    );
    expect(chunk).not.toBe('');
    const reloaded = page.waitForEvent('load');
    await page.getByTestId('update-reload').click();
    await page
      .evaluate((path) => {
        const busy = setInterval(() => [fetch('/api/me'), fetch(path), fetch('/favicon.svg')], 50);
        setTimeout(() => clearInterval(busy), 2000);
      }, chunk)
      .catch((error: unknown) => {
        // The page may already be reloading into the new version.
        if (!String(error).includes('Execution context was destroyed')) throw error;
      });
    await reloaded;
    await expect
      .poll(() => swVersion(page).catch(() => ''), { message: 'the new worker controls the page' })
      .toBe(deploy.version);
    await aino.board.waitUntilLoaded();
    await expect(page.getByTestId('update-prompt')).toBeHidden();
  } finally {
    await second.stop();
    rmSync(deploy.dir, { recursive: true, force: true });
    rmSync(baton.dataDir, { recursive: true, force: true });
  }
});
