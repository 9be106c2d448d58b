/**
 * Chart cells (SPEC §2 steps 5–6, issue #6): what a chart shows, the data the worker computes for
 * it over typed columns, and the Vega-Lite spec built from both. Definitions are plain,
 * structured-cloneable data saved with the workspace; data are small aggregates (never one row per
 * customer, except the scatter's sample), so a threshold move sends only numbers to the page.
 */

/** The built-in views. */
export type ChartView =
  /** Bars of segment size (count) or revenue, one per segment, in the tag's order and colours. */
  | 'segments'
  /** One 100% stacked bar per measure (customers, revenue): each segment's share. */
  | 'share'
  /** Histogram of a metric (log option), bars stacked by the tag's segments, the tag's thresholds as rules. */
  | 'distribution'
  /** Pareto / deciles: cumulative share of revenue against share of customers, best customers first. */
  | 'pareto'
  /** R × F heat map of an rfm tag's scores: count or average monetary per cell. */
  | 'rf-heatmap'
  /** Cross-tab of two tags: counts and row %. */
  | 'crosstab'
  /** Segment counts over time: customers by week or month of their first or last order. */
  | 'over-time'
  /** Scatter of two metrics coloured by segment (sampled above 50,000 points, saying so). */
  | 'scatter'
  /** A SQL cell's result drawn as it is: one or more numeric columns (`y`) against a column (`x`), as lines or bars. */
  | 'series';

/** The views of a customer table's tags. */
export const CHART_VIEWS: readonly ChartView[] = ['segments', 'share', 'distribution', 'pareto', 'rf-heatmap', 'crosstab', 'over-time', 'scatter'];

/** The views of a SQL cell's result (no tags: the columns are drawn as they are). */
export const RESULT_CHART_VIEWS: readonly ChartView[] = ['series'];

/** Every view a chart cell may have. */
export const ALL_CHART_VIEWS: readonly ChartView[] = [...CHART_VIEWS, ...RESULT_CHART_VIEWS];

/** A view drawn from a SQL cell's result rather than a customer table. */
export function isResultChartView(view: ChartView): boolean {
  return RESULT_CHART_VIEWS.includes(view);
}

/** The rows of a result a `series` chart draws at most (the first ones, saying so). */
export const SERIES_ROW_LIMIT = 10_000;

/** The points a scatter shows at most; above, a seeded sample (the chart says so). */
export const SCATTER_SAMPLE = 50_000;

export interface ChartDefinition {
  view: ChartView;
  /** The tag (by name) whose segments group and colour the chart; `crosstab`: the rows' tag. */
  tag: string;
  /** `crosstab`: the columns' tag. */
  tag2?: string;
  /** `segments`: `count` (default) or `revenue`; `rf-heatmap`: `count` (default) or `monetary` (average). */
  measure?: 'count' | 'revenue' | 'monetary';
  /** `distribution`, `scatter` (x), `pareto` (the value ranked, default `revenue`): a numeric column. */
  metric?: string;
  /** `scatter`: the y metric. */
  metric2?: string;
  /** `distribution` and `scatter`: a log scale on x (non-positive values left out, and counted). */
  log?: boolean;
  /** `distribution`: number of bins (default 30). */
  bins?: number;
  /** `over-time`: `month` (default) or `week` (ISO weeks, Monday first). */
  period?: 'week' | 'month';
  /** `over-time`: by the `first` (default) or `last` order's date. */
  basis?: 'first' | 'last';
  /** `crosstab`: show row % instead of counts. */
  percent?: boolean;
  /** `series`: the column along x (dates and numbers are scaled, text keeps the result's row order). */
  x?: string;
  /** `series`: the numeric columns drawn, one line (or bar colour) each. */
  y?: string[];
  /** `series`: `line` (default) or `bar`. */
  mark?: 'line' | 'bar';
  /** A title of the user's; the default names the view and the tag. */
  title?: string;
  /**
   * A hand-edited Vega-Lite spec (JSON text) shown instead of the built one. It gets the same
   * named datasets (see ChartData), so it follows the data. A spec that arrived in a shared file
   * is code: it is rendered only after the user agrees (ChartCell.specAccepted).
   */
  spec?: string;
}

/** A segment as charts see it: position in the tag's order, labels, colour. */
export interface ChartSegment {
  /** 0-based position in the tag's order; -1 = no segment (NULL metric). */
  order: number;
  label: string;
  labelZh?: string;
  /** A CSS colour (#rrggbb); the tag's colour, else a default from the palette. */
  colour: string;
}

/**
 * What the worker computes for one chart: named datasets (rows of plain values), which the page
 * puts into the Vega view by name (`view.change(name, …)`), never re-embedding on a data change.
 * Every view has `segments` (the colour scale's domain and range, in order).
 */
export interface ChartData {
  view: ChartView;
  /** The tag's segments in order (the `no segment` entry last when any customer has none). */
  segments: ChartSegment[];
  /** Named datasets; the keys per view are listed in the builders' docs (e.g. `table`, `thresholds`). */
  datasets: Record<string, Record<string, string | number | null>[]>;
  /** For the threshold handles (`distribution`): the tag's thresholds in force, and whether they can move (cut and score tags). */
  thresholds?: { values: number[]; movable: boolean };
  /** The metric shown on x as resolved (`distribution`, `pareto`, `scatter`): the column's name, or the tag's metric. */
  metric?: string;
  /** `series`: how x is scaled, from the x column's type and values. */
  xType?: 'temporal' | 'quantitative' | 'ordinal';
  /**
   * Facts the chart states under it: customers left out (NULL or, on a log scale, ≤ 0), sampled
   * points; `series`: rows left out (no x), and the result's row count when only its first
   * SERIES_ROW_LIMIT rows are drawn.
   */
  notes: { leftOut?: number; sampledFrom?: number; firstRowsOf?: number };
}

/** How specs are dressed: the page's language (labels, number formats: ¥ and 万/亿 in zh-CN). */
export interface ChartSpecOptions {
  language: 'en' | 'zh-CN';
  /** Width of the chart's area in px (the cell's width); height follows from the view. */
  width: number;
}
