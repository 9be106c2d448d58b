// Invariant: write → read gives back exactly what was written (typed arrays bit for bit, NULLs
// included), and the file is an ordinary SQLite database another SQLite reads.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { COLUMN_TYPES, type Column } from '../../../src/engine/dataset/types.ts';
import { readWorkspaceFile, writeWorkspaceFile, WORKSPACE_FILE_VERSION } from '../../../src/engine/workspace-file/index.ts';
import { readWorkspaceDefinition, serializeDefinition } from '../../../src/engine/workspace/index.ts';
import { workspaceArbitrary } from '../workspace/workspace-arbitraries.ts';
import { customersTable, fileOf, numericColumn, savedTable, textColumn } from './saved-tables.ts';

const sql = await initSqlJs();
const SQLITE3 = '/usr/bin/sqlite3';

function roundTrip(file: ReturnType<typeof fileOf>) {
  return readWorkspaceFile(sql, writeWorkspaceFile(sql, file));
}

describe('writeWorkspaceFile(sql, file) then readWorkspaceFile(sql, bytes)', () => {
  it('gives back every table, column and metadata field exactly', () => {
    const file = fileOf(
      [
        customersTable(),
        savedTable('orders', [textColumn('order_id', ['1', '2']), numericColumn('amount', 'decimal', [1.5, NaN])]),
        savedTable('empty', [textColumn('a', []), numericColumn('b', 'integer', [])]),
        savedTable('no_columns', []),
        savedTable('nulls', [textColumn('t', [null, null, null]), numericColumn('d', 'date', [null, null, null])]),
        savedTable('复购客户', [textColumn('名字 with "quotes" and \'single\'', ['é', '😀', '', 'a\nb'])]),
      ],
      { contents: 'customers-only', dropped: ['orders.email'], hashed: ['customers.phone'], definitionJson: '{"a": "客户", "b": [1, 2]}' },
    );
    expect(roundTrip(file)).toEqual({ fileVersion: WORKSPACE_FILE_VERSION, ...file });
  });

  it('keeps -0, NaN, infinities and 19-digit ids exactly', () => {
    const table = savedTable('t', [
      numericColumn('x', 'decimal', [-0, Infinity, -Infinity, Number.MIN_VALUE, null]),
      textColumn('id', ['1234567890123456789', '0000', '00004', '-0', null]),
    ]);
    const read = roundTrip(fileOf([table]));
    const x = read.tables[0].columns[0];
    expect(x.type === 'decimal' && Object.is(x.values[0], -0)).toBe(true);
    expect(read.tables[0]).toEqual(table);
  });

  it('returns column arrays with their own aligned buffers', () => {
    const read = roundTrip(fileOf([customersTable()]));
    const buffers = new Set(read.tables[0].columns.map((c) => (c.type === 'text' ? c.codes.buffer : c.values.buffer)));
    expect(buffers.size).toBe(read.tables[0].columns.length);
    for (const c of read.tables[0].columns) expect((c.type === 'text' ? c.codes : c.values).byteOffset).toBe(0);
  });

  it('writes each table as an ordinary SQLite table with typed values', () => {
    const db = new sql.Database(writeWorkspaceFile(sql, fileOf([customersTable()])));
    try {
      const rows = db.exec('SELECT customer_id, revenue, orders, first_order, last_seen, vip, lifecycle FROM customers')[0].values;
      expect(rows[0]).toEqual(['00004', 120.5, 2, '2016-07-18', '2023-11-14 22:13:20', 1, 'active']);
      expect(rows[1][0]).toBe('3000000000786505093');
      expect(rows[2].slice(1, 6)).toEqual([null, 1, null, null, null]);
      expect(db.exec("SELECT value FROM tagbook_meta WHERE key = 'tables'")[0].values[0][0]).toBe(
        '[{"name":"customers","kind":"customers","rowCount":5,"tagColumns":["lifecycle"]}]',
      );
      expect(db.exec('SELECT count(*) FROM tagbook_columns')[0].values[0][0]).toBe(8);
    } finally {
      db.close();
    }
  });

  it('refuses tables named like the file’s own tables, in any case', () => {
    for (const name of ['tagbook_meta', 'TAGBOOK_COLUMNS']) {
      expect(() => writeWorkspaceFile(sql, fileOf([savedTable(name, [textColumn('a', ['x'])])]))).toThrow(/file's own/);
    }
  });

  it('refuses duplicate table names, bad names and columns of the wrong length', () => {
    const a = savedTable('a', [textColumn('x', ['1'])]);
    expect(() => writeWorkspaceFile(sql, fileOf([a, { ...a, name: 'A' }]))).toThrow(/Two tables/);
    expect(() => writeWorkspaceFile(sql, fileOf([{ ...a, name: 'x; DROP TABLE y' }]))).toThrow(/Table name/);
    expect(() => writeWorkspaceFile(sql, fileOf([{ ...a, rowCount: 2 }]))).toThrow(/1 values for 2 rows/);
    expect(() => writeWorkspaceFile(sql, fileOf([{ ...a, tagColumns: ['nope'] }]))).toThrow(/tag column/);
  });

  it('round-trips random tables (property)', () => {
    const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/).filter((n) => !n.startsWith('sqlite_') && !n.startsWith('tagbook_'));
    const table = fc.integer({ min: 0, max: 30 }).chain((rowCount) =>
      fc.record({
        name,
        kind: fc.constantFrom('imported' as const, 'customers' as const),
        columns: fc.uniqueArray(
          fc.record({
            // Column names are header text without control characters.
            name: fc.string({ minLength: 1, maxLength: 12 }).filter((n) => ![...n].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127)),
            type: fc.constantFrom(...COLUMN_TYPES),
            text: fc.array(fc.option(fc.string({ maxLength: 8 }), { nil: null }), { minLength: rowCount, maxLength: rowCount }),
            numbers: fc.array(fc.option(fc.double(), { nil: null }), { minLength: rowCount, maxLength: rowCount }),
          }),
          { maxLength: 6, selector: (c) => c.name.toLowerCase() },
        ),
      }).map(({ name: tableName, kind, columns }) => {
        const built: Column[] = columns.map((c) => (c.type === 'text' ? textColumn(c.name, c.text) : numericColumn(c.name, c.type, c.numbers)));
        return { name: tableName, kind, rowCount, columns: built, tagColumns: built.filter((c) => c.type === 'text').slice(0, 1).map((c) => c.name) };
      }),
    );
    const tables = fc.uniqueArray(table, { maxLength: 4, selector: (t) => t.name.toLowerCase() });
    fc.assert(
      fc.property(tables, (generated) => {
        const file = fileOf(generated);
        expect(roundTrip(file)).toEqual({ fileVersion: WORKSPACE_FILE_VERSION, ...file });
      }),
      { numRuns: 50, seed: 20_261_123 },
    );
  });
});

