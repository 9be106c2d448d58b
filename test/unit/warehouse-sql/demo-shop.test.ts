// The demo workspace (its customer table, custom metric and every tag, playbook tags included),
// and the demo notebook with every playbook that applies to it, exported as SQL and run on SQLite,
// DuckDB and PostgreSQL, give the app's table row for row: metrics within 1e-9, labels exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import { demoNotebook } from '../../../src/engine/demo/demo-notebook.ts';
import { demoShopFiles } from '../../../src/engine/demo/demo-shop-files.ts';
import { DEMO_CUSTOMER_COLUMNS, demoWorkspace } from '../../../src/engine/demo/demo-workspace.ts';
import type { Cell, CustomersCell } from '../../../src/engine/notebook/cells.ts';
import { defaultParameters, type Parameter } from '../../../src/engine/parameters/parameters.ts';
import { applyPlaybook, PLAYBOOKS, playbookSources } from '../../../src/engine/playbooks/index.ts';
import type { WorkspaceDefinition } from '../../../src/engine/workspace/workspace-definition.ts';
import { duckdbEngine, expectSameRows, postgresEngine, referenceRows, runExport, sqliteEngine, type Engine, type Table } from './engines.ts';

const TIME_ZONE = 'Asia/Shanghai';
const demo = demoWorkspace('en');
const demoDefinition: WorkspaceDefinition = { format: 'tagbook-workspace', version: 1, name: 'Demo shop', cells: demo.cells, parameters: demo.parameters, timeZone: TIME_ZONE };

/** The demo notebook with every playbook added in menu order (those whose needs the demo meets). */
function everyPlaybook(): { definition: WorkspaceDefinition; added: string[] } {
  let cells: Cell[] = demoNotebook('en');
  let parameters: Parameter[] = defaultParameters();
  const added: string[] = [];
  for (const playbook of PLAYBOOKS) {
    const customers = cells.find((c): c is CustomersCell => c.kind === 'customers')!;
    const columns = [...DEMO_CUSTOMER_COLUMNS, 'coupon_orders', ...customers.customMetrics.map((m) => m.name)];
    const result = applyPlaybook(playbook, cells, parameters, customers.id, columns, 'en', {}, playbookSources(customers, () => []));
    if ('missing' in result) continue;
    cells = result.cells;
    parameters = result.parameters;
    added.push(playbook.id);
  }
  return { definition: { format: 'tagbook-workspace', version: 1, name: 'Every playbook', cells, parameters, timeZone: TIME_ZONE }, added };
}
const playbooks = everyPlaybook();

const tables: Record<string, Table> = Object.fromEntries(
  demoShopFiles().map((f) => {
    const name = f.fileName.replace(/\.csv$/, '');
    const loaded = loadCsv(f.bytes, { tableName: name, timeZone: TIME_ZONE });
    return [name, { columns: loaded.data, rowCount: loaded.loadedRows }];
  }),
);

const engines: { dialect: 'sqlite' | 'duckdb' | 'postgres'; engine: Engine; close?: () => unknown }[] = [];
beforeAll(async () => {
  engines.push({ dialect: 'sqlite', engine: sqliteEngine(tables) });
  const duck = await duckdbEngine(tables);
  engines.push({ dialect: 'duckdb', engine: duck, close: duck.close });
  const pg = await postgresEngine(tables);
  engines.push({ dialect: 'postgres', engine: pg, close: pg.close });
}, 120_000);
afterAll(async () => {
  for (const e of engines) await e.close?.();
});

describe('workspaceToSql(demo workspace, { dialect }) on real engines', () => {
  const expected = referenceRows(demoDefinition, tables);
  for (const dialect of ['sqlite', 'duckdb', 'postgres'] as const) {
    it(`gives the app's metrics and tag labels on ${dialect}`, async () => {
      const { engine } = engines.find((e) => e.dialect === dialect)!;
      const { rows, columns } = await runExport(engine, demoDefinition, dialect);
      expect(columns).toEqual(Object.keys(expected.types));
      const tagNames = demo.cells.flatMap((c) => (c.kind === 'tag' ? [c.definition.name] : []));
      expect(tagNames.length).toBeGreaterThanOrEqual(9);
      expect(columns.slice(-tagNames.length - 1)).toEqual(['repeat_buyer', ...tagNames]);
      expectSameRows(rows, expected, columns, dialect);
    }, 120_000);
  }
});

describe('workspaceToSql(demo notebook + every playbook, { dialect }) on real engines', () => {
  const expected = referenceRows(playbooks.definition, tables);
  it('adds every playbook but price tier (the demo items have no unit price)', () => {
    expect(playbooks.added).toEqual(PLAYBOOKS.map((p) => p.id).filter((id) => id !== 'price-tier'));
  });
  for (const dialect of ['sqlite', 'duckdb', 'postgres'] as const) {
    it(`gives the app's metrics and tag labels on ${dialect}`, async () => {
      const { engine } = engines.find((e) => e.dialect === dialect)!;
      const { rows, columns } = await runExport(engine, playbooks.definition, dialect);
      expect(columns).toEqual(Object.keys(expected.types));
      // spend_rank_share = PERCENT_RANK(-revenue): customers whose revenues tie but for the order
      // the amounts were summed in (SQLite and DuckDB sum in another order than the app) may swap ranks.
      expectSameRows(rows, expected, columns, dialect, { spend_rank_share: 'revenue' });
    }, 120_000);
  }
});
