/**
 * Compiles a checked formula (the typed AST both of the app's back ends read) to one expression
 * of a warehouse dialect. Every rule mirrors formula/to-sql.ts and evaluate-formula.ts: `/` is
 * real division (NULL for a zero divisor), ROUND rounds half away from zero with the shared nudge,
 * NULL propagates, MIN/MAX skip NULLs, window functions leave NULL out of the window and break
 * NTILE ties by the id's bytes. Inside an expression a date is its day number.
 *
 * A function whose exact semantics a dialect cannot give cheaply is refused with a
 * WarehouseSqlError naming it, never approximated.
 */
import { MAX_DAY, MIN_DAY } from '../formula/civil-date.ts';
import { ROUND_LIMIT_SQL, ROUND_NUDGE_SQL, roundScale } from '../formula/round-half-away.ts';
import type { TNode } from '../formula/typed-node.ts';
import type { Dialect } from './dialects.ts';
import { WarehouseSqlError } from './warehouse-sql-error.ts';

/** What a formula's SQL refers to: columns by name, and the id column that breaks NTILE ties. */
export interface FormulaSqlContext {
  dialect: Dialect;
  /** SQL for a column reference. */
  columnSql: (name: string) => string;
  /** SQL of the id column (`ORDER BY value, id`), or null. */
  idSql: string | null;
  /** Names the formula in errors (`tag lifecycle, metric`). */
  subject: string;
}

/** exp(x) is finite exactly when x ≤ this (the largest double whose exp() does not overflow). */
const EXP_LIMIT = '709.782712893384';

/** Returns a SQL string literal. */
export function textLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Returns a number literal read as the same double (integers as integers); NULL for a non-finite number. */
export function numberLiteral(value: number, dialect: Dialect): string {
  if (!Number.isFinite(value)) return 'NULL';
  const text = String(Math.abs(value));
  const literal = Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? text : dialect.realLiteral(/[.e]/.test(text) ? text : `${text}.0`);
  return value < 0 || Object.is(value, -0) ? `(-${literal})` : literal;
}

