/**
 * Helpers for playbooks that add SQL cells: load CSV text or the demo shop into sql.js, run the
 * cells in order as the app does (each final query kept as a table named after its cell), and
 * check the addition as a workspace on the demo notebook with the demo's sources.
 */
import initSqlJs from 'sql.js';
import { expect } from 'vitest';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import { demoNotebook } from '../../../src/engine/demo/demo-notebook.ts';
import { demoShopFiles } from '../../../src/engine/demo/demo-shop-files.ts';
import type { CustomersCell } from '../../../src/engine/notebook/cells.ts';
import { defaultParameters } from '../../../src/engine/parameters/parameters.ts';
import { applyPlaybook } from '../../../src/engine/playbooks/apply-playbook.ts';
import { playbookSources } from '../../../src/engine/playbooks/playbook-sources.ts';
import type { Playbook, PlaybookAddition, PlaybookContext, PlaybookLanguage, PlaybookSources } from '../../../src/engine/playbooks/types.ts';
import { fillTable } from '../../../src/engine/sqlite/fill-table.ts';
import { openDatabase } from '../../../src/engine/sqlite/open-database.ts';
import { quoteIdentifier } from '../../../src/engine/sqlite/quote-identifier.ts';
import { runCellScript } from '../../../src/engine/sqlite/run-cell-script.ts';
import { bindSqlParameters, type SqlParameter } from '../../../src/engine/sqlite/sql-parameters.ts';
import type { Database, SqlValue } from '../../../src/engine/sqlite/sql-types.ts';
import { readWorkspaceDefinition } from '../../../src/engine/workspace/read-definition.ts';

const SQL = await initSqlJs();

export type Row = Record<string, SqlValue>;

/** A database holding each CSV text as a table (typed as an import types it, UTC). */
export function databaseOf(tables: Record<string, string>): Database {
  const db = openDatabase(SQL);
  for (const [name, csv] of Object.entries(tables)) fillTable(db, name, loadCsv(new TextEncoder().encode(csv), { timeZone: 'UTC' }).data);
  return db;
}

let demo: { db: Database; sources: PlaybookSources } | null = null;

/** The demo shop in SQLite (orders, order_items, customers) and the demo customer table's sources. */
export function demoShop(): { db: Database; sources: PlaybookSources } {
  if (demo) return demo;
  const db = openDatabase(SQL);
  const names = ['customers', 'orders', 'order_items'];
  const columns = new Map<string, string[]>();
  demoShopFiles().forEach((file, i) => {
    const data = loadCsv(file.bytes, { timeZone: 'Asia/Shanghai' }).data;
    fillTable(db, names[i], data);
    columns.set(names[i], data.map((c) => c.name));
  });
  const cell = demoNotebook('en').find((c): c is CustomersCell => c.kind === 'customers')!;
  demo = { db, sources: playbookSources(cell, (table) => columns.get(table) ?? []) };
  return demo;
}

/**
 * Runs the SQL cells in order as the app does, with `parameters` bound (`:name`; `as_of` on auto
 * is NULL unless given), keeping each result as a table named after its cell; returns each
 * result's rows.
 */
export function runSqlCells(db: Database, cells: readonly { name: string; sql: string }[], parameters: readonly SqlParameter[] = []): Row[][] {
  const all: SqlParameter[] = parameters.some((p) => p.name === 'as_of') ? [...parameters] : [...parameters, { name: 'as_of', type: 'date', value: null }];
  return cells.map(({ name, sql }) => {
    const bindings = bindSqlParameters(sql, all);
    const { finalQuery } = runCellScript(db, sql, bindings);
    if (!finalQuery) throw new Error(`cell ${name} has no final query`);
    db.run(`DROP TABLE IF EXISTS ${quoteIdentifier(name)}`);
    db.run(`CREATE TABLE ${quoteIdentifier(name)} AS ${finalQuery}`, bindings);
    const result = db.exec(`SELECT * FROM ${quoteIdentifier(name)}`)[0];
    if (!result) return [];
    return result.values.map((values) => Object.fromEntries(result.columns.map((c, i) => [c, values[i]])));
  });
}

