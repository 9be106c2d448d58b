/**
 * The built app in headless Chromium, shared by the benches that drive the real UI
 * (slider-paint-bench.ts, chart-bench.ts): a production Vite build into bench/.data/app-dist (built
 * once per process), served by `vite preview`, a fresh Chromium profile, and the steps a user takes
 * to get from a CSV to a customer table with a cut tag — each through the page's accessible names.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { build, preview } from 'vite';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH_DIR, '..');
const DIST_DIR = join(BENCH_DIR, '.data', 'app-dist');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export interface AppSession {
  page: Page;
  context: BrowserContext;
  /** The page's errors and console errors, as they came. */
  problems: string[];
  /** Chromium's version. */
  version: string;
  close(): Promise<void>;
}

let built: Promise<void> | null = null;

/** Builds the app (once per process), serves it and opens it in a fresh headless Chromium; `initScript` runs in the page before the app. */
export async function openApp({ profilePrefix, initScript }: { profilePrefix: string; initScript?: string }): Promise<AppSession> {
  built ??= build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir: DIST_DIR, emptyOutDir: true, chunkSizeWarningLimit: 100_000, minify: process.env.TAGBOOK_BENCH_MINIFY !== '0' } }).then(() => undefined);
  await built;
  const server = await preview({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST_DIR }, preview: { host: '127.0.0.1', port: 0, open: false } });
  const address = server.httpServer.address() as AddressInfo;
  const userDataDir = await mkdtemp(join(tmpdir(), profilePrefix));
  const closeServer = () => new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1360, height: 900 },
      timezoneId: 'Asia/Shanghai',
      locale: 'en-US',
    });
  } catch (error) {
    await closeServer();
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const problems: string[] = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  // tsx compiles the benches with esbuild's keepNames, which wraps named functions in a `__name`
  // helper that exists only in Node; the page gets a stand-in so functions passed to evaluate run there.
  await page.addInitScript('window.__name = (fn) => fn');
  if (initScript) await page.addInitScript(initScript);
  await page.goto(`http://127.0.0.1:${address.port}/`);
  return {
    page,
    context,
    problems,
    version: context.browser()?.version() ?? '',
    async close() {
      await context.close();
      await closeServer();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Imports `csvFile` as `table` through the file picker; returns once the table's grid shows. */
export async function importCsv(page: Page, csvFile: string, table: string): Promise<Locator> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a CSV or Excel file' }).click();
  await (await chooser).setFiles(csvFile);
  await page.getByLabel('Table name').fill(table);
  await page.getByRole('button', { name: 'Load table' }).click();
  const grid = page.getByRole('grid', { name: `Rows of ${table}` });
  await grid.waitFor({ timeout: 120_000 });
  return grid;
}

/** Adds a "+ Customer table" cell over the orders table and waits for it; returns its cell and the customer table's name. */
export async function addCustomerTable(page: Page, ordersTable: string): Promise<{ cell: Locator; name: string }> {
  const tools = page.getByRole('toolbar', { name: 'Notebook tools' });
  await tools.getByRole('button', { name: '+ Customer table' }).click();
  const cell = page.getByRole('article', { name: /^Customers cell / }).last();
  await cell.getByRole('combobox', { name: 'Orders', exact: true }).selectOption(ordersTable);
  await cell.getByText(/^[\d,]+ customers · [\d,]+ of [\d,]+ order rows used/).waitFor({ timeout: 120_000 });
  const name = ((await cell.getAttribute('aria-label')) ?? '').replace(/^Customers cell /, '');
  return { cell, name };
}

/** A cut tag's definition, as the tag cell's "Edit as definition" takes it. */
export interface CutDefinition {
  kind: 'cut';
  name: string;
  metric: string;
  thresholds: number[];
  segments: { label: string }[];
}

/** Adds a "+ Tag" cell over `customerTable` with `definition`; returns the tag cell once its segment table shows. */
export async function addCutTag(page: Page, customerTable: string, definition: CutDefinition): Promise<Locator> {
  const tools = page.getByRole('toolbar', { name: 'Notebook tools' });
  const tagCells = page.getByRole('article', { name: /^Tag cell / });
  const before = await tagCells.count();
  await tools.getByRole('button', { name: '+ Tag' }).click();
  await tagCells.nth(before).waitFor();
  const newTag = page.getByRole('article', { name: (await tagCells.nth(before).getAttribute('aria-label')) ?? '', exact: true });
  await newTag.getByRole('combobox', { name: 'Customer table' }).selectOption(customerTable);
  await newTag.getByText('Edit as definition').click();
  await newTag.getByRole('textbox', { name: /^Definition of / }).fill(JSON.stringify(definition));
  await newTag.getByRole('button', { name: 'Apply definition' }).click();
  const cell = page.getByRole('article', { name: `Tag cell ${definition.name}` });
  await cell.getByRole('table', { name: `Segments of ${definition.name}` }).waitFor({ timeout: 120_000 });
  await cell.getByText(new RegExp(`customers in ${definition.segments.length} segments`)).waitFor({ timeout: 60_000 });
  return cell;
}

/**
 * Waits until SQLite has finished its background fills (the orders, the customer table, its tag
 * columns), as it has when a user gets to a slider, then `quietMs` more, so measuring starts from an idle app.
 */
export async function waitForIdle(page: Page, quietMs = 3000): Promise<void> {
  await page.waitForFunction(() => !/SQLite: [\d,]+ \/ [\d,]+ rows/.test(document.body.innerText), undefined, { timeout: 120_000 });
  await page.waitForTimeout(quietMs);
}

/** Saves a full-page screenshot next to the data (best effort), for a setup that failed. */
export async function screenshotFailure(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(BENCH_DIR, '.data', name), fullPage: true }).catch(() => undefined);
}

/** The `q` quantile of `values` (nearest rank; NaN for none). */
export function quantile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
