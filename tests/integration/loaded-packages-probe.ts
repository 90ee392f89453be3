/**
 * Loaded before the server in `lazy-packages.test.ts`: on SIGUSR2 it prints which packages
 * the process has loaded so far, as one JSON line. CommonJS modules are in `require.cache`;
 * ES modules are reported by a load hook (`loaded-packages-hooks.mjs`, on the loader's thread).
 */
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const imported: string[] = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (url: string) => imported.push(url));
port1.unref();
register('./loaded-packages-hooks.mjs', import.meta.url, {
  data: { port: port2 },
  transferList: [port2]
});

function packageOf(path: string): string | null {
  if (!path.includes('/node_modules/')) return null;
  const parts = (path.split('/node_modules/').pop() ?? '').split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? null);
}

process.on('SIGUSR2', () => {
  const names = new Set<string>();
  for (const path of [...Object.keys(require.cache), ...imported]) {
    const name = packageOf(path);
    if (name) names.add(name);
  }
  console.log(JSON.stringify({ event: 'packages', names: [...names].sort() }));
});
