/**
 * The customer table of the R rfm package's `rfm_data_orders` (SOURCES.md, rfm-r-package/) at
 * analysis date 2006-12-31, computed the plain way: recency_days = days since the last order,
 * orders = rows, revenue = sum. Callers must run inside `describeRealdata`.
 */
import type { Column } from '../../../src/engine/dataset/types.ts';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import { daysFromCivil } from '../../../src/engine/dataset/time-civil-days.ts';
import { readRealdata } from '../../helpers/realdata.ts';

/** rfm8 class counts (RFM_8_CLASSES order) on this table with the mean reference, raw values; the RFM 8 playbook's note quotes them. */
export const RAW_VS_MEAN = [274, 20, 125, 28, 102, 185, 39, 222];
/** The same with `basis: 'scores'`. */
export const SCORES_VS_MEAN = [233, 43, 246, 73, 27, 96, 34, 243];

export interface RfmOrdersTable {
  rowCount: number;
  columns: Column[];
  recency: Float64Array;
  orders: Float64Array;
  revenue: Float64Array;
}

/** Reads rfm_data_orders.csv and returns one row per customer (995 of them). */
export function rfmOrdersTable(): RfmOrdersTable {
  const data = loadCsv(readRealdata('rfm-r-package/rfm_data_orders.csv')).data;
  const col = (name: string): Column => {
    const c = data.find((x) => x.name === name);
    if (!c) throw new Error(`no column ${name}`);
    return c;
  };
  const id = col('customer_id');
  const date = col('order_date');
  const amount = col('revenue');
  if (id.type !== 'text' || date.type === 'text' || amount.type === 'text') throw new Error('unexpected column types');
  const asOf = daysFromCivil(2006, 12, 31);
  const byId = new Map<string, { last: number; count: number; sum: number }>();
  for (let i = 0; i < id.codes.length; i++) {
    const key = id.dictionary[id.codes[i]];
    const entry = byId.get(key) ?? { last: -Infinity, count: 0, sum: 0 };
    entry.last = Math.max(entry.last, date.values[i]);
    entry.count += 1;
    entry.sum += amount.values[i];
    byId.set(key, entry);
  }
  const ids = [...byId.keys()];
  const recency = Float64Array.from(ids, (k) => asOf - byId.get(k)!.last);
  const orders = Float64Array.from(ids, (k) => byId.get(k)!.count);
  const revenue = Float64Array.from(ids, (k) => byId.get(k)!.sum);
  return {
    rowCount: ids.length,
    recency,
    orders,
    revenue,
    columns: [
      { name: 'customer_id', type: 'text', codes: Int32Array.from(ids, (_, i) => i), dictionary: ids },
      { name: 'recency_days', type: 'integer', values: recency },
      { name: 'orders', type: 'integer', values: orders },
      { name: 'revenue', type: 'integer', values: revenue },
    ],
  };
}
