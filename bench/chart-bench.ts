/**
 * Issue #6 "Speed", in the real app (bench/app-session.ts: the production build in headless
 * Chromium). Headless Chromium imports the 1M-order CSV by the file picker, builds its customer
 * table (≈110k customers), adds a cut tag on recency_days (30 / 90 / 180) and two "+ Chart" cells
 * over that table: a `distribution` of recency_days by the tag (with its threshold handles) and
 * `segments` (segment sizes) by the tag.
 *
 * (1) Threshold move → charts repainted. The tag cell's second threshold slider is stepped with the
 * keyboard (ArrowRight / ArrowLeft alternately), each step only after the previous one has finished
 * plus GAP_MS. Each step is timed inside the page from the keydown event (`timeStamp`, a capturing
 * listener on the tag cell) to
 *  - the segment table: the first animation frame after its DOM changed (as slider-paint-bench.ts);
 *  - the charts: Vega's canvas renderer draws synchronously, and a MutationObserver cannot see a
 *    canvas draw, so an init script (run before the app) wraps the drawing methods of
 *    CanvasRenderingContext2D (clearRect, fillRect, strokeRect, fill, stroke, fillText, strokeText,
 *    drawImage) to log, per canvas, "bursts" of draw calls: the time of the first and last call and
 *    of the animation frame that follows them (the frame that paints that drawing). A chart counts
 *    as repainted once its canvas has a burst after the keydown and then no draw for QUIET_MS; its
 *    time is that last burst's frame (the first burst's is kept too: Vega may render twice for one
 *    update, e.g. after an autosize resize). "Both charts" is the later of the two. The wrapper costs
 *    a performance.now() per draw call (a few hundred per chart render).
 * Median and p90 of STEPS steps; target for the charts ≤ 50 ms median, printed beside the table's.
 *
 * (2) Grid scroll through 1M rows: the orders table's grid (the source cell's "Rows of <table>"),
 * scrolled into view and focused, gets PageDown × PAGE_DOWNS, then its `scrollTop` is moved from
 * there to the bottom linearly over SWEEP_MS (once per animation frame), then End. A
 * PerformanceObserver collects `long-animation-frame` entries (frames of ≥ 50 ms, the API's own
 * threshold) over the whole scroll; printed: their count over 50 ms and the longest (its script
 * and rendering time and its longest script, to say where the time went), the frames of the sweep and the longest gap between
 * two, and the last row reached. Target: no frame over 50 ms. No asserts; a miss is printed.
 */
import { loadavg } from 'node:os';
import type { Locator, Page } from 'playwright-core';
import { addCustomerTable, addCutTag, importCsv, openApp, quantile, screenshotFailure, waitForIdle } from './app-session.ts';

const TABLE = 'bench_orders';
const TAG = 'recency_stage';
const DISTRIBUTION_TITLE = `Distribution of recency_days by ${TAG}`;
const SEGMENTS_TITLE = `Segment sizes: ${TAG}`;
const CHART_TARGET_MS = 50;
const FRAME_TARGET_MS = 50;
const STEPS = 50;
/** The pause after a finished step before the next key press (≥ 100 ms, so each step is complete). */
const GAP_MS = 100;
/** A chart whose canvas saw no draw call for this long after its last one is done repainting. */
const QUIET_MS = 100;
/** How long one step may take before it is counted as lost. */
const STEP_TIMEOUT_MS = 5000;
const PAGE_DOWNS = 40;
const SWEEP_MS = 5000;

export interface ChartBenchOptions {
  csvFile: string;
}

interface ChartStep {
  /** keydown → the frame after the segment table's DOM changed (NaN: no change seen). */
  tableMs: number;
  /** keydown → the frame after each chart's last draw burst (NaN: not repainted). */
  distributionMs: number;
  segmentsMs: number;
  /** keydown → the frame after each chart's first draw burst. */
  distributionFirstMs: number;
  segmentsFirstMs: number;
  /** Draw bursts (renders) per chart in the step. */
  distributionBursts: number;
  segmentsBursts: number;
}

interface ScrollResult {
  /** Long animation frames during the scroll: duration, and the longest script in it. */
  frames: { duration: number; blockingDuration: number; script: string; breakdown: string }[];
  sweepFrames: number;
  longestGapMs: number;
  /** Frames of the sweep whose visible rows were still placeholders. */
  placeholderFrames: number;
  /** The highest row number (1-based) shown while scrolling, and after End. */
  maxRowSeen: number;
  lastRowShown: number;
  rowCount: number;
  loafSupported: boolean;
  scrollMs: number;
}