/** Returns the SQL of `root` in the context's dialect; a date result is turned back into a DATE. */
export function formulaSql(root: TNode, context: FormulaSqlContext): string {
  const { dialect: d, columnSql, idSql, subject } = context;
  const unsupported = (what: string): never => {
    throw new WarehouseSqlError(subject, `${what} is not exported to ${d.title} yet; rewrite the formula without it, or export to another dialect.`);
  };
  const real = (text: string) => d.realLiteral(text);
  const dayOf = (node: TNode): string => (node.type === 'datetime' ? d.dayNumber(sql(node)) : sql(node));
  const asDate = (node: TNode): string => (node.type === 'datetime' ? sql(node) : d.dateFromDay(sql(node)));
  const orderKey = (node: TNode, x: string) => (node.type === 'text' ? d.byteOrder(x) : x);

  const sql = (node: TNode): string => {
    switch (node.k) {
      case 'lit':
        if (node.value === null) return 'NULL';
        if (typeof node.value === 'string') return textLiteral(node.value);
        if (node.type === 'bool') return d.bool(node.value === 1);
        return numberLiteral(node.value, d);
      case 'col': {
        const ref = columnSql(node.name);
        return node.colType === 'date' ? d.dayNumber(ref) : ref;
      }
      case 'neg':
        return `(-${sql(node.arg)})`;
      case 'not':
        return `(NOT ${sql(node.arg)})`;
      case 'arith': {
        const a = sql(node.a);
        const b = sql(node.b);
        if (node.op === '/') return `(${d.toReal(a)} / NULLIF(${b}, 0))`;
        if (node.op === '%') {
          if (node.int) return d.id === 'bigquery' ? `MOD(${a}, NULLIF(${b}, 0))` : `(${a} % NULLIF(${b}, 0))`;
          if (!d.realMod) return unsupported('% on numbers that are not whole');
          return d.realMod(a, `NULLIF(${b}, 0)`);
        }
        // The right operand in its own parentheses: `(x - f(y))` trips dt-sql-parser's Spark grammar.
        return node.op === '-' ? `(${a} - (${b}))` : `(${a} ${node.op} ${b})`;
      }
      case 'date-add': {
        const sum = `(${sql(node.a)} ${node.sign > 0 ? '+' : '-'} ${sql(node.b)})`;
        const day = node.b.int ? sum : d.floor(sum);
        return `(CASE WHEN ${day} BETWEEN ${MIN_DAY} AND ${MAX_DAY} THEN ${day} END)`;
      }
      case 'date-diff':
        return `(${dayOf(node.b)} - ${dayOf(node.a)})`;
      case 'concat':
        return `(${sql(node.a)} || ${sql(node.b)})`;
      case 'to-datetime':
        return d.timestampFromDay(sql(node.arg));
      case 'cmp': {
        const ordered = node.op !== '=' && node.op !== '<>' && node.a.type === 'text';
        const a = sql(node.a);
        const b = sql(node.b);
        return ordered ? `(${d.byteOrder(a)} ${node.op} ${d.byteOrder(b)})` : `(${a} ${node.op} ${b})`;
      }
      case 'logic':
        return `(${sql(node.a)} ${node.op} ${sql(node.b)})`;
      case 'is-null':
        return `(${sql(node.arg)} IS ${node.negated ? 'NOT ' : ''}NULL)`;
      case 'in':
        return `(${sql(node.arg)} ${node.negated ? 'NOT ' : ''}IN (${node.list.map(sql).join(', ')}))`;
      case 'case':
        return `(CASE ${node.whens.map((w) => `WHEN ${sql(w.when)} THEN ${sql(w.then)}`).join(' ')} ELSE ${sql(node.otherwise)} END)`;
      case 'agg':
        return unsupported(`The aggregate ${node.name}()`);
      case 'win': {
        const x = sql(node.arg);
        const order = node.name === 'NTILE' && idSql ? `${orderKey(node.arg, x)}, ${d.byteOrder(idSql)}` : orderKey(node.arg, x);
        const call = node.name === 'NTILE' ? `NTILE(${node.buckets})` : `${node.name}()`;
        return `(CASE WHEN ${x} IS NULL THEN NULL ELSE ${call} OVER (PARTITION BY (${x} IS NULL) ORDER BY ${order}) END)`;
      }
      case 'fn':
        return fnSql(node);
    }
  };

  const fnSql = (node: Extract<TNode, { k: 'fn' }>): string => {
    const a = node.args.map(sql);
    const [x, y] = a;
    switch (node.name) {
      case 'COALESCE':
        return a.length === 1 ? x : `COALESCE(${a.join(', ')})`;
      case 'MIN':
        return d.least(a);
      case 'MAX':
        return d.greatest(a);
      case 'ROUND': {
        const digits = node.args[1]?.k === 'lit' ? Number(node.args[1].value) : 0;
        return roundSql(x, digits);
      }
      case 'FLOOR':
        return d.floor(x);
      case 'CEIL':
        return d.ceil(x);
      case 'ABS':
        return `abs(${x})`;
      case 'SQRT':
        return `(CASE WHEN ${x} >= 0 THEN ${d.sqrt(x)} END)`;
      case 'LN':
        return `(CASE WHEN ${x} > 0 THEN ${d.ln(x)} END)`;
      case 'LOG10':
        return `(CASE WHEN ${x} > 0 THEN ${d.log10(x)} END)`;
      case 'LOG':
        return `(CASE WHEN ${x} > 0 AND ${y} > 0 AND ${y} <> 1 THEN ${d.ln(x)} / ${d.ln(y)} END)`;
      case 'EXP':
        return `(CASE WHEN ${x} <= ${real(EXP_LIMIT)} THEN ${d.exp(x)} END)`;
      case 'LEN':
        return d.length(x);
      case 'UPPER':
        return `upper(${x})`;
      case 'LOWER':
        return `lower(${x})`;
      case 'LEFT':
        // p < 1 gives '', else the first ⌊min(p, 10⁹)⌋ characters (evaluate-formula.ts).
        return `(CASE WHEN ${x} IS NULL OR ${y} IS NULL THEN NULL WHEN ${y} < 1 THEN '' ELSE ${d.left(x, d.integer(`(CASE WHEN ${y} > 1000000000 THEN 1000000000 ELSE ${y} END)`))} END)`;
      case 'CONTAINS':
        return `(${d.position(x, y)} > 0)`;
      case 'STARTS_WITH':
        return `(CASE WHEN ${x} IS NULL OR ${y} IS NULL THEN NULL ELSE ${d.left(x, d.length(y))} = ${y} END)`;
      case 'DAY_OF':
        return dayOf(node.args[0]);
      case 'DAYS':
        return `(${dayOf(node.args[1])} - ${dayOf(node.args[0])})`;
      case 'WEEKS':
        return d.trunc(`${d.toReal(`(${dayOf(node.args[1])} - ${dayOf(node.args[0])})`)} / 7`);
      case 'YEAR':
        return d.datePart('year', asDate(node.args[0]));
      case 'MONTH':
        return d.datePart('month', asDate(node.args[0]));
      case 'DAY':
        return d.datePart('day', asDate(node.args[0]));
      case 'WEEKDAY':
        return d.datePart('weekday', asDate(node.args[0]));
    }
    return unsupported(node.name === 'TEXT_NUMBER' ? 'Turning a number into text (TEXT(), or & with a number)' : `The function ${node.name.replace(/_/g, ' ')}`);
  };

  /** roundHalfAwaySql (formula/round-half-away.ts) with the dialect's truncation and double literals. */
  const roundSql = (x: string, digits: number): string => {
    const scale = real(`${roundScale(digits)}.0`);
    const shift = digits >= 0 ? '*' : '/';
    const back = digits >= 0 ? '/' : '*';
    const y = `abs(${x}) ${shift} ${scale}`;
    return (
      `(CASE WHEN ${x} IS NULL THEN NULL WHEN ${y} >= ${real(ROUND_LIMIT_SQL)} THEN ${x} ` +
      `ELSE (CASE WHEN ${x} < 0 THEN -1 ELSE 1 END) * ${d.trunc(`${y} * ${real(ROUND_NUDGE_SQL)} + ${real('0.5')}`)} ${back} ${scale} END)`
    );
  };

  const body = sql(root);
  return root.type === 'date' ? d.dateFromDay(body) : body;
}
