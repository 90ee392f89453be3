/**
 * `vite dev` runs Baton's server side inside Vite's dev server, so that `/sync/<doc>` and the
 * API behave as under `npm start`. Only `/sync/` upgrades are taken; Vite's own HMR socket
 * (and anything else) is left alone.
 */
import type { ViteDevServer } from 'vite';
import { createBaton } from './baton.ts';
import { loadConfig } from './config.ts';

export async function startDevServices(server: ViteDevServer): Promise<void> {
  const baton = await createBaton(loadConfig(process.env));
  const httpServer = server.httpServer;
  if (!httpServer) {
    console.warn('[baton] vite runs in middleware mode: the relay is not attached.');
    return;
  }
  httpServer.on('upgrade', (req, socket, head) => {
    baton.handleUpgrade(req, socket, head);
  });
  httpServer.on('close', () => {
    void baton.close();
  });
}
