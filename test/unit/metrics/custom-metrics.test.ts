import { describe, expect, it } from 'vitest';
import { evaluateCustomMetrics, formulaMentions, formulaNames, type Column } from '../../../src/engine/index.ts';

const num = (name: string, values: number[], type: 'integer' | 'decimal' = 'decimal'): Column => ({ name, type, values: Float64Array.from(values) });
const table: Column[] = [
  { name: 'customer_id', type: 'text', codes: Int32Array.from([0, 1, 2, 3]), dictionary: ['a', 'b', 'c', 'd'] },
  num('orders', [1, 4, 0, 2], 'integer'),
  num('revenue', [100, 250.5, Number.NaN, 80]),
];
const values = (column: Column) => (column.type === 'text' ? [] : [...column.values].map((v) => (Number.isNaN(v) ? null : v)));

describe('custom metrics', () => {
  it('evaluates in dependency order whatever the order of definition, with parameters', () => {
    const results = evaluateCustomMetrics(
      table,
      4,
      [
        { name: 'big_spender', formula: 'aov >= threshold' },
        { name: 'aov', formula: 'revenue / orders' },
      ],
      [{ name: 'threshold', type: 'number', value: 60 }],
    );
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['big_spender', true],
      ['aov', true],
    ]);
    const [big, aov] = results;
    // Reference: the same arithmetic written out here (x / 0 is NULL, NULL propagates).
    const expectedAov = [100 / 1, 250.5 / 4, null, 80 / 2];
    expect(aov.ok && values(aov.column)).toEqual(expectedAov);
    expect(big.ok && values(big.column)).toEqual(expectedAov.map((v) => (v === null ? null : v >= 60 ? 1 : 0)));
    expect(big.ok && big.column.type).toBe('boolean');
  });

  it('refuses a cycle, naming it, and keeps the metrics outside it working', () => {
    const results = evaluateCustomMetrics(
      table,
      4,
      [
        { name: 'a', formula: 'b + 1' },
        { name: 'b', formula: 'c * 2' },
        { name: 'c', formula: 'a - orders' },
        { name: 'fine', formula: 'orders * 2' },
        { name: 'self', formula: 'self + 1' },
      ],
      [],
    );
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    for (const name of ['a', 'b', 'c']) {
      const result = byName[name];
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('cycle');
        expect(result.error.message).toMatch(/a → b → c → a|b → c → a → b|c → a → b → c/);
      }
    }
    expect(byName.self.ok === false && byName.self.error.message).toBe('These metrics use each other in a circle: self → self.');
    expect(byName.fine.ok && values(byName.fine.column)).toEqual([2, 8, 0, 4]);
  });

  it('an error stays with its metric; a metric using it says so; the rest work', () => {
    const results = evaluateCustomMetrics(
      table,
      4,
      [
        { name: 'broken', formula: 'revenue / ordrs' },
        { name: 'uses_broken', formula: 'broken + 1' },
        { name: 'label', formula: 'IF(orders > 1, "repeat", "one-off")' },
      ],
      [],
    );
    const [broken, usesBroken, label] = results;
    expect(broken.ok === false && broken.error.message).toMatch(/unknown .*"ordrs".*did you mean "orders"/);
    expect(usesBroken.ok === false && usesBroken.error).toMatchObject({ code: 'blocked', by: 'broken' });
    expect(label.ok && label.column.type).toBe('text');
  });

  it('reads the names a formula mentions without knowing their types', () => {
    expect(formulaNames('IF([实付 金额] > x, a, COALESCE(b, a))')).toEqual(['实付 金额', 'x', 'a', 'b']);
    expect(formulaMentions('revenue * Rate', 'rate')).toBe(true);
    expect(formulaMentions('revenue * (', 'revenue')).toBe(false);
  });
});
