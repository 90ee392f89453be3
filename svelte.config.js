import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    serviceWorker: { register: false },
    csrf: { trustedOrigins: [] },
    typescript: {
      // One type-checked project for the app, the Node server, tests and benchmarks.
      config(tsconfig) {
        tsconfig.include.push('../server/**/*.ts', '../bench/**/*.ts', '../playwright.config.ts');
      }
    }
  }
};

export default config;