/**
 * The init script: wraps CanvasRenderingContext2D's drawing methods so each canvas keeps a log of
 * draw bursts `{ start, end, frame }` (calls between two animation frames; `frame` is the time of
 * the animation frame after them, null until it came). A string, so it runs as written before the app.
 */
const CANVAS_DRAW_LOG = `(() => {
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['clearRect', 'fillRect', 'strokeRect', 'fill', 'stroke', 'fillText', 'strokeText', 'drawImage']) {
    const original = proto[name];
    proto[name] = function (...args) {
      const canvas = this.canvas;
      const now = performance.now();
      const log = canvas.__drawLog || (canvas.__drawLog = []);
      const last = log[log.length - 1];
      if (last && last.frame === null) last.end = now;
      else {
        const burst = { start: now, end: now, frame: null };
        log.push(burst);
        if (log.length > 50) log.shift();
        requestAnimationFrame(() => { burst.frame = performance.now(); });
      }
      return original.apply(this, args);
    };
  }
})();`;

/** Builds and serves the app, runs both measurements and prints them. Sets a non-zero exit code when the page failed. */
export async function runChartBench({ csvFile }: ChartBenchOptions): Promise<void> {
  const session = await openApp({ profilePrefix: 'tagbook-chart-bench-', initScript: CANVAS_DRAW_LOG });
  const { page, problems } = session;
  try {
    const loadBefore = loadavg()[0];
    const setupStarted = performance.now();
    const { tagCell, grid } = await setUp(page, csvFile).catch(async (error: unknown) => {
      await screenshotFailure(page, 'chart-bench-failure.png');
      throw error;
    });
    const customers = (await tagCell.getByRole('status').first().innerText()).replace(/ customers.*/s, '');
    const setupMs = performance.now() - setupStarted;
    console.log(
      `Charts and grid (issue #6): the built app in Chromium ${session.version} headless, ${customers} customers, a ${TAG} cut tag and two charts ` +
        `(set up in ${(setupMs / 1000).toFixed(0)} s; load average ${loadBefore.toFixed(1)} before)`,
    );

    // (1) Threshold moves.
    await installChartProbe(page);
    await tagCell.getByRole('slider', { name: `Threshold 2 slider of ${TAG}` }).focus();
    const steps: ChartStep[] = [];
    let lost = 0;
    for (let i = 0; i < STEPS; i++) {
      await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
      const step = await page.evaluate((timeout) => window.__chartProbe!.next(timeout), STEP_TIMEOUT_MS);
      if (step && Number.isFinite(step.tableMs) && Number.isFinite(step.distributionMs) && Number.isFinite(step.segmentsMs)) steps.push(step);
      else lost++;
      await page.waitForTimeout(GAP_MS);
    }
    const table = steps.map((s) => s.tableMs);
    const charts = steps.map((s) => Math.max(s.distributionMs, s.segmentsMs));
    const chartsFirst = steps.map((s) => Math.max(s.distributionFirstMs, s.segmentsFirstMs));
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const chartMedian = quantile(charts, 0.5);
    const tableMedian = quantile(table, 0.5);
    console.log(`  threshold move (tag cell slider, ${steps.length} of ${STEPS} steps, ${GAP_MS} ms after each finished; keydown → frame painting it):`);
    console.log(`    segment table (#5)              median ${ms(tableMedian)}, p90 ${ms(quantile(table, 0.9))}`);
    console.log(
      `    histogram + segment bars        median ${ms(chartMedian)}, p90 ${ms(quantile(charts, 0.9))}   ${(chartMedian / tableMedian).toFixed(1)}× the table   ` +
        `(target ≤ ${CHART_TARGET_MS} ms median: ${chartMedian <= CHART_TARGET_MS ? 'target met' : 'target missed'})`,
    );
    console.log(
      `      [distribution median ${ms(quantile(steps.map((s) => s.distributionMs), 0.5))}, segments median ${ms(quantile(steps.map((s) => s.segmentsMs), 0.5))}; ` +
        `first render of both median ${ms(quantile(chartsFirst, 0.5))}; renders per step median ${quantile(steps.map((s) => s.distributionBursts), 0.5)} / ${quantile(steps.map((s) => s.segmentsBursts), 0.5)}]` +
        `${lost ? `, ${lost} steps without a table change or a repaint of both charts within ${STEP_TIMEOUT_MS / 1000} s` : ''}`,
    );

    // (2) Grid scroll. The last step's full evaluation settles first.
    await waitForIdle(page, 1500);
    const scroll = await scrollGrid(page, grid);
    const over = scroll.frames.filter((f) => f.duration > FRAME_TARGET_MS);
    const longest = scroll.frames.reduce<ScrollResult['frames'][number] | null>((a, f) => (a && a.duration >= f.duration ? a : f), null);
    console.log(
      `  grid scroll through ${scroll.rowCount.toLocaleString('en')} rows (PageDown × ${PAGE_DOWNS}, scrollTop to the bottom over ${SWEEP_MS / 1000} s, End; ${(scroll.scrollMs / 1000).toFixed(1)} s in all):`,
    );
    if (!scroll.loafSupported) console.log(`    ! this Chromium has no long-animation-frame entries: frames not measured`);
    console.log(
      `    frames over ${FRAME_TARGET_MS} ms: ${over.length}${longest ? `, longest ${ms(longest.duration)} (blocking ${ms(longest.blockingDuration)}; ${longest.breakdown}; longest script: ${longest.script || 'none attributed'})` : ''}   ` +
        `(target: none over ${FRAME_TARGET_MS} ms: ${scroll.loafSupported && over.length === 0 ? 'target met' : 'target missed'})`,
    );
    console.log(
      `      [sweep: ${scroll.sweepFrames} frames, longest gap between two ${ms(scroll.longestGapMs)}, ${scroll.placeholderFrames} showing placeholder rows; ` +
        `rows scrolled past: up to row ${scroll.maxRowSeen.toLocaleString('en')} while scrolling, row ${scroll.lastRowShown.toLocaleString('en')} shown after End]`,
    );
    for (const problem of problems) console.log(`  ! ${problem}`);
    console.log('');
    if (problems.length) process.exitCode = 1;
  } finally {
    await session.close();
  }
}

