/**
 * Crafted workspaces for the SQL export's tests: orders with ties at quantile cut points,
 * refunds, NULLs, repeated order ids and exact duplicate lines, a customers table with a
 * prospect, and tags of every kind (a rules tag using another tag, thresholds that are
 * parameters, rfm8 with median and score basis, position quantiles, window formulas).
 */
import type { Column, ColumnType } from '../../../src/engine/dataset/types.ts';
import type { CustomerTableDefinition } from '../../../src/engine/customers/types.ts';
import type { Cell } from '../../../src/engine/notebook/cells.ts';
import type { Parameter } from '../../../src/engine/parameters/parameters.ts';
import type { TagDefinition } from '../../../src/engine/tags/types.ts';
import type { WorkspaceDefinition } from '../../../src/engine/workspace/workspace-definition.ts';
import type { Table } from './engines.ts';

/** A typed table from rows (null = NULL; dates as 'YYYY-MM-DD', date-times as 'YYYY-MM-DD HH:MM:SS'). */
export function table(types: Record<string, ColumnType>, rows: (string | number | null)[][]): Table {
  const names = Object.keys(types);
  const columns: Column[] = names.map((name, j) => {
    const type = types[name];
    if (type === 'text') {
      const dictionary: string[] = [];
      const codes = Int32Array.from(rows, (row) => {
        const v = row[j];
        if (v === null) return -1;
        const at = dictionary.indexOf(String(v));
        return at >= 0 ? at : dictionary.push(String(v)) - 1;
      });
      return { name, type, codes, dictionary };
    }
    const values = Float64Array.from(rows, (row) => {
      const v = row[j];
      if (v === null) return NaN;
      if (type === 'date') return Date.parse(`${v}T00:00:00Z`) / 86_400_000;
      if (type === 'datetime') return Date.parse(`${String(v).replace(' ', 'T')}Z`);
      return Number(v);
    });
    return { name, type, values };
  });
  return { columns, rowCount: rows.length };
}

/** Deterministic pseudo-random numbers (a small LCG), so the data is the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const ORDER_TYPES: Record<string, ColumnType> = {
  customer_id: 'text',
  order_day: 'date',
  paid: 'decimal',
  order_no: 'text',
  status: 'text',
  channel: 'text',
  coupon: 'decimal',
  qty: 'integer',
  price: 'decimal',
};

/** Orders with many ties (amounts from a small set, few distinct days), refunds, NULLs and repeated order ids. */
function craftedOrders(): Table {
  const next = random(11);
  const rows: (string | number | null)[][] = [];
  const amounts = [10, 10, 25.5, 40, 99.99, 0.1, 0.2, 100];
  for (let i = 0; i < 400; i++) {
    const customer = `c${String(Math.floor(next() * 60)).padStart(3, '0')}`;
    const day = `2024-0${1 + Math.floor(next() * 6)}-${String(1 + Math.floor(next() * 4) * 7).padStart(2, '0')}`;
    const qty = 1 + Math.floor(next() * 3);
    const price = amounts[Math.floor(next() * amounts.length)];
    let paid: number | null = Math.round(qty * price * 100) / 100;
    const r = next();
    let status = r < 0.08 ? 'refunded' : r < 0.12 ? 'cancelled' : 'completed';
    if (r > 0.97) paid = -paid;
    if (i % 53 === 7) paid = null;
    if (i % 61 === 5) status = 'refunded';
    const order = i % 37 === 3 ? `o${i - 1}` : `o${i}`;
    rows.push([
      i % 71 === 9 ? null : customer,
      i % 89 === 4 ? null : day,
      paid,
      order,
      status,
      next() < 0.8 ? 'web' : 'store',
      next() < 0.3 ? (next() < 0.5 ? 5 : null) : 0,
      next() < 0.05 ? -qty : qty,
      price,
    ]);
  }
  // A customer whose only row is a refund, and exact duplicate lines.
  rows.push(['c900', '2024-03-01', -20, 'o900', 'refunded', 'web', 0, 1, 20]);
  rows.push(['c001', '2024-02-08', 30, 'o901', 'completed', 'web', 0, 1, 30]);
  rows.push(['c001', '2024-02-08', 30, 'o901', 'completed', 'web', 0, 1, 30]);
  return table(ORDER_TYPES, rows);
}

