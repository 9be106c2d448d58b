/**
 * The SQL dialects a workspace exports to (SPEC §8), as the few hooks where they differ: quoting,
 * casts, day numbers, integer division, truncation, byte-wise text order and date parts.
 * Everything else in the exported script is SQL every engine reads alike.
 *
 * Inside the script a date is its civil day number (days since 1970-01-01, an integer), as in
 * the formula language, so date arithmetic is integer arithmetic in every dialect; a date-time
 * stays the engine's own timestamp (wall-clock time in the workspace zone, no offset).
 */

export type SqlDialect = 'sqlite' | 'duckdb' | 'postgres' | 'spark' | 'bigquery' | 'clickhouse';

/** Every dialect, in the order the export menu lists them. */
export const SQL_DIALECTS: readonly SqlDialect[] = ['sqlite', 'duckdb', 'postgres', 'spark', 'bigquery', 'clickhouse'];

/** Where a dialect differs. Every hook takes and returns SQL text; arguments are already parenthesised where needed. */
export interface Dialect {
  id: SqlDialect;
  title: string;
  /** Quotes an identifier (column, table, CTE name). */
  ident(name: string): string;
  /** A table name as given by the user (`shop.orders` stays qualified). */
  table(name: string): string;
  /** Casts to the text type. */
  toText(x: string): string;
  /** Casts to IEEE double (so `/` and sums are real arithmetic, never integer or decimal). */
  toReal(x: string): string;
  /** A non-integer number literal read as a double. */
  realLiteral(text: string): string;
  /** The literal for true/false. */
  bool(value: boolean): string;
  /** Days since 1970-01-01 of a DATE or timestamp expression (the civil day; a timestamp's wall-clock day). */
  dayNumber(x: string): string;
  /** The DATE of a day number. */
  dateFromDay(day: string): string;
  /** The timestamp at midnight of a day number. */
  timestampFromDay(day: string): string;
  /** A NULL of the date type. */
  nullDate: string;
  /** Floor division of non-negative integers. */
  intDiv(a: string, b: string): string;
  /** Truncation toward zero of a number, as an integer type (for text positions and lengths). */
  integer(x: string): string;
  /** Truncation toward zero of a double, as a double or integer. */
  trunc(x: string): string;
  floor(x: string): string;
  ceil(x: string): string;
  /** Smallest of two or more non-NULL values. */
  least(args: string[]): string;
  greatest(args: string[]): string;
  /** `x` in an ORDER BY so that text sorts by its bytes (UTF-8 code points), whatever the database's collation. */
  byteOrder(x: string): string;
  /** Remainder with the dividend's sign, for reals (null when the dialect has no such operator). */
  realMod: ((a: string, b: string) => string) | null;
  ln(x: string): string;
  log10(x: string): string;
  exp(x: string): string;
  power(x: string, y: string): string;
  sqrt(x: string): string;
  /** Characters (code points) in a text. */
  length(x: string): string;
  /** 1-based position of `needle` in `x`, 0 when absent. */
  position(x: string, needle: string): string;
  /** The first `n` characters (n ≥ 1). */
  left(x: string, n: string): string;
  /** YEAR/MONTH/DAY/ISO weekday (1 = Monday) of a DATE or timestamp. */
  datePart(part: 'year' | 'month' | 'day' | 'weekday', x: string): string;
  /**
   * The orders table's row order (the file's order), which decides the kept copy of a repeated
   * order id; null where the engine has none (then the script orders by the row's values).
   */
  rowPosition: string | null;
  /** Statements before the query (engine settings), or ''. */
  preamble: string;
  /**
   * Written between a step's name and its body: `MATERIALIZED ` where the engine would otherwise
   * inline every step into the next (a step read twice would then be computed twice, and SQLite
   * refuses the deep nesting of a long chain).
   */
  stepHint: string;
  /**
   * Each step becomes `CREATE TEMP TABLE step AS …;` instead of a WITH step. SQLite expands every
   * reference to a WITH step anew, so a long chain of steps read more than once exceeds its nesting
   * limit ("VIEWs and/or subqueries nested too deep").
   */
  stepsAsTempTables: boolean;
}

