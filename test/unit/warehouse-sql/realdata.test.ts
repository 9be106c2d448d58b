// On the real data sets (../shared/realdata), the demo workspace's tags plus rfm8 and position
// quantiles over each data set's customer table, exported as SQL and run on SQLite, DuckDB and
// PostgreSQL, give the app's metrics and labels row for row: the R rfm package's orders, the
// CDNOW sample (ids with leading zeros, yyyymmdd dates) and UCI Online Retail (refunds by a
// formula on the invoice number, the amount as Quantity × UnitPrice, order lines).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CustomerTableDefinition } from '../../../src/engine/customers/types.ts';
import { loadCsv, type LoadCsvOptions } from '../../../src/engine/dataset/load-csv.ts';
import { demoWorkspace } from '../../../src/engine/demo/demo-workspace.ts';
import type { Cell } from '../../../src/engine/notebook/cells.ts';
import type { Parameter } from '../../../src/engine/parameters/parameters.ts';
import type { TagDefinition } from '../../../src/engine/tags/types.ts';
import type { SqlDialect } from '../../../src/engine/warehouse-sql/index.ts';
import type { WorkspaceDefinition } from '../../../src/engine/workspace/workspace-definition.ts';
import { describeRealdata, readRealdata } from '../../helpers/realdata.ts';
import { duckdbEngine, expectSameRows, postgresEngine, referenceRows, runExport, sqliteEngine, type Engine, type Table } from './engines.ts';

const EXTRA_TAGS: TagDefinition[] = [
  { kind: 'rfm8', name: 'rfm8_median_scores', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', reference: 'median', basis: 'scores' },
  { kind: 'rfm8', name: 'rfm8_mean', recency: 'recency_days', frequency: 'orders', monetary: 'revenue' },
  { kind: 'quantile', name: 'orders_position', metric: 'orders', bins: 5, method: 'position' },
  { kind: 'rfm', name: 'rfm_rank', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', method: 'rank' },
];

/** The demo workspace's tags and parameters over another customer table. */
function workspaceOver(definition: CustomerTableDefinition, asOf: number | null): WorkspaceDefinition {
  const demo = demoWorkspace('en');
  const tags = demo.cells.filter((c) => c.kind === 'tag');
  const customers: Cell = { id: 'cell-1', kind: 'customers', collapsed: false, resultName: 'customer_table', sources: { orders: 'orders' }, definition, customMetrics: [{ name: 'repeat_buyer', formula: 'orders >= 2' }] };
  const extra = EXTRA_TAGS.map((t, i): Cell => ({ id: `extra-${i}`, kind: 'tag', collapsed: false, tableName: 'customer_table', definition: t }));
  const parameters: Parameter[] = demo.parameters.map((p) => (p.name === 'as_of' ? { ...p, value: asOf } : p));
  return { format: 'tagbook-workspace', version: 1, name: 'Real data', cells: [customers, ...tags, ...extra], parameters };
}

const DATA_SETS: { name: string; path: string; load: LoadCsvOptions; definition: CustomerTableDefinition; asOf: number | null }[] = [
  {
    name: 'R rfm package orders (analysis date 2006-12-31)',
    path: 'rfm-r-package/rfm_data_orders.csv',
    load: { timeZone: 'UTC' },
    definition: { roles: { customer: 'customer_id', time: 'order_date', amount: 'revenue' } },
    asOf: Date.UTC(2006, 11, 31) / 86_400_000,
  },
  {
    name: 'CDNOW sample',
    path: 'lifetimes-cdnow/CDNOW_sample.txt',
    load: {
      timeZone: 'UTC',
      renames: { column_1: 'master_id', column_2: 'sample_id', column_3: 'date', column_4: 'n_cds', column_5: 'dollars' },
      columns: { date: { type: 'date', dateFormat: 'yyyymmdd' } },
    },
    definition: { roles: { customer: 'master_id', time: 'date', amount: 'dollars', quantity: 'n_cds' } },
    asOf: null,
  },
  {
    name: 'UCI Online Retail (every 10th customer)',
    path: 'uci-online-retail/online_retail_customers_mod10.csv',
    load: { timeZone: 'UTC' },
    definition: {
      roles: { customer: 'CustomerID', time: 'InvoiceDate', amount: { formula: 'Quantity * UnitPrice' }, order: 'InvoiceNo', product: 'StockCode' },
      refunds: { kind: 'formula', formula: 'LEFT(InvoiceNo, 1) = "C"' },
      orderRows: 'lines',
    },
    asOf: null,
  },
];

describeRealdata('workspaceToSql on the real data sets, run on SQLite, DuckDB and PostgreSQL', () => {
  for (const set of DATA_SETS) {
    const loaded = loadCsv(readRealdata(set.path), set.load);
    const orders: Table = { columns: loaded.data, rowCount: loaded.loadedRows };
    const definition = workspaceOver(set.definition, set.asOf);
    const expected = referenceRows(definition, { orders });
    const sourceColumns = { orders: orders.columns.map((c) => ({ name: c.name, type: c.type })) };
    const engines: Partial<Record<SqlDialect, Engine & { close?: () => unknown }>> = {};
    beforeAll(async () => {
      engines.sqlite = sqliteEngine({ orders });
      engines.duckdb = await duckdbEngine({ orders });
      engines.postgres = await postgresEngine({ orders });
    }, 180_000);
    afterAll(async () => {
      for (const engine of Object.values(engines)) await engine.close?.();
    });
    for (const dialect of ['sqlite', 'duckdb', 'postgres'] as const) {
      it(`${set.name}: ${dialect} gives the app's ${expected.rows.size} customers, metrics and labels`, async () => {
        expect(expected.rows.size).toBeGreaterThan(400);
        const { rows, columns } = await runExport(engines[dialect]!, definition, dialect, { sourceColumns });
        expect(columns).toEqual(Object.keys(expected.types));
        expectSameRows(rows, expected, columns, `${set.name} on ${dialect}`);
      }, 120_000);
    }
  }
});
