/**
 * Analysis results as tables of typed columns (issue #9): what the result grid shows and SQL cells
 * query under the cell's result name. Snake-case names; NaN is NULL.
 */
import type { Column, NumericColumn, TextColumn } from '../dataset/types.ts';
import type { BacktestResult, CrossSellRow, MigrationResult, ReplenishmentRow, ShoppingPathRow } from './types.ts';

export interface ResultTable {
  columns: Column[];
  rowCount: number;
}

/** One row per segment (and per cutoff when a second one is compared). */
export function backtestColumns(result: BacktestResult, compare?: BacktestResult): ResultTable {
  const runs = compare ? [result, compare] : [result];
  const rows = runs.flatMap((run) => run.segments.map((s) => ({ run, s })));
  const columns: Column[] = [];
  if (compare) columns.push(numeric('cutoff', 'date', rows.map((r) => r.run.cutoff)));
  columns.push(
    text('segment', rows.map((r) => r.s.label)),
    numeric('customers', 'integer', rows.map((r) => r.s.customers)),
    numeric('repeaters', 'integer', rows.map((r) => r.s.repeaters)),
    numeric('rate', 'decimal', rows.map((r) => r.s.rate)),
    numeric('rate_low', 'decimal', rows.map((r) => r.s.rateLow)),
    numeric('rate_high', 'decimal', rows.map((r) => r.s.rateHigh)),
    numeric('revenue_per_customer', 'decimal', rows.map((r) => r.s.revenuePerCustomer)),
    numeric('lift', 'decimal', rows.map((r) => r.s.lift)),
  );
  return { columns, rowCount: rows.length };
}

/** One row per non-empty cell of the transition matrix. */
export function migrationColumns(result: MigrationResult): ResultTable {
  const cells = result.cells;
  return {
    columns: [
      text('from_segment', cells.map((c) => c.from)),
      text('to_segment', cells.map((c) => c.to)),
      numeric('customers', 'integer', cells.map((c) => c.customers)),
      numeric('row_share', 'decimal', cells.map((c) => c.rowShare)),
    ],
    rowCount: cells.length,
  };
}

/** One row per customer: their segment at each date and whether it changed. */
export function migrationCustomerColumns(result: MigrationResult): ResultTable {
  const fromLabel = new Map<number, string>();
  const toLabel = new Map<number, string>();
  for (const c of result.cells) {
    fromLabel.set(c.fromCode, c.from);
    toLabel.set(c.toCode, c.to);
  }
  const from = Array.from(result.fromCodes, (code) => fromLabel.get(code) ?? null);
  const to = Array.from(result.toCodes, (code) => toLabel.get(code) ?? null);
  return {
    columns: [
      text('customer_id', result.customerIds),
      text('segment_from', from),
      text('segment_to', to),
      numeric('moved', 'integer', from.map((f, i) => (f === to[i] ? 0 : 1))),
    ],
    rowCount: result.customerIds.length,
  };
}

export function replenishmentColumns(rows: readonly ReplenishmentRow[]): ResultTable {
  return {
    columns: [
      text('item', rows.map((r) => r.item)),
      numeric('customers', 'integer', rows.map((r) => r.customers)),
      numeric('repeat_customers', 'integer', rows.map((r) => r.repeatCustomers)),
      numeric('repeat_pairs', 'integer', rows.map((r) => r.pairs)),
      numeric('q1_days', 'decimal', rows.map((r) => r.q1)),
      numeric('median_days', 'decimal', rows.map((r) => r.median)),
      numeric('q3_days', 'decimal', rows.map((r) => r.q3)),
      numeric('few_pairs', 'boolean', rows.map((r) => (r.fewPairs ? 1 : 0))),
    ],
    rowCount: rows.length,
  };
}

export function crossSellColumns(rows: readonly CrossSellRow[]): ResultTable {
  return {
    columns: [
      text('item_a', rows.map((r) => r.a)),
      text('item_b', rows.map((r) => r.b)),
      numeric('orders_with_both', 'integer', rows.map((r) => r.orders)),
      numeric('support', 'decimal', rows.map((r) => r.support)),
      numeric('confidence_a_to_b', 'decimal', rows.map((r) => r.confidenceAB)),
      numeric('confidence_b_to_a', 'decimal', rows.map((r) => r.confidenceBA)),
      numeric('lift', 'decimal', rows.map((r) => r.lift)),
      numeric('orders_a', 'integer', rows.map((r) => r.ordersA)),
      numeric('orders_b', 'integer', rows.map((r) => r.ordersB)),
    ],
    rowCount: rows.length,
  };
}

export function shoppingPathColumns(rows: readonly ShoppingPathRow[]): ResultTable {
  return {
    columns: [
      text('item_a', rows.map((r) => r.a)),
      text('item_b', rows.map((r) => r.b)),
      numeric('customers', 'integer', rows.map((r) => r.customers)),
      numeric('share_of_a_buyers', 'decimal', rows.map((r) => r.shareOfA)),
      numeric('median_days', 'decimal', rows.map((r) => r.medianDays)),
      numeric('buyers_a', 'integer', rows.map((r) => r.buyersA)),
    ],
    rowCount: rows.length,
  };
}

function text(name: string, values: readonly (string | null)[]): TextColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(v);
      index.set(v, code);
    }
    return code;
  });
  return { name, type: 'text', codes, dictionary };
}

function numeric(name: string, type: NumericColumn['type'], values: readonly number[]): NumericColumn {
  return { name, type, values: Float64Array.from(values) };
}
