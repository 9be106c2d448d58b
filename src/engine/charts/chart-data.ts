/**
 * The data of a chart cell, computed over typed columns (in the worker): small named datasets of
 * plain rows that the page puts into the Vega view by name (`view.change(name, …)`).
 *
 * Every row that belongs to a segment carries `order` (the segment's position, -1 = no segment),
 * `label` and `labelZh` (the segment's Chinese label, else its label: never missing), so the same
 * data serve both languages; the spec encodes `label` or `labelZh` (see chart-spec.ts).
 *
 * Datasets per view (every view also has `ChartData.segments`):
 * - `segments`: `table`, one row per segment (empty ones too), in order:
 *   `{order, label, labelZh, colour, count, revenue, customerShare, revenueShare}`; revenue is the
 *   sum of the `revenue` column (NULL = 0; 0 throughout without such a column); shares are
 *   fractions 0..1 of all customers / all revenue (0 when the total is 0).
 * - `share`: `table`, per measure and segment (empty ones too):
 *   `{measure: 'customers' | 'revenue', order, label, labelZh, value, share}`.
 * - `distribution`: `table`, histogram bins of `metric` stacked by segment, non-zero counts only:
 *   `{x0, x1, order, label, labelZh, count}` (bins are [x0, x1), the last one closed; `bins`
 *   (default 30) is the most there are: the width is a 1/2/5 × 10ⁿ "nice" step, the edges
 *   multiples of it; `log: true` bins log10(value), x0/x1 staying in data units);
 *   `thresholds`: `{value, index}` (index into `ChartData.thresholds.values`; on a log scale
 *   thresholds ≤ 0 are left out of the dataset). Thresholds are the tag's when it is a cut,
 *   quantile or score tag and the metric is the tag's own (`metric` omitted, or equal to the
 *   cut/quantile tag's `metric` case-insensitively, or `total` for a score tag); cut and score
 *   thresholds are movable, quantile cut points are not. `metric` names a column of the table;
 *   omitted, it is the tag's metric (or a score tag's total).
 *   notes.leftOut = customers with a NULL metric (and, on a log scale, a value ≤ 0).
 * - `pareto`: customers ranked by `metric` (default `revenue`) descending, ties in row order,
 *   NULLs left out (notes.leftOut); `curve`: ≤ 201 points `{customerShare, valueShare}` from
 *   (0, 0) to (1, 1) (every customer when there are ≤ 200, else 200 evenly spaced ranks; the
 *   value share stays 0 when the total is 0); `deciles`: 10 rows `{decile, valueShare, customers}`
 *   (decile 1 = the top 10%: the customer ranked p (0-based) of n is in decile ⌊10p/n⌋ + 1, so
 *   with fewer than 10 customers some deciles are empty: customers 0, valueShare 0).
 * - `rf-heatmap` (rfm tags only): `table`, every R × F cell (1..bins each, zeros included):
 *   `{r, f, count, monetary}`, monetary = the mean of the tag's monetary input over the cell's
 *   customers with one (null when none). notes.leftOut = customers without scores.
 * - `crosstab`: `table`, every pair of `tag` (rows) × `tag2` (columns) segments, zeros included
 *   (each tag's `no segment` when it has customers with none):
 *   `{row, rowZh, rowOrder, col, colZh, colOrder, count, rowPercent}`; rowPercent is a fraction
 *   0..1 of the row's customers (0 in an empty row).
 * - `over-time`: `table`, customers by the period of their first (`basis: 'first'`, default) or
 *   last order (columns `first_order_at`/`last_order_at`, date or datetime), non-zero counts only:
 *   `{period, periodEnd, order, label, labelZh, count}`; period = `YYYY-MM-01` (month, default) or
 *   the Monday `YYYY-MM-DD` of the ISO week; periodEnd = the next period's start.
 *   notes.leftOut = customers without a date.
 * - `scatter`: `table`, one row per customer with both values (and x > 0 on a log scale):
 *   `{x, y, order, label, labelZh}` in row order; above SCATTER_SAMPLE, a seeded sample
 *   (reservoir sampling, mulberry32 seeded with `ChartInput.seed`, default 1) of SCATTER_SAMPLE
 *   in row order, notes.sampledFrom = how many there were. notes.leftOut = the rest.
 */
