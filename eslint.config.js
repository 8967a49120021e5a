import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What only the elements use (Lit and its packages). */
const BROWSER_ONLY = ['lit', 'lit/*', '@lit/*', '@lit-labs/*'];
/** What only the kit uses (the HTTP framework, the database, Node). */
const SERVER_ONLY = [
  'hono',
  'hono/*',
  '@hono/*',
  'drizzle-orm',
  'drizzle-orm/*',
  'postgres',
  '@electric-sql/*',
  'node:*',
];

/** Fails an import of `forbidden` (specifier patterns) in `files`, saying why. */
function boundary(files, why, forbidden) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message: `Not here: ${why}.` }] }],
    },
  };
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/', '**/dist/', 'stories/dist/', 'packages/server/src/db/migrations.gen.ts', '.crmkit/'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Hooks may return a value or nothing: `T | void` says exactly that.
      '@typescript-eslint/no-invalid-void-type': 'off',
    },
  },
  // The one-way package graph: core depends on zod alone; the elements never on the server or Node;
  // the server never on the elements' code (it serves their built files, which it finds, not imports).
  boundary('packages/core/src/**/*.ts', 'core imports only zod', ['@crmkit/*', ...BROWSER_ONLY, ...SERVER_ONLY]),
  boundary('packages/elements/src/**/*.ts', 'the elements run in any browser, against any kit over HTTP', [
    '@crmkit/server',
    '@crmkit/server/*',
    ...SERVER_ONLY,
  ]),
  boundary('packages/server/src/**/*.ts', 'the kit runs without a browser or the elements', [
    '@crmkit/elements',
    '@crmkit/elements/*',
    ...BROWSER_ONLY,
  ]),
  {
    files: ['packages/elements/**/*.ts', 'stories/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['packages/elements/**/*.ts', 'stories/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
);
