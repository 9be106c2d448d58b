// The CLI's warehouse commands: `sql-export` prints the exported script, and `run --engine duckdb`
// runs that script on DuckDB and writes the same tagged table as the app's engine (row order aside).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { planNativeCsv } from '../../../scripts/duckdb-native-csv.ts';
import { defaultParameters, demoNotebook, demoShopFiles, serializeDefinition, toTemplate, type WorkspaceDefinition } from '../../../src/engine/index.ts';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'tagbook-cli-warehouse-'));
const TIME_ZONE = 'Asia/Shanghai';

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/cli.ts'), ...args], { encoding: 'utf8', cwd: root, env: { ...process.env, TZ: TIME_ZONE } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const workspace: WorkspaceDefinition = { format: 'tagbook-workspace', version: 1, name: 'Demo shop', cells: demoNotebook('en'), parameters: defaultParameters() };
const shop = demoShopFiles();
const csvArgs = (): string[] => shop.flatMap((f) => ['--csv', `${f.fileName.replace(/\.csv$/, '')}=${join(dir, f.fileName)}`]);
const template = join(dir, 'demo.tagbook.json');

beforeAll(() => {
  for (const f of shop) writeFileSync(join(dir, f.fileName), f.bytes);
  writeFileSync(template, serializeDefinition(toTemplate(workspace)));
});

function readCsv(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8').trim(), { header: true }).data;
}

describe('cli sql-export TEMPLATE --dialect DIALECT', () => {
  it('prints the script, with the parameters first and the mapping block next', () => {
    const run = cli('sql-export', template, '--dialect', 'postgres');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^-- Tagbook: "Demo shop" — customer table "customer_table" and its 4 tags, for PostgreSQL\./);
    expect(run.stdout.indexOf('params AS')).toBeLessThan(run.stdout.indexOf('orders_mapped AS'));
    expect(run.stdout).toContain('CAST(o."customer_id" AS TEXT) AS "customer_id"');
  });

  it('writes the script to --out and says so; warnings go to stderr', () => {
    const out = join(dir, 'demo-spark.sql');
    const run = cli('sql-export', template, '--dialect', 'spark', '--create-table', 'tagged', '--out', out);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`spark script written to ${out}\n`);
    expect(run.stderr).toMatch(/^tagbook: warning: customer table customer_table: Spark SQL tables have no row order/);
    expect(readFileSync(out, 'utf8')).toContain('CREATE TABLE `tagged` AS');
  });

  it('refuses an unknown dialect in one line', () => {
    const run = cli('sql-export', template, '--dialect', 'oracle');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('tagbook: sql-export needs --dialect sqlite|duckdb|postgres|spark|bigquery|clickhouse\n');
  });
});

describe('cli run TEMPLATE --csv ... --engine duckdb', () => {
  it('writes the same customers, metrics and tag labels as the app’s engine', () => {
    const app = join(dir, 'tagged-app.csv');
    const duck = join(dir, 'tagged-duckdb.csv');
    expect(cli('run', template, ...csvArgs(), '--out', app).status).toBe(0);
    const run = cli('run', template, ...csvArgs(), '--engine', 'duckdb', '--out', duck);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^\d+ customers with 4 tags written to .* \(DuckDB\)\n$/);
    const expected = readCsv(app);
    const got = readCsv(duck);
    expect(Object.keys(got[0])).toEqual(Object.keys(expected[0]));
    expect(got.length).toBe(expected.length);
    // Text and labels exactly; numbers within 1e-9 relative (DuckDB sums in parallel, in no fixed order).
    const byId = new Map(expected.map((r) => [r.customer_id, r]));
    const same = (a: string, b: string | undefined) => {
      if (a === b) return true;
      const [x, y] = [Number(a), Number(b)];
      return a !== '' && b !== undefined && b !== '' && Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
    };
    const differing = got.flatMap((r) => Object.keys(r).flatMap((k) => (same(r[k], byId.get(r.customer_id)?.[k]) ? [] : [`${r.customer_id}.${k}: DuckDB ${r[k]}, app ${byId.get(r.customer_id)?.[k]}`])));
    expect(differing.slice(0, 5)).toEqual([]);
  }, 120_000);

  it('writes Parquet when --out ends in .parquet', async () => {
    const out = join(dir, 'tagged.parquet');
    const run = cli('run', template, ...csvArgs(), '--engine', 'duckdb', '--out', out);
    expect(run.status).toBe(0);
    const [, count] = /^(\d+) customers written to .* as Parquet \(DuckDB\)\n$/.exec(run.stdout) ?? [];
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const read = await connection.runAndReadAll(`SELECT count(*) AS n, count(DISTINCT lifecycle) AS labels FROM read_parquet('${out}')`);
    const [row] = read.getRowObjectsJS();
    expect(Number(row.n)).toBe(Number(count));
    expect(Number(row.labels)).toBe(4);
    connection.closeSync();
  }, 120_000);

  it('refuses another engine in one line', () => {
    const run = cli('run', template, ...csvArgs(), '--engine', 'spark');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('tagbook: --engine takes duckdb, not "spark"\n');
  });
});

