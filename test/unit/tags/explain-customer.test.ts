import { describe, expect, it } from 'vitest';
import { evaluateTags, explainCustomer, type TagDefinition } from '../../../src/engine/tags/index.ts';
import { customers } from './tag-harness.ts';

describe('explainCustomer', () => {
  const table = customers({ orders: [1, 4, 2], recency_days: [10, 120, null] });

  it('shows the metric value and thresholds of a cut tag', () => {
    const cut: TagDefinition = { kind: 'cut', name: 'stage', metric: 'recency_days', thresholds: [30, 90], segments: [{ label: 'active' }, { label: 'cooling' }, { label: 'lapsed' }] };
    const [result] = evaluateTags([cut], table, []);
    const e = explainCustomer(cut, result, 1);
    expect(e.segment?.label).toBe('lapsed');
    expect(e.values).toEqual({ metric: 120 });
    expect(e.cutPoints[0].values).toEqual([30, 90]);
    expect(e.summary).toContain('recency_days = 120; recency_days cut at 30 / 90');
    expect(explainCustomer(cut, result, 2).segment).toBeNull();
  });

  it("says whether a flag's formula holds, NULL taken as false", () => {
    const flag: TagDefinition = { kind: 'flag', name: 'late', when: 'recency_days > 90', whenTrue: { label: 'late' }, whenFalse: { label: 'recent' } };
    const [result] = evaluateTags([flag], table, []);
    expect(explainCustomer(flag, result, 1).summary).toBe('In "late": recency_days > 90 is true.');
    expect(explainCustomer(flag, result, 0).summary).toBe('In "recent": recency_days > 90 is false.');
    expect(explainCustomer(flag, result, 2).summary).toBe('In "recent": recency_days > 90 is NULL (taken as false).');
  });

  it('names the matching rule and the earlier rules that did not match, with their values', () => {
    const rules: TagDefinition = {
      kind: 'rules',
      name: 'life',
      rules: [
        { when: 'orders = 1', segment: { label: 'new' } },
        { when: 'recency_days > 90', segment: { label: 'silent' } },
        { when: 'orders >= 2', segment: { label: 'repeat' } },
      ],
    };
    const [result] = evaluateTags([rules], table, []);
    const e = explainCustomer(rules, result, 2);
    expect(e.segment?.label).toBe('repeat');
    expect(e.matchedRule).toMatchObject({ rule: 2, formula: 'orders >= 2', value: true });
    expect(e.earlierRules).toEqual([
      { rule: 0, label: 'new', formula: 'orders = 1', value: false },
      { rule: 1, label: 'silent', formula: 'recency_days > 90', value: null },
    ]);
    expect(explainCustomer(rules, result, 1).matchedRule?.label).toBe('silent');
  });
});
