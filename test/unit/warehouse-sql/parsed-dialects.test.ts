// Spark SQL and BigQuery scripts are checked by real parsers from the npm registry (no engine
// runs here); the ClickHouse script is compared with a golden file read and reviewed by hand.
// Every tag kind, formula roles, parameters as thresholds and the demo's playbook tags are covered.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SparkSQL } from 'dt-sql-parser';
import nodeSqlParser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { demoWorkspace } from '../../../src/engine/demo/demo-workspace.ts';
import { SQL_DIALECTS, workspaceToSql } from '../../../src/engine/warehouse-sql/index.ts';
import type { WorkspaceDefinition } from '../../../src/engine/workspace/workspace-definition.ts';
import { cases, sourceColumns } from './crafted-workspaces.ts';

const demo = demoWorkspace('en');
const DEFINITIONS: { name: string; definition: WorkspaceDefinition }[] = [
  { name: 'demo workspace', definition: { format: 'tagbook-workspace', version: 1, name: 'Demo shop', cells: demo.cells, parameters: demo.parameters } },
  ...cases,
];
const GOLDEN = join(import.meta.dirname, '../../fixtures/warehouse-sql');

/** Spark SQL parse errors (dt-sql-parser's SparkSQL grammar), as "line:column message". */
function sparkErrors(sql: string): string[] {
  return new SparkSQL().validate(sql).map((e) => `${e.startLine}:${e.startColumn} ${e.message}`);
}

/** Throws when node-sql-parser's BigQuery grammar cannot read `sql`. */
function parseBigQuery(sql: string): void {
  new nodeSqlParser.Parser().astify(sql, { database: 'BigQuery' });
}

describe('workspaceToSql(definition, { dialect: "spark" | "bigquery" }) parses', () => {
  for (const { name, definition } of DEFINITIONS) {
    it(`${name}: the Spark SQL script has no parse error`, () => {
      const { sql } = workspaceToSql(definition, { dialect: 'spark', sourceColumns });
      expect(sparkErrors(sql)).toEqual([]);
    });
    it(`${name}: the BigQuery script parses`, () => {
      const { sql } = workspaceToSql(definition, { dialect: 'bigquery', sourceColumns, tableNames: { orders: 'shop.orders', people: 'shop.people', customers: 'shop.customers', order_items: 'shop.order_items' } });
      expect(sql).toContain('`shop.orders`');
      expect(() => parseBigQuery(sql)).not.toThrow();
    });
  }

  it('the parsers reject a script with a step cut short (the checks can fail)', () => {
    const spark = workspaceToSql(cases[0].definition, { dialect: 'spark', sourceColumns }).sql;
    const broken = spark.replace(/\n\),\n/, '\n,\n');
    expect(broken).not.toBe(spark);
    expect(sparkErrors(broken).length).toBeGreaterThan(0);
    const bigquery = workspaceToSql(cases[0].definition, { dialect: 'bigquery', sourceColumns }).sql;
    expect(() => parseBigQuery(bigquery.replace(/\n\),\n/, '\n,\n'))).toThrow();
  });

  it('writes every dialect of every definition, with CREATE TABLE when asked', () => {
    for (const dialect of SQL_DIALECTS) {
      for (const { definition } of DEFINITIONS) {
        const { sql } = workspaceToSql(definition, { dialect, sourceColumns, createTable: 'tagged_customers' });
        expect(sql).toMatch(/CREATE TABLE [`"]?tagged_customers[`"]?/);
      }
    }
  });
});

describe('workspaceToSql(crafted workspace, { dialect: "clickhouse" }) against the reviewed golden file', () => {
  it('matches crafted-clickhouse.sql', () => {
    const { sql } = workspaceToSql(cases[0].definition, { dialect: 'clickhouse', sourceColumns });
    const file = join(GOLDEN, 'crafted-clickhouse.sql');
    expect(existsSync(file), `missing golden file ${file}`).toBe(true);
    const golden = readFileSync(file, 'utf8');
    if (golden !== sql) writeFileSync(file.replace(/\.sql$/, '.changed.sql'), sql);
    expect(sql).toBe(golden);
  });
});
