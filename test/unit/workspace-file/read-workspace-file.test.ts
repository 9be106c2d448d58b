// Invariant: readWorkspaceFile never trusts a file. Whatever the bytes, it returns a checked
// workspace or throws a WorkspaceFileError with the right code, and it never runs the file's SQL.
import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import {
  readWorkspaceFile,
  WorkspaceFileError,
  writeWorkspaceFile,
  type WorkspaceFileErrorCode,
} from '../../../src/engine/workspace-file/index.ts';
import { customersTable, fileOf, numericColumn, savedTable, textColumn } from './saved-tables.ts';

const sql = await initSqlJs();

const valid = writeWorkspaceFile(sql, fileOf([customersTable(), savedTable('orders', [textColumn('order_id', ['1', '2', '3']), numericColumn('amount', 'decimal', [1, 2, 3])])]));

/** The error reading `bytes` gives, failing the test if it is anything but a WorkspaceFileError. */
function readError(bytes: Uint8Array): WorkspaceFileError {
  try {
    readWorkspaceFile(sql, bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkspaceFileError);
    return error as WorkspaceFileError;
  }
  throw new Error('The file was read without an error.');
}

function codeOf(bytes: Uint8Array): WorkspaceFileErrorCode {
  return readError(bytes).code;
}

/** The valid file changed by SQL statements (run here, by the test, never by the reader). */
function tamper(statements: string, params: Record<string, Uint8Array> = {}): Uint8Array {
  const db = new sql.Database(valid);
  try {
    db.run(statements, Object.keys(params).length ? params : undefined);
    return db.export();
  } finally {
    db.close();
  }
}

/** A fresh database built by `statements`. */
function database(statements: string): Uint8Array {
  const db = new sql.Database();
  try {
    db.run(statements);
    return db.export();
  } finally {
    db.close();
  }
}

function setMetaTables(tables: unknown): Uint8Array {
  return tamper(`UPDATE tagbook_meta SET value = '${JSON.stringify(tables).replaceAll("'", "''")}' WHERE key = 'tables'`);
}

