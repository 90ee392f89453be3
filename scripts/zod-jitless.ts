/**
 * In the client build, `import … from 'zod'` resolves to `src/lib/zod-jitless.ts`, which
 * turns zod's compiled parsers off before anything can build a schema (why: that file). The
 * server keeps zod as it is: it allows eval, and its parsers are faster compiled.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export const ZOD_JITLESS = fileURLToPath(new URL('../src/lib/zod-jitless.ts', import.meta.url));

export function zodJitless(): Plugin {
  return {
    name: 'baton:zod-jitless',
    enforce: 'pre',
    resolveId(source, importer, options) {
      if (source !== 'zod' || options.ssr || importer === ZOD_JITLESS) return null;
      return ZOD_JITLESS;
    }
  };
}
