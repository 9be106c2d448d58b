// Invariant: an rfm tag with `segmentsBy: 'total'` and no rules puts each customer in the
// segment of its total score R + F + M (segment t - 3, labelled "t", from 3 to the sum of the
// three dimensions' score counts), NULL anywhere = no segment; the typed-array path, the SQL path
// and a plain-array reference of the R rfm package's scores agree, ties at cut points included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoNotebook } from '../../../src/engine/demo/demo-notebook.ts';
import type { CustomersCell } from '../../../src/engine/notebook/cells.ts';
import { defaultParameters } from '../../../src/engine/parameters/parameters.ts';
import { evaluateTags, explainCustomer, type RfmTag, type TagDefinition } from '../../../src/engine/tags/index.ts';
import { readWorkspaceDefinition } from '../../../src/engine/workspace/read-definition.ts';
import { customers, refCut, refRank, refRfmPackage, sqlCodes, sqlLabels, type Value } from './tag-harness.ts';

const TOTAL: RfmTag = { kind: 'rfm', name: 'rfm_total', recency: 'r', frequency: 'f', monetary: 'm', method: 'rfm', segmentsBy: 'total' };

const one = (definition: TagDefinition, table: ReturnType<typeof customers>) => evaluateTags([definition], table, [])[0];

/**
 * The reference: each dimension's 1-based score from 0-based bins (recency reversed), summed,
 * minus 3; -1 when any value is NULL.
 */
function refTotals(r: Value[], f: Value[], m: Value[], binsOf: (values: Value[]) => number[], counts: [number, number, number]): number[] {
  const rb = binsOf(r);
  const fb = binsOf(f);
  const mb = binsOf(m);
  const out: number[] = [];
  for (let i = 0; i < r.length; i++) {
    if (r[i] === null || f[i] === null || m[i] === null) {
      out.push(-1);
      continue;
    }
    const rScore = counts[0] - rb[i];
    const fScore = fb[i] + 1;
    const mScore = mb[i] + 1;
    out.push(rScore + fScore + mScore - 3);
  }
  return out;
}

