import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    serviceWorker: { register: false },
    csrf: { trustedOrigins: [] },
    // SvelteKit bootstraps with an inline script: 'auto' adds a nonce (or a hash when
    // prerendered) for it. Styles stay 'unsafe-inline' for Svelte transitions.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        'manifest-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none']
      }
    },
    typescript: {
      // One type-checked project for the app, the Node server, tests and benchmarks.
      config(tsconfig) {
        tsconfig.include.push(
          '../server/**/*.ts',
          '../bench/**/*.ts',
          '../scripts/**/*.ts',
          '../playwright.config.ts'
        );
      }
    }
  }
};

export default config;