import type { Column, NumericColumn } from '../dataset/types.ts';
import { seededRandom } from '../demo/seeded-random.ts';
import type { TagDefinition, TagResult } from '../tags/types.ts';
import { ChartError } from './chart-error.ts';
import { CHART_VIEWS, SCATTER_SAMPLE, type ChartData, type ChartDefinition, type ChartSegment } from './types.ts';

export interface ChartInput {
  /** The customer table's base columns. */
  columns: readonly Column[];
  rowCount: number;
  /** Evaluated tags by lower-case name. */
  tags: ReadonlyMap<string, { definition: TagDefinition; result: TagResult }>;
  /** The scatter sample's seed (default 1), so a test or a user can vary it. */
  seed?: number;
}

type Row = Record<string, string | number | null>;

/** Tableau 10: a colour-blind-friendlier categorical palette, the default segment colours. */
export const SEGMENT_PALETTE: readonly string[] = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** The entry for customers with no segment (code -1): last in `segments`, order -1. */
export const NO_SEGMENT: Readonly<ChartSegment> = { order: -1, label: 'no segment', labelZh: '无分群', colour: '#d4d4d4' };

export const DEFAULT_BINS = 30;
export const MAX_BINS = 200;
/** Points of the Pareto curve at most (plus the origin). */
export const PARETO_POINTS = 200;

const DAY_MS = 86_400_000;

interface TagEntry {
  definition: TagDefinition;
  result: TagResult;
}

/** Computes the named datasets of `definition` over `input`; throws ChartError. */
export function computeChartData(definition: ChartDefinition, input: ChartInput): ChartData {
  if (!definition || !CHART_VIEWS.includes(definition.view)) throw new ChartError('bad-definition', `Unknown chart view "${String(definition?.view)}"; use one of ${CHART_VIEWS.join(', ')}.`, 'view');
  const tag = findTag(definition.tag, input, 'tag');
  const segments = chartSegments(tag.result);
  const base = { view: definition.view, segments };
  switch (definition.view) {
    case 'segments':
      return { ...base, datasets: { table: segmentRows(tag.result, segments, input) }, notes: {} };
    case 'share':
      return { ...base, datasets: { table: shareRows(tag.result, segments, input) }, notes: {} };
    case 'distribution':
      return distributionData(definition, tag, segments, input);
    case 'pareto':
      return paretoData(definition, tag, segments, input);
    case 'rf-heatmap':
      return rfHeatmapData(definition, tag, segments);
    case 'crosstab':
      return crosstabData(definition, tag, segments, input);
    case 'over-time':
      return overTimeData(definition, tag, segments, input);
    case 'scatter':
      return scatterData(definition, tag, segments, input);
    case 'series':
      throw new ChartError('bad-definition', 'A series chart draws a SQL cell’s result, not a customer table (see series-data.ts).', 'view');
  }
}

function findTag(name: string | undefined, input: ChartInput, field: 'tag' | 'tag2'): TagEntry {
  if (typeof name !== 'string' || name.trim() === '') throw new ChartError('missing-field', field === 'tag' ? 'A chart needs a tag.' : 'A cross-tab needs a second tag (tag2).', field);
  const entry = input.tags.get(name.trim().toLowerCase());
  if (!entry) throw new ChartError('no-such-tag', `There is no tag called "${name}".`, field);
  if (entry.result.error || entry.result.codes.length !== input.rowCount) throw new ChartError('tag-failed', `The tag "${name}" has no result${entry.result.error ? `: ${entry.result.error.message}` : '.'}`, field);
  return entry;
}

/** The tag's segments in order, coloured (tag colour, else the palette), plus `no segment` when any customer has none. */
export function chartSegments(result: TagResult): ChartSegment[] {
  const out: ChartSegment[] = result.segments.map((s, i) => ({
    order: i,
    label: s.label,
    ...(s.labelZh ? { labelZh: s.labelZh } : {}),
    colour: s.colour ?? SEGMENT_PALETTE[i % SEGMENT_PALETTE.length],
  }));
  if (result.codes.some((c) => c < 0)) out.push({ ...NO_SEGMENT });
  return out;
}

