// The run command: a template's customer table and tags on CSV files, checked against the engine called directly.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomerTable,
  defaultParameters,
  demoNotebook,
  demoShopFiles,
  evaluateTags,
  loadCsv,
  serializeDefinition,
  tagColumn,
  toTemplate,
  writeWorkspaceFile,
  type CustomersCell,
  type TagCell,
  type WorkspaceDefinition,
} from '../../../src/engine/index.ts';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'tagbook-cli-run-'));
const TIME_ZONE = 'Asia/Shanghai';

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/cli.ts'), ...args], { encoding: 'utf8', cwd: root, env: { ...process.env, TZ: TIME_ZONE } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const workspace: WorkspaceDefinition = { format: 'tagbook-workspace', version: 1, name: 'Demo shop', cells: demoNotebook('en'), parameters: defaultParameters() };
const shop = demoShopFiles();
const csvArgs = (): string[] => shop.flatMap((f) => ['--csv', `${f.fileName.replace(/\.csv$/, '')}=${join(dir, f.fileName)}`]);

beforeAll(() => {
  for (const f of shop) file(f.fileName, f.bytes);
});

describe('cli run TEMPLATE.tagbook.json --csv NAME=FILE ... --out FILE', () => {
  it('gives the demo notebook’s tag columns on the demo shop, equal to evaluating the same tags directly', () => {
    const template = file('demo.tagbook.json', serializeDefinition(toTemplate(workspace)));
    const out = join(dir, 'tagged.csv');
    const run = cli('run', template, ...csvArgs(), '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^\\d+ customers with 4 tags written to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(as of \\d{4}-\\d{2}-\\d{2}\\)\\n$`));
    const parsed = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').trim(), { header: true });
    expect(parsed.meta.fields!.slice(-5)).toEqual(['repeat_buyer', 'lifecycle', 'revenue_quintile', 'value_rules', 'win_back']);

    // The independent path: the engine's functions called one by one, as the app's workers do.
    const tables = Object.fromEntries(shop.map((f) => {
      const name = f.fileName.replace(/\.csv$/, '');
      const loaded = loadCsv(f.bytes, { tableName: name, timeZone: TIME_ZONE });
      return [name, { columns: loaded.data, rowCount: loaded.loadedRows }];
    }));
    const cell = workspace.cells.find((c): c is CustomersCell => c.kind === 'customers')!;
    const built = buildCustomerTable({ orders: tables[cell.sources.orders], items: tables[cell.sources.items!], customers: tables[cell.sources.customers!] }, cell.definition);
    const tags = workspace.cells.filter((c): c is TagCell => c.kind === 'tag').map((c) => c.definition);
    const results = evaluateTags(tags, { columns: built.columns, rowCount: built.rowCount }, [{ name: 'as_of', type: 'date', value: built.asOf }]);
    expect(results.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined]);

    const rows = parsed.data;
    expect(rows.length).toBe(built.rowCount);
    const ids = built.columns[0];
    expect(ids.type).toBe('text');
    if (ids.type !== 'text') return;
    expect(rows.map((r) => r.customer_id)).toEqual(Array.from(ids.codes, (code) => ids.dictionary[code]));
    for (const result of results) {
      const column = tagColumn(result);
      const expected = Array.from(column.codes, (code) => (code < 0 ? '' : column.dictionary[code]));
      expect(rows.map((r) => r[result.name]), result.name).toEqual(expected);
      // Every tag puts customers in more than one segment: the comparison is not vacuous.
      expect(new Set(expected).size, result.name).toBeGreaterThan(1);
    }
  }, 120_000);

  it('refuses a bad template with one line naming the problem, before reading any data', () => {
    const raw = JSON.parse(serializeDefinition(toTemplate(workspace)));
    raw.cells[8].definition.metric = 'recency_days +';
    const bad = cli('run', file('bad.tagbook.json', JSON.stringify(raw)), '--csv', 'orders=missing.csv');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^tagbook: .*bad\.tagbook\.json: cells\[8\]\.definition\.metric: The formula does not parse: line 1, col \d+: [^\n]*\n$/);

    raw.cells[8].definition.metric = 'recency_days';
    raw.version = 3;
    const newer = cli('run', file('newer.tagbook.json', JSON.stringify(raw)));
    expect(newer.stderr).toMatch(/newer\.tagbook\.json: version: This file was saved by a newer Tagbook \(format version 3\); this version reads up to 1\.\n$/);
    expect(newer.status).toBe(1);

    const truncated = cli('run', file('cut.tagbook.json', serializeDefinition(workspace).slice(0, 500)));
    expect(truncated.stderr).toMatch(/cut\.tagbook\.json: The file is not valid JSON \(it may be cut short or damaged\): /);
    expect(truncated.stderr.split('\n')).toHaveLength(2);
  });

  it('names the table a template needs and was not given', () => {
    const template = file('demo2.tagbook.json', serializeDefinition(toTemplate(workspace)));
    const run = cli('run', template, '--csv', `orders=${join(dir, 'orders.csv')}`);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('tagbook: the customer table "customer_table" reads the order items table "order_items": pass --csv order_items=FILE\n');
    expect(cli('run', template, '--csv', 'x; drop=orders.csv').stderr).toBe('tagbook: --csv x; drop=…: a table name is letters, digits and underscores, not starting with a digit\n');
  });

  it('runs a saved .tagbook workspace file on its own saved tables, giving the same tag columns as the template on the CSV files', async () => {
    const sql = await initSqlJs();
    const tables = shop.map((f) => {
      const name = f.fileName.replace(/\.csv$/, '');
      const loaded = loadCsv(f.bytes, { tableName: name, timeZone: TIME_ZONE });
      return { name, kind: 'imported' as const, rowCount: loaded.loadedRows, columns: loaded.data, tagColumns: [] };
    });
    const bytes = writeWorkspaceFile(sql, {
      definitionJson: serializeDefinition({ ...workspace, timeZone: TIME_ZONE }),
      tables,
      savedAt: '2026-11-23T00:00:00.000Z',
      app: 'test',
      contents: 'all',
      dropped: [],
      hashed: [],
    });
    const saved = file('demo.tagbook', bytes);
    const fromFile = join(dir, 'from-file.csv');
    const run = cli('run', saved, '--out', fromFile);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const fromCsv = join(dir, 'from-csv.csv');
    expect(cli('run', file('demo3.tagbook.json', serializeDefinition(toTemplate(workspace))), ...csvArgs(), '--out', fromCsv).status).toBe(0);
    expect(readFileSync(fromFile, 'utf8')).toBe(readFileSync(fromCsv, 'utf8'));

    const cut = cli('run', file('cut.tagbook', bytes.subarray(0, Math.floor(bytes.length / 2))));
    expect(cut.status).toBe(1);
    expect(cut.stderr.split('\n')).toHaveLength(2);
    expect(cut.stderr).toMatch(/^tagbook: .*cut\.tagbook: /);
  }, 120_000);
});
