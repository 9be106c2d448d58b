import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormulaParameter } from '../../../src/engine/formula/contract.ts';
import { evaluateTags, RFM_8_CLASSES, type TagDefinition } from '../../../src/engine/tags/index.ts';
import { customers, refCut, refPosition, refRank, refRfmPackage, sqlCodes, sqlLabels, type Value } from './tag-harness.ts';

const seg = (...labels: string[]) => labels.map((label) => ({ label }));
const one = (definition: TagDefinition, table: ReturnType<typeof customers>, parameters: FormulaParameter[] = []) => {
  const [result] = evaluateTags([definition], table, parameters);
  return result;
};

describe('cut', () => {
  const recency: Value[] = [0, 30, 31, 90, 91, 180, 181, 500, null, 30];
  const table = customers({ recency_days: recency });
  const lifecycle: TagDefinition = { kind: 'cut', name: 'lifecycle', metric: 'recency_days', thresholds: [30, 90, 180], segments: seg('active', 'cooling', 'silent', 'churned') };

  it('cuts ≤30 / ≤90 / ≤180 / else, values on a threshold staying below it; NULL is -1', () => {
    const result = one(lifecycle, table);
    expect(result.error).toBeUndefined();
    expect([...result.codes]).toEqual(refCut(recency, [30, 90, 180], 'upper'));
    expect([...result.codes]).toEqual([0, 0, 1, 1, 2, 2, 3, 3, -1, 0]);
    expect(result.cutPoints).toEqual([{ of: 'metric', values: [30, 90, 180], inclusive: 'upper' }]);
    expect(sqlCodes(lifecycle, result, table)).toEqual([...result.codes]);
    expect(sqlLabels(lifecycle, result, table)).toEqual(['active', 'active', 'cooling', 'cooling', 'silent', 'silent', 'churned', 'churned', null, 'active']);
  });

  it('takes lower-inclusive thresholds, parameters as thresholds, and formulas as metrics', () => {
    const definition: TagDefinition = { ...lifecycle, metric: 'recency_days * 1', thresholds: [30, 'cool_days', 180], inclusive: 'lower' };
    const parameters: FormulaParameter[] = [{ name: 'cool_days', type: 'number', value: 120 }];
    const result = one(definition, table, parameters);
    expect([...result.codes]).toEqual(refCut(recency, [30, 120, 180], 'lower'));
    expect(sqlCodes(definition, result, table, parameters)).toEqual([...result.codes]);
  });

  it('leaves segments between equal thresholds empty', () => {
    const result = one({ ...lifecycle, thresholds: [30, 30, 180] }, table);
    expect([...result.codes].filter((c) => c === 1)).toEqual([]);
    expect([...result.codes]).toEqual(refCut(recency, [30, 30, 180], 'upper'));
  });
});

