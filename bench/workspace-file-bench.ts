/**
 * Issue #7 "Speed": saving and opening a workspace file, and autosave, in the real app
 * (bench/app-session.ts: the production build in headless Chromium). Headless Chromium imports the
 * 1M-order CSV by the file picker, builds its customer table and adds a cut tag on recency_days
 * (30 / 90 / 180), as chart-bench.ts does, and waits until SQLite's background fills are done.
 *
 * (1) Save: RUNS times Workspace → Save… → "All data" (the default) → Download, each timed from the
 * click on Download to Playwright's download event and to the dialog's "Saved …" text. The last
 * file is kept (bench/.data/workspace-bench.tagbook) for the floor and for (3).
 *
 * (2) The floor, sql.js itself on the same database in the same run: sql.js 1.16 (the package the
 * app uses) runs in a dedicated worker of the same page (as the app's file worker does), loaded from
 * node_modules through a Playwright route, a fresh worker per run, given the saved file as a File
 * (from a file input) and reading its bytes first (not timed). Open =
 * `new SQL.Database(bytes)` plus `SELECT * FROM t` stepped to the end for every table in the file
 * (what any app must do to use the data; the bare constructor is printed too); export =
 * `db.export()` of that opened database. Median of RUNS each.
 *
 * (3) Open: RUNS times, each after Workspace → New workspace (so the Sources panel starts empty),
 * Workspace → Open… → the saved file → "Open". Timed from the click on "Open" to (a) the Sources
 * panel listing the orders table with its row count again, (b) the tag cell's segment table showing
 * its counts (the notebook usable) and (c) no SQLite fill in progress; the time from the file being
 * picked to the confirmation dialog (the file read and checked) is printed beside it.
 *
 * Save and open are printed against the floor (target ≤ 3 s each and ≤ 2× the floor).
 *
 * (4) Autosave: from an idle app, the tag cell's "Threshold 2 slider" gets ArrowRight PRESSES
 * times, GAP_MS apart; each press changes the definition, which the app writes 250 ms later. The
 * app's own `performance.measure` entries are collected: 'tagbook:autosave-serialize' (the
 * definition as JSON, main thread) and 'tagbook:autosave-write' (the synchronous part of the
 * IndexedDB write: the transaction opened and the record put, which clones it on the main thread); printed: median, p90 and max of each and of their sum per write (target
 * ≤ 20 ms), the long tasks (≥ 50 ms) seen meanwhile, and the size of the stored definition JSON.
 * No asserts; a miss is printed.
 */
