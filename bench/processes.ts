/** Child processes for the benchmarks: Baton's own server and the reference relay. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Child {
  pid: number;
  port: number;
  url: string;
  dataDir: string | null;
  /** Memory after a full garbage collection in the child (see `heap-probe.ts`). */
  memory(): Promise<ChildMemory>;
  /** CPU time (user + system) the child has used so far, in milliseconds. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

export interface ChildMemory {
  heapUsed: number;
  /** Memory of C++ objects bound to JS ones, including Buffers and ArrayBuffers. */
  external: number;
  rss: number;
}

/** Spawns `node --import tsx <entry>` and waits for its `{"event":"listening","port":N}` line. */
async function spawnListening(
  entry: string,
  env: Record<string, string>,
  dataDir: string | null
): Promise<Child> {
  // Both servers get the same flags: --expose-gc and the probe only answer a message, they
  // add no work to the relay path. `BENCH_SERVER_PROFILE=<dir>` writes each server's CPU
  // profile there when it stops (open it in Chrome DevTools' Performance panel).
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--expose-gc',
      ...(process.env.BENCH_SERVER_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`]
        : []),
      '--import',
      'tsx',
      '--import',
      './bench/heap-probe.ts',
      entry
    ],
    {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc']
    }
  );
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${log}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      for (const line of log.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const event = JSON.parse(line) as { event?: string; port?: number };
          if (event.event === 'listening' && typeof event.port === 'number') {
            clearTimeout(timer);
            resolve(event.port);
          }
        } catch {
          // a partial line; wait for more
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}:\n${log}`)));
  });
  return {
    pid: child.pid ?? 0,
    port,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    cpuMs() {
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${entry} did not report CPU`)), 10_000);
        child.once('message', (message) => {
          clearTimeout(timer);
          const micros =
            typeof message === 'object' && message !== null && 'cpuMicros' in message
              ? message.cpuMicros
              : null;
          if (typeof micros === 'number') resolve(micros / 1000);
          else reject(new Error(`${entry} answered ${JSON.stringify(message)} for CPU`));
        });
        child.send('cpu');
      });
    },
    memory() {
      return new Promise<ChildMemory>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${entry} did not report memory`)), 10_000);
        child.once('message', (message) => {
          clearTimeout(timer);
          resolve(message as ChildMemory);
        });
        child.send('heap');
      });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        // A server that does not shut down in time must not hang the benchmark.
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(force);
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

export function startReferenceRelay(): Promise<Child> {
  return spawnListening('bench/reference-relay.ts', {}, null);
}

/** Resident memory of a process, from /proc (Linux). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : Number.NaN;
}

/** `dataDir`: a data folder prepared beforehand (`archive.ts`); default a new empty one. */
export function startBatonServer(options: { withApp: boolean; dataDir?: string }): Promise<Child> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'baton-bench-'));
  return spawnListening(
    'server/main.ts',
    {
      BATON_DATA_DIR: dataDir,
      BATON_NO_APP: options.withApp ? '0' : '1',
      // The latency benchmark sends from 50 sockets at once; the per-socket limit stays on.
      BATON_DEMO: '1',
      // Every benchmark client signs in as one member from one address (the memory benchmark
      // holds 220 sockets): the caps stay on, raised above what the benchmarks open.
      BATON_MAX_SOCKETS_PER_MEMBER: '1000',
      BATON_MAX_SOCKETS_PER_ADDRESS: '1000',
      // The benchmarks sign in with the development cookie (demo user ids); real sessions
      // authorize exactly the same way from there on.
      BATON_DEV_IDENTITY: '1'
    },
    dataDir
  );
}
