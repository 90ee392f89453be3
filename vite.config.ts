import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * In `vite dev`, run Baton's server side (storage, relay, workers) inside the dev server so
 * that `/sync/<doc>` and the API work exactly as under `npm start`.
 */
function batonDevServer(): Plugin {
  return {
    name: 'baton-dev-server',
    apply: 'serve',
    async configureServer(server) {
      if (process.env.VITEST) return;
      // Loaded through Vite's SSR pipeline, not bundled into this config: the server code
      // shares modules with SvelteKit's dev SSR and keeps native dependencies external.
      const dev = (await server.ssrLoadModule(
        '/server/dev.ts'
      )) as typeof import('./server/dev.ts');
      await dev.startDevServices(server);
    }
  };
}

export default defineConfig({
  plugins: [sveltekit(), batonDevServer()],
  build: {
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Fewer, larger chunks: left alone, the bundler cuts the app into ~30 small shared
        // chunks (each component used by two routes gets its own script and stylesheet), and
        // a phone on a slow network pays a round trip per handful of them before the first
        // paint (Lighthouse, `npm run bench`). Libraries shared by routes go in one chunk, our
        // own modules shared by routes in another; what a single route uses stays with it.
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /node_modules/, minShareCount: 2 },
            // Messages are not grouped: each route keeps only the messages it uses.
            { name: 'shared', test: /src[\\/]lib[\\/](?!i18n[\\/]messages[\\/])/, minShareCount: 2 }
          ]
        }
      }
    }
  },
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000
  }
});
