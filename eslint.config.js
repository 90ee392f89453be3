import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: [
      'build/',
      '.svelte-kit/',
      'node_modules/',
      'data/',
      'test-results/',
      'playwright-report/',
      'bench/results/'
    ]
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node }
    }
  },
  {
    files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        // The service worker is outside SvelteKit's tsconfig (it has its own, webworker, globals).
        projectService: { allowDefaultProject: ['src/service-worker.ts'] },
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'no-undef': 'off'
    }
  },
  {
    // Components show state; they do not reach the network, storage or the server. They import
    // state, domain, contract, i18n and other components (and Svelte, $app); the HTTP API only
    // through the state classes and the API client the app context hands them
    // (docs/architecture.md, "How to add an admin endpoint"). Types may come from anywhere.
    files: ['src/lib/components/**/*.svelte', 'src/lib/components/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '$lib/sync/*',
                // UI glue without I/O: a textarea bound to a Y.Text, a list's offline state.
                '!$lib/sync/text-binding',
                '!$lib/sync/offline-copies.svelte'
              ],
              allowTypeImports: true,
              message: 'Components read sync through state classes ($lib/state).'
            },
            {
              group: ['$lib/api', '$lib/api/*'],
              allowTypeImports: true,
              message: 'Components reach the API through state classes ($lib/state).'
            },
            {
              group: ['$lib/server', '$lib/server/*', '**/server/*'],
              message: 'Server code never runs in a component.'
            },
            {
              group: ['zod', 'yjs', 'y-websocket', 'y-indexeddb', 'lib0', 'lib0/*'],
              allowTypeImports: true,
              message:
                'Parsing and documents belong in state, domain or contract, not in a component.'
            }
          ]
        }
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'fetch',
          message: 'Components call the API through state classes and the API client.'
        },
        {
          name: 'XMLHttpRequest',
          message: 'Components call the API through state classes and the API client.'
        }
      ]
    }
  },
  {
    // Pages compose state and components; they do not call the network themselves either.
    // The root layout is the browser's composition root: it hands `fetch` to the API client.
    files: ['src/routes/**/*.svelte'],
    ignores: ['src/routes/+layout.svelte'],
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'XMLHttpRequest',
          message: 'Pages call the API through state classes and the API client.'
        }
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='fetch']",
          message:
            'Pages call the API through state classes; only the root layout hands `fetch` to the API client.'
        }
      ]
    }
  },
  {
    files: ['*.js', '*.config.js'],
    ...ts.configs.disableTypeChecked
  }
);
