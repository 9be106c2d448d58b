// Invariant: a name the editor completes is inserted as valid SQLite, quoted exactly when it must be.
import { CompletionContext, type Completion, type CompletionResult } from '@codemirror/autocomplete';
import { schemaCompletionSource, sql, SQLite } from '@codemirror/lang-sql';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { isSqliteKeyword, quoteIdentifierIfNeeded } from '../../../src/ui/editor/quote-identifier-if-needed.ts';
import { buildSchemaCompletions, completeSchemaNames, type SchemaTable } from '../../../src/ui/editor/sql-schema-completion.ts';

const SCHEMA: SchemaTable[] = [
  { name: 'orders', columns: ['order_id', 'amount', '金额', 'order', 'first name'] },
  { name: '订单', columns: ['客户', 'amount'] },
  { name: 'v1.2', columns: ['x'] },
];

describe('quoteIdentifierIfNeeded(name)', () => {
  it.each([
    ['amount', 'amount'],
    ['Amount', 'Amount'],
    ['_id2', '_id2'],
    ['订单', '"订单"'],
    ['first name', '"first name"'],
    ['2024_sales', '"2024_sales"'],
    ['order', '"order"'],
    ['Select', '"Select"'],
    ['a"b', '"a""b"'],
    ['', '""'],
    ['naïve', '"naïve"'],
  ])('writes %j as %s', (name, written) => {
    expect(quoteIdentifierIfNeeded(name)).toBe(written);
  });

  it('knows SQLite keywords in any case and nothing else', () => {
    expect(['group', 'ORDER', 'Returning', 'current_timestamp'].every(isSqliteKeyword)).toBe(true);
    expect(['amount', 'true', 'name', 'count'].some(isSqliteKeyword)).toBe(false);
  });

  it('refuses a name with NUL', () => {
    expect(() => quoteIdentifierIfNeeded('a\u0000b')).toThrow();
  });
});

/** Returns the state of `docWithCursor`, where `|` marks the cursor, with SQLite and the schema. */
function stateAt(docWithCursor: string): { state: EditorState; pos: number } {
  const pos = docWithCursor.indexOf('|');
  const doc = docWithCursor.replace('|', '');
  const state = EditorState.create({ doc, selection: { anchor: pos }, extensions: [sql({ dialect: SQLite, upperCaseKeywords: true })] });
  return { state, pos };
}

/** Runs our source and lang-sql's schema source at the cursor, as the editor does. */
function complete(docWithCursor: string, explicit = false): { ours: CompletionResult | null; langSql: CompletionResult | null } {
  const { state, pos } = stateAt(docWithCursor);
  const completions = buildSchemaCompletions(SCHEMA);
  const context = new CompletionContext(state, pos, explicit);
  const ours = completeSchemaNames(completions)(context) as CompletionResult | null;
  const langSql = schemaCompletionSource({ dialect: SQLite, schema: completions.namespace })(context) as CompletionResult | null;
  return { ours, langSql };
}

const inserted = (option: Completion): string => (typeof option.apply === 'string' ? option.apply : option.label);

describe('buildSchemaCompletions(schema)', () => {
  it('inserts tables and columns quoted where needed', () => {
    const { tables, columns } = buildSchemaCompletions(SCHEMA);
    expect(tables.map(inserted)).toEqual(['orders', '"订单"', '"v1.2"']);
    expect(columns.map(inserted)).toEqual(['order_id', 'amount', '"金额"', '"order"', '"first name"', '"客户"', 'x']);
    expect(columns.find((c) => c.label === 'amount')?.detail).toBe('orders, 订单');
  });

  it('leaves out names with NUL instead of throwing', () => {
    const { tables, columns } = buildSchemaCompletions([{ name: 'bad\u0000', columns: ['x'] }, { name: 't', columns: ['ok', 'no\u0000'] }]);
    expect(tables.map((t) => t.label)).toEqual(['t']);
    expect(columns.map((c) => c.label)).toEqual(['ok']);
  });

  it('keeps a table called __proto__ as an ordinary table', () => {
    const { tables } = buildSchemaCompletions([{ name: '__proto__', columns: ['a'] }]);
    expect(tables.map(inserted)).toEqual(['__proto__']);
  });
});

describe('completeSchemaNames(completions)', () => {
  it('offers tables and columns for a word after FROM', () => {
    const { ours } = complete('SELECT * FROM o|');
    expect(ours?.from).toBe('SELECT * FROM '.length);
    const labels = ours?.options.map((o) => o.label);
    expect(labels).toContain('orders');
    expect(labels).toContain('order_id');
  });

  it('ranks columns below tables after FROM, and not in the select list', () => {
    const boostOf = (doc: string, label: string) => complete(doc).ours?.options.find((o) => o.label === label)?.boost;
    expect(boostOf('SELECT * FROM o|', 'order_id')).toBe(-1);
    expect(boostOf('SELECT * FROM o|', 'orders')).toBeUndefined();
    expect(boostOf('SELECT * FROM orders JOIN o|', 'order_id')).toBe(-1);
    expect(boostOf('SELECT o|', 'order_id')).toBeUndefined();
  });

  it('offers names for a Chinese word, which lang-sql does not read as a name', () => {
    const { ours } = complete('SELECT * FROM 订|');
    expect(ours?.from).toBe('SELECT * FROM '.length);
    expect(ours?.options.find((o) => o.label === '订单')?.apply).toBe('"订单"');
  });

  it('offers nothing for an empty word unless asked, and everything when asked', () => {
    expect(complete('SELECT * FROM |').ours).toBeNull();
    expect(complete('SELECT * FROM |', true).ours?.options.length).toBe(3 + 7);
  });

  it('leaves members after a dot, strings and comments alone', () => {
    expect(complete('SELECT orders.a|').ours).toBeNull();
    expect(complete("SELECT 'or|'").ours).toBeNull();
    expect(complete('-- or|').ours).toBeNull();
  });
});

describe("lang-sql's schema source with our namespace", () => {
  it('completes the columns of a table after a dot, quoted where needed', () => {
    const { langSql } = complete('SELECT orders.|');
    expect(langSql?.options.map(inserted)).toEqual(['order_id', 'amount', '"金额"', '"order"', '"first name"']);
  });

  it('completes the columns of an alias', () => {
    const { langSql } = complete('SELECT o.| FROM orders o');
    expect(langSql?.options.map((o) => o.label)).toContain('amount');
  });

  it('completes the columns of a quoted Chinese table', () => {
    const { langSql } = complete('SELECT "订单".|');
    expect(langSql?.options.map(inserted)).toEqual(['"客户"', 'amount']);
  });

  it('reads a dotted table name as one table', () => {
    const { langSql } = complete('SELECT "v1.2".|');
    expect(langSql?.options.map((o) => o.label)).toEqual(['x']);
  });

  it('shares the table completions with our source, so the popup can merge them', () => {
    const { ours, langSql } = complete('SELECT * FROM o|');
    const fromLangSql = langSql?.options.find((o) => o.label === 'orders');
    expect(ours?.options.find((o) => o.label === 'orders')).toBe(fromLangSql);
  });
});
