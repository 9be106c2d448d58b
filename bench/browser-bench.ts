/**
 * The browser section of `npm run bench`: the app's real import path (bench/browser/main.ts drives
 * src/worker/client.ts) against DuckDB-wasm, in the same headless Chromium and the same run.
 *
 * Builds the bench page with the Vite JS API into bench/.data/browser-dist (ignored by git and
 * ESLint like the data), serves it and the CSV from a loopback static server, and calls the page's
 * `window.__bench` one run at a time. Around each run it resets and then reads the kernel's
 * resident-memory high-water mark (VmHWM, via /proc/<pid>/clear_refs) of Chromium's renderer
 * processes, where the page and its dedicated workers live; Linux only (taken before the customer
 * table, so they are the import's).
 *
 * After the import, each run also times the customer table (issue #4): Tagbook's
 * `buildCustomerTable` on the imported table (first and warm build) against DuckDB-wasm's equivalent
 * GROUP BY on its loaded table, and checks both give the same customers and total revenue.
 *
 * Then issue #5 (a), CSV to segments, in runs of their own (Tagbook and DuckDB-wasm alternating):
 * the page's `runSegments` goes from startImport through typed columns, `buildCustomerTable` and
 * `evaluateTags` (an rfm tag with seven rule segments, a recency cut tag) to the segment tables
 * rendered and painted, without waiting for SQLite; `runDuckdbSegments` does the same in SQL from
 * instantiate on. Both must give the same customers and revenue per segment for both tags. Memory
 * is read at the paint and again once SQLite has filled in the background.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import type { CheckResult, CustomerCheck, DuckdbRun, DuckdbSegmentsRun, SegmentRow, SegmentsRun, TagbookRun } from './browser/bench-page-api.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST_DIR = join(here, '.data', 'browser-dist');
export const CSV_PATH = '/data/orders.csv';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const MEMORY_SAMPLE_MS = 100;
const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
};

/** Targets from the import issue; a miss is printed, never an exit code (speed is measured, not asserted). */
const TARGET = { typedMs: 1600, typedOverDuckdb: 0.8, sqliteMs: 4000, longTaskMs: 50, memoryOverFile: 8 };
/** The customer table's target from issue #4: built from the 1M-order file's typed columns in ≤ 0.4 s. */
const CUSTOMER_TABLE_TARGET_MS = 400;

export interface BrowserBenchOptions {
  csvFile: string;
  label: string;
  runs: number;
}

/**
 * Builds the page, runs the browser bench on `csvFile` and prints its figures. Sets a non-zero exit
 * code only when the check queries (the import's or the customer table's) disagree or the page
 * failed (an error, a request to another origin).
 */