/** A build context with sources and nothing taken but `taken`. */
export function sqlContext(sources: PlaybookSources | undefined, language: PlaybookLanguage = 'en', taken: string[] = []): PlaybookContext {
  return { table: 'customer_table', columns: ['customer_id', 'orders'], takenNames: ['customer_id', 'orders', ...taken], language, ...(sources ? { sources } : {}) };
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' text. */
export const dayOf = (text: string): number => Date.parse(`${text.slice(0, 10)}T00:00:00Z`) / 86_400_000;
/** The 'YYYY-MM-DD' text of a day number. */
export const textOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** The parameters an addition brings, as SQL cells bind them. */
export function parametersOf(addition: PlaybookAddition): SqlParameter[] {
  return addition.parameters.map((p) => ({ name: p.name, type: p.type, value: p.value }));
}

/**
 * Checks the addition: both languages give a note and the same cells and parameters. Then adds the playbook twice to the demo notebook with the demo's sources: the
 * second gets fresh result names, both read back as a valid workspace, and every cell runs.
 */
export function expectSqlPlaybookBasics(playbook: Playbook): { first: string[]; second: string[] } {
  const { db, sources } = demoShop();
  const en = playbook.build(sqlContext(sources, 'en'));
  const zh = playbook.build(sqlContext(sources, 'zh-CN'));
  expect(en.note.length).toBeGreaterThan(40);
  expect(zh.note).toMatch(/[\u4e00-\u9fff]/);
  expect(zh.note).not.toBe(en.note);
  // The same cells in both languages, but for the note and the charts' titles (in the language).
  const untitled = (a: PlaybookAddition): PlaybookAddition => ({ ...a, note: '', sql: a.sql?.map((q) => (q.chart ? { ...q, chart: { ...q.chart, title: undefined } } : q)) });
  expect(untitled(zh)).toEqual(untitled(en));
  for (const [i, q] of (en.sql ?? []).entries()) if (q.chart) expect(zh.sql![i].chart!.title).toMatch(/[\u4e00-\u9fff]/);
  expect(en.sql?.length).toBeGreaterThan(0);
  for (const need of playbook.needs) expect(need.from.en && need.from.zh).toBeTruthy();

  const cells = demoNotebook('en');
  const customers = cells.find((c): c is CustomersCell => c.kind === 'customers')!;
  const columns = ['customer_id', 'orders', 'revenue', 'recency_days'];
  const first = applyPlaybook(playbook, cells, defaultParameters(), customers.id, columns, 'en', {}, sources);
  if ('missing' in first) throw new Error(`missing ${JSON.stringify(first.missing)}`);
  const second = applyPlaybook(playbook, first.cells, first.parameters, customers.id, columns, 'zh-CN', {}, sources);
  if ('missing' in second) throw new Error(`missing ${JSON.stringify(second.missing)}`);
  const lower = (names: string[]) => names.map((n) => n.toLowerCase());
  for (const name of lower(second.added)) expect(lower(first.added)).not.toContain(name);
  const definition = { format: 'tagbook-workspace', version: 1, name: 'Playbook', cells: second.cells, parameters: second.parameters, timeZone: 'Asia/Shanghai' };
  expect(readWorkspaceDefinition(JSON.parse(JSON.stringify(definition)))).toEqual({ definition });

  // Every added SQL cell runs, in notebook order, the second copy after the first.
  const added = second.cells.slice(cells.length).flatMap((c) => (c.kind === 'sql' ? [{ name: c.resultName, sql: c.sql }] : []));
  expect(added.map((c) => c.name)).toEqual([...first.added, ...second.added].filter((n) => added.some((c) => c.name === n)));
  runSqlCells(db, added, second.parameters.map((p) => ({ name: p.name, type: p.type, value: p.value })));
  // Without sources the playbook still gives a note (saying what it needs) and no SQL.
  expect(playbook.build(sqlContext(undefined)).sql ?? []).toEqual([]);
  return { first: first.added, second: second.added };
}