/** The index into `segments` of each code (-1 → the no-segment entry, which is last). */
function slotOf(code: number, segments: readonly ChartSegment[]): number {
  return code >= 0 ? code : segments.length - 1;
}

function segmentFields(s: ChartSegment): { order: number; label: string; labelZh: string } {
  return { order: s.order, label: s.label, labelZh: s.labelZh ?? s.label };
}

function findColumn(columns: readonly Column[], name: string): Column | undefined {
  const lower = name.trim().toLowerCase();
  return columns.find((c) => c.name.toLowerCase() === lower);
}

function numericColumn(columns: readonly Column[], name: string, field: string): NumericColumn {
  const column = findColumn(columns, name);
  if (!column) throw new ChartError('no-such-metric', `There is no column called "${name}".`, field);
  if (column.type === 'text') throw new ChartError('not-numeric', `The column "${column.name}" holds text, not numbers.`, field);
  return column;
}

function revenueOf(input: ChartInput): Float64Array | null {
  const column = findColumn(input.columns, 'revenue');
  return column && column.type !== 'text' ? column.values : null;
}

function share(part: number, total: number): number {
  return total === 0 ? 0 : part / total;
}

function countBySegment(codes: Int32Array, segments: readonly ChartSegment[], values: Float64Array | null): { counts: number[]; sums: number[] } {
  const counts = new Array<number>(segments.length).fill(0);
  const sums = new Array<number>(segments.length).fill(0);
  for (let i = 0; i < codes.length; i++) {
    const s = slotOf(codes[i], segments);
    counts[s]++;
    if (values && !Number.isNaN(values[i])) sums[s] += values[i];
  }
  return { counts, sums };
}

function segmentRows(result: TagResult, segments: ChartSegment[], input: ChartInput): Row[] {
  const { counts, sums } = countBySegment(result.codes, segments, revenueOf(input));
  const totalRevenue = sums.reduce((a, b) => a + b, 0);
  return segments.map((s, i) => ({
    ...segmentFields(s),
    colour: s.colour,
    count: counts[i],
    revenue: sums[i],
    customerShare: share(counts[i], input.rowCount),
    revenueShare: share(sums[i], totalRevenue),
  }));
}

function shareRows(result: TagResult, segments: ChartSegment[], input: ChartInput): Row[] {
  const { counts, sums } = countBySegment(result.codes, segments, revenueOf(input));
  const totalRevenue = sums.reduce((a, b) => a + b, 0);
  return [
    ...segments.map((s, i) => ({ measure: 'customers', ...segmentFields(s), value: counts[i], share: share(counts[i], input.rowCount) })),
    ...segments.map((s, i) => ({ measure: 'revenue', ...segmentFields(s), value: sums[i], share: share(sums[i], totalRevenue) })),
  ];
}

// ---- distribution ----

interface ResolvedMetric {
  name: string;
  values: Float64Array;
  /** True when the values are what the tag cuts (its thresholds apply). */
  tagOwn: boolean;
}

function tagMetricName(definition: TagDefinition): string | null {
  return definition.kind === 'cut' || definition.kind === 'quantile' ? definition.metric : null;
}

function resolveDistributionMetric(name: string | undefined, tag: TagEntry, input: ChartInput): ResolvedMetric {
  const own = tagMetricName(tag.definition);
  const ownValues = own !== null ? tag.result.inputs.metric : tag.definition.kind === 'score' ? tag.result.inputs.total : undefined;
  if (name === undefined || name.trim() === '') {
    if (!ownValues) throw new ChartError('missing-field', `A distribution needs a metric (the tag "${tag.definition.name}" cuts none).`, 'metric');
    return { name: own ?? 'total', values: ownValues, tagOwn: true };
  }
  const lower = name.trim().toLowerCase();
  const column = findColumn(input.columns, name);
  const matchesOwn = (own !== null && own.trim().toLowerCase() === lower) || (tag.definition.kind === 'score' && lower === 'total' && !column);
  if (column) {
    if (column.type === 'text') throw new ChartError('not-numeric', `The column "${column.name}" holds text, not numbers.`, 'metric');
    return { name: column.name, values: column.values, tagOwn: matchesOwn };
  }
  if (matchesOwn && ownValues) return { name: name.trim(), values: ownValues, tagOwn: true };
  throw new ChartError('no-such-metric', `There is no column called "${name}".`, 'metric');
}