export async function runBrowserBench({ csvFile, label, runs }: BrowserBenchOptions): Promise<void> {
  const fileBytes = statSync(csvFile).size;
  // The machine may be shared: the load before the bench says how far to trust its figures.
  const loadBefore = loadavg()[0];
  await build({ configFile: join(here, 'browser', 'vite.config.ts'), logLevel: 'warn' });
  const server = await serve(DIST_DIR, csvFile);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A fresh profile, whose path also identifies the browser process (Playwright's Browser has no pid).
  const userDataDir = await mkdtemp(join(tmpdir(), 'tagbook-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    timezoneId: 'Asia/Shanghai',
    locale: 'en-US',
  });
  try {
    const browserPid = findBrowserProcess(userDataDir);
    const problems: string[] = [];
    /**
     * Runs `run` on a fresh bench page: a new tab gets its own renderer process, so each run's
     * memory starts from an idle page and not from what the previous run left behind.
     */
    const onFreshPage = async <T>(run: (page: Page) => Promise<T>): Promise<{ result: T; memory: RendererMemory }> => {
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      page.on('request', (request) => {
        if (!request.url().startsWith(origin) && !/^(data|blob):/.test(request.url())) problems.push(`request to another origin: ${request.url()}`);
      });
      try {
        await page.goto(`${origin}/index.html`);
        await page.waitForFunction(() => window.__bench !== undefined);
        const watch = watchRendererMemory(browserPid);
        await page.exposeFunction('__benchMark', (moment: 'typed' | 'loaded' | 'painted') =>
          moment === 'typed' ? watch.markTyped() : moment === 'painted' ? watch.markPainted() : watch.markLoaded(),
        );
        try {
          return { result: await run(page), memory: watch.stop() };
        } catch (error) {
          watch.stop();
          throw error;
        }
      } finally {
        await page.close();
      }
    };
    const tagbook: { result: TagbookRun; memory: RendererMemory }[] = [];
    for (let i = 0; i < runs; i++) tagbook.push(await onFreshPage((page) => page.evaluate((url) => window.__bench!.runTagbook(url), CSV_PATH)));
    const duck: { result: DuckdbRun; memory: RendererMemory }[] = [];
    for (let i = 0; i < runs; i++) duck.push(await onFreshPage((page) => page.evaluate((url) => window.__bench!.runDuckdb(url), CSV_PATH)));

    printFigures({ label, fileBytes, runs, loadBefore, version: context.browser()?.version() ?? '', tagbook, duck, problems });

    // Issue #5 (a): CSV to segments, Tagbook and DuckDB-wasm runs interleaved so both see the same machine.
    const segments: { result: SegmentsRun; memory: RendererMemory }[] = [];
    const duckSegments: { result: DuckdbSegmentsRun; memory: RendererMemory }[] = [];
    const segmentProblems = problems.length;
    for (let i = 0; i < runs; i++) {
      segments.push(await onFreshPage((page) => page.evaluate((url) => window.__bench!.runSegments(url), CSV_PATH)));
      duckSegments.push(await onFreshPage((page) => page.evaluate((url) => window.__bench!.runDuckdbSegments(url), CSV_PATH)));
    }
    printSegmentFigures({ fileBytes, runs, segments, duckSegments, problems: problems.slice(segmentProblems) });
  } finally {
    await context.close();
    server.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

interface RendererMemory {
  /** The highest VmHWM among the renderers at the end of the run: the page's renderer, its workers included. */
  peakBytes: number;
  /** That renderer's RSS before the run, with the bench page loaded and idle. */
  baselineBytes: number;
  /** The highest renderer VmHWM when the page reported typed columns ready (0 for DuckDB-wasm runs). */
  typedPeakBytes: number;
  /** The highest renderer VmRSS seen by sampling every MEMORY_SAMPLE_MS, as a cross-check of the kernel's mark. */
  sampledPeakBytes: number;
  /** (a): the highest renderer VmHWM when the page reported the segment tables painted (0 when it did not). */
  paintedPeakBytes: number;
}

/**
 * Resets the renderers' high-water marks, samples their RSS until `stop()`, which returns the peaks.
 * `markLoaded()` (the page's import figures are done; the customer table comes next) takes the
 * peaks then, and `stop()` returns those, so the memory figures stay the import's. `markPainted()`
 * ((a)'s segment tables are on screen) keeps the high-water mark then, beside the run's final peaks.
 */
function watchRendererMemory(browserPid: number): { markTyped(): void; markLoaded(): void; markPainted(): void; stop(): RendererMemory } {
  const baselines = new Map<number, number>();
  for (const pid of findRenderers(browserPid)) {
    // "5" resets the peak RSS to the current RSS (proc(5), /proc/pid/clear_refs).
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    baselines.set(pid, readStatusKb(pid, 'VmRSS') * 1024);
  }
  let sampledPeakBytes = 0;
  // Only the renderers known at the start are sampled (the page's renderer exists by then, and its
  // workers are threads in it), so sampling reads a few small files instead of walking /proc.
  const sample = () => {
    for (const pid of baselines.keys()) sampledPeakBytes = Math.max(sampledPeakBytes, readStatusKb(pid, 'VmRSS') * 1024);
  };
  const timer = setInterval(sample, MEMORY_SAMPLE_MS);
  const highestMark = () => Math.max(0, ...[...baselines.keys()].map((pid) => readStatusKb(pid, 'VmHWM') * 1024));
  let typedPeakBytes = 0;
  let paintedPeakBytes = 0;
  let loaded: RendererMemory | null = null;
  const peaks = (): RendererMemory => {
    clearInterval(timer);
    sample();
    let peak = { pid: 0, bytes: 0 };
    for (const pid of findRenderers(browserPid)) {
      const bytes = readStatusKb(pid, 'VmHWM') * 1024;
      if (bytes > peak.bytes) peak = { pid, bytes };
    }
    return { baselineBytes: baselines.get(peak.pid) ?? 0, peakBytes: peak.bytes, typedPeakBytes, sampledPeakBytes, paintedPeakBytes };
  };
  return {
    markTyped() {
      typedPeakBytes = highestMark();
    },
    markLoaded() {
      loaded = peaks();
    },
    markPainted() {
      paintedPeakBytes = highestMark();
    },
    stop() {
      return loaded ?? peaks();
    },
  };
}

/** Returns the pid of the Chromium browser process using `userDataDir` (the one without a `--type=`). */
function findBrowserProcess(userDataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = readProc(`/proc/${entry}/cmdline`).split('\0');
    if (args.includes(`--user-data-dir=${userDataDir}`) && !args.some((arg) => arg.startsWith('--type='))) return Number(entry);
  }
  throw new Error(`No Chromium process found for ${userDataDir}`);
}

/** Returns the pids of the renderer processes below `rootPid` (Chromium forks them from its zygote). */
function findRenderers(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(`/proc/${entry}/stat`);
    // The command name in field 2 may hold spaces and parentheses: fields are counted after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)!.push(Number(entry));
  }
  const renderers: number[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop()!;
    for (const child of children.get(pid) ?? []) {
      queue.push(child);
      // Zygote children rewrite their command line into one space-separated string.
      if (/(^|[\s\0])--type=renderer([\s\0]|$)/.test(readProc(`/proc/${child}/cmdline`))) renderers.push(child);
    }
  }
  return renderers;
}

/** Reads a /proc file, or '' when the process has gone meanwhile. */
function readProc(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readProc(`/proc/${pid}/status`));
  return match ? Number(match[1]) : 0;
}