describe('quantile', () => {
  const cases: Record<string, Value[]> = {
    'ties at cut points': [1, 2, 2, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9, 9, 9, 10],
    'all-equal values': [7, 7, 7, 7, 7, 7],
    'fewer customers than bins': [3, 1, 2],
    'NULL metrics': [null, 5, 1, null, 3, 3, 8, 2, null, 10, 4],
    'one customer': [42],
    'no customers with a value': [null, null],
  };
  for (const [name, values] of Object.entries(cases)) {
    it(`matches the references: ${name}`, () => {
      const table = customers({ m: values });
      const ids = (table.columns[0] as { dictionary: string[] }).dictionary;
      for (const bins of [1, 3, 5, 10]) {
        const rank: TagDefinition = { kind: 'quantile', name: 'q', metric: 'm', bins };
        const r = one(rank, table);
        expect(r.error).toBeUndefined();
        expect([...r.codes]).toEqual(refRank(values, bins));
        expect(r.cutPoints[0].values).toHaveLength(bins - 1);
        expect(sqlCodes(rank, r, table)).toEqual([...r.codes]);
        const position: TagDefinition = { ...rank, method: 'position' };
        const p = one(position, table);
        expect([...p.codes]).toEqual(refPosition(values, ids, bins));
        expect(sqlCodes(position, p, table)).toEqual([...p.codes]);
        if (values.some((v) => v !== null)) {
          const rfm: TagDefinition = { ...rank, method: 'rfm', direction: 'low' };
          const q = one(rfm, table);
          expect([...q.codes]).toEqual(refRfmPackage(values, bins).map((c) => (c < 0 ? -1 : bins - 1 - c)));
          expect(sqlCodes(rfm, q, table)).toEqual([...q.codes]);
        }
      }
    });
  }

  it('shares a bin between tied values (rank) but splits ties by id byte order (position)', () => {
    const values = [5, 5, 5, 5, 1, 9];
    const ids = ['b', 'a', 'é', 'Z', 'c', 'd'];
    const table = customers({ m: values }, ids);
    const rank = one({ kind: 'quantile', name: 'q', metric: 'm', bins: 3 }, table);
    expect(new Set([0, 1, 2, 3].map((i) => rank.codes[i])).size).toBe(1);
    const position = one({ kind: 'quantile', name: 'q', metric: 'm', bins: 3, method: 'position' }, table);
    expect([...position.codes]).toEqual(refPosition(values, ids, 3));
    expect([...position.codes]).toEqual([1, 1, 2, 0, 0, 2]); // 1(c) 5(Z) | 5(a) 5(b) | 5(é) 9(d)
    expect(sqlCodes({ kind: 'quantile', name: 'q', metric: 'm', bins: 3, method: 'position' }, position, table)).toEqual([...position.codes]);
  });

  it('uses R\'s arithmetic for the rfm cut points (probabilities k · (1/n), interpolation (1 − h)·lo + h·hi)', () => {
    const values: Value[] = [0, 6];
    const table = customers({ m: values });
    const result = one({ kind: 'quantile', name: 'q', metric: 'm', bins: 6, method: 'rfm' }, table);
    expect([...result.codes]).toEqual(refRfmPackage(values, 6));
    expect([...result.codes]).toEqual([0, 5]); // p = 5/6 rather than R's 5 · (1/6) gives a cut of 6.000000000000001 + 1 and puts 6 in bin 4
  });

  it('matches the references on random columns (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (values, bins) => {
        const table = customers({ m: values });
        const ids = (table.columns[0] as { dictionary: string[] }).dictionary;
        expect([...one({ kind: 'quantile', name: 'q', metric: 'm', bins }, table).codes]).toEqual(refRank(values, bins));
        expect([...one({ kind: 'quantile', name: 'q', metric: 'm', bins, method: 'position' }, table).codes]).toEqual(refPosition(values, ids, bins));
        if (values.some((v) => v !== null)) expect([...one({ kind: 'quantile', name: 'q', metric: 'm', bins, method: 'rfm' }, table).codes]).toEqual(refRfmPackage(values, bins));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('rules and flag', () => {
  const table = customers({ orders: [0, 1, 1, 3, 3, 5, null, 2], recency_days: [null, 10, 100, 20, 60, 200, 5, 45] });
  const lifecycle: TagDefinition = {
    kind: 'rules',
    name: 'lifecycle',
    rules: [
      { when: 'orders = 0', segment: { label: 'prospect' } },
      { when: 'recency_days > 180', segment: { label: 'churned' } },
      { when: 'recency_days > 90', segment: { label: 'silent' } },
      { when: 'orders = 1', segment: { label: 'new' } },
      { when: 'orders >= 2 AND recency_days <= 45', segment: { label: 'active' } },
      { when: 'orders >= 2 AND recency_days > 45 AND recency_days <= 90', segment: { label: 'half-active' } },
      { when: 'orders >= 3', segment: { label: 'never reached' } },
    ],
  };

  it('gives the first matching rule, else Others, and reports each rule alone and the overlaps', () => {
    const result = one(lifecycle, table);
    expect(result.error).toBeUndefined();
    const rows = 8;
    const o = [0, 1, 1, 3, 3, 5, null, 2];
    const r = [null, 10, 100, 20, 60, 200, 5, 45];
    const truth = [
      (i: number) => o[i] === 0,
      (i: number) => r[i] !== null && r[i]! > 180,
      (i: number) => r[i] !== null && r[i]! > 90,
      (i: number) => o[i] === 1,
      (i: number) => o[i] !== null && o[i]! >= 2 && r[i] !== null && r[i]! <= 45,
      (i: number) => o[i] !== null && o[i]! >= 2 && r[i] !== null && r[i]! > 45 && r[i]! <= 90,
      (i: number) => o[i] !== null && o[i]! >= 3,
    ];
    const expected = Array.from({ length: rows }, (_, i) => {
      const k = truth.findIndex((t) => t(i));
      return k < 0 ? truth.length : k;
    });
    expect([...result.codes]).toEqual(expected);
    expect(result.segments.at(-1)?.label).toBe('Others');
    expect(result.rules!.alone).toEqual(truth.map((t) => Array.from({ length: rows }, (_, i) => i).filter(t).length));
    expect(result.rules!.pairs[1][2]).toBe(1);
    expect(result.rules!.pairs[4][6]).toBe(1);
    expect(result.rules!.others).toBe(expected.filter((c) => c === truth.length).length);
    expect(result.codes.indexOf(6)).toBe(-1); // the last rule is emptied by precedence
    expect(sqlCodes(lifecycle, result, table)).toEqual([...result.codes]);
  });

  it('flags true/false, NULL as false', () => {
    const flag: TagDefinition = { kind: 'flag', name: 'loyal', when: 'orders >= 3', whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } };
    const result = one(flag, table);
    expect([...result.codes]).toEqual([1, 1, 1, 0, 0, 0, 1, 1]);
    expect(sqlCodes(flag, result, table)).toEqual([...result.codes]);
  });
});

describe('score', () => {
  it('sums weighted, capped components (NULL counts 0), then cuts into tiers (≥ moves up)', () => {
    const a: Value[] = [10, 50, null, 100, 0, 30];
    const b: Value[] = [1, 2, 3, null, 0, 10];
    const table = customers({ a, b });
    const definition: TagDefinition = {
      kind: 'score',
      name: 'points',
      components: [{ formula: 'a', weight: 4, cap: 'a_cap' }, { formula: 'b * 10', weight: 1 }],
      thresholds: [100, 200, 300],
      segments: seg('bronze', 'silver', 'gold', 'diamond'),
    };
    const parameters: FormulaParameter[] = [{ name: 'a_cap', type: 'number', value: 250 }];
    const result = one(definition, table, parameters);
    const total = a.map((v, i) => (v === null ? 0 : Math.min(4 * v, 250)) + (b[i] === null ? 0 : Math.min(b[i]! * 10, Infinity)));
    expect([...result.inputs.total]).toEqual(total);
    expect([...result.codes]).toEqual(refCut(total, [100, 200, 300], 'lower'));
    expect(sqlCodes(definition, result, table, parameters)).toEqual([...result.codes]);
  });
});

describe('rfm and rfm8', () => {
  const r: Value[] = [5, 40, 40, 100, 300, 12, null, 60, 61, 7];
  const f: Value[] = [9, 2, 3, 1, 1, 4, 2, 3, 3, 8];
  const m: Value[] = [900, 50, 80, 20, 10, 300, 40, 70, 75, 500];
  const table = customers({ r, f, m });

  it('scores R (low recency = 5), F, M and their code, with named segments first-match', () => {
    const definition: TagDefinition = {
      kind: 'rfm',
      name: 'rfm',
      recency: 'r',
      frequency: 'f',
      monetary: 'm',
      method: 'rfm',
      rules: [{ segment: { label: 'top' }, r: [4, 5], f: [4, 5], m: [4, 5] }, { segment: { label: 'low' }, r: [1, 2], f: [1, 5], m: [1, 5] }],
    };
    const result = one(definition, table);
    expect(result.error).toBeUndefined();
    const rs = refRfmPackage(r, 5).map((c) => (c < 0 ? 0 : 5 - c));
    const fs = refRfmPackage(f, 5).map((c) => c + 1);
    const ms = refRfmPackage(m, 5).map((c) => c + 1);
    expect([...result.scores!.r]).toEqual(rs);
    expect([...result.scores!.code]).toEqual(rs.map((x, i) => (x === 0 ? 0 : 100 * x + 10 * fs[i] + ms[i])));
    const expected = rs.map((x, i) => (x === 0 ? -1 : x >= 4 && fs[i] >= 4 && ms[i] >= 4 ? 0 : x <= 2 ? 1 : 2));
    expect([...result.codes]).toEqual(expected);
    expect(result.cutPoints.map((c) => c.of)).toEqual(['recency', 'frequency', 'monetary']);
    expect(sqlCodes(definition, result, table)).toEqual([...result.codes]);
  });

  it('uses custom breaks and, without rules, one segment per code', () => {
    const definition: TagDefinition = { kind: 'rfm', name: 'rfm', recency: 'r', frequency: 'f', monetary: 'm', breaks: { recency: [30, 90], frequency: [3], monetary: [100] } };
    const result = one(definition, table);
    expect(result.segments).toHaveLength(3 * 2 * 2);
    const rs = refCut(r, [30, 90], 'lower').map((c) => (c < 0 ? 0 : 3 - c));
    expect([...result.scores!.r]).toEqual(rs);
    const c0 = result.codes[0];
    expect(result.segments[c0].label).toBe(`${rs[0]}${f[0]! >= 3 ? 2 : 1}${m[0]! >= 100 ? 2 : 1}`);
    expect(sqlCodes(definition, result, table)).toEqual([...result.codes]);
    for (const method of ['rank', 'position'] as const) {
      const d: TagDefinition = { kind: 'rfm', name: 'rfm', recency: 'r', frequency: 'f', monetary: 'm', method, bins: 3 };
      const res = one(d, table);
      expect(sqlCodes(d, res, table)).toEqual([...res.codes]);
    }
  });

  it('puts customers in the 8 classes against the mean, the median or thresholds', () => {
    const present = (xs: Value[]) => xs.filter((x): x is number => x !== null);
    const mean = (xs: Value[]) => present(xs).reduce((s, x) => s + x, 0) / present(xs).length;
    const median = (xs: Value[]) => {
      const s = present(xs).sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    for (const reference of ['mean', 'median', { recency: 60, frequency: 3, monetary: 'm_ref' }] as const) {
      const definition: TagDefinition = { kind: 'rfm8', name: 'rfm8', recency: 'r', frequency: 'f', monetary: 'm', reference };
      const parameters: FormulaParameter[] = [{ name: 'm_ref', type: 'number', value: 75 }];
      const result = one(definition, table, parameters);
      const ref = reference === 'mean' ? [mean(r), mean(f), mean(m)] : reference === 'median' ? [median(r), median(f), median(m)] : [60, 3, 75];
      const expected = r.map((x, i) => {
        if (x === null || f[i] === null || m[i] === null) return -1;
        const high = [x < ref[0], f[i]! >= ref[1], m[i]! >= ref[2]];
        return RFM_8_CLASSES.findIndex((c) => c.high.every((h, j) => h === high[j]));
      });
      expect([...result.codes]).toEqual(expected);
      expect(result.segments[0]).toMatchObject({ label: 'Important value', labelZh: '重要价值客户' });
      expect(sqlCodes(definition, result, table, parameters)).toEqual([...result.codes]);
    }
  });
});

describe('dependencies and bad input', () => {
  const table = customers({ recency_days: [10, 100, 200, null], orders: [1, 2, 3, 4] });
  const stage: TagDefinition = { kind: 'cut', name: 'stage', metric: 'recency_days', thresholds: [30, 90], segments: seg('active', 'cooling', 'lapsed') };

  it('lets a tag use another tag by name, in any order', () => {
    const vip: TagDefinition = { kind: 'flag', name: 'vip', when: 'stage = "active" AND orders >= 1', whenTrue: { label: 'VIP' }, whenFalse: { label: '-' } };
    const [a, b] = evaluateTags([vip, stage], table, []);
    expect(a.error).toBeUndefined();
    expect([...a.codes]).toEqual([0, 1, 1, 1]);
    expect(sqlCodes(vip, a, table, [], [b])).toEqual([...a.codes]);
  });

  it('refuses a cycle with the cycle named, and the other tags keep working', () => {
    const a: TagDefinition = { kind: 'flag', name: 'a', when: 'b = "yes"', whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } };
    const b: TagDefinition = { kind: 'flag', name: 'b', when: 'a = "yes"', whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } };
    const results = evaluateTags([a, b, stage], table, []);
    expect(results[0].error).toMatchObject({ code: 'cycle', cycle: ['a', 'b', 'a'] });
    expect(results[0].error!.message).toContain('a → b → a');
    expect(results[1].error?.code).toBe('cycle');
    expect(results[2].error).toBeUndefined();
  });

  it('reports clear, typed errors per tag', () => {
    const defs: TagDefinition[] = [
      { ...stage, name: 'bad_metric', metric: 'recnecy_days' },
      { ...stage, name: 'text_threshold', thresholds: [30, 'ninety'] },
      { ...stage, name: 'out_of_order', thresholds: [90, 30] },
      { kind: 'rules', name: 'empty', rules: [] },
      { ...stage, name: 'not_number', metric: 'recency_days > 3' },
      { ...stage, name: 'segments', segments: seg('a', 'b') },
      { kind: 'quantile', name: 'bins', metric: 'orders', bins: 0 },
      { kind: 'flag', name: 'uses_bad', when: 'bad_metric = "active"', whenTrue: { label: 'y' }, whenFalse: { label: 'n' } },
      { ...stage, name: 'Stage' },
      stage,
    ];
    const results = evaluateTags(defs, table, []);
    expect(results.map((r) => r.error?.code)).toEqual([
      'formula',
      'threshold-not-number',
      'thresholds-out-of-order',
      'no-rules',
      'not-number',
      'wrong-segment-count',
      'bad-definition',
      'blocked',
      undefined,
      'duplicate-name',
    ]);
    expect(results[0].error!.message).toContain('did you mean "recency_days"');
    expect(results[0].error!.field).toBe('metric');
    expect(results[1].error!.message).toContain('"ninety"');
    expect(results[2].error!.message).toBe('thresholds must increase: threshold 2 (30) is below threshold 1 (90).');
    expect([...results[0].codes]).toEqual([-1, -1, -1, -1]);
  });

  it('survives definitions that are not tags at all', () => {
    const junk = [null, { name: 'x', kind: 'nonsense' }, { kind: 'cut' }] as unknown as TagDefinition[];
    const results = evaluateTags([...junk, stage], table, []);
    expect(results.map((r) => r.error?.code)).toEqual(['bad-definition', 'bad-definition', 'bad-definition', undefined]);
    expect(results[1].error!.message).toBe('Unknown tag kind "nonsense".');
  });

  it('evaluates 200 tags at once', () => {
    const defs: TagDefinition[] = Array.from({ length: 200 }, (_, i) => ({ ...stage, name: `t${i}`, thresholds: [i, i + 50] }));
    const results = evaluateTags(defs, table, []);
    expect(results.every((r) => !r.error)).toBe(true);
    expect([...results[150].codes]).toEqual(refCut([10, 100, 200, null], [150, 200], 'upper'));
  });
});
