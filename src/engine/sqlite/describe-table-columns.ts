import type { ColumnType } from '../dataset/types.ts';
import { quoteIdentifier } from './quote-identifier.ts';
import type { Database, SqlValue } from './sql-types.ts';

/** A column of a SQLite table with the Tagbook type that fits it, or 'unknown'. */
export interface TableColumn {
  name: string;
  type: ColumnType | 'unknown';
}

const SAMPLE_ROWS = 100;

/**
 * Returns the columns of table `tableName` in order. The type comes from the declared type
 * (`CREATE TABLE … AS` declares INT, REAL, NUM, TEXT or nothing: https://sqlite.org/lang_createtable.html#createtabas):
 * INT → integer, REAL/NUM → decimal, TEXT → text. An undeclared column (an expression such as
 * `count(*)`) is typed from up to 100 of its non-NULL values, and is 'unknown' when they disagree
 * or are all NULL. A text column whose sampled values are all ISO dates (or all ISO date-times, as
 * the SQLite copy stores them) is typed date (datetime), so a result keeps its dates.
 */
export function describeTableColumns(db: Database, tableName: string): TableColumn[] {
  const info = db.exec(`PRAGMA table_info(${quoteIdentifier(tableName)})`)[0];
  if (!info) return [];
  return info.values.map((row) => {
    const name = String(row[1]);
    const declared = String(row[2] ?? '').toUpperCase();
    const type = typeFromDeclared(declared) ?? typeFromSample(sampleValues(db, tableName, name));
    // Dates are stored as ISO text; a text column whose sample all has one date shape is that type.
    return { name, type: type === 'text' ? dateTypeFromSample(sampleValues(db, tableName, name)) : type };
  });
}

function typeFromDeclared(declared: string): ColumnType | null {
  if (declared.includes('INT')) return 'integer';
  if (declared.includes('REAL') || declared.includes('NUM') || declared.includes('FLOA') || declared.includes('DOUB')) return 'decimal';
  if (declared.includes('TEXT') || declared.includes('CHAR') || declared.includes('CLOB')) return 'text';
  return null;
}

function sampleValues(db: Database, tableName: string, columnName: string): SqlValue[] {
  const column = quoteIdentifier(columnName);
  const result = db.exec(`SELECT ${column} FROM ${quoteIdentifier(tableName)} WHERE ${column} IS NOT NULL LIMIT ${SAMPLE_ROWS}`)[0];
  return result ? result.values.map((row) => row[0]) : [];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function dateTypeFromSample(values: SqlValue[]): ColumnType {
  if (values.length === 0 || !values.every((v) => typeof v === 'string')) return 'text';
  if (values.every((v) => ISO_DATE.test(v as string))) return 'date';
  if (values.every((v) => ISO_DATETIME.test(v as string))) return 'datetime';
  return 'text';
}

function typeFromSample(values: SqlValue[]): ColumnType | 'unknown' {
  if (values.length === 0) return 'unknown';
  if (values.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'integer';
  if (values.every((v) => typeof v === 'number')) return 'decimal';
  if (values.every((v) => typeof v === 'string')) return 'text';
  return 'unknown';
}
