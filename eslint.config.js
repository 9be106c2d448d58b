import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'bench/.data/', '.scratch/', 'test-results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    // The engine runs in Node and in the worker: no DOM, no Svelte, no UI imports.
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['svelte', 'svelte/*', 'vega-embed', '**/ui/**', '**/worker/**'], message: 'src/engine is pure TypeScript: no UI, Svelte or worker imports.' },
          { group: ['node:*', 'fs', 'path'], message: 'src/engine runs in the browser too: pass data in instead of reading files.' },
        ],
      }],
    },
  },
);
