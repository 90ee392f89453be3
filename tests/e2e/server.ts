/**
 * Starts the real Baton server (built app + relay + SQLite) as a child process on a free
 * port with its own data folder, the way `npm start` runs it. Used by the Playwright
 * fixtures, the screenshot for the README and the benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningBaton {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period). */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** Kills the process at once, as a crash would. */
  kill(): Promise<void>;
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Baton exited with ${child.exitCode} while starting:\n${log()}`);
    }
    try {
      const response = await fetch(`${url}/api/me`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Baton did not answer ${url}/api/me within 30 s:\n${log()}`);
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

export async function startBaton(
  options: { dataDir?: string; env?: Record<string, string> } = {}
): Promise<RunningBaton> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'baton-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BATON_DATA_DIR: dataDir,
      ORIGIN: url,
      // Benchmarks and a few specs set up data with the development cookie; the fixtures'
      // agents sign in with email and password like anyone.
      BATON_DEV_IDENTITY: '1',
      ...options.env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitForHttp(url, child, () => log);

  return {
    url,
    port,
    dataDir,
    output: () => log,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited(child);
        clearTimeout(timer);
      }
      if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  };
}