describe('run --engine duckdb reads plain CSV files with DuckDB itself', () => {
  it('plans a native read only for plain files (ISO dates, plain numbers, no quotes, no padding)', () => {
    const plan = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return planNativeCsv(path, { timeZone: TIME_ZONE }, 'orders');
    };
    expect(plan('plain.csv', 'id,at,amount\nC1,2024-01-02 08:00:00,1.5\nC2,2024-01-03 09:30:00,2\n')?.columns).toEqual([
      { name: 'id', type: 'text' },
      { name: 'at', type: 'datetime' },
      { name: 'amount', type: 'decimal' },
    ]);
    expect(plan('slashes.csv', 'id,at,amount\nC1,2024/1/2,1.5\nC2,2024/1/3,2\n')).toBeNull();
    expect(plan('quoted.csv', 'id,at,amount\n"C1",2024-01-02,1.5\n')).toBeNull();
    expect(plan('padded.csv', 'id,at,amount\n C1,2024-01-02,1.5\n')).toBeNull();
    expect(plan('money.csv', 'id,at,amount\nC1,2024-01-02,"1,234.50"\n')).toBeNull();
    expect(plan('bom.csv', '\uFEFFid,at,amount\nC1,2024-01-02,1.5\n')).toBeNull();
  });

  it('falls back to the importer when a row past the head does not read as the head suggested, with the same result', () => {
    const header = 'customer_id,order_time,paid_amount\n';
    const line = (i: number) => `C${String(i % 5000).padStart(5, '0')},2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00,${(i % 97) + 0.5}\n`;
    const body: string[] = [];
    for (let i = 0; i < 90_000; i++) body.push(line(i));
    // Past the 2 MB head: an amount the importer reads as NULL, which DuckDB cannot read as DOUBLE.
    body.push('C00001,2024-05-05 10:00:00,N/A\n');
    const orders = join(dir, 'late-surprise.csv');
    writeFileSync(orders, header + body.join(''));
    expect(planNativeCsv(orders, { timeZone: TIME_ZONE }, 'orders')).not.toBeNull();
    const small: WorkspaceDefinition = {
      format: 'tagbook-workspace',
      version: 1,
      name: 'late',
      parameters: defaultParameters(),
      cells: [
        { id: 'c1', kind: 'customers', collapsed: false, resultName: 'customer_table', sources: { orders: 'orders' }, definition: { roles: { customer: 'customer_id', time: 'order_time', amount: 'paid_amount' } }, customMetrics: [] },
        { id: 'c2', kind: 'tag', collapsed: false, tableName: 'customer_table', definition: { kind: 'cut', name: 'recent', metric: 'recency_days', thresholds: [30], segments: [{ label: 'recent' }, { label: 'lapsed' }] } },
      ],
    };
    const smallTemplate = join(dir, 'late.tagbook.json');
    writeFileSync(smallTemplate, serializeDefinition(toTemplate(small)));
    const app = join(dir, 'late-app.csv');
    const duck = join(dir, 'late-duck.csv');
    expect(cli('run', smallTemplate, '--csv', `orders=${orders}`, '--out', app).status).toBe(0);
    const run = cli('run', smallTemplate, '--csv', `orders=${orders}`, '--engine', 'duckdb', '--out', duck);
    expect(run.status).toBe(0);
    const byId = new Map(readCsv(app).map((r) => [r.customer_id, r]));
    const got = readCsv(duck);
    expect(got.length).toBe(byId.size);
    for (const row of got) expect([row.orders, row.recent]).toEqual([byId.get(row.customer_id)!.orders, byId.get(row.customer_id)!.recent]);
  }, 120_000);
});
