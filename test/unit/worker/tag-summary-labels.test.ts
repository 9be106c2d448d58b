import { describe, expect, it } from 'vitest';
import { summarizeTag } from '../../../src/worker/tag-summary.ts';
import type { TagResult } from '../../../src/engine/index.ts';

describe('summarizeTag', () => {
  it('carries each segment’s Chinese label and colour to the page, with counts and revenue from the codes', () => {
    const result: TagResult = {
      name: 'lifecycle',
      kind: 'cut',
      codes: Int32Array.from([0, 1, 1, -1]),
      segments: [
        { label: 'active', labelZh: '活跃', colour: '#2e9d5b', order: 0 },
        { label: 'churned', order: 1 },
      ],
      cutPoints: [],
      inputs: {},
    };
    const summary = summarizeTag(result, Float64Array.from([10, 20, 30, 40]), Float64Array.from([1, 2, 3, 4]));
    expect(summary.segments.map((s) => [s.label, s.labelZh, s.colour, s.count, s.revenue])).toEqual([
      ['active', '活跃', '#2e9d5b', 1, 10],
      ['churned', undefined, undefined, 2, 50],
    ]);
    expect(summary.nullCount).toBe(1);
  });
});