/** 1, 2 or 5 × 10ⁿ: the smallest such step that cuts `span` into at most `bins` bins. */
export function niceStep(span: number, bins: number): number {
  const raw = (span > 0 ? span : 1) / bins;
  const power = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / power;
  return (ratio <= 1 + 1e-9 ? 1 : ratio <= 2 + 1e-9 ? 2 : ratio <= 5 + 1e-9 ? 5 : 10) * power;
}

/** Rounds away floating-point noise from bin edges (0.30000000000000004 → 0.3). */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

function distributionData(definition: ChartDefinition, tag: TagEntry, segments: ChartSegment[], input: ChartInput): ChartData {
  const bins = definition.bins ?? DEFAULT_BINS;
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) throw new ChartError('bad-definition', `Bins must be a whole number from 1 to ${MAX_BINS}.`, 'bins');
  const log = definition.log === true;
  const metric = resolveDistributionMetric(definition.metric, tag, input);
  const { values } = metric;
  const codes = tag.result.codes;
  const n = input.rowCount;
  let leftOut = 0;
  let min = Infinity;
  let max = -Infinity;
  let minValue = Infinity;
  let maxValue = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v) || (log && v <= 0)) {
      leftOut++;
      continue;
    }
    if (v < minValue) minValue = v;
    if (v > maxValue) maxValue = v;
  }
  if (minValue <= maxValue) {
    min = log ? Math.log10(minValue) : minValue;
    max = log ? Math.log10(maxValue) : maxValue;
  }
  const table: Row[] = [];
  if (min <= max) {
    const step = niceStep(max - min, bins);
    const edgeAt = (k: number): number => clean(log ? 10 ** (k * step) : k * step);
    // Edges are whole multiples of the step (in log10 space on a log scale), covering min..max.
    let first = Math.floor(clean(min / step));
    while (first > -1e6 && edgeAt(first) > minValue) first--;
    let last = Math.max(first + 1, Math.ceil(clean(max / step)));
    while (edgeAt(last) < maxValue) last++;
    const binCount = last - first;
    const start = first * step;
    const edges = Array.from({ length: binCount + 1 }, (_, k) => edgeAt(first + k));
    const counts = Array.from({ length: binCount }, () => new Array<number>(segments.length).fill(0));
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (Number.isNaN(v) || (log && v <= 0)) continue;
      let b = Math.min(binCount - 1, Math.max(0, Math.floor(((log ? Math.log10(v) : v) - start) / step)));
      while (b > 0 && v < edges[b]) b--;
      while (b < binCount - 1 && v >= edges[b + 1]) b++;
      counts[b][slotOf(codes[i], segments)]++;
    }
    for (let b = 0; b < binCount; b++) {
      segments.forEach((s, j) => {
        if (counts[b][j] > 0) table.push({ x0: edges[b], x1: edges[b + 1], ...segmentFields(s), count: counts[b][j] });
      });
    }
  }
  let thresholds: ChartData['thresholds'];
  const kind = tag.definition.kind;
  if (metric.tagOwn && (kind === 'cut' || kind === 'quantile' || kind === 'score')) {
    const cut = tag.result.cutPoints.find((c) => c.of === (kind === 'score' ? 'total' : 'metric'));
    if (cut) thresholds = { values: [...cut.values], movable: kind !== 'quantile' };
  }
  const thresholdRows: Row[] = (thresholds?.values ?? []).map((value, index) => ({ value, index })).filter((r) => Number.isFinite(r.value) && !(log && r.value <= 0));
  return { view: 'distribution', segments, datasets: { table, thresholds: thresholdRows }, ...(thresholds ? { thresholds } : {}), metric: metric.name, notes: { leftOut } };
}

// ---- pareto ----