const doubleQuote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const backtick = (name: string): string => `\`${name.replaceAll('`', '``')}\``;
/** A dotted name is qualified (`schema.table`); each part is quoted. */
const qualified = (quote: (part: string) => string) => (name: string) => name.split('.').map(quote).join('.');
/** Rotated COALESCE so NULL arguments are skipped, as the formula language's MIN/MAX do. */
const skipNulls = (fn: string) => (args: string[]): string =>
  args.length === 1 ? args[0] : `${fn}(${args.map((_, i) => `coalesce(${[...args.slice(i), ...args.slice(0, i)].join(', ')})`).join(', ')})`;

const UNIX_EPOCH_JULIAN = '2440587.5';

const sqlite: Dialect = {
  id: 'sqlite',
  title: 'SQLite',
  ident: doubleQuote,
  table: qualified(doubleQuote),
  toText: (x) => `CAST(${x} AS TEXT)`,
  toReal: (x) => `CAST(${x} AS REAL)`,
  realLiteral: (text) => text,
  bool: (value) => (value ? '1' : '0'),
  // Dates are 'YYYY-MM-DD' text and date-times 'YYYY-MM-DD HH:MM:SS' text (https://sqlite.org/lang_datefunc.html).
  dayNumber: (x) => `CAST(julianday(date(${x})) - ${UNIX_EPOCH_JULIAN} AS INTEGER)`,
  dateFromDay: (day) => `date(${UNIX_EPOCH_JULIAN} + ${day})`,
  timestampFromDay: (day) => `datetime(${UNIX_EPOCH_JULIAN} + ${day})`,
  nullDate: 'NULL',
  intDiv: (a, b) => `((${a}) / (${b}))`,
  integer: (x) => `CAST(${x} AS INTEGER)`,
  trunc: (x) => `CAST(${x} AS INTEGER)`,
  // As formula/to-sql.ts: exact for every double (above 2^52 every double is whole), and no
  // dependence on which floor() a build provides (sql.js still ships a legacy one).
  floor: (x) => `(CASE WHEN abs(${x}) >= 4503599627370496.0 THEN ${x} ELSE CAST(${x} AS INTEGER) - (${x} < CAST(${x} AS INTEGER)) END)`,
  ceil: (x) => `(CASE WHEN abs(${x}) >= 4503599627370496.0 THEN ${x} ELSE CAST(${x} AS INTEGER) + (${x} > CAST(${x} AS INTEGER)) END)`,
  least: skipNulls('min'),
  greatest: skipNulls('max'),
  byteOrder: (x) => `${x} COLLATE BINARY`,
  realMod: (a, b) => `mod(${a}, ${b})`,
  ln: (x) => `ln(${x})`,
  log10: (x) => `log10(${x})`,
  exp: (x) => `exp(${x})`,
  power: (x, y) => `pow(${x}, ${y})`,
  sqrt: (x) => `sqrt(${x})`,
  length: (x) => `length(${x})`,
  position: (x, needle) => `instr(${x}, ${needle})`,
  left: (x, n) => `substr(${x}, 1, ${n})`,
  datePart: (part, x) => `CAST(strftime('${{ year: '%Y', month: '%m', day: '%d', weekday: '%u' }[part]}', ${x}) AS INTEGER)`,
  rowPosition: 'rowid',
  preamble: '',
  stepHint: '',
  stepsAsTempTables: true,
};