/** Imports the CSV, builds the customer table, the tag and both charts; returns the tag cell and the orders grid once all are drawn and SQLite is idle. */
async function setUp(page: Page, csvFile: string): Promise<{ tagCell: Locator; grid: Locator }> {
  const grid = await importCsv(page, csvFile, TABLE);
  const { name: customerTable } = await addCustomerTable(page, TABLE);
  const tagCell = await addCutTag(page, customerTable, {
    kind: 'cut',
    name: TAG,
    metric: 'recency_days',
    thresholds: [30, 90, 180],
    segments: [{ label: 'active' }, { label: 'cooling' }, { label: 'silent' }, { label: 'churned' }],
  });
  // The app opens with its demo notebook, whose customer table a new chart picks first.
  const segments = await addChart(page);
  await chooseTableAndTag(segments, customerTable);
  await segments.getByRole('figure', { name: `Chart: ${SEGMENTS_TITLE}` }).locator('canvas').waitFor({ timeout: 120_000 });
  const distribution = await addChart(page);
  await chooseTableAndTag(distribution, customerTable);
  await distribution.getByRole('combobox', { name: /^View of / }).selectOption('distribution');
  await distribution.getByRole('figure', { name: `Chart: ${DISTRIBUTION_TITLE}` }).locator('canvas').waitFor({ timeout: 120_000 });
  await distribution.getByRole('slider', { name: `Threshold 2 of ${TAG}` }).waitFor({ timeout: 60_000 });
  await waitForIdle(page);
  return { tagCell, grid };
}

/** Clicks "+ Chart" and returns the new chart cell (by position: its name follows its title). */
async function addChart(page: Page): Promise<Locator> {
  const cells = page.locator('article.kind-chart');
  const before = await cells.count();
  await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: '+ Chart' }).click();
  const cell = cells.nth(before);
  await cell.waitFor();
  return cell;
}

/** Picks the customer table and the tag in a chart cell's form (by their labels' text: the labels hold the options too, so their names do not match exactly). */
async function chooseTableAndTag(cell: Locator, customerTable: string): Promise<void> {
  await cell.locator('label:has(> span:text-is("Table")) select').selectOption(customerTable);
  await cell.locator('label:has(> span:text-is("Tag")) select').selectOption(TAG);
}

declare global {
  interface Window {
    __chartProbe?: { next(timeoutMs: number): Promise<ChartStep | null> };
  }
}