import { readFileSync } from 'node:fs';
import { copyFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { addCustomerTable, addCutTag, BENCH_DIR, importCsv, openApp, quantile, screenshotFailure, waitForIdle } from './app-session.ts';

const TABLE = 'bench_orders';
const TAG = 'recency_stage';
const SEGMENTS = 4;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_MS = 3000;
const TARGET_RATIO = 2;
const AUTOSAVE_TARGET_MS = 20;
const PRESSES = 30;
const GAP_MS = 400;
const SAVED_FILE = join(BENCH_DIR, '.data', 'workspace-bench.tagbook');
const SQLJS_DIR = dirname(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.js'));
/** The prefix of the URLs the Playwright route serves sql.js and the saved file under. */
const ROUTE = '/__workspace-file-bench/';

export interface WorkspaceFileBenchOptions {
  csvFile: string;
}

interface OpenRun {
  /** File picked → the confirmation dialog shown. */
  readMs: number;
  /** Click on "Open" → the Sources panel lists the orders table with its rows. */
  tablesMs: number;
  /** Click on "Open" → the tag's segment table shows its counts. */
  segmentsMs: number;
  /** Click on "Open" → no SQLite fill in progress. */
  idleMs: number;
}

interface Floor {
  /** `new SQL.Database(bytes)`. */
  constructMs: number;
  /** The constructor plus every table read once. */
  openMs: number;
  /** `db.export()`. */
  exportMs: number;
  rowsRead: number;
  tables: number;
}

/** Builds and serves the app, runs the four measurements and prints them. Sets a non-zero exit code when the page failed. */
export async function runWorkspaceFileBench({ csvFile }: WorkspaceFileBenchOptions): Promise<void> {
  const session = await openApp({ profilePrefix: 'tagbook-file-bench-' });
  const { page, problems } = session;
  page.on('crash', () => problems.push('page crashed'));
  try {
    const loadBefore = loadavg()[0];
    const setupStarted = performance.now();
    const { tagCell, rowsText } = await setUp(page, csvFile).catch(async (error: unknown) => {
      await screenshotFailure(page, 'file-bench-failure.png');
      throw error;
    });
    const customers = (await tagCell.getByRole('status').first().innerText()).replace(/ customers.*/s, '');
    const setupMs = performance.now() - setupStarted;
    console.log(
      `Workspace file and autosave (issue #7): the built app in Chromium ${session.version} headless, ${TABLE} (${rowsText}), ${customers} customers and a ${TAG} cut tag ` +
        `(set up in ${(setupMs / 1000).toFixed(0)} s; load average ${loadBefore.toFixed(1)} before)`,
    );

    // (4) first, while the app is idle after its setup and before files are written.
    const autosave = await measureAutosave(page, tagCell).catch(async (error: unknown) => {
      await screenshotFailure(page, 'file-bench-autosave-failure.png');
      throw error;
    });

    // (1) Save.
    const saves: { downloadMs: number; savedMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) saves.push(await saveOnce(page, i === RUNS - 1));
    const fileBytes = (await stat(SAVED_FILE)).size;

    // (2) The floor, in the same page.
    const floors = await measureFloor(page);

    // (3) Open.
    const opens: OpenRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      opens.push(
        await openOnce(page, rowsText).catch(async (error: unknown) => {
          await screenshotFailure(page, 'file-bench-open-failure.png');
          throw error;
        }),
      );
    }

    const median = (values: number[]) => quantile(values, 0.5);
    const floor = {
      constructMs: median(floors.map((f) => f.constructMs)),
      openMs: median(floors.map((f) => f.openMs)),
      exportMs: median(floors.map((f) => f.exportMs)),
    };
    const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const verdict = (ms: number, floorMs: number) => {
      const met = ms <= TARGET_MS && ms / floorMs <= TARGET_RATIO;
      return `(target ≤ ${sec(TARGET_MS)} and ≤ ${TARGET_RATIO}× the floor: ${met ? 'met' : 'MISSED'})`;
    };
    const downloadMs = median(saves.map((r) => r.downloadMs));
    const savedMs = median(saves.map((r) => r.savedMs));
    const segmentsMs = median(opens.map((r) => r.segmentsMs));
    console.log(`  file: ${(fileBytes / 1e6).toFixed(1)} MB, ${floors[0].tables} tables, ${floors[0].rowsRead.toLocaleString('en')} rows; median of ${RUNS} runs each`);
    console.log(`  floor (sql.js ${sqlJsVersion()} in a worker of the same page, same file):`);
    console.log(`    export: db.export()                                   ${sec(floor.exportMs)}`);
    console.log(`    open: new SQL.Database(bytes) + every table read once ${sec(floor.openMs)}   (bare new SQL.Database(bytes) ${sec(floor.constructMs)})`);
    console.log(`  save: Download click → download event                  ${sec(downloadMs)}   ${(downloadMs / floor.exportMs).toFixed(1)}× the export floor   ${verdict(downloadMs, floor.exportMs)}`);
    console.log(`        Download click → "Saved …" shown                 ${sec(savedMs)}   ${(savedMs / floor.exportMs).toFixed(1)}× the export floor`);
    console.log(`  open: file picked → confirmation dialog                ${sec(median(opens.map((r) => r.readMs)))}   (not in the figures below)`);
    console.log(`        "Open" click → tables listed with their rows     ${sec(median(opens.map((r) => r.tablesMs)))}   ${(median(opens.map((r) => r.tablesMs)) / floor.openMs).toFixed(1)}× the open floor`);
    console.log(`        "Open" click → tag segment table with counts     ${sec(segmentsMs)}   ${(segmentsMs / floor.openMs).toFixed(1)}× the open floor   ${verdict(segmentsMs, floor.openMs)}`);
    console.log(`        "Open" click → no SQLite fill in progress        ${sec(median(opens.map((r) => r.idleMs)))}`);
    console.log(`    runs: save ${saves.map((r) => sec(r.downloadMs)).join(', ')}; open ${opens.map((r) => sec(r.segmentsMs)).join(', ')}; floor export ${floors.map((f) => sec(f.exportMs)).join(', ')}, open ${floors.map((f) => sec(f.openMs)).join(', ')}`);

    const sums = autosave.writes.map((w) => w.serializeMs + w.writeMs);
    const line = (label: string, values: number[]) =>
      `${label} median ${quantile(values, 0.5).toFixed(2)} ms, p90 ${quantile(values, 0.9).toFixed(2)} ms, max ${(values.length ? Math.max(...values) : NaN).toFixed(2)} ms`;
    const worst = sums.length ? Math.max(...sums) : NaN;
    console.log(
      `  autosave: ${PRESSES} slider steps ${GAP_MS} ms apart → ${autosave.writes.length} writes (${autosave.serializeCount} serialize, ${autosave.writeCount} write measures); definition JSON ${(autosave.definitionBytes / 1000).toFixed(1)} kB`,
    );
    console.log(`    ${line('serialize (main thread)      ', autosave.writes.map((w) => w.serializeMs))}`);
    console.log(`    ${line('IndexedDB write (sync part)  ', autosave.writes.map((w) => w.writeMs))}`);
    console.log(`    ${line('serialize + write per write  ', sums)}   (target ≤ ${AUTOSAVE_TARGET_MS} ms each: ${worst <= AUTOSAVE_TARGET_MS ? 'met' : 'MISSED'})`);
    console.log(
      `    long tasks (≥ 50 ms) on the main thread meanwhile: ${autosave.longTasks.length}${autosave.longTasks.length ? ` (longest ${Math.max(...autosave.longTasks).toFixed(0)} ms)` : ''}`,
    );
    for (const problem of problems) console.log(`  ! ${problem}`);
    console.log('');
    if (problems.length) process.exitCode = 1;
  } finally {
    await session.close();
  }
}

/** Imports the CSV, builds its customer table and the cut tag, waits for SQLite; returns the tag cell and the orders table's "N rows" text. */
async function setUp(page: Page, csvFile: string): Promise<{ tagCell: Locator; rowsText: string }> {
  await importCsv(page, csvFile, TABLE);
  const { name: customerTable } = await addCustomerTable(page, TABLE);
  const tagCell = await addCutTag(page, customerTable, {
    kind: 'cut',
    name: TAG,
    metric: 'recency_days',
    thresholds: [30, 90, 180],
    segments: [{ label: 'active' }, { label: 'cooling' }, { label: 'silent' }, { label: 'churned' }],
  });
  await waitForIdle(page);
  const size = await ordersEntry(page).locator('.size').innerText();
  return { tagCell, rowsText: size.replace(/ ·.*/s, '') };
}

/** The orders table's entry in the Sources panel. */
function ordersEntry(page: Page): Locator {
  return page
    .getByRole('navigation', { name: /^Sources/ })
    .locator('li')
    .filter({ has: page.getByText(TABLE, { exact: true }) });
}

async function chooseFromMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Workspace', exact: true }).click();
  await page.getByRole('menu', { name: 'Workspace' }).getByRole('menuitem', { name: item, exact: true }).click();
}

