import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/chromium';

/**
 * End-to-end tests run against the built app (`npm run build`), started by the fixtures in
 * tests/e2e/fixtures.ts on a free port with a fresh data folder per test, in Debian's
 * Chromium (Playwright's own browser download does not work on our machines).
 */

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  forbidOnly: !!process.env.CI,
  // One retry on CI, reported as "flaky" in the list: a run of 110+ browser tests on a loaded
  // CI machine should not be lost to one slow moment; a test that fails twice still fails.
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    trace: process.env.CI ? 'retain-on-failure' : 'off',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS
    }
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }]
});
