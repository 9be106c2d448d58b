/**
 * A workspace's tag scheme — the customer table's definition and inputs, its custom metrics, its
 * tags and the parameters — evaluated again as of another day (issue #9): the backtest's cutoff,
 * a migration's two dates. Only orders before the day are used; every value derived from data
 * (means, medians, quantile cut points, metrics such as recency) is computed again from them, and
 * the `as_of` parameter becomes the day. Constants written in definitions stay.
 */
import { buildCustomerTable } from '../customers/build-customer-table.ts';
import { isCustomerTableError } from '../customers/customer-table-error.ts';
import type { CustomerTable, CustomerTableDefinition, CustomerTableInput } from '../customers/types.ts';
import type { Column } from '../dataset/types.ts';
import type { FormulaParameter } from '../formula/contract.ts';
import { evaluateCustomMetrics, type CustomMetric } from '../metrics/custom-metrics.ts';
import { formatDay } from '../sqlite/format-sql-value.ts';
import { evaluateTags } from '../tags/evaluate-tags.ts';
import type { TagDefinition } from '../tags/types.ts';
import { AnalysisError } from './types.ts';

export interface TagScheme {
  input: CustomerTableInput;
  definition: CustomerTableDefinition;
  customMetrics: CustomMetric[];
  tags: TagDefinition[];
  parameters: FormulaParameter[];
}

/** A tag as of a day: per customer of that day's customer table, the segment code (−1: none). */
export interface TagAtDate {
  customerIds: string[];
  codes: Int32Array;
  /** Segment labels by code. */
  labels: string[];
  /** Every cut point the tag used, flattened (quantile, rfm and cut thresholds). */
  cutPoints: number[];
  table: CustomerTable;
}

/** The customer table as of `day`: orders before it only, analysis date `day`. */
export function definitionAsOf(definition: CustomerTableDefinition, day: number): CustomerTableDefinition {
  const to = definition.filters?.dateRange?.to;
  const dateRange = { ...definition.filters?.dateRange, to: to === undefined ? day - 1 : Math.min(to, day - 1) };
  const next: CustomerTableDefinition = { ...definition, asOf: day, filters: { ...definition.filters, dateRange } };
  if (definition.preset === 'lifetimes') next.cutoff = day - 1;
  return next;
}

/** The parameters with `as_of` set to `day` (added when missing). */
export function parametersAsOf(parameters: readonly FormulaParameter[], day: number): FormulaParameter[] {
  return [...parameters.filter((p) => p.name.toLowerCase() !== 'as_of'), { name: 'as_of', type: 'date', value: day }];
}

/** Builds the customer table, its custom metrics and every tag as of `day`; returns the named tag. */
export function tagAtDate(scheme: TagScheme, tagName: string, day: number): TagAtDate {
  if (!Number.isInteger(day)) throw new AnalysisError('bad-option', `The date must be a whole day, not “${String(day)}”.`);
  const wanted = scheme.tags.findIndex((t) => t.name.toLowerCase() === tagName.toLowerCase());
  if (wanted < 0) {
    const names = scheme.tags.map((t) => t.name);
    throw new AnalysisError('unknown-tag', names.length ? `There is no tag “${tagName}” (the tags are ${names.join(', ')}).` : `There is no tag “${tagName}”: the customer table has no tags.`);
  }
  let table: CustomerTable;
  try {
    table = buildCustomerTable(scheme.input, definitionAsOf(scheme.definition, day));
  } catch (error) {
    if (isCustomerTableError(error) && error.code === 'no-usable-rows') {
      throw new AnalysisError('no-orders-before', `There are no orders before ${formatDay(day)}: choose a later date.`);
    }
    throw error;
  }
  const parameters = parametersAsOf(scheme.parameters, day);
  const columns: Column[] = [...table.columns];
  const names = new Set(columns.map((c) => c.name));
  const custom = evaluateCustomMetrics(table.columns, table.rowCount, scheme.customMetrics.filter((m) => m.name.trim() !== '' && !names.has(m.name)), parameters);
  for (const result of custom) if (result.ok) columns.push(result.column);
  const results = evaluateTags(scheme.tags, { columns, rowCount: table.rowCount }, parameters);
  const result = results[wanted];
  if (result.error) throw new AnalysisError('tag-failed', `The tag “${result.name}” fails as of ${formatDay(day)}: ${result.error.message}`);
  const id = table.columns[0];
  const customerIds = id.type === 'text' ? Array.from(id.codes, (code) => id.dictionary[code]) : [];
  return {
    customerIds,
    codes: result.codes,
    labels: result.segments.map((s) => s.label),
    cutPoints: result.cutPoints.flatMap((c) => c.values),
    table,
  };
}
