// Invariant (SPEC §4): a formula gives the same result compiled to SQLite SQL and evaluated over
// typed arrays — exactly for integers, text, booleans and NULL, reals within 1e-9 relative — on
// random tables with NULLs, negative numbers, zeros, ties, empty strings and CJK text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { compileFormula, type FormulaParameter } from '../../../src/engine/formula/index.ts';
import { cellsAgree, numberColumn, runGrouped, runJs, runSql, scopeOf, SQL_NATIVE_MATH, textColumn, type Cell } from './formula-harness.ts';
import { formulaGenerator } from './random-formula.ts';

const MS_PER_DAY = 86_400_000;

const texts = fc.oneof(
  fc.constantFrom('', 'a', 'A', 'b', 'B', '客户', '客', ' a ', 'a😀', '\uE000', 'ab', 'ba', '户a', '\u3000x\t', '2024-02-29', '2023-02-29', '0000-01-01', '2024-3-1', '2024-03-01 10:00'),
  fc.string({ maxLength: 4 }),
);

const rowArb = fc.record({
  i: fc.option(fc.integer({ min: -20, max: 20 }), { nil: null }),
  x: fc.option(
    fc.oneof(fc.integer({ min: -40, max: 40 }).map((v) => v / 8), fc.double({ min: -1000, max: 1000, noNaN: true }), fc.constantFrom(0, 1.005, 2.5, -2.5, 0.125, -0.5)),
    { nil: null },
  ),
  t: fc.option(texts, { nil: null }),
  b: fc.option(fc.boolean(), { nil: null }),
  d: fc.option(fc.oneof(fc.integer({ min: 18_000, max: 21_000 }), fc.integer({ min: -400, max: 400 })), { nil: null }),
  ts: fc.option(
    fc.tuple(fc.integer({ min: 18_000, max: 21_000 }), fc.integer({ min: 0, max: MS_PER_DAY - 1 }), fc.boolean()).map(([day, ms, whole]) => day * MS_PER_DAY + (whole ? ms - (ms % 1000) : ms)),
    { nil: null },
  ),
});

const tableArb = fc.array(rowArb, { minLength: 0, maxLength: 24 });
const parametersArb = fc.tuple(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.5, -2.5)), fc.integer({ min: 19_000, max: 20_000 }));

function columnsOf(rows: fc.Arbitrary<unknown> extends never ? never : { i: number | null; x: number | null; t: string | null; b: boolean | null; d: number | null; ts: number | null }[]): Column[] {
  return [
    numberColumn('i', 'integer', rows.map((r) => r.i)),
    numberColumn('x', 'decimal', rows.map((r) => r.x)),
    textColumn('t', rows.map((r) => r.t)),
    numberColumn('b', 'boolean', rows.map((r) => r.b)),
    numberColumn('d', 'date', rows.map((r) => r.d)),
    numberColumn('ts', 'datetime', rows.map((r) => r.ts)),
    // Unique ids whose byte order differs from row order (NTILE's tie-break).
    textColumn('id', rows.map((_, k) => `c${(k * 7919) % 1009}`)),
  ];
}

function parametersOf([pNum, asOf]: [number, number]): FormulaParameter[] {
  return [
    { name: 'p_num', type: 'number', value: pNum },
    { name: 'as_of', type: 'date', value: asOf },
  ];
}

function firstDisagreement(js: Cell[], sql: Cell[]): string | null {
  if (js.length !== sql.length) return `lengths ${js.length} vs ${sql.length}`;
  for (let k = 0; k < js.length; k++) if (!cellsAgree(js[k], sql[k])) return `row ${k}: js ${JSON.stringify(js[k])}, sql ${JSON.stringify(sql[k])}`;
  return null;
}

describe('compileFormula(...).toSql and .evaluate agree', () => {
  it('on random row formulas over random tables', () => {
    fc.assert(
      fc.property(tableArb, parametersArb, fc.integer(), (rows, params, seed) => {
        const columns = columnsOf(rows);
        const { gen, pick } = formulaGenerator(seed, false);
        const source = gen(pick(['num', 'num', 'text', 'bool', 'date', 'datetime'] as const), 3);
        const f = compileFormula(source, scopeOf(columns, parametersOf(params)));
        const problem = firstDisagreement(runJs(f, columns), runSql(f, columns));
        expect(problem, `${source}\n${f.toSql((n) => `"${n}"`)}`).toBeNull();
      }),
      { numRuns: 600 },
    );
  });

  it('on random numeric formulas with sql.js native math functions (no legacy extension functions)', () => {
    fc.assert(
      fc.property(tableArb, parametersArb, fc.integer(), (rows, params, seed) => {
        const columns = columnsOf(rows);
        const source = formulaGenerator(seed, false).gen('num', 3);
        const f = compileFormula(source, scopeOf(columns, parametersOf(params)));
        const problem = firstDisagreement(runJs(f, columns), runSql(f, columns, undefined, SQL_NATIVE_MATH));
        expect(problem, source).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('on random window functions (NTILE ties broken by id)', () => {
    fc.assert(
      fc.property(tableArb, parametersArb, fc.integer(), (rows, params, seed) => {
        const columns = columnsOf(rows);
        const { gen, pick } = formulaGenerator(seed, true);
        const inner = gen(pick(['num', 'num', 'text', 'date', 'datetime'] as const), 2, true);
        const source = pick([`NTILE(${inner}, ${pick(['1', '2', '3', '4', '7', '40'])})`, `RANK(${inner})`, `PERCENT_RANK(${inner})`, gen('num', 3)]);
        const f = compileFormula(source, scopeOf(columns, parametersOf(params)));
        const problem = firstDisagreement(runJs(f, columns, 'id'), runSql(f, columns, 'id'));
        expect(problem, source).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('on random aggregate formulas per random groups', () => {
    fc.assert(
      fc.property(tableArb, parametersArb, fc.integer(), fc.integer({ min: 1, max: 5 }), fc.integer(), (rows, params, seed, groupCount, groupSeed) => {
        const columns = columnsOf(rows);
        const { aggregate } = formulaGenerator(seed, false);
        const groups = rows.map((_, k) => (((k * 31 + groupSeed) >>> 0) % (groupCount + 1)) - 1);
        const source = aggregate(2);
        const f = compileFormula(source, scopeOf(columns, parametersOf(params), true));
        const { js, sql } = runGrouped(f, columns, groups, groupCount);
        const problem = firstDisagreement(js, sql);
        expect(problem, source).toBeNull();
      }),
      { numRuns: 400 },
    );
  });
});
