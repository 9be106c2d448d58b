// Invariant: the action-stage tag puts every customer in the stage a plain loop over the
// boundaries gives, a boundary day (45, 90, 180, 360) staying in the earlier stage, and a
// customer without an order in none.
import { describe, expect, it } from 'vitest';
import { ACTION_STAGES_PLAYBOOK } from '../../../src/engine/playbooks/action-stages.ts';
import { customers, type Value } from '../tags/tag-harness.ts';
import { contextOf, evaluateAddition, expectAddsTwiceAsValidWorkspace, labelsOf } from './run-addition.ts';

const COLUMNS = ['customer_id', 'orders', 'recency_days'];
const LABELS = ['New-customer care', 'Repurchase incentive', 'Re-activation', 'Recall', 'Wake-up at the next big promotion'];

/** The reference: the first boundary the recency does not exceed. */
function refStage(recency: Value, bounds: number[]): string | null {
  if (recency === null) return null;
  for (let i = 0; i < bounds.length; i++) if (recency <= bounds[i]) return LABELS[i];
  return LABELS[bounds.length];
}

function recencies(bounds: number[]): Value[] {
  const days = new Set<number>([0, 1, 2000]);
  for (const b of bounds) for (const d of [b - 1, b - 0.5, b, b + 0.5, b + 1]) days.add(d);
  return [null, ...days];
}

describe('ACTION_STAGES_PLAYBOOK.build(context)', () => {
  it('matches the loop reference at the default boundaries, boundary days in the earlier stage', () => {
    const addition = ACTION_STAGES_PLAYBOOK.build(contextOf(COLUMNS));
    expect(addition.parameters.map((p) => [p.name, p.value])).toEqual([
      ['care_until_days', 45],
      ['incentive_until_days', 90],
      ['reactivate_until_days', 180],
      ['recall_until_days', 360],
    ]);
    const recency = recencies([45, 90, 180, 360]);
    const [tag] = evaluateAddition(addition, customers({ recency_days: recency })).tags;
    expect(labelsOf(tag)).toEqual(recency.map((r) => refStage(r, [45, 90, 180, 360])));
    const at = (d: number) => labelsOf(tag)[recency.indexOf(d)];
    expect([45, 46, 90, 91, 180, 181, 360, 361].map(at)).toEqual([LABELS[0], LABELS[1], LABELS[1], LABELS[2], LABELS[2], LABELS[3], LABELS[3], LABELS[4]]);
    expect(at(0)).toBe(LABELS[0]);
    expect(labelsOf(tag)[0]).toBeNull();
    expect(tag.segments.map((s) => s.labelZh)).toEqual(['新客关怀', '复购激励', '激活', '召回', '大促唤醒']);
    for (const s of tag.segments) expect(s.suggestedAction).toBeTruthy();
  });

  it('follows the boundary sliders', () => {
    const addition = ACTION_STAGES_PLAYBOOK.build(contextOf(COLUMNS));
    const bounds = [30, 60, 120, 240];
    const recency = recencies(bounds);
    const values = { care_until_days: 30, incentive_until_days: 60, reactivate_until_days: 120, recall_until_days: 240 };
    const [tag] = evaluateAddition(addition, customers({ recency_days: recency }), values).tags;
    expect(labelsOf(tag)).toEqual(recency.map((r) => refStage(r, bounds)));
  });

  it('gives a note in both languages naming the tag, the boundaries and the boundary-day rule', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const addition = ACTION_STAGES_PLAYBOOK.build(contextOf(COLUMNS, language));
      expect(addition.note).toContain('action_stage');
      for (const p of addition.parameters) expect(addition.note).toContain(p.name);
      expect(addition.note).toMatch(language === 'en' ? /day 45 exactly/ : /第 45 天/);
    }
    expect(ACTION_STAGES_PLAYBOOK.build(contextOf(COLUMNS)).charts).toEqual([{ view: 'segments', tag: 'action_stage' }]);
  });

  it('added twice gets fresh names throughout and reads back as a valid workspace', () => {
    const [, second] = expectAddsTwiceAsValidWorkspace(ACTION_STAGES_PLAYBOOK, COLUMNS, 'zh-CN');
    expect(second).toEqual(['action_stage_2', 'care_until_days_2', 'incentive_until_days_2', 'reactivate_until_days_2', 'recall_until_days_2']);
    expectAddsTwiceAsValidWorkspace(ACTION_STAGES_PLAYBOOK, COLUMNS, 'en');
  });
});
