/**
 * Random formulas over the fixed test schema, for the SQL-vs-typed-array property tests.
 * Schema: i integer, x decimal, t text, b boolean, d date, ts datetime, id text (unique);
 * parameter p_num (number) and as_of (date).
 */

type Kind = 'num' | 'text' | 'bool' | 'date' | 'datetime';

/** A small deterministic PRNG (mulberry32). */
export function makeRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generates formulas of a kind; `windows` allows NTILE/RANK/PERCENT_RANK (row formulas only).
 *
 * LN, LOG10, LOG, EXP and POWER are not correctly rounded: V8 and SQLite's libm may differ in the
 * last bit. Such a difference stays within 1e-9 through continuous operations but can cross a
 * boundary in %, ROUND, FLOOR, comparisons or ranks, so these functions are generated only in
 * `smooth` positions (the top, and under + - * /, MIN/MAX, COALESCE, ABS and IF results).
 */
export function formulaGenerator(seed: number, windows: boolean) {
  const rnd = makeRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

  const gen = (kind: Kind, depth: number, inWindow = false, smooth = !inWindow): string => {
    const leaf = depth <= 0 || rnd() < 0.25;
    const sub = (k: Kind, w = inWindow) => gen(k, depth - 1, w, false);
    const smoothSub = () => gen('num', depth - 1, inWindow, smooth);
    switch (kind) {
      case 'num': {
        if (leaf) return pick(['i', 'x', 'i', 'x', 'p_num', String(int(-3, 3)), pick(['0.5', '2.5', '-1.25', '0', '1e2', '100']), 'NULL']);
        const choices: (() => string)[] = [
          () => `(${smoothSub()} ${pick(['+', '-', '*', '/'])} ${smoothSub()})`,
          () => `(${sub('num')} % ${sub('num')})`,
          () => `-${smoothSub()}`,
          () => `ROUND(${sub('num')}${pick(['', ', 0', ', 1', ', 2', ', -1'])})`,
          () => `${pick(['FLOOR', 'CEIL', 'SQRT'])}(${sub('num')})`,
          () => `ABS(${smoothSub()})`,
          () => `${pick(['MIN', 'MAX'])}(${smoothSub()}, ${smoothSub()}${rnd() < 0.4 ? `, ${smoothSub()}` : ''})`,
          () => `COALESCE(${smoothSub()}, ${smoothSub()})`,
          () => `IF(${sub('bool')}, ${smoothSub()}, ${smoothSub()})`,
          () => `IFS(${sub('bool')}, ${smoothSub()}, ${sub('bool')}, ${smoothSub()}${rnd() < 0.5 ? `, ${smoothSub()}` : ''})`,
          () => `CASE WHEN ${sub('bool')} THEN ${smoothSub()} ${rnd() < 0.5 ? `ELSE ${smoothSub()} ` : ''}END`,
          () => `CASE i WHEN 1 THEN ${sub('num')} WHEN ${sub('num')} THEN 2 END`,
          () => `LEN(${sub('text')})`,
          () => `${pick(['YEAR', 'MONTH', 'DAY', 'WEEKDAY'])}(${sub(pick(['date', 'datetime'] as const))})`,
          () => `${pick(['DAYS', 'WEEKS'])}(${sub(pick(['date', 'datetime'] as const))}, ${sub(pick(['date', 'datetime'] as const))})`,
          () => `(${sub('date')} - ${sub('date')})`,
        ];
        if (smooth) {
          choices.push(
            () => `${pick(['LN', 'LOG10', 'EXP'])}(${smoothSub()})`,
            () => `LOG(${smoothSub()}, ${pick(['2', '10', 'x', '1'])})`,
            () => `POWER(${smoothSub()}, ${pick(['2', '3', '0.5', '-1', 'i', '0'])})`,
          );
        }
        if (windows && !inWindow) {
          choices.push(
            () => `NTILE(${sub(pick(['num', 'num', 'text', 'date'] as const), true)}, ${pick(['1', '2', '3', '4', '10'])})`,
            () => `${pick(['RANK', 'PERCENT_RANK'])}(${sub(pick(['num', 'text', 'date', 'datetime'] as const), true)})`,
          );
        }
        return pick(choices)();
      }
      case 'text': {
        if (leaf) return pick(['t', 't', '"a"', '""', '"客户"', '"A"', '"😀x"', '"\uE000"', 'NULL', '"2024-02-29"', '"2023-02-29"', '"0000-01-01"']);
        return pick([
          () => `(${sub('text')} & ${sub('text')})`,
          () => `(${sub('text')} & i)`,
          () => `TEXT(${sub('num')}${pick(['', ', 0', ', 2', ', 6'])})`,
          () => `TEXT(${sub(pick(['date', 'datetime'] as const))})`,
          () => `${pick(['UPPER', 'LOWER', 'TRIM'])}(${sub('text')})`,
          () => `${pick(['LEFT', 'RIGHT'])}(${sub('text')}, ${pick(['0', '1', '2', 'i', 'x', '-1', '1.5'])})`,
          () => `MID(${sub('text')}, ${pick(['1', '2', 'i', 'x', '0'])}${rnd() < 0.6 ? `, ${pick(['1', '2', 'i', '-1', 'x'])}` : ''})`,
          () => `REPLACE(${sub('text')}, ${pick(['"a"', '""', '"客"', 't'])}, ${pick(['"b"', '""', '"xx"'])})`,
          () => `IF(${sub('bool')}, ${sub('text')}, ${sub('text')})`,
          () => `COALESCE(${sub('text')}, ${sub('text')})`,
          () => `${pick(['MIN', 'MAX'])}(${sub('text')}, ${sub('text')})`,
          () => `CASE WHEN ${sub('bool')} THEN ${sub('text')} END`,
        ])();
      }
      case 'bool': {
        if (leaf) return pick(['b', 'TRUE', 'FALSE', 'NULL']);
        const cmp = () => pick(['=', '<>', '<', '<=', '>', '>=']);
        return pick([
          () => `(${sub('num')} ${cmp()} ${sub('num')})`,
          () => `(${sub('text')} ${cmp()} ${sub('text')})`,
          () => `(${sub('date')} ${cmp()} ${sub(pick(['date', 'datetime'] as const))})`,
          () => `(${sub('datetime')} ${cmp()} ${sub('datetime')})`,
          () => `(b = ${sub('bool')})`,
          () => `(${sub('bool')} ${pick(['AND', 'OR'])} ${sub('bool')})`,
          () => `NOT ${sub('bool')}`,
          () => `(${sub(pick(['num', 'text', 'date'] as const))} IS ${pick(['', 'NOT '])}NULL)`,
          () => `(${sub('num')} ${pick(['', 'NOT '])}IN (${sub('num')}, ${pick(['1', '0', 'NULL', '2.5'])}))`,
          () => `(${sub('text')} ${pick(['', 'NOT '])}IN ("a", ${pick(['""', '"客户"', 'NULL', 't'])}))`,
          () => `(${sub('num')} ${pick(['', 'NOT '])}BETWEEN ${sub('num')} AND ${sub('num')})`,
          () => `${pick(['CONTAINS', 'STARTS_WITH', 'ENDS_WITH'])}(${sub('text')}, ${pick(['"a"', '""', 't', '"户"', 'NULL'])})`,
        ])();
      }
      case 'date': {
        if (leaf) return pick(['d', 'd', 'DATE(2024, 3, 1)', 'DATE("2023-12-31")', 'TODAY()', 'as_of']);
        return pick([
          () => `(${sub('date')} ${pick(['+', '-'])} ${sub('num')})`,
          () => `DATE(${sub('datetime')})`,
          () => `DATE(TRIM(${sub('text')}))`,
          () => `DATE(${pick(['2024', 'YEAR(d)', '2000 + i', 'x'])}, ${pick(['i', '2', 'MONTH(d)', '13'])}, ${pick(['1', 'i', '29', 'x', '31'])})`,
          () => `IF(${sub('bool')}, ${sub('date')}, ${sub('date')})`,
          () => `COALESCE(${sub('date')}, ${sub('date')})`,
          () => `${pick(['MIN', 'MAX'])}(${sub('date')}, ${sub('date')})`,
        ])();
      }
      case 'datetime': {
        if (leaf) return 'ts';
        return pick([
          () => `IF(${sub('bool')}, ${sub('datetime')}, ${sub(pick(['date', 'datetime'] as const))})`,
          () => `COALESCE(${sub('datetime')}, ${sub('date')})`,
          () => `${pick(['MIN', 'MAX'])}(${sub('datetime')}, ${sub('datetime')})`,
        ])();
      }
    }
  };

  /** A numeric aggregate formula: aggregates of row expressions combined at group level. */
  const aggregateNum = (depth: number): string => {
    const agg = () =>
      pick([
        () => `SUM(${gen('num', 2, false, false)})`,
        () => `AVG(${gen('num', 2, false, false)})`,
        () => 'COUNT()',
        () => `COUNT(${gen(pick(['num', 'text', 'date'] as const), 2, false, false)})`,
        () => `COUNT_DISTINCT(${gen(pick(['num', 'text', 'date', 'datetime', 'bool'] as const), 2, false, false)})`,
        () => `${pick(['MIN', 'MAX'])}(${gen('num', 2, false, false)})`,
      ])();
    if (depth <= 0 || rnd() < 0.3) return agg();
    return pick([
      () => `(${aggregateNum(depth - 1)} ${pick(['+', '-', '*', '/', '%'])} ${aggregateNum(depth - 1)})`,
      () => `ROUND(${aggregateNum(depth - 1)}, ${pick(['0', '2'])})`,
      () => `IF(COUNT() > ${int(0, 3)}, ${aggregateNum(depth - 1)}, p_num)`,
      () => `DAYS(MIN(${pick(['d', 'ts'])}), MAX(${pick(['d', 'ts'])}))`,
      () => `(MAX(d) - MIN(d))`,
      () => `COALESCE(${aggregateNum(depth - 1)}, 0)`,
    ])();
  };

  /** An aggregate formula of any type. */
  const aggregate = (depth: number): string =>
    pick([
      () => aggregateNum(depth),
      () => aggregateNum(depth),
      () => `${pick(['MIN', 'MAX'])}(${gen(pick(['text', 'date', 'datetime'] as const), 2)})`,
      () => `(${pick(['MIN', 'MAX'])}(${gen('text', 2)}) & "!")`,
      () => `(MAX(d) + ${int(-3, 3)})`,
      () => `(${aggregateNum(depth - 1)} > ${pick(['0', '1', 'p_num'])})`,
    ])();

  return { gen, aggregate, pick, int, rnd };
}
