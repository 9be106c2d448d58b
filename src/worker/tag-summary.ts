/**
 * What a tag cell shows of an evaluated tag: its segment table (count, revenue, shares, average
 * order value), the cut points in force and, for rules tags, what each rule matches on its own.
 * Built from the engine's TagResult and `segmentStats` over typed arrays; plain data for postMessage.
 */
import { segmentStats, type Column, type CutPoints, type TagError, type TagKind, type TagResult } from '../engine/index.ts';

export interface TagSegmentRow {
  label: string;
  /** The label in Chinese, shown when the page is in zh-CN. */
  labelZh?: string;
  colour?: string;
  description?: string;
  suggestedAction?: string;
  count: number;
  /** 0..1 of all customers. */
  customerShare: number;
  revenue: number;
  /** 0..1 of all revenue. */
  revenueShare: number;
  /** NaN when the segment has no orders. */
  averageOrderValue: number;
}

export interface TagSummary {
  name: string;
  kind: TagKind;
  error?: TagError;
  segments: TagSegmentRow[];
  /** Customers in no segment (NULL metric). */
  nullCount: number;
  totalCount: number;
  cutPoints: CutPoints[];
  /** The metric's smallest and largest value (cut and quantile tags), for the sliders' ranges. */
  metricRange?: { min: number; max: number };
  /** Rules tags: each rule on its own, the pairwise overlaps, and the customers no rule matches. */
  rules?: { labels: string[]; alone: number[]; pairs: number[][]; others: number };
}

/** A numeric column as doubles (NULL = NaN), or zeros when the table has no such column. */
export function numericColumn(columns: readonly Column[], name: string, rowCount: number): Float64Array {
  const column = columns.find((c) => c.name === name);
  if (!column || column.type === 'text') return new Float64Array(rowCount);
  return column.values;
}

/** Returns the smallest and largest non-NaN value, or undefined when there is none. */
export function valueRange(values: Float64Array): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : undefined;
}

/** Summarizes an evaluated tag; `range` is the metric's range (computed once per evaluation). */
export function summarizeTag(result: TagResult, revenue: Float64Array, orders: Float64Array, range?: { min: number; max: number }): TagSummary {
  const summary: TagSummary = { name: result.name, kind: result.kind, segments: [], nullCount: 0, totalCount: result.codes.length, cutPoints: result.cutPoints };
  if (result.error) return { ...summary, error: result.error, nullCount: result.codes.length };
  const stats = segmentStats(result.codes, result.segments.length, revenue, orders);
  summary.segments = result.segments.map((segment, i) => {
    const s = stats.segments[i];
    const row: TagSegmentRow = {
      label: segment.label,
      count: s.count,
      customerShare: s.customerShare,
      revenue: s.revenue,
      revenueShare: s.revenueShare,
      averageOrderValue: s.averageOrderValue,
    };
    if (segment.colour) row.colour = segment.colour;
    if (segment.labelZh) row.labelZh = segment.labelZh;
    if (segment.description) row.description = segment.description;
    if (segment.suggestedAction) row.suggestedAction = segment.suggestedAction;
    return row;
  });
  summary.nullCount = stats.nullCount;
  if (range) summary.metricRange = range;
  if (result.rules) {
    const ruleCount = result.rules.alone.length;
    summary.rules = { labels: result.segments.slice(0, ruleCount).map((s) => s.label), ...result.rules };
  }
  return summary;
}