/** Saves once with all data; `keep` copies the file to SAVED_FILE. */
async function saveOnce(page: Page, keep: boolean): Promise<{ downloadMs: number; savedMs: number }> {
  await chooseFromMenu(page, 'Save…');
  const dialog = page.getByRole('dialog', { name: 'Save the workspace as a file' });
  await dialog.waitFor();
  await dialog.getByRole('radio', { name: /^All data/ }).check();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  const started = performance.now();
  await dialog.getByRole('button', { name: 'Download', exact: true }).click();
  const downloaded = await download;
  const downloadMs = performance.now() - started;
  // Where the save's time went (the app measures its phases).
  const phases = await page.evaluate(() => {
    const entries = performance.getEntriesByType('measure').filter((e) => e.name.startsWith('tagbook:save-'));
    performance.clearMeasures();
    return entries.map((e) => `${e.name.slice('tagbook:save-'.length)} ${(e.duration / 1000).toFixed(2)} s`).join(', ');
  });
  console.log(`    save phases: ${phases}`);
  await dialog.getByText(/^Saved /).waitFor({ timeout: 120_000 });
  const savedMs = performance.now() - started;
  if (keep) await copyFile(await downloaded.path(), SAVED_FILE);
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  return { downloadMs, savedMs };
}

/** Starts a new (empty) workspace, then opens SAVED_FILE and times it. */
async function openOnce(page: Page, rowsText: string): Promise<OpenRun> {
  await chooseFromMenu(page, 'New workspace');
  const confirmNew = page.getByRole('alertdialog', { name: 'Start a new workspace?' });
  await confirmNew.getByRole('button', { name: 'Start a new workspace', exact: true }).click();
  await ordersEntry(page).waitFor({ state: 'detached', timeout: 60_000 });
  await page.getByRole('article', { name: `Tag cell ${TAG}` }).waitFor({ state: 'detached', timeout: 60_000 });
  await page.waitForTimeout(1000);

  const chooser = page.waitForEvent('filechooser');
  await chooseFromMenu(page, 'Open…');
  const picked = performance.now();
  await (await chooser).setFiles(SAVED_FILE);
  const confirm = page.getByRole('alertdialog', { name: `Open “${SAVED_FILE.replace(/^.*\//, '')}”?` });
  await confirm.waitFor({ timeout: 120_000 });
  const readMs = performance.now() - picked;
  const started = performance.now();
  await confirm.getByRole('button', { name: 'Open', exact: true }).click();
  const tables = ordersEntry(page)
    .getByText(new RegExp(`^${rowsText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ·`))
    .waitFor({ timeout: 120_000 })
    .then(() => performance.now() - started);
  const cell = page.getByRole('article', { name: `Tag cell ${TAG}` });
  const segments = cell
    .getByText(new RegExp(`customers in ${SEGMENTS} segments`))
    .waitFor({ timeout: 120_000 })
    .then(() => performance.now() - started);
  const [tablesMs, segmentsMs] = await Promise.all([tables, segments]);
  await page.waitForFunction(() => !/SQLite: [\d,]+ \/ [\d,]+ rows/.test(document.body.innerText), undefined, { timeout: 120_000, polling: 50 });
  const idleMs = performance.now() - started;
  await page.waitForTimeout(2000);
  return { readMs, tablesMs, segmentsMs, idleMs };
}