function paretoData(definition: ChartDefinition, tag: TagEntry, segments: ChartSegment[], input: ChartInput): ChartData {
  void tag;
  const column = numericColumn(input.columns, definition.metric ?? 'revenue', 'metric');
  const rows: number[] = [];
  for (let i = 0; i < input.rowCount; i++) if (!Number.isNaN(column.values[i])) rows.push(i);
  const v = column.values;
  rows.sort((a, b) => v[b] - v[a] || a - b);
  const n = rows.length;
  const cumulative = new Float64Array(n + 1);
  for (let p = 0; p < n; p++) cumulative[p + 1] = cumulative[p] + v[rows[p]];
  const total = cumulative[n];
  const points = Math.min(n, PARETO_POINTS);
  const curve: Row[] = [{ customerShare: 0, valueShare: 0 }];
  for (let k = 1; k <= points; k++) {
    const at = Math.round((k * n) / points);
    curve.push({ customerShare: at / n, valueShare: share(cumulative[at], total) });
  }
  const deciles: Row[] = [];
  for (let d = 1; d <= 10; d++) {
    const from = Math.ceil(((d - 1) * n) / 10);
    const to = Math.ceil((d * n) / 10);
    deciles.push({ decile: d, valueShare: share(cumulative[to] - cumulative[from], total), customers: to - from });
  }
  return { view: 'pareto', segments, datasets: { curve, deciles }, metric: column.name, notes: { leftOut: input.rowCount - n } };
}

// ---- rf-heatmap ----

function rfHeatmapData(definition: ChartDefinition, tag: TagEntry, segments: ChartSegment[]): ChartData {
  void definition;
  const { result } = tag;
  if (result.kind !== 'rfm' || !result.scores) throw new ChartError('not-rfm', `An R × F heat map needs an rfm tag; "${tag.definition.name}" is a ${result.kind} tag.`, 'tag');
  const { r, f } = result.scores;
  const monetary = result.inputs.monetary;
  const binsOf = (of: string, scores: Int8Array): number => {
    const cut = result.cutPoints.find((c) => c.of === of);
    return Math.max(cut ? cut.values.length + 1 : 0, ...scores, 1);
  };
  const nR = binsOf('recency', r);
  const nF = binsOf('frequency', f);
  const count = new Array<number>(nR * nF).fill(0);
  const sum = new Array<number>(nR * nF).fill(0);
  const withM = new Array<number>(nR * nF).fill(0);
  let leftOut = 0;
  for (let i = 0; i < r.length; i++) {
    if (r[i] <= 0 || f[i] <= 0) {
      leftOut++;
      continue;
    }
    const cell = (r[i] - 1) * nF + (f[i] - 1);
    count[cell]++;
    const m = monetary ? monetary[i] : NaN;
    if (!Number.isNaN(m)) {
      sum[cell] += m;
      withM[cell]++;
    }
  }
  const table: Row[] = [];
  for (let a = 1; a <= nR; a++) {
    for (let b = 1; b <= nF; b++) {
      const cell = (a - 1) * nF + (b - 1);
      table.push({ r: a, f: b, count: count[cell], monetary: withM[cell] > 0 ? sum[cell] / withM[cell] : null });
    }
  }
  return { view: 'rf-heatmap', segments, datasets: { table }, notes: { leftOut } };
}

// ---- crosstab ----

function crosstabData(definition: ChartDefinition, tag: TagEntry, segments: ChartSegment[], input: ChartInput): ChartData {
  const tag2 = findTag(definition.tag2, input, 'tag2');
  const columns = chartSegments(tag2.result);
  const counts = Array.from({ length: segments.length }, () => new Array<number>(columns.length).fill(0));
  const a = tag.result.codes;
  const b = tag2.result.codes;
  for (let i = 0; i < input.rowCount; i++) counts[slotOf(a[i], segments)][slotOf(b[i], columns)]++;
  const table: Row[] = [];
  segments.forEach((s, i) => {
    const rowTotal = counts[i].reduce((x, y) => x + y, 0);
    columns.forEach((c, j) => {
      table.push({ row: s.label, rowZh: s.labelZh ?? s.label, rowOrder: s.order, col: c.label, colZh: c.labelZh ?? c.label, colOrder: c.order, count: counts[i][j], rowPercent: share(counts[i][j], rowTotal) });
    });
  });
  return { view: 'crosstab', segments, datasets: { table }, notes: {} };
}

// ---- over-time ----

