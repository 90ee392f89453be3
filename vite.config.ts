import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin, Rolldown } from 'vite';
import { defineConfig } from 'vitest/config';
import { existsSync } from 'node:fs';
import { localizeBuild } from './scripts/localize-build.ts';
import { declarationModules, declarationParts } from './scripts/declaration-modules.ts';
import { directImports } from './scripts/direct-imports.ts';
import { zodJitless } from './scripts/zod-jitless.ts';

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

const MACROS = /[\\/](domain[\\/]macro|state[\\/]macros|components[\\/]macros)/;

/**
 * The first screen: the app's entry (with the client hooks), the root and workspace layouts
 * and error pages, the board and the phone's triage list. What these import (statically, at
 * any depth) is what every visit downloads before the first paint; the bench measures it as
 * "board route JavaScript".
 */
const FIRST_SCREEN =
  /(src[\\/]routes[\\/](\+layout|\+error|w[\\/]\[workspace\][\\/](\+layout|\+error|board[\\/]\+page|triage[\\/]\+page))\.(svelte|ts)|\.svelte-kit[\\/]generated[\\/](root\.svelte|client(-optimized)?[\\/]app\.js)|@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]entry\.js)$/;

const firstScreenMemo = new WeakMap<Rolldown.ChunkingContext, Map<string, boolean>>();

/** Whether the first screen imports a module, following static importers up to a route. */
function onFirstScreen(id: string, ctx: Rolldown.ChunkingContext): boolean {
  let memo = firstScreenMemo.get(ctx);
  if (!memo) firstScreenMemo.set(ctx, (memo = new Map()));
  const known = memo.get(id);
  if (known !== undefined) return known;
  const seen = new Set([id]);
  const queue = [id];
  let found = false;
  while (queue.length > 0 && !found) {
    const current = queue.pop()!;
    if (FIRST_SCREEN.test(current) || memo.get(current) === true) found = true;
    for (const importer of ctx.getModuleInfo(current)?.importers ?? []) {
      if (!seen.has(importer) && memo.get(importer) !== false) {
        seen.add(importer);
        queue.push(importer);
      }
    }
  }
  memo.set(id, found);
  return found;
}

/**
 * Which shared chunk a module of ours goes to (see `codeSplitting` below). The first screen
 * loads only `shared`; modules only other routes share go in chunks those routes load.
 */
function sharedChunk(id: string, ctx: Rolldown.ChunkingContext): string {
  if (onFirstScreen(id, ctx)) return 'shared';
  // Macros render with liquidjs (~57 KB gzipped): only the composer and the macro settings
  // need them, so they and the engine they take along form their own chunk.
  if (MACROS.test(id)) return 'shared-macros';
  if (TICKET_PAGES.test(id)) return 'shared-ticket';
  if (ADMIN_AND_ACCOUNT_PAGES.test(id)) return 'shared-admin';
  return 'shared-features';
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
  plugins: [
    zodJitless(),
    declarationModules(),
    directImports(declarationParts),
    sveltekit(),
    batonDevServer(),
    localizedBuilds()
  ],
  build: {
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Fewer, larger chunks: left alone, the bundler cuts the app into ~30 small shared
        // chunks (each component used by two routes gets its own script and stylesheet), and
        // a phone on a slow network pays a round trip per handful of them before the first
        // paint (Lighthouse, `npm run bench`). Libraries the first screen uses go in one chunk;
        // our own modules shared by routes in a few, so that the board loads only what it
        // runs and not what the ticket pages, the macros or the admin pages share; what a
        // single route uses stays with it. A group also takes the modules its modules import, so each message
        // (one module per declaration in this build, `scripts/declaration-modules.ts`) goes
        // with the code that shows it.
        codeSplitting: {
          groups: [
            // Libraries the first screen runs on, in one chunk. A feature's library shared
            // by two other routes (the template engine, the charts and their helpers) stays
            // with the routes that use it: a list of exclusions had let liquidjs and the
            // charts' class helpers slip into every page (`npm run bench`: the board's
            // JavaScript).
            {
              name: (id, ctx) => (onFirstScreen(id, ctx) ? 'vendor' : null),
              test: /node_modules[\\/]/,
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