describe('readWorkspaceFile(sql, bytes) on damaged and hostile files', () => {
  it('refuses empty bytes, random bytes and short files as not-sqlite', () => {
    expect(codeOf(new Uint8Array())).toBe('not-sqlite');
    expect(codeOf(Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251))).toBe('not-sqlite');
    expect(codeOf(valid.slice(0, 100))).toBe('not-sqlite');
    expect(codeOf(new TextEncoder().encode('customer_id,revenue\n1,2\n'.repeat(100)))).toBe('not-sqlite');
  });

  it('refuses a truncated file and garbage after a valid header as corrupt', () => {
    expect(codeOf(valid.slice(0, Math.floor(valid.length / 2)))).toBe('corrupt');
    const garbage = Uint8Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251);
    garbage.set(valid.subarray(0, 16));
    expect(codeOf(garbage)).toBe('corrupt');
  });

  it('refuses a plain SQLite database without Tagbook metadata as not-tagbook', () => {
    expect(codeOf(database('CREATE TABLE customers (id TEXT); INSERT INTO customers VALUES (1);'))).toBe('not-tagbook');
    expect(codeOf(tamper("UPDATE tagbook_meta SET value = 'other' WHERE key = 'format'"))).toBe('not-tagbook');
    expect(codeOf(tamper("DELETE FROM tagbook_meta WHERE key = 'definition'"))).toBe('not-tagbook');
    expect(codeOf(tamper("UPDATE tagbook_meta SET value = '1.5' WHERE key = 'file_version'"))).toBe('not-tagbook');
    expect(codeOf(tamper("UPDATE tagbook_meta SET value = 'some' WHERE key = 'contents'"))).toBe('not-tagbook');
    expect(codeOf(tamper("UPDATE tagbook_meta SET value = '[1]' WHERE key = 'hashed'"))).toBe('not-tagbook');
    expect(codeOf(tamper("UPDATE tagbook_meta SET value = '{' WHERE key = 'tables'"))).toBe('not-tagbook');
  });

  it('refuses a newer file version, naming the version', () => {
    const error = readError(tamper("UPDATE tagbook_meta SET value = '2' WHERE key = 'file_version'"));
    expect(error.code).toBe('newer-version');
    expect(error.params).toEqual({ version: 2 });
    expect(error.message).toContain('version 2');
  });

  it('refuses tagbook_meta as a view (never querying it) as not-tagbook', () => {
    const bytes = tamper(
      "DROP TABLE tagbook_meta; CREATE VIEW tagbook_meta AS SELECT 'format' AS key, 'tagbook-file' AS value UNION ALL SELECT 'file_version', '1'",
    );
    expect(codeOf(bytes)).toBe('not-tagbook');
    expect(codeOf(tamper('DROP TABLE tagbook_columns; CREATE VIEW TAGBOOK_COLUMNS AS SELECT 1'))).toBe('not-tagbook');
  });

  it('refuses Tagbook tables that are virtual tables or lack the expected columns as not-tagbook', () => {
    expect(codeOf(tamper('DROP TABLE tagbook_columns; CREATE VIRTUAL TABLE tagbook_columns USING fts4(table_name, position, name, type, data, dictionary)'))).toBe(
      'not-tagbook',
    );
    expect(codeOf(tamper('DROP TABLE tagbook_columns; CREATE TABLE tagbook_columns (x)'))).toBe('not-tagbook');
    expect(codeOf(tamper('ALTER TABLE tagbook_meta RENAME COLUMN value TO other'))).toBe('not-tagbook');
  });

  it('ignores triggers and views in the file and opens it', () => {
    const bytes = tamper(`
      CREATE TABLE evidence (x TEXT);
      CREATE TRIGGER meddle AFTER INSERT ON tagbook_meta BEGIN DELETE FROM customers; END;
      CREATE TRIGGER meddle2 BEFORE DELETE ON tagbook_columns BEGIN INSERT INTO evidence VALUES ('ran'); END;
      CREATE VIEW spy AS SELECT * FROM customers;
    `);
    expect(readWorkspaceFile(sql, bytes).tables.map((t) => t.name)).toEqual(['customers', 'orders']);
  });

  it('refuses a blob of the wrong length, naming the table and column', () => {
    const error = readError(tamper("UPDATE tagbook_columns SET data = zeroblob(3) WHERE table_name = 'orders' AND name = 'amount'"));
    expect(error.code).toBe('bad-data');
    expect(error.message).toMatch(/“amount” of table “orders” has 3 bytes/);
  });

  it('refuses a text code outside the dictionary', () => {
    const codes = new Uint8Array(Int32Array.from([0, 1, 99]).buffer);
    const error = readError(tamper("UPDATE tagbook_columns SET data = $codes WHERE table_name = 'orders' AND name = 'order_id'", { $codes: codes }));
    expect(error.code).toBe('bad-data');
    expect(error.message).toMatch(/order_id.*row 3 has the code 99/);
    const below = new Uint8Array(Int32Array.from([0, -2, 1]).buffer);
    expect(codeOf(tamper("UPDATE tagbook_columns SET data = $codes WHERE table_name = 'orders' AND name = 'order_id'", { $codes: below }))).toBe('bad-data');
  });

  it('refuses a dictionary that is not a JSON list of text', () => {
    for (const dictionary of ["'[oops'", "'[1, 2, 3]'", "'{}'", 'NULL']) {
      const error = readError(tamper(`UPDATE tagbook_columns SET dictionary = ${dictionary} WHERE table_name = 'orders' AND name = 'order_id'`));
      expect(error.code).toBe('bad-data');
      expect(error.message).toContain('order_id');
    }
    expect(codeOf(tamper("UPDATE tagbook_columns SET dictionary = '[]' WHERE name = 'amount'"))).toBe('bad-data');
  });

  it('refuses a table name with SQL in it without running it', () => {
    const tables = [{ name: 'x; DROP TABLE customers', kind: 'imported', rowCount: 0, tagColumns: [] }];
    const error = readError(setMetaTables(tables));
    expect(error.code).toBe('bad-data');
    expect(error.message).toContain('x; DROP TABLE customers');
  });

  it('refuses duplicate table names, ignoring case', () => {
    const entry = { name: 'orders', kind: 'imported', rowCount: 3, tagColumns: [] };
    expect(readError(setMetaTables([entry, { ...entry, name: 'ORDERS' }])).message).toMatch(/Two tables/);
  });

  it('refuses a bad table entry: kind, row count, tag columns', () => {
    const entry = { name: 'orders', kind: 'imported', rowCount: 3, tagColumns: [] };
    for (const bad of [{ kind: 'secret' }, { rowCount: -1 }, { rowCount: 2.5 }, { rowCount: 50_000_001 }, { tagColumns: 'x' }, { tagColumns: ['amount'] }, { tagColumns: ['nope'] }]) {
      expect(codeOf(setMetaTables([{ ...entry, ...bad }]))).toBe('bad-data');
    }
    expect(codeOf(setMetaTables(['orders']))).toBe('bad-data');
  });

  it('refuses an unknown column type', () => {
    const error = readError(tamper("UPDATE tagbook_columns SET type = 'money' WHERE name = 'amount'"));
    expect(error.code).toBe('bad-data');
    expect(error.message).toContain('"money"');
  });

  it('refuses columns of unknown tables, gaps in positions and duplicate column names', () => {
    expect(codeOf(tamper("UPDATE tagbook_columns SET table_name = 'ghost' WHERE table_name = 'orders' AND position = 1"))).toBe('bad-data');
    expect(codeOf(tamper("UPDATE tagbook_columns SET position = 5 WHERE table_name = 'orders' AND position = 1"))).toBe('bad-data');
    expect(codeOf(tamper("DELETE FROM tagbook_columns WHERE table_name = 'orders' AND position = 0"))).toBe('bad-data');
    expect(codeOf(tamper("UPDATE tagbook_columns SET name = 'ORDER_ID' WHERE table_name = 'orders' AND position = 1; UPDATE tagbook_columns SET type = 'text', dictionary = '[]', data = zeroblob(12) WHERE table_name = 'orders' AND position = 1"))).toBe('bad-data');
    expect(codeOf(tamper("UPDATE tagbook_columns SET name = 'a' || char(10) || 'b' WHERE table_name = 'orders' AND position = 1"))).toBe('bad-data');
    expect(codeOf(tamper("UPDATE tagbook_columns SET position = 0.5 WHERE table_name = 'orders' AND position = 1"))).toBe('bad-data');
  });

  it('refuses more than 2,000 columns in a table', () => {
    const bytes = tamper(`
      WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 2001)
      INSERT INTO tagbook_columns SELECT 'orders', i, 'c' || i, 'integer', zeroblob(24), NULL FROM n;
    `);
    expect(readError(bytes).message).toMatch(/more than 2000 columns/);
  });

  it('throws only WorkspaceFileErrors for any flipped bytes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }), (flips) => {
        const bytes = valid.slice();
        for (const [at, xor] of flips) bytes[at] ^= xor;
        try {
          readWorkspaceFile(sql, bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(WorkspaceFileError);
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
