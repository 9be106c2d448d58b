import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The dev server injects CSS as <style> elements (and its error overlay uses inline styles), which the
 * Content-Security-Policy in index.html forbids; this adds 'unsafe-inline' to style-src for `vite` (serve)
 * only. Builds keep the policy exactly as written in index.html.
 */
function relaxStylePolicyForDevServer(): Plugin {
  return {
    name: 'tagbook:relax-style-policy-for-dev-server',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/(http-equiv="Content-Security-Policy"[^>]*?style-src 'self')/, "$1 'unsafe-inline'");
    },
  };
}

/**
 * `write-excel-file` zips a workbook with fflate's `zip`, which deflates every file over 160 kB in a
 * Worker started from a `blob:` URL; the CSP (`worker-src 'self'`) blocks that, so its `fflate`
 * import is pointed at src/ui/export/fflate-without-workers.ts, whose `zip` compresses in place.
 */
function zipXlsxWithoutBlobWorkers(): Plugin {
  const shim = fileURLToPath(new URL('./src/ui/export/fflate-without-workers.ts', import.meta.url));
  return {
    name: 'tagbook:zip-xlsx-without-blob-workers',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'fflate' && importer && /[\\/]node_modules[\\/]write-excel-file[\\/]/.test(importer)) return shim;
      return null;
    },
  };
}

export default defineConfig({
  plugins: [svelte(), relaxStylePolicyForDevServer(), zipXlsxWithoutBlobWorkers()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  optimizeDeps: {
    // sql.js ships a UMD bundle: the dev server must pre-bundle it into ESM for `import initSqlJs from 'sql.js'`.
    // The dependency scan does not follow the worker entry, so its dependencies are listed here; otherwise
    // the first `npm run dev` finds them late and reloads the page.
    include: ['sql.js', 'arquero', 'papaparse', 'read-excel-file/universal', 'fflate'],
    // Not pre-bundled, so that zipXlsxWithoutBlobWorkers sees its `fflate` import in `vite` (serve) too.
    exclude: ['write-excel-file'],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
