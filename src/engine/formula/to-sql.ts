/**
 * Compiles a checked formula to one SQLite expression, for tables stored as fill-table.ts writes
 * them: dates as 'YYYY-MM-DD' text, date-times as 'YYYY-MM-DD HH:MM:SS[.sss]' text, booleans 0/1.
 *
 * Inside the expression a date is its day number (julianday − 2440587.5) so date arithmetic is
 * plain arithmetic; a date-time stays text (its text order is its time order). A date-typed result
 * is turned back into 'YYYY-MM-DD'. Every rule mirrors evaluate-formula.ts; see the tests that
 * run both over random tables (https://sqlite.org/lang_corefunc.html, /lang_mathfunc.html).
 */
import { MAX_DAY, MIN_DAY } from './civil-date.ts';
import { roundHalfAwaySql, ROUND_LIMIT_SQL } from './round-half-away.ts';
import type { TNode } from './typed-node.ts';

/** Options of CompiledFormula.toSql. */
export interface ToSqlOptions {
  /** The id column NTILE breaks ties with (`ORDER BY value, id`); without it ties are in SQLite's order. */
  idColumn?: string;
}

const UNIX_EPOCH_JULIAN = '2440587.5';
/**
 * Longest SQL a formula may compile to. Some rules repeat an operand (ROUND, FLOOR, BETWEEN,
 * multi-argument MIN/MAX), so deep nesting of them grows the text geometrically; stop early.
 */
export const MAX_SQL_LENGTH = 1_000_000;
/** The largest length or position passed to substr(), which reads it as a 32-bit int. */
const MAX_TEXT_POSITION = '1000000000';

/** Thrown when a formula's SQL would exceed MAX_SQL_LENGTH; compile-formula.ts turns it into a FormulaError. */
export class SqlTooLargeError extends Error {
  constructor() {
    super(`the formula's SQL would be longer than ${MAX_SQL_LENGTH} characters`);
  }
}

/** Returns a SQL literal for a number (parenthesised when negative). */
export function numberSql(value: number): string {
  if (!Number.isFinite(value)) return 'NULL';
  const text = String(value);
  return value < 0 || Object.is(value, -0) ? `(${text})` : text;
}

