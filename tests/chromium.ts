/**
 * Debian's Chromium, as every browser-driven part of the project launches it (Playwright,
 * the benchmarks, Lighthouse). Playwright cannot download its own browsers on our machines;
 * `BATON_CHROMIUM` points elsewhere on machines that keep Chromium somewhere else. Without
 * the background-networking flags Chromium keeps dialling hosts the closed network refuses.
 */
export const CHROMIUM_PATH = process.env.BATON_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];
