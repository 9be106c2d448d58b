// Invariant: a dropped column leaves no trace in the file, and a hashed one keeps equal values
// equal (joins work) while no plaintext value is anywhere in the file's bytes.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import type { TextColumn } from '../../../src/engine/dataset/types.ts';
import { applyPrivacy, readWorkspaceFile, writeWorkspaceFile } from '../../../src/engine/workspace-file/index.ts';
import { customersTable, fileOf, numericColumn, savedTable, textColumn } from './saved-tables.ts';

const sql = await initSqlJs();
const key = new Uint8Array(32).fill(7);
const otherKey = new Uint8Array(32).fill(8);

/** The column's values as text (null = NULL). */
function valuesOf(column: TextColumn): (string | null)[] {
  return Array.from(column.codes, (code) => (code < 0 ? null : column.dictionary[code]));
}

function column(tables: ReturnType<typeof applyPrivacy>, table: string, name: string) {
  return tables.find((t) => t.name === table)?.columns.find((c) => c.name === name);
}

/** Whether `text` appears anywhere in the bytes, as UTF-8. */
function bytesContain(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(text, 'utf8'));
}

describe('applyPrivacy(tables, { drop, hash }, key)', () => {
  it('hashes equal values equally, keeps NULL, and never keeps the plaintext', () => {
    const [customers] = applyPrivacy([customersTable()], { drop: [], hash: [{ table: 'customers', column: 'phone' }] }, key);
    const phone = valuesOf(column([customers], 'customers', 'phone') as TextColumn);
    expect(phone[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(phone[0]).toBe(phone[2]);
    expect(phone[1]).not.toBe(phone[0]);
    expect(phone[3]).toBeNull();
    expect(phone).not.toContain('13800138000');
    const [again] = applyPrivacy([customersTable()], { drop: [], hash: [{ table: 'customers', column: 'phone' }] }, key);
    expect(valuesOf(column([again], 'customers', 'phone') as TextColumn)).toEqual(phone);
    const [other] = applyPrivacy([customersTable()], { drop: [], hash: [{ table: 'customers', column: 'phone' }] }, otherKey);
    expect(valuesOf(column([other], 'customers', 'phone') as TextColumn)[0]).not.toBe(phone[0]);
  });

  it('hashes the same value in two tables to the same text, so joins still work', () => {
    const orders = savedTable('orders', [numericColumn('customer_id', 'integer', [4, 5, 4, null])]);
    const customers = savedTable('customers', [textColumn('customer_id', ['4', '5'])]);
    const hashed = applyPrivacy([orders, customers], { drop: [], hash: [{ table: 'orders', column: 'customer_id' }, { table: 'customers', column: 'customer_id' }] }, key);
    const a = valuesOf(column(hashed, 'orders', 'customer_id') as TextColumn);
    const b = valuesOf(column(hashed, 'customers', 'customer_id') as TextColumn);
    expect(a).toEqual([b[0], b[1], b[0], null]);
    expect((column(hashed, 'orders', 'customer_id') as TextColumn).dictionary).toHaveLength(2);
  });

  it('hashes dates as YYYY-MM-DD text and booleans as true/false', () => {
    const table = savedTable('t', [numericColumn('d', 'date', [17_000]), textColumn('d_text', ['2016-07-18']), numericColumn('b', 'boolean', [1]), textColumn('b_text', ['true'])]);
    const hash = ['d', 'd_text', 'b', 'b_text'].map((c) => ({ table: 't', column: c }));
    const [out] = applyPrivacy([table], { drop: [], hash }, key);
    const first = (name: string) => valuesOf(column([out], 't', name) as TextColumn)[0];
    expect(first('d')).toBe(first('d_text'));
    expect(first('b')).toBe(first('b_text'));
  });

  it('drops columns, also tag columns (from tagColumns too), and never changes its input', () => {
    const input = customersTable();
    const before = structuredClone(input);
    const [out] = applyPrivacy([input], { drop: [{ table: 'customers', column: 'phone' }, { table: 'customers', column: 'lifecycle' }], hash: [{ table: 'customers', column: 'customer_id' }] }, key);
    expect(out.columns.map((c) => c.name)).toEqual(['customer_id', 'revenue', 'orders', 'first_order', 'last_seen', 'vip']);
    expect(out.tagColumns).toEqual([]);
    expect(input).toEqual(before);
  });

  it('refuses to hash a tag column, and choices naming unknown tables or columns', () => {
    expect(() => applyPrivacy([customersTable()], { drop: [], hash: [{ table: 'customers', column: 'lifecycle' }] }, key)).toThrow(/tag column/);
    expect(() => applyPrivacy([customersTable()], { drop: [{ table: 'nope', column: 'x' }], hash: [] }, key)).toThrow(/no table/);
    expect(() => applyPrivacy([customersTable()], { drop: [], hash: [{ table: 'customers', column: 'nope' }] }, key)).toThrow(/no column/);
  });

  it('leaves no dropped or hashed plaintext anywhere in the written file', () => {
    const tables = applyPrivacy([customersTable()], { drop: [{ table: 'customers', column: 'customer_id' }], hash: [{ table: 'customers', column: 'phone' }] }, key);
    const bytes = writeWorkspaceFile(sql, fileOf(tables, { dropped: ['customers.customer_id'], hashed: ['customers.phone'] }));
    expect(bytesContain(writeWorkspaceFile(sql, fileOf([customersTable()])), '13800138000')).toBe(true);
    for (const plain of ['13800138000', '13900139000', '15000150000', '3000000000786505093', '客户一']) expect(bytesContain(bytes, plain)).toBe(false);
    const db = new sql.Database(bytes);
    try {
      const columns = db.exec('SELECT name FROM pragma_table_info(\'customers\')')[0].values.map((r) => r[0]);
      expect(columns).not.toContain('customer_id');
      const phones = db.exec('SELECT phone FROM customers')[0].values.map((r) => r[0]);
      expect(phones).toEqual(valuesOf(column(tables, 'customers', 'phone') as TextColumn));
      expect(db.exec("SELECT count(*) FROM tagbook_columns WHERE name = 'customer_id'")[0].values[0][0]).toBe(0);
    } finally {
      db.close();
    }
    const read = readWorkspaceFile(sql, bytes);
    expect(read.tables[0].columns.find((c) => c.name === 'phone')?.type).toBe('text');
    expect(read.hashed).toEqual(['customers.phone']);
  });
});