/**
 * Installs the in-page probe for threshold steps: a capturing keydown listener on the tag cell
 * takes the event's time; a MutationObserver on the cell sees its segment table change and the
 * next animation frame stops the table's clock; an animation-frame loop reads both charts' draw
 * logs (CANVAS_DRAW_LOG) until each has repainted and been quiet for `quietMs`. `next()` resolves
 * with the step after the last keydown, or null after `timeoutMs`.
 */
async function installChartProbe(page: Page): Promise<void> {
  await page.evaluate(
    ({ tag, titles, quietMs }) => {
      interface Burst {
        start: number;
        end: number;
        frame: number | null;
      }
      const cell = document.querySelector(`[aria-label="Tag cell ${tag}"]`);
      if (!cell) throw new Error(`no tag cell ${tag}`);
      const inTable = (node: Node) => (node instanceof Element ? node : node.parentElement)?.closest(`table[aria-label="Segments of ${tag}"]`) != null;
      const canvasOf = (title: string) => document.querySelector(`[role="figure"][aria-label="Chart: ${title}"] canvas`) as (HTMLCanvasElement & { __drawLog?: Burst[] }) | null;
      let keyAt: number | null = null;
      let tableMs = NaN;
      let tableSeen = false;
      let result: ChartStep | null = null;
      let pending: ((step: ChartStep) => void) | null = null;
      let watching = 0;

      const finish = (step: ChartStep) => {
        result = step;
        pending?.(step);
        pending = null;
      };
      /** Each frame after a keydown: done once the table has been painted and both charts repainted and went quiet. */
      const watch = (from: number, id: number) => {
        if (id !== watching) return;
        const now = performance.now();
        const charts = titles.map((title) => {
          const bursts = (canvasOf(title)?.__drawLog ?? []).filter((b) => b.start >= from);
          const last = bursts[bursts.length - 1];
          const done = last !== undefined && last.frame !== null && now - last.end >= quietMs;
          return { done, bursts };
        });
        if (tableSeen && !Number.isNaN(tableMs) && charts.every((c) => c.done)) {
          const [distribution, segments] = charts;
          const lastFrame = (b: Burst[]) => b[b.length - 1].frame! - from;
          const firstFrame = (b: Burst[]) => b[0].frame! - from;
          finish({
            tableMs,
            distributionMs: lastFrame(distribution.bursts),
            segmentsMs: lastFrame(segments.bursts),
            distributionFirstMs: firstFrame(distribution.bursts),
            segmentsFirstMs: firstFrame(segments.bursts),
            distributionBursts: distribution.bursts.length,
            segmentsBursts: segments.bursts.length,
          });
          return;
        }
        requestAnimationFrame(() => watch(from, id));
      };

      cell.addEventListener(
        'keydown',
        (event) => {
          keyAt = event.timeStamp || performance.now();
          tableMs = NaN;
          tableSeen = false;
          result = null;
          const id = ++watching;
          const from = keyAt;
          requestAnimationFrame(() => watch(from, id));
        },
        { capture: true },
      );
      new MutationObserver((mutations) => {
        if (keyAt === null || tableSeen || !mutations.some((m) => inTable(m.target) || [...m.addedNodes].some(inTable))) return;
        tableSeen = true;
        const from = keyAt;
        requestAnimationFrame(() => {
          if (keyAt === from) tableMs = performance.now() - from;
        });
      }).observe(cell, { subtree: true, childList: true, characterData: true, attributes: true });
      window.__chartProbe = {
        next(timeoutMs) {
          if (result) return Promise.resolve(result);
          return new Promise((resolve) => {
            const timer = setTimeout(() => {
              pending = null;
              watching++;
              resolve(null);
            }, timeoutMs);
            pending = (step) => {
              clearTimeout(timer);
              resolve(step);
            };
          });
        },
      };
    },
    { tag: TAG, titles: [DISTRIBUTION_TITLE, SEGMENTS_TITLE], quietMs: QUIET_MS },
  );
}