const duckdb: Dialect = {
  id: 'duckdb',
  title: 'DuckDB',
  ident: doubleQuote,
  table: qualified(doubleQuote),
  toText: (x) => `CAST(${x} AS VARCHAR)`,
  toReal: (x) => `CAST(${x} AS DOUBLE)`,
  // A literal such as 0.3 is a DECIMAL in DuckDB; the formula language computes in doubles.
  realLiteral: (text) => `CAST(${text} AS DOUBLE)`,
  bool: (value) => (value ? 'TRUE' : 'FALSE'),
  dayNumber: (x) => `CAST(date_diff('day', DATE '1970-01-01', CAST(${x} AS DATE)) AS BIGINT)`,
  dateFromDay: (day) => `CAST(DATE '1970-01-01' + CAST(${day} AS INTEGER) AS DATE)`,
  timestampFromDay: (day) => `CAST(DATE '1970-01-01' + CAST(${day} AS INTEGER) AS TIMESTAMP)`,
  nullDate: 'CAST(NULL AS DATE)',
  intDiv: (a, b) => `((${a}) // (${b}))`,
  integer: (x) => `CAST(trunc(${x}) AS BIGINT)`,
  trunc: (x) => `trunc(${x})`,
  floor: (x) => `floor(${x})`,
  ceil: (x) => `ceil(${x})`,
  least: skipNulls('least'),
  greatest: skipNulls('greatest'),
  byteOrder: (x) => `${x} COLLATE "binary"`,
  realMod: (a, b) => `fmod(${a}, ${b})`,
  ln: (x) => `ln(${x})`,
  log10: (x) => `log10(${x})`,
  exp: (x) => `exp(${x})`,
  power: (x, y) => `pow(${x}, ${y})`,
  sqrt: (x) => `sqrt(${x})`,
  length: (x) => `length(${x})`,
  position: (x, needle) => `strpos(${x}, ${needle})`,
  left: (x, n) => `substr(${x}, 1, ${n})`,
  datePart: (part, x) => `CAST(${{ year: 'year', month: 'month', day: 'day', weekday: 'isodow' }[part]}(${x}) AS BIGINT)`,
  rowPosition: 'rowid',
  preamble: '',
  stepHint: 'MATERIALIZED ',
  stepsAsTempTables: false,
};

const postgres: Dialect = {
  id: 'postgres',
  title: 'PostgreSQL',
  ident: doubleQuote,
  table: qualified(doubleQuote),
  toText: (x) => `CAST(${x} AS TEXT)`,
  toReal: (x) => `CAST(${x} AS DOUBLE PRECISION)`,
  // 0.3 is NUMERIC in PostgreSQL (exact decimal arithmetic); the formula language computes in doubles.
  realLiteral: (text) => `CAST(${text} AS DOUBLE PRECISION)`,
  bool: (value) => (value ? 'TRUE' : 'FALSE'),
  dayNumber: (x) => `(CAST(${x} AS DATE) - DATE '1970-01-01')`,
  dateFromDay: (day) => `(DATE '1970-01-01' + CAST(${day} AS INTEGER))`,
  timestampFromDay: (day) => `CAST(DATE '1970-01-01' + CAST(${day} AS INTEGER) AS TIMESTAMP)`,
  nullDate: 'CAST(NULL AS DATE)',
  intDiv: (a, b) => `div(${a}, ${b})`,
  // CAST(double AS bigint) rounds in PostgreSQL; trunc() truncates.
  integer: (x) => `CAST(trunc(${x}) AS INTEGER)`,
  trunc: (x) => `trunc(${x})`,
  floor: (x) => `floor(${x})`,
  ceil: (x) => `ceil(${x})`,
  least: (args) => (args.length === 1 ? args[0] : `LEAST(${args.join(', ')})`),
  greatest: (args) => (args.length === 1 ? args[0] : `GREATEST(${args.join(', ')})`),
  byteOrder: (x) => `${x} COLLATE "C"`,
  realMod: null,
  ln: (x) => `ln(${x})`,
  log10: (x) => `log(${x})`,
  exp: (x) => `exp(${x})`,
  power: (x, y) => `power(${x}, ${y})`,
  sqrt: (x) => `sqrt(${x})`,
  length: (x) => `length(${x})`,
  position: (x, needle) => `strpos(${x}, ${needle})`,
  left: (x, n) => `substr(${x}, 1, ${n})`,
  datePart: (part, x) => `CAST(EXTRACT(${{ year: 'YEAR', month: 'MONTH', day: 'DAY', weekday: 'ISODOW' }[part]} FROM ${x}) AS INTEGER)`,
  // ctid is the physical row position: the load order for a table filled once and never updated.
  rowPosition: 'ctid',
  preamble: '',
  stepHint: '',
  stepsAsTempTables: false,
};

