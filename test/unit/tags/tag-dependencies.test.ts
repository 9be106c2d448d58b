import { describe, expect, it } from 'vitest';
import { dependentTags, parameterUse, tagUsesParameter, type TagDefinition } from '../../../src/engine/index.ts';

const cut = (name: string, metric: string, thresholds: (number | string)[] = [10]): TagDefinition => ({
  kind: 'cut',
  name,
  metric,
  thresholds,
  segments: Array.from({ length: thresholds.length + 1 }, (_, i) => ({ label: `s${i}` })),
});
const flag = (name: string, when: string): TagDefinition => ({ kind: 'flag', name, when, whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } });

describe('dependentTags', () => {
  const lifecycle = cut('Lifecycle', 'recency_days');
  const late = flag('late', "LIFECYCLE = 's2'");
  const lateBig = flag('late_big', "late = 'yes' AND revenue > 100");
  const value = flag('value', 'revenue > 100');
  const broken = flag('broken', 'lifecycle = (');

  it('finds direct and indirect users, case-insensitively, in the order given, without the moved tags', () => {
    expect(dependentTags([lateBig, value, late, lifecycle, broken], ['lifecycle']).map((d) => d.name)).toEqual(['late_big', 'late']);
    expect(dependentTags([lateBig, value, late, lifecycle], ['LATE']).map((d) => d.name)).toEqual(['late_big']);
    expect(dependentTags([lateBig, value, late, lifecycle], ['value'])).toEqual([]);
    expect(dependentTags([lifecycle, late], ['lifecycle', 'late'])).toEqual([]);
  });

  it('ends on a cycle', () => {
    const a = flag('a', "b = 'yes'");
    const b = flag('b', "a = 'yes' OR lifecycle = 's0'");
    expect(dependentTags([a, b, lifecycle], ['lifecycle']).map((d) => d.name)).toEqual(['a', 'b']);
  });
});

describe('parameterUse', () => {
  it('tells formulas from thresholds from other numbers', () => {
    expect(parameterUse(cut('c', 'recency_days', [30, 'Silent_Days', 'silent_days']), 'silent_days')).toEqual({ formula: false, thresholds: [1, 2], other: false });
    expect(parameterUse(cut('c', 'recency_days / window', [1]), 'window')).toEqual({ formula: true, thresholds: [], other: false });
    const score: TagDefinition = { kind: 'score', name: 's', components: [{ formula: 'revenue', weight: 'w', cap: 500 }], thresholds: [100], segments: [{ label: 'a' }, { label: 'b' }] };
    expect(parameterUse(score, 'w')).toEqual({ formula: false, thresholds: [], other: true });
    const rfm: TagDefinition = { kind: 'rfm', name: 'r', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', breaks: { recency: [30, 'r_cut'] } };
    expect(parameterUse(rfm, 'r_cut').other).toBe(true);
    const rfm8: TagDefinition = { kind: 'rfm8', name: 'r8', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', reference: { recency: 90, frequency: 'f_ref', monetary: 300 } };
    expect(parameterUse(rfm8, 'f_ref').other).toBe(true);
    expect(tagUsesParameter(rfm8, 'other')).toBe(false);
    expect(tagUsesParameter(flag('f', 'revenue > big'), 'BIG')).toBe(true);
  });
});
