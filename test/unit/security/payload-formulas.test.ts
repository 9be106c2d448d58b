// Every hostile string of test/fixtures/payloads.ts used as a formula, a custom metric's name, a
// tag's segment label and a rule: refused with the formula language's own error, or evaluated as
// data — never run as JavaScript (alert and the page marker stay untouched).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCustomMetrics } from '../../../src/engine/metrics/custom-metrics.ts';
import { evaluateTags } from '../../../src/engine/tags/evaluate-tags.ts';
import { PAYLOADS } from '../../fixtures/payloads.ts';
import { num, text } from '../customers/columns.ts';

const columns = [text('customer_id', ['a', 'b', 'c']), num('revenue', 'decimal', [10, 20, 30])];
const world = globalThis as unknown as { alert?: unknown; __xss?: unknown; polluted?: unknown };
const alerts: unknown[] = [];

beforeAll(() => {
  world.alert = (...args: unknown[]) => alerts.push(args);
});
afterAll(() => {
  delete world.alert;
});

describe(`${PAYLOADS.length} payloads in formulas, names and labels`, () => {
  it('as formulas and metric names: a result or the language\'s own error', () => {
    for (const payload of PAYLOADS) {
      const results = evaluateCustomMetrics(columns, 3, [{ name: 'm', formula: payload }, { name: payload, formula: 'revenue * 2' }], []);
      for (const result of results) {
        if (!result.ok) expect(typeof result.error.code, payload).toBe('string');
      }
    }
    expect(alerts).toEqual([]);
    expect(world.__xss).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('as segment labels and rules of tags: labels kept as given, rules evaluated or refused', () => {
    const labelled = PAYLOADS.map((payload, i) => ({
      kind: 'rules' as const,
      name: `label${i}`,
      rules: [{ when: 'revenue > 15', segment: { label: payload } }],
      otherwise: { label: `${payload} 2` },
    }));
    const ruled = PAYLOADS.map((payload, i) => ({ kind: 'flag' as const, name: `rule${i}`, when: payload, whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } }));
    const results = evaluateTags([...labelled, ...ruled], { columns, rowCount: 3 }, []);
    results.slice(0, PAYLOADS.length).forEach((result, i) => {
      expect(result.error).toBeUndefined();
      expect(result.segments.map((s) => s.label)).toEqual([PAYLOADS[i], `${PAYLOADS[i]} 2`]);
      expect(Array.from(result.codes)).toEqual([1, 0, 0]);
    });
    for (const result of results.slice(PAYLOADS.length)) if (result.error) expect(typeof result.error.message).toBe('string');
    expect(alerts).toEqual([]);
    expect(world.__xss).toBeUndefined();
  });
});