const spark: Dialect = {
  id: 'spark',
  title: 'Spark SQL',
  ident: backtick,
  table: qualified(backtick),
  toText: (x) => `CAST(${x} AS STRING)`,
  toReal: (x) => `CAST(${x} AS DOUBLE)`,
  // 0.3 is a DECIMAL literal in Spark SQL.
  realLiteral: (text) => `CAST(${text} AS DOUBLE)`,
  bool: (value) => (value ? 'TRUE' : 'FALSE'),
  dayNumber: (x) => `datediff(CAST(${x} AS DATE), DATE '1970-01-01')`,
  dateFromDay: (day) => `date_add(DATE '1970-01-01', CAST(${day} AS INT))`,
  timestampFromDay: (day) => `CAST(date_add(DATE '1970-01-01', CAST(${day} AS INT)) AS TIMESTAMP)`,
  nullDate: 'CAST(NULL AS DATE)',
  intDiv: (a, b) => `((${a}) DIV (${b}))`,
  integer: (x) => `CAST(${x} AS INT)`,
  trunc: (x) => `CAST(${x} AS BIGINT)`,
  floor: (x) => `floor(${x})`,
  ceil: (x) => `ceil(${x})`,
  least: (args) => (args.length === 1 ? args[0] : `least(${args.join(', ')})`),
  greatest: (args) => (args.length === 1 ? args[0] : `greatest(${args.join(', ')})`),
  // Spark compares strings by their UTF-8 bytes (UTF8String.compareTo).
  byteOrder: (x) => x,
  realMod: (a, b) => `(${a} % ${b})`,
  ln: (x) => `ln(${x})`,
  log10: (x) => `log10(${x})`,
  exp: (x) => `exp(${x})`,
  power: (x, y) => `power(${x}, ${y})`,
  sqrt: (x) => `sqrt(${x})`,
  length: (x) => `char_length(${x})`,
  position: (x, needle) => `instr(${x}, ${needle})`,
  left: (x, n) => `substring(${x}, 1, ${n})`,
  datePart: (part, x) => (part === 'weekday' ? `(MOD(dayofweek(${x}) + 5, 7) + 1)` : `${part}(${x})`),
  rowPosition: null,
  preamble: '',
  stepHint: '',
  stepsAsTempTables: false,
};

