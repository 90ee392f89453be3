/**
 * The Node entry (`npm start` / `npm run serve`): one HTTP server on PORT that serves the
 * SvelteKit app (adapter-node's handler from `build/`) and the relay's `/sync/` upgrades.
 *
 * `BATON_NO_APP=1` skips the SvelteKit handler (no build needed): the relay and workers only,
 * which is what the crash tests spawn.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createBaton, type Baton } from './baton.ts';
import { ConfigError, loadConfig } from './config.ts';
import { SECURITY_HEADERS } from '../src/lib/server/security-headers.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

async function loadAppHandler(): Promise<Handler> {
  // adapter-node reads BODY_SIZE_LIMIT when its handler is imported; batch sync needs 8 MiB.
  process.env.BODY_SIZE_LIMIT ??= String(8 * 1024 * 1024 + 64 * 1024);
  const path = new URL('../build/handler.js', import.meta.url).href;
  let module: unknown;
  try {
    module = await import(path);
  } catch (error) {
    throw new Error(`Could not load the SvelteKit app from build/: run \`npm run build\` first.`, {
      cause: error
    });
  }
  const handler = (module as { handler?: unknown }).handler;
  if (typeof handler !== 'function') throw new Error('build/handler.js exports no handler.');
  return handler as Handler;
}

async function main(): Promise<void> {
  let config;
  let baton: Baton;
  try {
    config = loadConfig(process.env);
    baton = await createBaton(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const app = process.env.BATON_NO_APP === '1' ? null : await loadAppHandler();

  const server = createServer((req, res) => {
    // Every response, static files and the service worker included (security-headers.ts);
    // a response that sets one of these itself overrides it.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (app) {
      app(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found (BATON_NO_APP=1)\n');
  });
  server.on('upgrade', (req, socket, head) => {
    if (!baton.handleUpgrade(req, socket, head)) socket.destroy();
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[baton] ${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    baton
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error('[baton] shutdown failed', error);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    // One machine-readable line: tests and scripts read the port from it.
    console.log(JSON.stringify({ event: 'listening', host: config.host, port }));
  });
}

main().catch((error: unknown) => {
  console.error('[baton] failed to start', error);
  process.exit(1);
});
