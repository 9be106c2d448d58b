import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The in-browser bench page (bench/browser-bench.ts builds it with the Vite JS API). It is its own
 * entry outside the app: it imports the app's worker client directly, so no Svelte plugin is needed.
 * The output lives under bench/.data/, which git and ESLint already ignore.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    outDir: fileURLToPath(new URL('../.data/browser-dist', import.meta.url)),
    emptyOutDir: true,
    // The DuckDB-wasm and sql.js binaries are big by nature; their size is not what this page measures.
    chunkSizeWarningLimit: 100_000,
  },
});
