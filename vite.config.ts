import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin, Rolldown } from 'vite';
import { defineConfig } from 'vitest/config';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
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

/**
 * Zod's classic schemas carry their JSON Schema generator along (every schema gets a
 * `toJSONSchema()` and `~standard.jsonSchema`, wired through `json-schema-processors.js` and
 * `to-json-schema.js`): about 18 KB of the first screen's script that the browser never runs,
 * since nothing in `src/` asks a schema for its JSON Schema. In the client build those two
 * modules are replaced by stand-ins that throw if they are ever called; parsing and every
 * check stay zod's own, and the server build (which validates every update) is untouched.
 * `aggregateChecks` (read by a string schema's `minLength`/`maxLength`/`format` and a number
 * schema's `minValue`/`maxValue`) comes from zod's real module.
 */
const ZOD_JSON_SCHEMA = /[\\/]node_modules[\\/]zod[\\/]v4[\\/]/;
const ZOD_JSON_SCHEMA_MODULE = /(?:^|[\\/])(json-schema-processors|to-json-schema)\.js$/;
const ZOD_STAND_IN = '\0baton-zod-without-json-schema:';

function browserZodWithoutJsonSchema(): Plugin {
  return {
    name: 'baton-browser-zod-without-json-schema',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (this.environment.config.consumer !== 'client') return null;
      if (!importer || !ZOD_JSON_SCHEMA.test(importer)) return null;
      const match = ZOD_JSON_SCHEMA_MODULE.exec(source);
      if (!match || !source.startsWith('.')) return null;
      const real = resolvePath(dirname(importer.split('?')[0]), source);
      return `${ZOD_STAND_IN}${match[1]}:${real}`;
    },
    load(id) {
      if (!id.startsWith(ZOD_STAND_IN)) return null;
      const [name, ...rest] = id.slice(ZOD_STAND_IN.length).split(':');
      const real = rest.join(':');
      const exported = new Set<string>();
      for (const [, , ident] of readFileSync(real, 'utf8').matchAll(
        /^export (function|const) ([A-Za-z_$][\w$]*)/gm
      ))
        exported.add(ident);
      for (const [, list] of readFileSync(real, 'utf8').matchAll(/^export \{([^}]*)\}/gm))
        for (const part of list.split(',')) {
          const alias = part
            .trim()
            .split(/\s+as\s+/)
            .pop();
          if (alias) exported.add(alias);
        }
      const lines = [
        `const unavailable = () => { throw new Error('JSON Schema is not part of the browser build (vite.config.ts)'); };`
      ];
      for (const ident of exported) {
        if (name === 'json-schema-processors' && ident === 'aggregateChecks') {
          lines.push(`export { aggregateChecks } from ${JSON.stringify(real)};`);
        } else if (ident === 'allProcessors') {
          lines.push('export const allProcessors = {};');
        } else if (ident.startsWith('create')) {
          // Called when a schema's `~standard` is first read: must hand back a function.
          lines.push(`export const ${ident} = () => unavailable;`);
        } else {
          lines.push(`export const ${ident} = unavailable;`);
        }
      }
      return lines.join('\n');
    }
  };
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
    browserZodWithoutJsonSchema(),
    messageModules(),
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
        // (one module per message in this build, `scripts/message-modules.ts`) goes with the
        // code that shows it.
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