const bigquery: Dialect = {
  id: 'bigquery',
  title: 'BigQuery',
  ident: backtick,
  // `project.dataset.table` is one quoted path in BigQuery.
  table: backtick,
  toText: (x) => `CAST(${x} AS STRING)`,
  toReal: (x) => `CAST(${x} AS FLOAT64)`,
  realLiteral: (text) => text,
  bool: (value) => (value ? 'TRUE' : 'FALSE'),
  // Order times are DATE or DATETIME (wall-clock); UNIX_DATE counts days since 1970-01-01.
  dayNumber: (x) => `UNIX_DATE(CAST(${x} AS DATE))`,
  dateFromDay: (day) => `DATE_FROM_UNIX_DATE(CAST(${day} AS INT64))`,
  timestampFromDay: (day) => `CAST(DATE_FROM_UNIX_DATE(CAST(${day} AS INT64)) AS DATETIME)`,
  nullDate: 'CAST(NULL AS DATE)',
  intDiv: (a, b) => `DIV(${a}, ${b})`,
  integer: (x) => `CAST(TRUNC(${x}) AS INT64)`,
  trunc: (x) => `TRUNC(${x})`,
  floor: (x) => `FLOOR(${x})`,
  ceil: (x) => `CEIL(${x})`,
  // LEAST/GREATEST return NULL when any argument is NULL in BigQuery.
  least: skipNulls('LEAST'),
  greatest: skipNulls('GREATEST'),
  // STRING order is by Unicode code point, which is UTF-8 byte order.
  byteOrder: (x) => x,
  realMod: null,
  ln: (x) => `LN(${x})`,
  log10: (x) => `LOG10(${x})`,
  exp: (x) => `EXP(${x})`,
  power: (x, y) => `POWER(${x}, ${y})`,
  sqrt: (x) => `SQRT(${x})`,
  length: (x) => `LENGTH(${x})`,
  position: (x, needle) => `STRPOS(${x}, ${needle})`,
  left: (x, n) => `SUBSTR(${x}, 1, ${n})`,
  datePart: (part, x) =>
    part === 'weekday' ? `(MOD(EXTRACT(DAYOFWEEK FROM ${x}) + 5, 7) + 1)` : `EXTRACT(${part.toUpperCase()} FROM ${x})`,
  rowPosition: null,
  preamble: '',
  stepHint: '',
  stepsAsTempTables: false,
};

const clickhouse: Dialect = {
  id: 'clickhouse',
  title: 'ClickHouse',
  ident: backtick,
  table: qualified(backtick),
  toText: (x) => `toString(${x})`,
  toReal: (x) => `toFloat64(${x})`,
  realLiteral: (text) => text,
  bool: (value) => (value ? 'true' : 'false'),
  dayNumber: (x) => `toInt64(dateDiff('day', toDate32('1970-01-01'), toDate32(${x})))`,
  dateFromDay: (day) => `addDays(toDate32('1970-01-01'), ${day})`,
  timestampFromDay: (day) => `toDateTime64(addDays(toDate32('1970-01-01'), ${day}), 3)`,
  nullDate: 'CAST(NULL AS Nullable(Date32))',
  intDiv: (a, b) => `intDiv(${a}, ${b})`,
  integer: (x) => `toInt64(trunc(${x}))`,
  trunc: (x) => `trunc(${x})`,
  floor: (x) => `floor(${x})`,
  ceil: (x) => `ceil(${x})`,
  least: skipNulls('least'),
  greatest: skipNulls('greatest'),
  // String comparison is by bytes.
  byteOrder: (x) => x,
  realMod: (a, b) => `(${a} % ${b})`,
  ln: (x) => `log(${x})`,
  log10: (x) => `log10(${x})`,
  exp: (x) => `exp(${x})`,
  power: (x, y) => `pow(${x}, ${y})`,
  sqrt: (x) => `sqrt(${x})`,
  length: (x) => `lengthUTF8(${x})`,
  position: (x, needle) => `positionUTF8(${x}, ${needle})`,
  left: (x, n) => `substringUTF8(${x}, 1, ${n})`,
  datePart: (part, x) => `toInt64(${{ year: 'toYear', month: 'toMonth', day: 'toDayOfMonth', weekday: 'toDayOfWeek' }[part]}(${x}))`,
  rowPosition: null,
  // Without it a LEFT JOIN fills a missing row with 0 and '' instead of NULL.
  preamble: 'SET join_use_nulls = 1;\n\n',
  stepHint: '',
  stepsAsTempTables: false,
};

const DIALECTS: Record<SqlDialect, Dialect> = { sqlite, duckdb, postgres, spark, bigquery, clickhouse };

/** Returns the hooks of `id`; throws for an unknown dialect. */
export function dialectOf(id: SqlDialect): Dialect {
  const dialect = DIALECTS[id];
  if (!dialect) throw new Error(`Unknown SQL dialect "${String(id)}" (use ${SQL_DIALECTS.join(', ')}).`);
  return dialect;
}