/** Scrolls the grid from top to bottom (PageDown, a scrollTop sweep, End) while collecting long animation frames. */
async function scrollGrid(page: Page, grid: Locator): Promise<ScrollResult> {
  await grid.evaluate((el) => {
    el.scrollIntoView({ block: 'center' });
    el.scrollTop = 0;
  });
  await grid.focus();
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    interface Script {
      duration: number;
      invoker?: string;
      sourceURL?: string;
      sourceFunctionName?: string;
    }
    interface Frame {
      duration: number;
      blockingDuration?: number;
      startTime: number;
      renderStart?: number;
      styleAndLayoutStart?: number;
      scripts?: Script[];
    }
    const state = { frames: [] as { duration: number; blockingDuration: number; script: string; breakdown: string }[], started: performance.now(), supported: false };
    state.supported = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame');
    if (state.supported) {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as Frame[]) {
          if (entry.startTime < state.started) continue;
          const script = [...(entry.scripts ?? [])].sort((a, b) => b.duration - a.duration)[0];
          const where = script ? `${script.invoker ?? ''} ${script.sourceFunctionName ?? ''} ${(script.sourceURL ?? '').replace(/^.*\//, '')}`.replace(/\s+/g, ' ').trim() : '';
          const end = entry.startTime + entry.duration;
          const scriptsMs = (entry.scripts ?? []).reduce((sum, s) => sum + s.duration, 0);
          const layoutMs = entry.styleAndLayoutStart ? end - entry.styleAndLayoutStart : 0;
          const renderMs = entry.renderStart ? end - entry.renderStart : 0;
          state.frames.push({
            duration: entry.duration,
            blockingDuration: entry.blockingDuration ?? 0,
            script: script ? `${where} ${script.duration.toFixed(0)} ms` : '',
            breakdown: `scripts ${scriptsMs.toFixed(0)} ms, rendering ${renderMs.toFixed(0)} ms of which style and layout ${layoutMs.toFixed(0)} ms`,
          });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    }
    (window as unknown as { __scrollState: typeof state }).__scrollState = state;
  });
  const started = performance.now();
  for (let i = 0; i < PAGE_DOWNS; i++) await page.keyboard.press('PageDown');
  const sweep = await grid.evaluate(
    (el, sweepMs) =>
      new Promise<{ frames: number; longestGapMs: number; placeholderFrames: number; maxRowSeen: number }>((resolve) => {
        const from = el.scrollTop;
        const to = el.scrollHeight - el.clientHeight;
        const t0 = performance.now();
        let last = t0;
        let frames = 0;
        let longestGapMs = 0;
        let placeholderFrames = 0;
        let maxRowSeen = 0;
        const tick = (now: number) => {
          frames++;
          longestGapMs = Math.max(longestGapMs, now - last);
          last = now;
          // What the previous frame's scroll rendered.
          for (const row of el.querySelectorAll('[role="row"][aria-rowindex]')) maxRowSeen = Math.max(maxRowSeen, Number(row.getAttribute('aria-rowindex')) - 1);
          if (el.querySelector('.row.pending')) placeholderFrames++;
          const t = Math.min(1, (now - t0) / sweepMs);
          el.scrollTop = from + (to - from) * t;
          if (t < 1) requestAnimationFrame(tick);
          else resolve({ frames, longestGapMs, placeholderFrames, maxRowSeen });
        };
        requestAnimationFrame(tick);
      }),
    SWEEP_MS,
  );
  await page.keyboard.press('End');
  const rowCount = Number((await grid.getAttribute('aria-rowcount')) ?? NaN) - 1;
  // The last rows, with their values (no placeholders), after End.
  await page.waitForFunction((el) => el?.getAttribute('aria-busy') !== 'true' && !el?.querySelector('.row.pending'), await grid.elementHandle(), { timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
  const scrollMs = performance.now() - started;
  const after = await grid.evaluate((el) => {
    let lastRowShown = 0;
    for (const row of el.querySelectorAll('.row:not(.pending)[aria-rowindex]')) lastRowShown = Math.max(lastRowShown, Number(row.getAttribute('aria-rowindex')) - 1);
    const state = (window as unknown as { __scrollState: { frames: ScrollResult['frames']; supported: boolean } }).__scrollState;
    return { lastRowShown, frames: state.frames, supported: state.supported };
  });
  return {
    frames: after.frames,
    sweepFrames: sweep.frames,
    longestGapMs: sweep.longestGapMs,
    placeholderFrames: sweep.placeholderFrames,
    maxRowSeen: Math.max(sweep.maxRowSeen, after.lastRowShown),
    lastRowShown: after.lastRowShown,
    rowCount: Number.isFinite(rowCount) ? rowCount : after.lastRowShown,
    loafSupported: after.supported,
    scrollMs,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await runChartBench({ csvFile: process.argv[2] });
