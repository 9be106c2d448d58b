// Invariant: an rfm8 tag's class is what a plain loop gives for every basis (raw values or 1–5
// scores), reference (mean, median, thresholds) and tie rule, the SQL gives the same, and the
// defaults are the SPEC's rule (R strictly more recent, F and M at or above).
import { describe, expect, it } from 'vitest';
import type { FormulaParameter } from '../../../src/engine/formula/contract.ts';
import { evaluateTags, RFM_8_CLASSES, type Rfm8Tag } from '../../../src/engine/tags/index.ts';
import { demoNotebook } from '../../../src/engine/demo/demo-notebook.ts';
import { defaultParameters } from '../../../src/engine/parameters/parameters.ts';
import { readWorkspaceDefinition } from '../../../src/engine/workspace/index.ts';
import { describeRealdata } from '../../helpers/realdata.ts';
import { RAW_VS_MEAN, rfmOrdersTable, SCORES_VS_MEAN } from './rfm-orders-table.ts';
import { customers, sqlCodes, type Value } from './tag-harness.ts';

type Basis = 'raw' | 'scores';
type Tie = '>' | '>=' | undefined;

/** Quantile type 7 at p over sorted values (R's default). */
function q7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  return sorted[Math.floor(h)] + (h - Math.floor(h)) * (sorted[Math.ceil(h)] - sorted[Math.floor(h)]);
}

/** The rfm package's 1–5 score: cut points q7(k/5) + 1, a value at or above a cut moves up; `low` reverses. */
function refScores(values: Value[], low: boolean): Value[] {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const cuts = [1, 2, 3, 4].map((k) => q7(sorted, k / 5) + 1);
  return values.map((v) => {
    if (v === null) return null;
    const s = 1 + cuts.filter((c) => v >= c).length;
    return low ? 6 - s : s;
  });
}

function refStatistic(values: Value[], reference: 'mean' | 'median'): number {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (reference === 'mean') return known.reduce((a, b) => a + b, 0) / known.length;
  return (known[Math.floor((known.length - 1) / 2)] + known[Math.ceil((known.length - 1) / 2)]) / 2;
}

/** The loop reference: class index per customer. */
function refClasses(r: Value[], f: Value[], m: Value[], basis: Basis, reference: Rfm8Tag['reference'], tie: Tie): number[] {
  const [x, y, z] = basis === 'scores' ? [refScores(r, true), refScores(f, false), refScores(m, false)] : [r, f, m];
  const refs =
    typeof reference === 'object' ? [reference.recency as number, reference.frequency as number, reference.monetary as number] : [x, y, z].map((v) => refStatistic(v, reference ?? 'mean'));
  return x.map((xr, i) => {
    if (xr === null || y[i] === null || z[i] === null) return -1;
    // "above": more recent for R (raw recency below), larger for F and M.
    const above = (j: number, v: number) => (j === 0 && basis === 'raw' ? v < refs[0] : v > refs[j]);
    const equal = (j: number, v: number) => v === refs[j];
    const tieHigh = (j: number) => (tie === undefined ? j !== 0 : tie === '>=');
    const high = [xr, y[i]!, z[i]!].map((v, j) => above(j, v) || (equal(j, v) && tieHigh(j)));
    return RFM_8_CLASSES.findIndex((c) => c.high.every((h, j) => h === high[j]));
  });
}