/**
 * The floor's worker script (plain JS, served by the route): loads sql.js, fetches the saved file
 * (not timed), opens it, reads every table once, exports it, and posts the times. One fresh worker
 * per run, as the app starts its file worker for one job.
 */
const FLOOR_WORKER = `
importScripts('${ROUTE}sql-wasm.js');
onmessage = (message) => initSqlJs({ locateFile: (file) => '${ROUTE}' + file }).then(async (SQL) => {
  const bytes = new Uint8Array(await message.data.arrayBuffer());
  const t0 = performance.now();
  const db = new SQL.Database(bytes);
  const constructMs = performance.now() - t0;
  const names = (db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values ?? []).map((r) => String(r[0]));
  let rowsRead = 0;
  for (const name of names) {
    const statement = db.prepare('SELECT * FROM "' + name.replace(/"/g, '""') + '"');
    while (statement.step()) {
      statement.get();
      rowsRead++;
    }
    statement.free();
  }
  const openMs = performance.now() - t0;
  const t1 = performance.now();
  const exported = db.export();
  const exportMs = performance.now() - t1;
  db.close();
  postMessage({ constructMs, openMs, exportMs, rowsRead, tables: names.length, exportedBytes: exported.length });
}).catch((error) => postMessage({ error: String(error && error.stack || error) }));
`;