describe('rfm with segmentsBy: total', () => {
  const r: Value[] = [5, 40, 40, 100, 300, 12, null, 60, 61, 7, 40, 100];
  const f: Value[] = [9, 2, 3, 1, 1, 4, 2, 3, 3, 8, 1, null];
  const m: Value[] = [900, 50, 80, 20, 10, 300, 40, 70, 75, 500, 80, 60];
  const table = customers({ r, f, m });

  it('gives one segment per total 3..15, ascending, and the reference totals; NULL is -1', () => {
    const result = one(TOTAL, table);
    expect(result.error).toBeUndefined();
    expect(result.segments.map((s) => s.label)).toEqual(['3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15']);
    const expected = refTotals(r, f, m, (v) => refRfmPackage(v, 5), [5, 5, 5]);
    expect([...result.codes]).toEqual(expected);
    expect(expected.filter((c) => c === -1)).toHaveLength(2);
    // The scores are the tag's own: total = R + F + M for every customer with a segment.
    const { r: rs, f: fs, m: ms } = result.scores!;
    result.codes.forEach((c, i) => expect(c < 0 ? 0 : Number(result.segments[c].label)).toBe(c < 0 ? 0 : rs[i] + fs[i] + ms[i]));
    expect(sqlCodes(TOTAL, result, table)).toEqual([...result.codes]);
    expect(sqlLabels(TOTAL, result, table)).toEqual(expected.map((c) => (c < 0 ? null : String(c + 3))));
  });

  it('agrees with the reference when many values tie at the cut points', () => {
    const tr: Value[] = [10, 10, 10, 10, 20, 20, 20, 30, 30, 30, 30, 40, 40, 50, 50, 50];
    const tf: Value[] = [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 9];
    const tm: Value[] = [100, 100, 100, 200, 200, 200, 200, 300, 300, 300, 300, 300, 300, 400, 400, 400];
    const tied = customers({ r: tr, f: tf, m: tm });
    for (const bins of [3, 5, 9]) {
      const definition: RfmTag = { ...TOTAL, bins };
      const result = one(definition, tied);
      expect(result.segments).toHaveLength(3 * bins - 2);
      expect([...result.codes]).toEqual(refTotals(tr, tf, tm, (v) => refRfmPackage(v, bins), [bins, bins, bins]));
      expect(sqlCodes(definition, result, tied)).toEqual([...result.codes]);
    }
    const rank: RfmTag = { ...TOTAL, method: 'rank' };
    const ranked = one(rank, tied);
    expect([...ranked.codes]).toEqual(refTotals(tr, tf, tm, (v) => refRank(v, 5), [5, 5, 5]));
    expect(sqlCodes(rank, ranked, tied)).toEqual([...ranked.codes]);
    const position: RfmTag = { ...TOTAL, method: 'position' };
    const positioned = one(position, tied);
    expect(sqlCodes(position, positioned, tied)).toEqual([...positioned.codes]);
  });

  it('runs from 3 to the sum of the score counts with custom breaks of different lengths', () => {
    const definition: RfmTag = { ...TOTAL, breaks: { recency: [30, 90], frequency: [3], monetary: [50, 100, 500] } };
    const result = one(definition, table);
    // 3 + 2 + 4 scores: totals 3..9.
    expect(result.segments.map((s) => s.label)).toEqual(['3', '4', '5', '6', '7', '8', '9']);
    const binsOf = (breaks: number[]) => (values: Value[]) => refCut(values, breaks, 'lower');
    const rb = binsOf([30, 90])(r);
    const fb = binsOf([3])(f);
    const mb = binsOf([50, 100, 500])(m);
    const expected = r.map((_, i) => (rb[i] < 0 || fb[i] < 0 || mb[i] < 0 ? -1 : 3 - rb[i] + (fb[i] + 1) + (mb[i] + 1) - 3));
    expect([...result.codes]).toEqual(expected);
    expect(sqlCodes(definition, result, table)).toEqual([...result.codes]);
  });

  it('equals the SQL path and the reference for random tables (fast-check, sql.js)', () => {
    const value = fc.option(fc.integer({ min: 0, max: 30 }), { nil: null, freq: 8 });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 40 }), fc.constantFrom(2, 3, 5), (rows, bins) => {
        const [rr, ff, mm] = [rows.map((x) => x[0]), rows.map((x) => x[1]), rows.map((x) => x[2])];
        const random = customers({ r: rr, f: ff, m: mm });
        const definition: RfmTag = { ...TOTAL, bins };
        const result = one(definition, random);
        expect([...result.codes]).toEqual(refTotals(rr, ff, mm, (v) => refRfmPackage(v, bins), [bins, bins, bins]));
        expect(sqlCodes(definition, result, random)).toEqual([...result.codes]);
      }),
      { numRuns: 60 },
    );
  });

  it('is one segment per code when segmentsBy is code or absent, and is ignored when there are rules', () => {
    const byCode = one({ ...TOTAL, segmentsBy: 'code' }, table);
    const plain: RfmTag = { ...TOTAL };
    delete plain.segmentsBy;
    expect(byCode.segments).toHaveLength(125);
    expect([...one(plain, table).codes]).toEqual([...byCode.codes]);
    const rules: RfmTag['rules'] = [{ segment: { label: 'top' }, r: [4, 5], f: [4, 5], m: [4, 5] }];
    const ruled = one({ ...TOTAL, rules }, table);
    expect(ruled.segments.map((s) => s.label)).toEqual(['top', 'Others']);
    expect([...ruled.codes]).toEqual([...one({ ...plain, rules }, table).codes]);
  });

  it('refuses an unknown segmentsBy, naming the field', () => {
    const result = one({ ...TOTAL, segmentsBy: 'sum' as RfmTag['segmentsBy'] }, table);
    expect(result.error).toMatchObject({ code: 'bad-definition', field: 'segmentsBy' });
  });

  it('explains a customer by the scores and their sum', () => {
    const result = one(TOTAL, table);
    const { r: rs, f: fs, m: ms } = result.scores!;
    const e = explainCustomer(TOTAL, result, 0);
    const total = rs[0] + fs[0] + ms[0];
    expect(e.scores).toEqual({ r: rs[0], f: fs[0], m: ms[0], code: 100 * rs[0] + 10 * fs[0] + ms[0], total });
    expect(e.summary).toContain(`In "${total}": scores R${rs[0]} F${fs[0]} M${ms[0]}, total ${rs[0]} + ${fs[0]} + ${ms[0]} = ${total}`);
    expect(explainCustomer(TOTAL, result, 6)).toMatchObject({ segment: null, scores: { total: 0 } });
    const plain: RfmTag = { ...TOTAL };
    delete plain.segmentsBy;
    expect(explainCustomer(plain, one(plain, table), 0).summary).toContain(`code ${100 * rs[0] + 10 * fs[0] + ms[0]}`);
  });
});

describe('readWorkspaceDefinition with an rfm segmentsBy', () => {
  const workspaceWith = (definition: unknown) => {
    const cells = demoNotebook('en');
    const table = cells.find((c): c is CustomersCell => c.kind === 'customers')!;
    return { format: 'tagbook-workspace', version: 1, name: 'Totals', cells: [...cells, { kind: 'tag', id: 'totals', collapsed: false, tableName: table.resultName, definition }], parameters: defaultParameters() };
  };

  it('reads segmentsBy total back unchanged', () => {
    const definition = { ...TOTAL, recency: 'recency_days', frequency: 'orders', monetary: 'revenue' };
    const read = readWorkspaceDefinition(JSON.stringify(workspaceWith(definition)));
    if ('problems' in read) throw new Error(JSON.stringify(read.problems));
    const cell = read.definition.cells.at(-1)!;
    expect(cell.kind === 'tag' && cell.definition).toEqual(definition);
  });

  it('names a segmentsBy that is neither code nor total', () => {
    const workspace = workspaceWith({ ...TOTAL, segmentsBy: 'sum' });
    const read = readWorkspaceDefinition(JSON.stringify(workspace));
    expect('problems' in read && read.problems.map((p) => p.path)).toEqual([`cells[${workspace.cells.length - 1}].definition.segmentsBy`]);
  });
});
