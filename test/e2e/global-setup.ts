/**
 * Builds the app into dist/ with the project's Vite config, serves it with `vite preview` on a
 * free port of 127.0.0.1, and hands the URL to the browser tests. Fails loudly when Chromium is
 * missing: the browser tests never skip silently.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built app is served, e.g. `http://127.0.0.1:41234/` (with a trailing slash). */
    baseUrl: string;
    /** The absolute path of the built app. */
    distDir: string;
    /** The Chromium executable the tests drive. */
    chromiumPath: string;
  }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const configFile = resolve(root, 'vite.config.ts');
const distDir = resolve(root, 'dist');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) {
    throw new Error(
      'Chromium is required for the browser tests: install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH',
    );
  }

  await buildForProduction();
  const port = await findFreePort();
  const server = await preview({
    root,
    configFile,
    logLevel: 'warn',
    build: { outDir: distDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });

  project.provide('baseUrl', `http://127.0.0.1:${port}/`);
  project.provide('distDir', distDir);
  project.provide('chromiumPath', chromiumPath);

  return async () => {
    await server.close();
  };
}

/**
 * Vitest sets NODE_ENV=test, and Vite (with the Svelte plugin) would then build in development
 * mode; the tests must see what users get, so the build runs with NODE_ENV=production.
 */
async function buildForProduction(): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, configFile, mode: 'production', logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** Returns a TCP port that was free a moment ago on 127.0.0.1. */
function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}
