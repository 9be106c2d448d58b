// The exported SQL gives the app's customer table and tag labels, row for row, on SQLite, DuckDB
// and PostgreSQL, for the edge cases where SQL and the typed-array path most easily part: ties at
// quantile cut points, one customer, refunds, NULLs, duplicates, filters, a rules tag using another
// tag, thresholds that are parameters, rfm8 with median and score basis, repeat metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceToSql, WarehouseSqlError, type SqlDialect } from '../../../src/engine/warehouse-sql/index.ts';
import type { WorkspaceDefinition } from '../../../src/engine/workspace/workspace-definition.ts';
import { cases, ROLES, sourceColumns, tables, workspace } from './crafted-workspaces.ts';
import { duckdbEngine, expectSameRows, postgresEngine, referenceRows, runExport, sqliteEngine, type Engine } from './engines.ts';

const engines: Partial<Record<SqlDialect, Engine & { close?: () => unknown }>> = {};
beforeAll(async () => {
  engines.sqlite = sqliteEngine(tables);
  engines.duckdb = await duckdbEngine(tables);
  engines.postgres = await postgresEngine(tables);
}, 120_000);
afterAll(async () => {
  for (const engine of Object.values(engines)) await engine.close?.();
});

describe('workspaceToSql(definition, { dialect }) on crafted data', () => {
  for (const { name, definition } of cases) {
    const expected = referenceRows(definition, tables);
    for (const dialect of ['sqlite', 'duckdb', 'postgres'] as const) {
      it(`${name}: ${dialect} equals the app`, async () => {
        const { rows, columns } = await runExport(engines[dialect]!, definition, dialect, { sourceColumns });
        expect(columns).toEqual(Object.keys(expected.types));
        expectSameRows(rows, expected, columns, dialect);
      });
    }
  }

  it('gives one customer every tag the app gives it (quantiles of one value)', async () => {
    const definition = workspace({ roles: ROLES });
    const single: WorkspaceDefinition = { ...definition, cells: definition.cells.map((c) => (c.kind === 'customers' ? { ...c, sources: { orders: 'one' } } : c)) };
    const expected = referenceRows(single, tables);
    expect(expected.rows.size).toBe(1);
    for (const dialect of ['sqlite', 'duckdb', 'postgres'] as const) {
      const { rows, columns } = await runExport(engines[dialect]!, single, dialect, { sourceColumns: { one: sourceColumns.orders } });
      expectSameRows(rows, expected, columns, dialect);
    }
  });

  it('reads thresholds from the parameters step, so editing a parameter there moves the cut', async () => {
    const definition = cases[0].definition;
    const { sql } = workspaceToSql(definition, { dialect: 'duckdb', sourceColumns });
    expect(sql).toContain('30 AS "active_days"');
    const moved = { ...definition, parameters: definition.parameters.map((p) => (p.name === 'active_days' ? { ...p, value: 60 } : p)) };
    const edited = sql.replace('30 AS "active_days"', '60 AS "active_days"');
    const rows = await engines.duckdb!(edited.replace(/;\s*$/, ''));
    const expected = referenceRows(moved, tables);
    const before = referenceRows(definition, tables);
    const changed = rows.filter((r) => before.rows.get(String(r.customer_id))!.activity !== r.activity);
    expect(changed.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.activity ?? null, String(row.customer_id)).toBe(expected.rows.get(String(row.customer_id))!.activity);
  });
});

describe('workspaceToSql refusals', () => {
  it('names a role played by a formula when the source columns are not given', () => {
    expect(() => workspaceToSql(cases[1].definition, { dialect: 'sqlite' })).toThrow(/refund rule.*sourceColumns/);
  });

  it('refuses an unknown preset by name rather than writing the default metrics', () => {
    const definition = workspace({ roles: ROLES, preset: 'weekly' as 'lifetimes' });
    expect(() => workspaceToSql(definition, { dialect: 'postgres' })).toThrow(WarehouseSqlError);
    expect(() => workspaceToSql(definition, { dialect: 'postgres' })).toThrow(/unknown preset "weekly"/);
  });

  it('names the tag and function a dialect cannot write', () => {
    const definition = workspace({ roles: ROLES }, { tags: [{ kind: 'flag', name: 'odd', when: 'MID(customer_id, 2, 1) = "0"', whenTrue: { label: 'y' }, whenFalse: { label: 'n' } }] });
    expect(() => workspaceToSql(definition, { dialect: 'duckdb' })).toThrow(/^tag odd, when: The function MID is not exported to DuckDB yet/);
  });

  it('names a cycle between tags', () => {
    const definition = workspace(
      { roles: ROLES },
      {
        tags: [
          { kind: 'flag', name: 'a', when: "b = 'y'", whenTrue: { label: 'y' }, whenFalse: { label: 'n' } },
          { kind: 'flag', name: 'b', when: "a = 'y'", whenTrue: { label: 'y' }, whenFalse: { label: 'n' } },
        ],
      },
    );
    expect(() => workspaceToSql(definition, { dialect: 'sqlite' })).toThrow(/a → b → a/);
  });
});