const CUSTOMERS = table({ id: 'text' }, [['c000'], ['c001'], ['c950'], ['c950'], [null], ['c951']]);

export const parameters: Parameter[] = [
  { name: 'as_of', type: 'date', value: null },
  { name: 'active_days', type: 'number', value: 30 },
  { name: 'big_spend', type: 'number', value: 150.5 },
  { name: 'cap_points', type: 'number', value: 400 },
];

export const tags: TagDefinition[] = [
  { kind: 'cut', name: 'activity', metric: 'recency_days', thresholds: ['active_days', 90], segments: [{ label: 'active' }, { label: 'cooling' }, { label: 'gone' }] },
  { kind: 'quantile', name: 'rev_rank', metric: 'revenue', bins: 4 },
  { kind: 'quantile', name: 'orders_position', metric: 'orders', bins: 3, method: 'position', direction: 'low' },
  { kind: 'quantile', name: 'recency_rfm', metric: 'recency_days', bins: 5, method: 'rfm', direction: 'low' },
  {
    kind: 'rules',
    name: 'value_rules',
    rules: [
      { when: "rev_rank = '4' AND activity <> 'gone'", segment: { label: 'top active' } },
      { when: 'revenue >= big_spend OR spend_per_day > 2', segment: { label: 'big' } },
      { when: 'discount_ratio > 0.05', segment: { label: 'deal seeker' } },
    ],
  },
  { kind: 'flag', name: 'lapsed_big', when: "activity = 'gone' AND revenue > 100", whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } },
  {
    kind: 'score',
    name: 'points',
    components: [{ formula: 'revenue', weight: 2, cap: 'cap_points' }, { formula: 'orders', weight: 50 }, { formula: 'mean_days_between_orders', weight: -1, cap: 0 }],
    thresholds: [100, 300, 'cap_points'],
    segments: [{ label: 'bronze' }, { label: 'silver' }, { label: 'gold' }, { label: 'platinum' }],
  },
  {
    kind: 'rfm',
    name: 'rfm_rules',
    recency: 'recency_days',
    frequency: 'orders',
    monetary: 'revenue',
    bins: 3,
    breaks: { frequency: [2, 4] },
    rules: [
      { segment: { label: 'best' }, r: [3, 3], f: [2, 3], m: [3, 3] },
      { segment: { label: 'fading' }, r: [1, 1], f: [1, 3], m: [2, 3] },
    ],
  },
  { kind: 'rfm', name: 'rfm_position', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', method: 'position', bins: 4 },
  { kind: 'rfm8', name: 'rfm8_median_scores', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', reference: 'median', basis: 'scores' },
  { kind: 'rfm8', name: 'rfm8_mean', recency: 'recency_days', frequency: 'orders', monetary: 'revenue' },
  { kind: 'rfm8', name: 'rfm8_median_raw', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', reference: 'median', tie: '>=' },
  { kind: 'rfm8', name: 'rfm8_fixed', recency: 'recency_days', frequency: 'orders', monetary: 'ROUND(revenue, 0)', reference: { recency: 'active_days', frequency: 2, monetary: 'big_spend' }, tie: '>' },
  { kind: 'quantile', name: 'tenure_tiles', metric: 'NTILE(tenure_days, 4) + 0', bins: 2 },
];

const customMetrics = [
  { name: 'spend_per_day', formula: 'ROUND(revenue / MAX(tenure_days, 1), 2)' },
  { name: 'days_since_first', formula: 'DAYS(first_order_at, TODAY())' },
  { name: 'vip', formula: 'IF(orders >= 5 AND spend_per_day > 1, "vip", "regular")' },
];

export function workspace(
  definition: CustomerTableDefinition,
  options: { customers?: boolean; tags?: TagDefinition[]; parameters?: Parameter[]; customMetrics?: { name: string; formula: string }[] } = {},
): WorkspaceDefinition {
  const cells: Cell[] = [
    {
      id: 'cell-1',
      kind: 'customers',
      collapsed: false,
      resultName: 'buyers',
      sources: { orders: 'orders', ...(options.customers ? { customers: 'people' } : {}) },
      definition,
      customMetrics: options.customMetrics ?? customMetrics,
    },
    ...(options.tags ?? tags).map((t, i): Cell => ({ id: `cell-${i + 2}`, kind: 'tag', collapsed: false, tableName: 'buyers', definition: t })),
  ];
  return { format: 'tagbook-workspace', version: 1, name: 'Crafted', cells, parameters: options.parameters ?? parameters };
}

const orders = craftedOrders();
export const tables: Record<string, Table> = { orders, people: CUSTOMERS, one: table(ORDER_TYPES, [['solo', '2024-05-05', 12.5, 'x1', 'completed', 'web', 0, 1, 12.5]]) };
export const sourceColumns = { orders: orders.columns.map((c) => ({ name: c.name, type: c.type })) };

export const ROLES = { customer: 'customer_id', time: 'order_day', amount: 'paid', order: 'order_no', status: 'status', channel: 'channel', coupon: 'coupon' };
export const cases: { name: string; definition: WorkspaceDefinition }[] = [
  {
    name: 'default metrics with status refunds, filters, a customers table and duplicate order ids',
    definition: workspace(
      {
        roles: ROLES,
        customerRoles: { customer: 'id' },
        refunds: { kind: 'status', values: ['refunded', 'cancelled'] },
        filters: { dateRange: { from: 19731, to: 19900 }, channels: ['web', 'store'], excludedCustomers: ['c007', 'c950'] },
      },
      { customers: true },
    ),
  },
  {
    name: 'order lines priced by quantity, a refund formula, repeat metrics, distinct orders, revenue net of refunds and coupons',
    definition: workspace({
      roles: { customer: 'customer_id', time: 'order_day', order: 'order_no', quantity: 'qty', unitPrice: 'price', coupon: 'coupon', product: 'status' },
      orderRows: 'lines',
      refunds: { kind: 'formula', formula: 'status = "refunded" AND qty > 1' },
      metrics: { orders: 'orders', revenue: 'net-of-refunds-and-coupons', includeFirstPurchase: false },
    }),
  },
  {
    name: 'the lifetimes preset with a cutoff, its tags over frequency, recency, T and monetary_value',
    definition: workspace(
      { roles: { customer: 'customer_id', time: 'order_day', amount: 'paid' }, preset: 'lifetimes', cutoff: 19850 },
      {
        customMetrics: [{ name: 'age_weeks', formula: 'T - recency' }],
        tags: [
          { kind: 'quantile', name: 'value_band', metric: 'monetary_value', bins: 3, method: 'rfm' },
          { kind: 'cut', name: 'repeat', metric: 'frequency', thresholds: [0, 'active_days'], segments: [{ label: 'one-off' }, { label: 'repeat' }, { label: 'many' }] },
          { kind: 'rfm8', name: 'lifetime_class', recency: 'age_weeks', frequency: 'frequency', monetary: 'monetary_value', reference: 'median' },
        ],
      },
    ),
  },
  {
    name: 'orders as distinct purchase days, gross revenue, a fixed as_of parameter',
    definition: workspace(
      { roles: { customer: 'customer_id', time: 'order_day', amount: 'paid' }, metrics: { orders: 'days', revenue: 'gross' } },
      { parameters: [{ name: 'as_of', type: 'date', value: 19950 }, ...parameters.slice(1)] },
    ),
  },
];