/** sql.js on SAVED_FILE in a dedicated worker of the same page: RUNS × open (+ read every table) and export, a fresh worker each. */
async function measureFloor(page: Page): Promise<Floor[]> {
  await page.route(`**${ROUTE}**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(ROUTE.length);
    if (name === 'floor-worker.js') return route.fulfill({ body: FLOOR_WORKER, contentType: 'text/javascript' });
    return route.fulfill({ path: join(SQLJS_DIR, name.replace(/[^\w.-]/g, '')), contentType: name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' });
  });
  // The file reaches the page as a File from a file input (by path, as the app's Open… gets it),
  // not through the protocol (a route fulfilled with the whole file closed the page in a trial run).
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'workspace-file-bench-input';
    input.hidden = true;
    document.body.append(input);
  });
  await page.locator('#workspace-file-bench-input').setInputFiles(SAVED_FILE);
  const floors: Floor[] = [];
  for (let i = 0; i < RUNS; i++) {
    const floor = await page.evaluate(
      (url) =>
        new Promise<Floor & { error?: string }>((resolve) => {
          const worker = new Worker(url);
          worker.postMessage((document.getElementById('workspace-file-bench-input') as HTMLInputElement).files![0]);
          worker.onmessage = (event: MessageEvent<Floor & { error?: string }>) => {
            worker.terminate();
            resolve(event.data);
          };
          worker.onerror = (event) => {
            worker.terminate();
            resolve({ error: event.message } as Floor & { error?: string });
          };
        }),
      `${ROUTE}floor-worker.js`,
    );
    if (floor.error) throw new Error(`sql.js floor: ${floor.error}`);
    floors.push(floor);
  }
  return floors;
}

function sqlJsVersion(): string {
  return (JSON.parse(readFileSync(join(SQLJS_DIR, '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** Steps the threshold slider PRESSES times and collects the app's autosave measures and the long tasks meanwhile. */
async function measureAutosave(
  page: Page,
  tagCell: Locator,
): Promise<{ writes: { serializeMs: number; writeMs: number }[]; serializeCount: number; writeCount: number; longTasks: number[]; definitionBytes: number }> {
  await page.evaluate(() => {
    performance.clearMeasures('tagbook:autosave-serialize');
    performance.clearMeasures('tagbook:autosave-write');
    const longTasks: number[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    (window as unknown as { __longTasks: number[] }).__longTasks = longTasks;
  });
  await tagCell.getByRole('slider', { name: `Threshold 2 slider of ${TAG}` }).focus();
  for (let i = 0; i < PRESSES; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(GAP_MS);
  }
  await page.waitForTimeout(1000);
  const result = await page.evaluate(async () => {
    const measures = (name: string) =>
      performance
        .getEntriesByType('measure')
        .filter((e) => e.name === name)
        .map((e) => ({ start: e.startTime, duration: e.duration }));
    const serialize = measures('tagbook:autosave-serialize');
    const write = measures('tagbook:autosave-write');
    // The stored definition: the most recently updated workspace record in the autosave database.
    const definitionBytes = await new Promise<number>((resolve) => {
      const request = indexedDB.open('tagbook');
      request.onerror = () => resolve(NaN);
      request.onsuccess = () => {
        const db = request.result;
        const all = db.transaction('workspaces').objectStore('workspaces').getAll();
        all.onerror = () => resolve(NaN);
        all.onsuccess = () => {
          const records = all.result as { definitionJson: string; updatedAt: number }[];
          const latest = records.sort((a, b) => b.updatedAt - a.updatedAt)[0];
          db.close();
          resolve(latest ? new TextEncoder().encode(latest.definitionJson).length : NaN);
        };
      };
    });
    return { serialize, write, longTasks: (window as unknown as { __longTasks: number[] }).__longTasks, definitionBytes };
  });
  // Pair each write with the serialize that came just before it.
  const writes = result.write.map((w) => {
    const before = result.serialize.filter((s) => s.start <= w.start).at(-1);
    return { serializeMs: before?.duration ?? 0, writeMs: w.duration };
  });
  return { writes, serializeCount: result.serialize.length, writeCount: result.write.length, longTasks: result.longTasks, definitionBytes: result.definitionBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) await runWorkspaceFileBench({ csvFile: process.argv[2] });