describe('random workspaces through a .tagbook file', () => {
  it('save → open gives back an equal workspace definition (property)', () => {
    fc.assert(
      fc.property(workspaceArbitrary, (workspace) => {
        const read = roundTrip(fileOf([customersTable()], { definitionJson: serializeDefinition(workspace) }));
        const definition = readWorkspaceDefinition(read.definitionJson, { keepSpecConsent: true });
        expect(definition).toEqual({ definition: workspace });
      }),
      { numRuns: 40, seed: 20_261_124 },
    );
  });
});

describe('a .tagbook file read by the sqlite3 command-line tool', () => {
  it('groups the customers by their tag column like the test’s own count', (context) => {
    if (!existsSync(SQLITE3)) {
      console.warn(`Skipped: ${SQLITE3} is not installed, so no second SQLite implementation reads the file.`);
      context.skip();
    }
    // A tag computed here independently: revenue bands over 500 customers.
    const revenue = Array.from({ length: 500 }, (_, i) => (i % 17 === 0 ? null : (i * 37) % 1000));
    const band = revenue.map((r) => (r === null ? null : r >= 700 ? 'big' : r >= 300 ? 'mid' : 'small'));
    const expected = new Map<string, number>();
    for (const b of band) expected.set(b ?? '', (expected.get(b ?? '') ?? 0) + 1);
    const table = savedTable(
      'customers',
      [textColumn('customer_id', revenue.map((_, i) => String(i).padStart(5, '0'))), numericColumn('revenue', 'decimal', revenue), textColumn('band', band)],
      ['band'],
      'customers',
    );
    const dir = mkdtempSync(join(tmpdir(), 'tagbook-'));
    try {
      const path = join(dir, 'shop.tagbook');
      writeFileSync(path, writeWorkspaceFile(sql, fileOf([table])));
      const out = execFileSync(SQLITE3, ['-readonly', '-separator', '|', path, "SELECT coalesce(band, ''), count(*) FROM customers GROUP BY 1 ORDER BY 1"], { encoding: 'utf8' });
      const counted = new Map(out.trim().split('\n').map((line) => [line.split('|')[0], Number(line.split('|')[1])] as const));
      expect(counted).toEqual(expected);
      const first = execFileSync(SQLITE3, ['-readonly', path, "SELECT customer_id, typeof(revenue) FROM customers WHERE rowid = 2"], { encoding: 'utf8' });
      expect(first.trim()).toBe('00001|real');
      expect(execFileSync(SQLITE3, ['-readonly', path, 'PRAGMA integrity_check'], { encoding: 'utf8' }).trim()).toBe('ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
