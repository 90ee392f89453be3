import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { existsSync } from 'node:fs';
import { localizeBuild } from './scripts/localize-build.ts';
import { messageModules } from './scripts/message-modules.ts';

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

const TICKET_PAGES =
  /[\\/](components[\\/](ticket|new-ticket)[\\/]|state[\\/](recipients|ticket-)|i18n[\\/]messages[\\/]ticket\.)/;
const ADMIN_AND_ACCOUNT_PAGES =
  /[\\/](components[\\/](members|mail|profile|audit|auth|customers)[\\/]|components[\\/]common[\\/]LanguageSelect|state[\\/]account-|i18n[\\/]messages[\\/](errors|profile|members|mailbox|audit|auth|customers)\.)/;

/** Which shared chunk a module of ours goes to (see `codeSplitting` below). */
function sharedChunk(id: string): string {
  if (TICKET_PAGES.test(id)) return 'shared-ticket';
  if (ADMIN_AND_ACCOUNT_PAGES.test(id)) return 'shared-admin';
  return 'shared';
}

/** The adapter's output folder (`adapter({ out })` in `svelte.config.js`). */
const BUILD_DIR = 'build';

/**
 * After `vite build` (the adapter has written `build/` by the end of the server build), cut
 * the client build into one copy per language: see `scripts/localize-build.ts`.
 */
function localizedBuilds(): Plugin {
  return {
    name: 'baton-localized-builds',
    apply: 'build',
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        if (this.environment.name !== 'ssr') return;
        const client = `${BUILD_DIR}/client`;
        if (!existsSync(`${client}/_app/immutable`)) return;
        const report = localizeBuild(client);
        this.environment.logger.info(
          `Localized ${report.messages} messages in ${report.scripts} scripts (en, fi, da).`
        );
      }
    }
  };
}

export default defineConfig({
  plugins: [messageModules(), sveltekit(), batonDevServer(), localizedBuilds()],
  build: {
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Fewer, larger chunks: left alone, the bundler cuts the app into ~30 small shared
        // chunks (each component used by two routes gets its own script and stylesheet), and
        // a phone on a slow network pays a round trip per handful of them before the first
        // paint (Lighthouse, `npm run bench`). Libraries shared by routes go in one chunk; our
        // own modules shared by routes in three, so that the board does not load what only the
        // ticket pages or only the admin and account pages share; what a single route uses
        // stays with it. A group also takes the modules its modules import, so each message
        // (one module per message in this build, `scripts/message-modules.ts`) goes with the
        // code that shows it.
        codeSplitting: {
          groups: [
            // The charting library and what only it uses stay with the reports route (the
            // board and triage must not load them, docs/architecture.md: Reports).
            {
              name: 'vendor',
              test: /node_modules(?![\\/](layerchart|@layerstack|@dagrejs|d3-[a-z-]+|d3|internmap|delaunator|robust-predicates|runed|memoize)[\\/])/,
              minShareCount: 2
            },
            { name: sharedChunk, test: /src[\\/]lib[\\/]/, minShareCount: 2 }
          ]
        }
      }
    }
  },
  test: {
    include: [
      'src/**/*.test.ts',
      'server/**/*.test.ts',
      'scripts/**/*.test.ts',
      'tests/integration/**/*.test.ts'
    ],
    environment: 'node',
    // Temporal for business time: Node 20 has none (see `src/lib/domain/temporal.ts`).
    setupFiles: ['./tests/setup-temporal.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000
  }
});