/** Returns a SQL string literal. */
export function textSql(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Returns the SQL for a checked formula; `columnSql` quotes a column reference. */
export function formulaToSql(root: TNode, columnSql: (name: string) => string, options: ToSqlOptions = {}): string {
  const idSql = options.idColumn === undefined ? null : columnSql(options.idColumn);

  const dayOf = (node: TNode): string => (node.type === 'datetime' ? `(julianday(date(${sql(node)})) - ${UNIX_EPOCH_JULIAN})` : sql(node));
  const floorSql = (x: string) => `(CASE WHEN abs(${x}) >= ${ROUND_LIMIT_SQL} THEN ${x} ELSE CAST(${x} AS INTEGER) - (${x} < CAST(${x} AS INTEGER)) END)`;
  const ceilSql = (x: string) => `(CASE WHEN abs(${x}) >= ${ROUND_LIMIT_SQL} THEN ${x} ELSE CAST(${x} AS INTEGER) + (${x} > CAST(${x} AS INTEGER)) END)`;
  const finite = (x: string) => `NULLIF(NULLIF(${x}, 9e999), -9e999)`;
  const clampPosition = (x: string) => `min(${x}, ${MAX_TEXT_POSITION})`;
  const datePart = (node: TNode, format: string) => {
    const time = node.type === 'datetime' ? sql(node) : `${UNIX_EPOCH_JULIAN} + ${sql(node)}`;
    return `CAST(strftime('${format}', ${time}) AS INTEGER)`;
  };

  const sql = (node: TNode): string => {
    const text = sqlOnce(node);
    if (text.length > MAX_SQL_LENGTH) throw new SqlTooLargeError();
    return text;
  };

  const sqlOnce = (node: TNode): string => {
    switch (node.k) {
      case 'lit':
        if (node.value === null) return 'NULL';
        return typeof node.value === 'string' ? textSql(node.value) : numberSql(node.value);
      case 'col': {
        const ref = columnSql(node.name);
        return node.colType === 'date' ? `(julianday(${ref}) - ${UNIX_EPOCH_JULIAN})` : ref;
      }
      case 'neg':
        return `(-${sql(node.arg)})`;
      case 'not':
        return `(NOT ${sql(node.arg)})`;
      case 'arith': {
        const a = sql(node.a);
        const b = sql(node.b);
        if (node.op === '/') return `(${a} * 1.0 / NULLIF(${b}, 0))`;
        if (node.op === '%') return node.int ? `(${a} % NULLIF(${b}, 0))` : `mod(${a}, NULLIF(${b}, 0))`;
        return `(${a} ${node.op} ${b})`;
      }
      case 'date-add': {
        const sum = `(${sql(node.a)} ${node.sign > 0 ? '+' : '-'} ${sql(node.b)})`;
        const day = node.b.int ? sum : floorSql(sum);
        return `(CASE WHEN ${day} BETWEEN ${MIN_DAY} AND ${MAX_DAY} THEN ${day} END)`;
      }
      case 'date-diff':
        return `(${dayOf(node.b)} - ${dayOf(node.a)})`;
      case 'concat':
        return `(${sql(node.a)} || ${sql(node.b)})`;
      case 'to-datetime':
        return `datetime(${UNIX_EPOCH_JULIAN} + ${sql(node.arg)})`;
      case 'cmp':
        return `(${sql(node.a)} ${node.op} ${sql(node.b)})`;
      case 'logic':
        return `(${sql(node.a)} ${node.op} ${sql(node.b)})`;
      case 'is-null':
        return `(${sql(node.arg)} IS ${node.negated ? 'NOT ' : ''}NULL)`;
      case 'in':
        return `(${sql(node.arg)} ${node.negated ? 'NOT ' : ''}IN (${node.list.map(sql).join(', ')}))`;
      case 'case':
        return `(CASE ${node.whens.map((w) => `WHEN ${sql(w.when)} THEN ${sql(w.then)}`).join(' ')} ELSE ${sql(node.otherwise)} END)`;
      case 'agg': {
        const arg = node.arg ? sql(node.arg) : '*';
        switch (node.name) {
          case 'SUM':
            // total() never overflows (sum() raises on int64 overflow) and sums reals with the
            // same compensated summation as the evaluator; NULL for no values, as SQL's SUM.
            return `(CASE WHEN count(${arg}) > 0 THEN total(${arg}) END)`;
          case 'COUNT_DISTINCT':
            return `count(DISTINCT ${arg})`;
          default:
            return `${node.name.toLowerCase()}(${arg})`;
        }
      }
      case 'win': {
        const x = sql(node.arg);
        const order = node.name === 'NTILE' && idSql ? `${x}, ${idSql}` : x;
        const call = node.name === 'NTILE' ? `ntile(${node.buckets})` : `${node.name.toLowerCase()}()`;
        return `(CASE WHEN ${x} IS NULL THEN NULL ELSE ${call} OVER (PARTITION BY ${x} IS NULL ORDER BY ${order}) END)`;
      }
      case 'fn':
        return fnSql(node);
    }
  };

  const fnSql = (node: Extract<TNode, { k: 'fn' }>): string => {
    const a = node.args.map(sql);
    const [x, y, z] = a;
    switch (node.name) {
      case 'COALESCE':
        return a.length === 1 ? x : `coalesce(${a.join(', ')})`;
      case 'MIN':
      case 'MAX': {
        // SQLite's multi-argument min()/max() return NULL if any argument is NULL; the language
        // skips NULLs, so each position falls back to the others (rotated COALESCE).
        const rotated = a.map((_, i) => `coalesce(${[...a.slice(i), ...a.slice(0, i)].join(', ')})`);
        return `${node.name.toLowerCase()}(${rotated.join(', ')})`;
      }
      case 'ROUND': {
        const digits = node.args[1].k === 'lit' ? Number(node.args[1].value) : 0;
        return roundHalfAwaySql(x, digits);
      }
      case 'FLOOR':
        return floorSql(x);
      case 'CEIL':
        return ceilSql(x);
      case 'ABS':
        return `abs(${x})`;
      case 'SQRT':
        return `(CASE WHEN ${x} >= 0 THEN sqrt(${x}) END)`;
      case 'LN':
        return `(CASE WHEN ${x} > 0 THEN ln(${x}) END)`;
      case 'LOG10':
        return `(CASE WHEN ${x} > 0 THEN log10(${x}) END)`;
      case 'LOG':
        return `(CASE WHEN ${x} > 0 AND ${y} > 0 AND ${y} <> 1 THEN ln(${x}) / ln(${y}) END)`;
      case 'EXP':
        return finite(`exp(${x})`);
      case 'POWER':
        return finite(`pow(${x}, ${y})`);
      case 'LEFT':
        return `(CASE WHEN ${x} IS NULL OR ${y} IS NULL THEN NULL WHEN ${y} < 1 THEN '' ELSE substr(${x}, 1, ${clampPosition(y)}) END)`;
      case 'RIGHT':
        return `(CASE WHEN ${x} IS NULL OR ${y} IS NULL THEN NULL WHEN ${y} < 1 THEN '' ELSE substr(${x}, -${clampPosition(y)}) END)`;
      case 'MID':
        return `(CASE WHEN ${x} IS NULL OR ${y} IS NULL OR ${z} IS NULL OR ${y} < 1 OR ${z} < 0 THEN NULL ELSE substr(${x}, ${clampPosition(y)}, ${clampPosition(z)}) END)`;
      case 'LEN':
        return `length(${x})`;
      case 'UPPER':
        return `upper(${x})`;
      case 'LOWER':
        return `lower(${x})`;
      case 'TRIM':
        return `trim(${x}, char(32, 9, 10, 13, 12288))`;
      case 'CONTAINS':
        return `(instr(${x}, ${y}) > 0)`;
      case 'STARTS_WITH':
        return `(substr(${x}, 1, length(${y})) = ${y})`;
      case 'ENDS_WITH':
        return `(CASE WHEN ${x} IS NULL OR ${y} IS NULL THEN NULL WHEN ${y} = '' THEN 1 ELSE substr(${x}, -length(${y})) = ${y} END)`;
      case 'REPLACE':
        return `replace(${x}, ${y}, ${z})`;
      case 'DATE3': {
        const text = `printf('%04d-%02d-%02d', ${x}, ${y}, ${z})`;
        const whole = (v: string) => `${v} = CAST(${v} AS INTEGER)`;
        return `(CASE WHEN ${x} BETWEEN 1 AND 9999 AND ${y} BETWEEN 1 AND 12 AND ${z} BETWEEN 1 AND 31 AND ${whole(x)} AND ${whole(y)} AND ${whole(z)} AND date(${text}) = ${text} THEN julianday(${text}) - ${UNIX_EPOCH_JULIAN} END)`;
      }
      case 'TEXT_NUMBER': {
        const digits = Number((node.args[1] as { value: number }).value);
        const rounded = roundHalfAwaySql(x, digits);
        // SQLite's printf() gives 16 significant digits; within 15 both paths print the same decimal.
        return `(CASE WHEN abs(${rounded}) < 1e${15 - digits} THEN printf('%.${digits}f', ${rounded}) END)`;
      }
      case 'TEXT_DATE':
        return `date(${UNIX_EPOCH_JULIAN} + ${x})`;
      case 'TEXT_DATETIME':
        return x;
      case 'PARSE_DATE':
        // date() normalises ('2024-02-30' → '2024-03-01'), so only text it returns unchanged is a date.
        return `(CASE WHEN date(${x}) = ${x} AND ${x} >= '0001-01-01' THEN julianday(${x}) - ${UNIX_EPOCH_JULIAN} END)`;
      case 'DAY_OF':
        return dayOf(node.args[0]);
      case 'DAYS':
        return `(${dayOf(node.args[1])} - ${dayOf(node.args[0])})`;
      case 'WEEKS':
        return `CAST((${dayOf(node.args[1])} - ${dayOf(node.args[0])}) / 7 AS INTEGER)`;
      case 'YEAR':
        return datePart(node.args[0], '%Y');
      case 'MONTH':
        return datePart(node.args[0], '%m');
      case 'DAY':
        return datePart(node.args[0], '%d');
      case 'WEEKDAY':
        return datePart(node.args[0], '%u');
    }
    throw new Error(`formula SQL: no rule for ${node.name}`);
  };

  const body = sql(root);
  return root.type === 'date' ? `date(${UNIX_EPOCH_JULIAN} + ${body})` : body;
}
