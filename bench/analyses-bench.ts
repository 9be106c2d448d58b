/**
 * Issue #9's speed figures (`npm run bench -- --only=analyses`): on 1M order lines with 5,000
 * products (bench/analyses-data.ts), in headless Chromium, the app's data worker runs a backtest of
 * a recency tag, cross-sell pairs and the replenishment cycle (each timed from the request to the
 * answer, the customer table's purchase lines built inside), beside DuckDB-wasm running the
 * equivalent SQL on the same file in the same page (its query alone, the load apart). Runs
 * alternate; medians are printed with the ratio, the targets (≤ 3 s, ≤ 5 s, ≤ 3 s), and whether the
 * two agree on the figures checked.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { writeOrderLines } from './analyses-data.ts';
import { CHROMIUM_ARGS, CSV_PATH, DIST_DIR, serve } from './browser-bench.ts';
import type { AnalysesCheck, AnalysesRun, DuckdbAnalysesRun } from './browser/bench-page-api.ts';

const here = dirname(fileURLToPath(import.meta.url));
const TARGETS = { backtestMs: 3000, crossSellMs: 5000, replenishmentMs: 3000 };

export async function runAnalysesBench({ runs }: { runs: number }): Promise<void> {
  const csvFile = join(here, '.data', 'order-lines-1000000.csv');
  await writeOrderLines(csvFile);
  const loadBefore = loadavg()[0];
  await build({ configFile: join(here, 'browser', 'vite.config.ts'), logLevel: 'warn' });
  const server = await serve(DIST_DIR, csvFile);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const userDataDir = await mkdtemp(join(tmpdir(), 'tagbook-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, timezoneId: 'Asia/Shanghai' });
  const problems: string[] = [];
  try {
    const onFreshPage = async <T>(run: (page: import('playwright-core').Page) => Promise<T>): Promise<T> => {
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('request', (request) => {
        if (!request.url().startsWith(origin) && !/^(data|blob):/.test(request.url())) problems.push(`request to another origin: ${request.url()}`);
      });
      try {
        await page.goto(`${origin}/index.html`);
        await page.waitForFunction(() => window.__bench !== undefined);
        return await run(page);
      } finally {
        await page.close();
      }
    };
    const ours: AnalysesRun[] = [];
    const theirs: DuckdbAnalysesRun[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await onFreshPage((page) => page.evaluate((url) => window.__bench!.runAnalyses(url), CSV_PATH));
      ours.push(run);
      theirs.push(await onFreshPage((page) => page.evaluate(([url, day]) => window.__bench!.runDuckdbAnalyses(url, day), [CSV_PATH, run.cutoffDay] as const)));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`Analyses (issue #9): 1,000,000 order lines, 5,000 products, median of ${runs} runs each, load average ${loadBefore.toFixed(2)} before`);
    console.log(`  import ${s(median(ours.map((r) => r.importMs)))}, customer table ${s(median(ours.map((r) => r.customerTableMs)))} (not in the figures below); DuckDB-wasm load ${s(median(theirs.map((r) => r.loadMs)))}`);
    for (const [key, label] of [['backtestMs', 'backtest of one tag'], ['crossSellMs', 'cross-sell pairs'], ['replenishmentMs', 'replenishment cycle']] as const) {
      const mine = median(ours.map((r) => r[key]));
      const reference = median(theirs.map((r) => r[key]));
      console.log(
        `  ${label.padEnd(22)} Tagbook ${s(mine)}   DuckDB-wasm SQL ${s(reference)}   ${(mine / reference).toFixed(2)}×   target ≤ ${s(TARGETS[key])}: ${mine <= TARGETS[key] ? 'target met' : 'target missed'}`,
      );
    }
    const differences = compare(ours[0].check, theirs[0].check);
    console.log(`  check: ${differences.length === 0 ? 'Tagbook equals DuckDB-wasm (backtest segments, top pairs, top cycles)' : `MISMATCH ${differences.slice(0, 8).join('; ')}`}`);
    if (problems.length) console.log(`  problems: ${problems.join('; ')}`);
    if (differences.length || problems.length) process.exitCode = 1;
  } finally {
    await context.close();
    server.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

/** The figures both sides report, compared where both list the same key. */
function compare(ours: AnalysesCheck, theirs: AnalysesCheck): string[] {
  const out: string[] = [];
  for (const [seg, counts] of Object.entries(theirs.backtest)) if (JSON.stringify(ours.backtest[seg]) !== JSON.stringify(counts)) out.push(`backtest segment ${seg}: ${JSON.stringify(ours.backtest[seg])} vs ${JSON.stringify(counts)}`);
  const pairs = Object.keys(ours.pairs).filter((k) => k in theirs.pairs);
  if (pairs.length < 15) out.push(`only ${pairs.length} of the top pairs in common`);
  for (const key of pairs) if (ours.pairs[key] !== theirs.pairs[key]) out.push(`pair ${key}: ${ours.pairs[key]} vs ${theirs.pairs[key]}`);
  const cycles = Object.keys(ours.cycles).filter((k) => k in theirs.cycles);
  if (cycles.length < 40) out.push(`only ${cycles.length} of the top cycles in common`);
  for (const key of cycles) if (JSON.stringify(ours.cycles[key]) !== JSON.stringify(theirs.cycles[key])) out.push(`cycle ${key}: ${JSON.stringify(ours.cycles[key])} vs ${JSON.stringify(theirs.cycles[key])}`);
  return out;
}
