/**
 * When a page in a bench is ready for the next measured action: the way a person would wait
 * for it. Playwright's `networkidle` never comes to this app (the notification bell keeps an
 * event stream open), so "ready" here is: the sync indicator says online with nothing pending,
 * then the main thread idle for 20 frames in a row.
 */
import type { Page } from '@playwright/test';

/**
 * Until the page's main thread is idle: a person acts on a page they are looking at, not while
 * it is still decoding its index after a reload.
 */
export async function mainThreadQuiet(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const deadline = performance.now() + 20_000;
    let calm = 0;
    let last = performance.now();
    while (calm < 20 && performance.now() < deadline) {
      await new Promise((frame) => requestAnimationFrame(frame));
      const now = performance.now();
      calm = now - last < 25 ? calm + 1 : 0;
      last = now;
    }
  });
}

/** Synced, a moment for the requests that follow a sync, and the main thread idle. */
export async function pageSettled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="sync-status"][data-state="online"][data-pending="0"]', {
    timeout: 60_000
  });
  await page.waitForTimeout(500);
  await mainThreadQuiet(page);
}
