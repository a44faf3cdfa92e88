// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports a layer may not make, by folder; Dark Reader keeps its contexts apart the same way. */
const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

const NODE_AND_PLATFORM = [
  'node:*',
  'fs',
  'path',
  'crypto',
  'os',
  'http',
  'https',
  'url',
  'buffer',
];
const FRAMEWORKS = [
  'hono',
  'hono/*',
  '@hono/*',
  'better-sqlite3',
  'wxt',
  'wxt/*',
  '#imports',
  'preact',
  'preact/*',
  '@preact/*',
  'idb',
];

/** What demo/ never imports: the ledger, the widget and the extension (it shows them from outside). */
const DEMO_FORBIDDEN = [
  '**/backend/**',
  '**/widget/**',
  '**/components/**',
  '**/entrypoints/**',
  'wxt',
  'wxt/*',
  'better-sqlite3',
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.output', '.wxt', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/entrypoints/**'],
              message: 'Nothing imports from entrypoints/: they are thin WXT entry files.',
            },
          ],
        },
      ],
    },
  },
  {
    // lib/ is the platform-free consent model: only its own files, valibot and libphonenumber-js.
    files: ['lib/**/*.ts'],
    ignores: ['lib/**/*.test.ts'],
    rules: {
      ...forbid(
        ['../*', ...NODE_AND_PLATFORM, ...FRAMEWORKS, 'webextension-polyfill', 'vitest'],
        'lib/ is platform-free: import only lib/ files, valibot and libphonenumber-js (no other folders, DOM, Node, Hono or extension APIs).',
      ),
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'location',
          'localStorage',
          'sessionStorage',
          'indexedDB',
          'fetch',
          'XMLHttpRequest',
          'process',
          'Buffer',
          'require',
          '__dirname',
          'browser',
          'chrome',
          'self',
        ].map((name) => ({
          name,
          message: `lib/ is platform-free: "${name}" belongs to a runtime, not to the model.`,
        })),
      ],
    },
  },
  {
    files: ['backend/**/*.ts'],
    rules: forbid(
      [
        '**/widget/**',
        '**/components/**',
        '**/entrypoints/**',
        'wxt',
        'wxt/*',
        'preact',
        'preact/*',
        '@preact/*',
      ],
      'backend/ may import lib/ and server libraries only, never the widget or the extension.',
    ),
  },
  {
    files: ['widget/**/*.{ts,tsx}'],
    rules: forbid(
      [
        '**/backend/**',
        '**/components/**',
        '**/entrypoints/**',
        ...NODE_AND_PLATFORM,
        'hono',
        'hono/*',
        '@hono/*',
        'better-sqlite3',
        'wxt',
        'wxt/*',
      ],
      'widget/ may import lib/ and browser libraries only, never the backend or the extension.',
    ),
  },
  {
    // demo/ serves the demo shop and CRM: the widget reaches the shop through its script tag only.
    files: ['demo/**/*.{ts,tsx}'],
    rules: forbid(
      DEMO_FORBIDDEN,
      'demo/ may import lib/ and its own files only, never the ledger, the widget or the extension.',
    ),
  },
  {
    files: ['demo/shop/**/*.{ts,tsx}', 'demo/crm/**/*.{ts,tsx}'],
    ignores: ['demo/**/*.test.{ts,tsx}'],
    rules: forbid(
      [...DEMO_FORBIDDEN, ...NODE_AND_PLATFORM, 'hono', 'hono/*', '@hono/*'],
      'demo/shop/ and demo/crm/ run in the browser: no Node, Hono, ledger, widget or extension code.',
    ),
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: forbid(
      [
        '**/backend/**',
        '**/widget/**',
        '**/entrypoints/**',
        'wxt/browser',
        '#imports',
        'hono',
        'hono/*',
        'better-sqlite3',
      ],
      'components/ are pure Preact views: data comes in through props and signals, no extension APIs.',
    ),
  },
);
