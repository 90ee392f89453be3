/**
 * The real server as a child process (`node --import tsx server/main.ts`, relay only, on a port
 * of its own), for the tests that kill it with SIGKILL and start it again on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildServer {
  process: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

/**
 * Starts the server on `dataDir` and resolves once it says it listens. `preload` names modules
 * loaded before the server (`--import`), e.g. a probe that reports on the process.
 */
export async function spawnServer(
  dataDir: string,
  options: { preload?: string[]; onLine?: (line: string) => void } = {}
): Promise<ChildServer> {
  const preload = (options.preload ?? []).flatMap((module) => ['--import', module]);
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload, 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      BATON_NO_APP: '1',
      BATON_DEV_IDENTITY: '1',
      BATON_DATA_DIR: dataDir
    },
    stdio: ['ignore', 'pipe', 'inherit']
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code))
  );
  const port = await new Promise<number>((resolve, reject) => {
    // A loaded machine takes its time to start `node --import tsx`; no speed is tested here.
    const timer = setTimeout(
      () => reject(new Error('Timed out waiting for: the server to listen')),
      60_000
    );
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      options.onLine?.(line);
      try {
        const event = JSON.parse(line) as { event?: string; port?: number };
        if (event.event === 'listening' && typeof event.port === 'number') {
          clearTimeout(timer);
          resolve(event.port);
        }
      } catch {
        // other output
      }
    });
    child.once('exit', () => reject(new Error('The server exited before listening.')));
  });
  return { process: child, port, exited };
}