/** Serves `root` and the CSV at CSV_PATH on a free loopback port. */
export async function serve(root: string, csvFile: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = path === CSV_PATH ? csvFile : resolve(root, `.${path === '/' ? '/index.html' : path}`);
    if ((file !== csvFile && !file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

interface Figures {
  label: string;
  fileBytes: number;
  runs: number;
  loadBefore: number;
  version: string;
  tagbook: { result: TagbookRun; memory: RendererMemory }[];
  duck: { result: DuckdbRun; memory: RendererMemory }[];
  problems: string[];
}

function printFigures({ label, fileBytes, runs, loadBefore, version, tagbook, duck, problems }: Figures): void {
  // The median run of each figure, as in the Node section; memory and long tasks are the worst run's.
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');

  const typedMs = median(tagbook.map((r) => r.result.typedMs));
  const sqliteMs = median(tagbook.map((r) => r.result.sqliteMs));
  const startupMs = median(tagbook.map((r) => r.result.startupMs));
  const duckStartupMs = median(duck.map((r) => r.result.startupMs));
  const duckLoadMs = median(duck.map((r) => r.result.loadMs));
  const duckTotalMs = median(duck.map((r) => r.result.totalMs));
  const longest = tagbook.reduce((a, b) => (b.result.longestTaskMs > a.result.longestTaskMs ? b : a)).result;
  const longTasks = Math.max(...tagbook.map((r) => r.result.longTasksOver50Ms));
  const peak = tagbook.reduce((a, b) => (b.memory.peakBytes - b.memory.baselineBytes > a.memory.peakBytes - a.memory.baselineBytes ? b : a)).memory;
  const above = peak.peakBytes - peak.baselineBytes;
  const duckAbove = Math.max(...duck.map((r) => r.memory.peakBytes - r.memory.baselineBytes));
  const sampled = Math.max(...tagbook.map((r) => r.memory.sampledPeakBytes));
  const overDuck = typedMs / duckTotalMs;

  console.log(
    `Browser import bench: Chromium ${version} headless, ${label} ${(fileBytes / 1e6).toFixed(1)} MB, median of ${runs} runs ` +
      `(load average ${loadBefore.toFixed(1)} before, ${availableParallelism()} cores)`,
  );
  console.log(`  DuckDB-wasm (reference, ${duck[0].result.bundle} bundle) start-up ${s(duckStartupMs)}, load ${s(duckLoadMs)}, total ${s(duckTotalMs)}`);
  console.log(`  Tagbook workers started        ${s(startupMs)}   (before Load, as the app starts them at page load; not in the figures below)`);
  console.log(
    `  typed columns ready            ${s(typedMs)}   ${overDuck.toFixed(2)}× DuckDB-wasm total, ${(typedMs / duckLoadMs).toFixed(2)}× its load alone   ` +
      `(target ≤ ${s(TARGET.typedMs)} and ≤ ${TARGET.typedOverDuckdb}× DuckDB-wasm) ${verdict(typedMs <= TARGET.typedMs && overDuck <= TARGET.typedOverDuckdb)}`,
  );
  console.log(`  SQLite queryable               ${s(sqliteMs)}   ${(sqliteMs / duckTotalMs).toFixed(2)}× DuckDB-wasm total   (target ≤ ${s(TARGET.sqliteMs)}) ${verdict(sqliteMs <= TARGET.sqliteMs)}`);
  console.log(
    `  main-thread long tasks         ${longest.longestTaskMs ? `longest ${longest.longestTaskMs.toFixed(0)} ms (at +${s(Math.max(0, longest.longestTaskAtMs))})` : 'none ≥ 50 ms'}, ${longTasks} over 50 ms (worst run)   ` +
      `(target: none over ${TARGET.longTaskMs} ms during import) ${verdict(longTasks === 0)}`,
  );
  console.log(
    `  peak renderer memory           ${mb(peak.peakBytes)} VmHWM = ${(peak.peakBytes / fileBytes).toFixed(1)}× the file; ${mb(above)} above the idle page = ${(above / fileBytes).toFixed(1)}× ` +
      `(target ≤ ${TARGET.memoryOverFile}×) ${verdict(above / fileBytes <= TARGET.memoryOverFile)}`,
  );
  console.log(
    `                                 [${mb(peak.typedPeakBytes - peak.baselineBytes)} above idle by typed columns ready = ${((peak.typedPeakBytes - peak.baselineBytes) / fileBytes).toFixed(1)}×; ` +
      `sampled ${mb(sampled)} VmRSS; DuckDB-wasm ${mb(duckAbove)} above idle = ${(duckAbove / fileBytes).toFixed(1)}×]`,
  );
  const checks = [...tagbook.map((r) => r.result.check), ...duck.map((r) => r.result.check)];
  const agree = checks.every((c) => sameCheck(c, checks[0]));
  console.log(
    `  check query                    ${checks[0].rows.toLocaleString('en')} rows, sum(paid_amount) ${checks[0].paidSum.toFixed(2)}: ` +
      (agree ? 'Tagbook equals DuckDB-wasm' : `MISMATCH ${JSON.stringify(checks)}`),
  );

  const customerMs = median(tagbook.map((r) => r.result.customerTableMs));
  const customerWarmMs = median(tagbook.map((r) => r.result.customerTableWarmMs));
  const groupByMs = median(duck.map((r) => r.result.groupByMs));
  console.log(
    `  customer table                 ${s(customerMs)}   (warm ${s(customerWarmMs)})   ${(customerMs / groupByMs).toFixed(2)}× DuckDB-wasm GROUP BY ${s(groupByMs)}   ` +
      `(target ≤ ${s(CUSTOMER_TABLE_TARGET_MS)}) ${verdict(customerMs <= CUSTOMER_TABLE_TARGET_MS)}`,
  );
  const customerChecks = [...tagbook.map((r) => r.result.customerCheck), ...duck.map((r) => r.result.customerCheck)];
  const customersAgree = customerChecks.every((c) => sameCustomers(c, customerChecks[0]));
  console.log(
    `  customer table check           ${customerChecks[0].customers.toLocaleString('en')} customers, sum(revenue) ${customerChecks[0].revenueSum.toFixed(2)}: ` +
      (customersAgree ? 'Tagbook equals DuckDB-wasm' : `MISMATCH ${JSON.stringify(customerChecks)}`),
  );
  for (const problem of problems) console.log(`  ! ${problem}`);
  console.log('');
  if (!agree || !customersAgree || problems.length) process.exitCode = 1;
}

/** Customer counts equal; revenue totals equal within 0.01 (float sums in a different order). */
function sameCustomers(a: CustomerCheck, b: CustomerCheck): boolean {
  return a.customers === b.customers && Math.abs(a.revenueSum - b.revenueSum) <= 0.01;
}

/** Row counts equal; money sums equal to the cent (float sums in a different order differ in the last bits). */
function sameCheck(a: CheckResult, b: CheckResult): boolean {
  return a.rows === b.rows && Math.abs(a.paidSum - b.paidSum) < 0.005;
}

/** Issue #5 (a)'s targets: ≤ 1.6 s and ahead of DuckDB-wasm run beside it; stretch ≤ 1.3 s (3× DuckDB native); memory ≤ 8× the CSV. */
const SEGMENTS_TARGET = { ms: 1600, stretchMs: 1300, memoryOverFile: 8 };

interface SegmentFigures {
  fileBytes: number;
  runs: number;
  segments: { result: SegmentsRun; memory: RendererMemory }[];
  duckSegments: { result: DuckdbSegmentsRun; memory: RendererMemory }[];
  problems: string[];
}

/**
 * Prints (a), CSV to segments. Checks that every run of both engines gives the same customers per
 * segment and revenue per segment (to the cent) for both tags; sets a non-zero exit code when not.
 */
function printSegmentFigures({ fileBytes, runs, segments, duckSegments, problems }: SegmentFigures): void {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  const ours = (key: keyof Omit<SegmentsRun, 'segments'>) => median(segments.map((r) => r.result[key]));
  const theirs = (key: keyof Omit<DuckdbSegmentsRun, 'segments'>) => median(duckSegments.map((r) => r.result[key]));
  const totalMs = ours('totalMs');
  const duckMs = theirs('totalMs');
  const ratio = totalMs / duckMs;
  const met = totalMs <= SEGMENTS_TARGET.ms && ratio < 1;
  const above = (m: RendererMemory, bytes: number) => (bytes ? bytes - m.baselineBytes : 0);
  const paintedAbove = Math.max(...segments.map((r) => above(r.memory, r.memory.paintedPeakBytes)));
  const finalAbove = Math.max(...segments.map((r) => above(r.memory, r.memory.peakBytes)));
  const duckAbove = Math.max(...duckSegments.map((r) => above(r.memory, r.memory.peakBytes)));

  console.log(`CSV to segments (issue #5 (a)): startImport → typed columns → customer table → rfm + cut tags → segment tables painted, median of ${runs} runs`);
  console.log(
    `  DuckDB-wasm (reference)        ${s(duckMs)}   [start-up ${s(theirs('startupMs'))}, read_csv ${s(theirs('loadMs'))}, GROUP BY ${s(theirs('groupByMs'))}, ` +
      `segments SQL ${s(theirs('segmentsMs'))}; without start-up ${s(duckMs - theirs('startupMs'))}]`,
  );
  console.log(
    `  Tagbook                        ${s(totalMs)}   ${ratio.toFixed(2)}× DuckDB-wasm   [typed columns ${s(ours('typedMs'))}, customer table ${s(ours('customerTableMs'))}, ` +
      `tags ${s(ours('tagsMs'))}, render + paint ${s(ours('paintMs'))}]`,
  );
  console.log(
    `  target ≤ ${s(SEGMENTS_TARGET.ms)} and ahead of DuckDB-wasm: ${met ? 'target met' : 'target missed'}; ` +
      `stretch ≤ ${s(SEGMENTS_TARGET.stretchMs)}: ${totalMs <= SEGMENTS_TARGET.stretchMs ? 'met' : 'missed'}`,
  );
  console.log(
    `  peak renderer memory           ${mb(paintedAbove)} above the idle page at segments painted = ${(paintedAbove / fileBytes).toFixed(1)}× the CSV; ` +
      `${mb(finalAbove)} = ${(finalAbove / fileBytes).toFixed(1)}× once SQLite has filled in the background (at +${s(ours('sqliteFilledMs'))}) ` +
      `(target ≤ ${SEGMENTS_TARGET.memoryOverFile}×: ${finalAbove / fileBytes <= SEGMENTS_TARGET.memoryOverFile ? 'target met' : 'target missed'}; DuckDB-wasm ${(duckAbove / fileBytes).toFixed(1)}×)`,
  );
  const all = [...segments.map((r) => r.result.segments), ...duckSegments.map((r) => r.result.segments)];
  const mismatches: string[] = [];
  for (const tag of Object.keys(all[0])) {
    const first = all[0][tag];
    const differs = all.some((run) => !sameSegments(run[tag], first));
    const customers = first.reduce((sum, row) => sum + row.count, 0);
    const counts = first.map((row) => `${row.label} ${row.count.toLocaleString('en')}`).join(', ');
    if (differs) mismatches.push(tag);
    console.log(
      `  ${tag} check: ${customers.toLocaleString('en')} customers (${counts}): ` +
        (differs ? `MISMATCH ${JSON.stringify(all.map((run) => run[tag]))}` : 'Tagbook equals DuckDB-wasm, counts and revenue per segment'),
    );
  }
  for (const problem of problems) console.log(`  ! ${problem}`);
  console.log('');
  if (mismatches.length || problems.length) process.exitCode = 1;
}

/** Same labels and counts, revenue within a cent per segment (float sums in another order). */
function sameSegments(a: SegmentRow[] | undefined, b: SegmentRow[]): boolean {
  if (!a || a.length !== b.length) return false;
  return a.every((row, i) => row.label === b[i].label && row.count === b[i].count && (Number.isNaN(row.revenue) ? Number.isNaN(b[i].revenue) : Math.abs(row.revenue - b[i].revenue) < 0.01));
}