describe('rfm8 basis and tie', () => {
  // Ties on purpose: recency 40 and f 3 appear several times, and the thresholds hit values exactly.
  const r: Value[] = [5, 40, 40, 100, 300, 12, null, 60, 61, 7, 40, 100];
  const f: Value[] = [9, 2, 3, 1, 1, 4, 2, 3, 3, 8, 3, 2];
  const m: Value[] = [900, 50, 80, 20, 10, 300, 40, 70, 75, 500, 75, 20];
  const table = customers({ r, f, m });
  const parameters: FormulaParameter[] = [{ name: 'm_ref', type: 'number', value: 75 }];
  const references: Rfm8Tag['reference'][] = [undefined, 'mean', 'median', { recency: 40, frequency: 3, monetary: 'm_ref' }, { recency: 3, frequency: 3, monetary: 3 }];

  for (const basis of ['raw', 'scores', undefined] as const) {
    for (const tie of [undefined, '>', '>='] as const) {
      for (const reference of references) {
        it(`matches the loop and the SQL: basis ${basis ?? '(default)'}, tie ${tie ?? '(default)'}, reference ${JSON.stringify(reference ?? '(default)')}`, () => {
          const definition: Rfm8Tag = { kind: 'rfm8', name: 'c8', recency: 'r', frequency: 'f', monetary: 'm', ...(reference ? { reference } : {}), ...(basis ? { basis } : {}), ...(tie ? { tie } : {}) };
          const [result] = evaluateTags([definition], table, parameters);
          expect(result.error).toBeUndefined();
          const ref = typeof reference === 'object' ? { ...reference, monetary: reference.monetary === 'm_ref' ? 75 : reference.monetary } : reference;
          expect([...result.codes]).toEqual(refClasses(r, f, m, basis ?? 'raw', ref, tie));
          expect(sqlCodes(definition, result, table, parameters)).toEqual([...result.codes]);
        });
      }
    }
  }

  it('keeps the default rule: R strictly below the mean, F and M at or above', () => {
    const base: Rfm8Tag = { kind: 'rfm8', name: 'c8', recency: 'r', frequency: 'f', monetary: 'm', reference: { recency: 40, frequency: 3, monetary: 75 } };
    const [plain] = evaluateTags([base], table, []);
    // Customer 2 (r 40, f 3, m 80): R on the reference → low; F on it → high.
    expect(RFM_8_CLASSES[plain.codes[2]].high).toEqual([false, true, true]);
    const [strict] = evaluateTags([{ ...base, tie: '>' }], table, []);
    expect(RFM_8_CLASSES[strict.codes[2]].high).toEqual([false, false, true]);
    const [loose] = evaluateTags([{ ...base, tie: '>=' }], table, []);
    expect(RFM_8_CLASSES[loose.codes[2]].high).toEqual([true, true, true]);
  });

  it('reports the score inputs and cut points with basis scores', () => {
    const [result] = evaluateTags([{ kind: 'rfm8', name: 'c8', recency: 'r', frequency: 'f', monetary: 'm', basis: 'scores' }], table, []);
    expect(Object.keys(result.inputs)).toEqual(['recency', 'frequency', 'monetary', 'R score', 'F score', 'M score']);
    expect([...result.inputs['R score']].map((v) => (Number.isNaN(v) ? null : v))).toEqual(refScores(r, true));
    expect(result.cutPoints.map((c) => [c.of, c.method, c.values.length])).toEqual([
      ['recency', 'rfm', 4],
      ['frequency', 'rfm', 4],
      ['monetary', 'rfm', 4],
      ['R score', 'mean', 1],
      ['F score', 'mean', 1],
      ['M score', 'mean', 1],
    ]);
  });

  it.each([
    ['basis', { basis: 'quintiles' }],
    ['tie', { tie: '=>' }],
  ])('refuses an unknown %s', (field, extra) => {
    const [result] = evaluateTags([{ kind: 'rfm8', name: 'c8', recency: 'r', frequency: 'f', monetary: 'm', ...extra } as unknown as Rfm8Tag], table, []);
    expect(result.error).toMatchObject({ code: 'bad-definition', field });
  });

  it('reads basis and tie back from a workspace, and refuses other values', () => {
    const cells = demoNotebook('en');
    const customersCell = cells.find((c) => c.kind === 'customers')!;
    const workspace = (definition: object) => ({
      format: 'tagbook-workspace',
      version: 1,
      name: 'w',
      timeZone: 'UTC',
      parameters: defaultParameters(),
      cells: [...cells, { id: 'rfm8-options', kind: 'tag', collapsed: false, tableName: customersCell.resultName, definition }],
    });
    const good = JSON.parse(JSON.stringify(workspace({ kind: 'rfm8', name: 'c8', recency: 'r', frequency: 'f', monetary: 'm', basis: 'scores', tie: '>=' })));
    expect(readWorkspaceDefinition(good)).toEqual({ definition: good });
    expect(readWorkspaceDefinition(workspace({ kind: 'rfm8', name: 'c8', recency: 'r', frequency: 'f', monetary: 'm', basis: 'ranks' }))).toHaveProperty('problems');
    expect(readWorkspaceDefinition(workspace({ kind: 'rfm8', name: 'c8', recency: 'r', frequency: 'f', monetary: 'm', tie: '<' }))).toHaveProperty('problems');
  });
});

describeRealdata('rfm8 on the R rfm package sample data (rfm_data_orders, 2006-12-31)', () => {
  const table = rfmOrdersTable();
  const values = (a: Float64Array): Value[] => [...a];
  const counts = (codes: ArrayLike<number>) => RFM_8_CLASSES.map((_, k) => Array.from(codes).filter((c) => c === k).length);

  it('gives different class counts raw-vs-mean and scores-vs-mean, each matching the loop', () => {
    const base: Rfm8Tag = { kind: 'rfm8', name: 'c8', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', reference: 'mean' };
    const [raw, scores] = evaluateTags([base, { ...base, name: 'c8s', basis: 'scores' }], table, []);
    const [r, f, m] = [values(table.recency), values(table.orders), values(table.revenue)];
    expect([...raw.codes]).toEqual(refClasses(r, f, m, 'raw', 'mean', undefined));
    expect([...scores.codes]).toEqual(refClasses(r, f, m, 'scores', 'mean', undefined));
    const a = counts(raw.codes);
    const b = counts(scores.codes);
    expect(a).not.toEqual(b);
    expect(a.reduce((x, y) => x + y)).toBe(995);
    expect(b.reduce((x, y) => x + y)).toBe(995);
    // The RFM 8 playbook's note quotes these figures (SOURCES.md data, 995 customers).
    expect(a).toEqual(RAW_VS_MEAN);
    expect(b).toEqual(SCORES_VS_MEAN);
    const ratios = a.map((x, k) => Math.max(x, b[k]) / Math.min(x, b[k]));
    expect(Math.max(...ratios)).toBeCloseTo(102 / 27, 9);
  });
});
