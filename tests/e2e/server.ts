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

/**
 * Resolves when the server prints its one `{"event":"listening",…}` line (`server/main.ts`
 * prints it once the app handler is loaded and the port is open); rejects if the process
 * exits first, or after 30 s, with what it printed.
 */
export function listening(child: ChildProcess, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    let partial = '';
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      if (lines.some((line) => line.startsWith('{"event":"listening"'))) done();
    };
    const onExit = (code: number | null) =>
      done(new Error(`Baton exited with ${code} while starting:\n${log()}`));
    const timer = setTimeout(
      () => done(new Error(`Baton did not start listening within 30 s:\n${log()}`)),
      30_000
    );
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
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
      // The mail specs' Dovecot and SMTP receiver run on 127.0.0.1.
      BATON_MAIL_ALLOW_PRIVATE_HOSTS: '1',
      ...options.env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await listening(child, () => log);

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