function pad(x: number, width: number): string {
  return String(x).padStart(width, '0');
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
export function formatDayNumber(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** The first day of the period holding `day`, and of the next period. */
export function periodOf(day: number, period: 'week' | 'month'): [number, number] {
  if (period === 'week') {
    const monday = day - ((((day + 3) % 7) + 7) % 7); // 1970-01-01 was a Thursday
    return [monday, monday + 7];
  }
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return [Date.UTC(y, m, 1) / DAY_MS, Date.UTC(y, m + 1, 1) / DAY_MS];
}

function overTimeData(definition: ChartDefinition, tag: TagEntry, segments: ChartSegment[], input: ChartInput): ChartData {
  const period = definition.period ?? 'month';
  const basis = definition.basis ?? 'first';
  if (period !== 'week' && period !== 'month') throw new ChartError('bad-definition', 'The period must be "week" or "month".', 'period');
  if (basis !== 'first' && basis !== 'last') throw new ChartError('bad-definition', 'The basis must be "first" or "last".', 'basis');
  const name = basis === 'first' ? 'first_order_at' : 'last_order_at';
  const column = findColumn(input.columns, name);
  if (!column || (column.type !== 'date' && column.type !== 'datetime')) throw new ChartError('no-date-column', `Segment counts over time need a date column "${name}".`, 'basis');
  const byPeriod = new Map<number, { end: number; counts: number[] }>();
  const codes = tag.result.codes;
  let leftOut = 0;
  for (let i = 0; i < input.rowCount; i++) {
    const v = column.values[i];
    if (!Number.isFinite(v)) {
      leftOut++;
      continue;
    }
    const day = column.type === 'date' ? Math.floor(v) : Math.floor(v / DAY_MS);
    const [startDay, endDay] = periodOf(day, period);
    let entry = byPeriod.get(startDay);
    if (!entry) byPeriod.set(startDay, (entry = { end: endDay, counts: new Array<number>(segments.length).fill(0) }));
    entry.counts[slotOf(codes[i], segments)]++;
  }
  const table: Row[] = [];
  for (const startDay of [...byPeriod.keys()].sort((x, y) => x - y)) {
    const { end, counts } = byPeriod.get(startDay)!;
    segments.forEach((s, j) => {
      if (counts[j] > 0) table.push({ period: formatDayNumber(startDay), periodEnd: formatDayNumber(end), ...segmentFields(s), count: counts[j] });
    });
  }
  return { view: 'over-time', segments, datasets: { table }, notes: { leftOut } };
}

// ---- scatter ----

function scatterData(definition: ChartDefinition, tag: TagEntry, segments: ChartSegment[], input: ChartInput): ChartData {
  if (!definition.metric) throw new ChartError('missing-field', 'A scatter needs a metric for x.', 'metric');
  if (!definition.metric2) throw new ChartError('missing-field', 'A scatter needs a second metric (metric2) for y.', 'metric2');
  const x = numericColumn(input.columns, definition.metric, 'metric').values;
  const y = numericColumn(input.columns, definition.metric2, 'metric2').values;
  const log = definition.log === true;
  const valid: number[] = [];
  for (let i = 0; i < input.rowCount; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i]) && !(log && x[i] <= 0)) valid.push(i);
  let rows = valid;
  if (valid.length > SCATTER_SAMPLE) rows = sampleRows(valid, SCATTER_SAMPLE, input.seed ?? 1);
  const codes = tag.result.codes;
  const table: Row[] = rows.map((i) => ({ x: x[i], y: y[i], ...segmentFields(segments[slotOf(codes[i], segments)]) }));
  return {
    view: 'scatter',
    segments,
    datasets: { table },
    metric: definition.metric,
    notes: { leftOut: input.rowCount - valid.length, ...(rows !== valid ? { sampledFrom: valid.length } : {}) },
  };
}

/** `size` of `items` by reservoir sampling (algorithm R) with a seeded generator, kept in their order. */
export function sampleRows(items: readonly number[], size: number, seed: number): number[] {
  const random = seededRandom(seed);
  const slots = Array.from({ length: Math.min(size, items.length) }, (_, k) => k);
  for (let k = size; k < items.length; k++) {
    const j = Math.floor(random() * (k + 1));
    if (j < size) slots[j] = k;
  }
  return slots.sort((a, b) => a - b).map((k) => items[k]);
}
