// Invariant: an RFM 8 label preset renames the eight classes in the engine's segment order
// (RFM_8_CLASSES, by rfm8Index) and changes nothing but the segments' labels, descriptions and
// suggested actions: who is in which class, the colours and every other field stay; the result
// reads back as a workspace.
import { describe, expect, it } from 'vitest';
import { demoNotebook } from '../../../src/engine/demo/demo-notebook.ts';
import type { Cell, CustomersCell } from '../../../src/engine/notebook/cells.ts';
import { defaultParameters } from '../../../src/engine/parameters/parameters.ts';
import {
  applyRfm8LabelPreset,
  evaluateTags,
  RFM8_LABEL_PRESETS,
  RFM_8_CLASSES,
  RFM_8_CLASS_NOTES,
  rfm8Index,
  rfm8LabelPresetOf,
  type Rfm8Tag,
} from '../../../src/engine/tags/index.ts';
import { readWorkspaceDefinition } from '../../../src/engine/workspace/read-definition.ts';
import { customers, sqlLabels } from './tag-harness.ts';

const TAG: Rfm8Tag = { kind: 'rfm8', name: 'rfm8_class', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', reference: 'median', tie: '>=' };

/** The class a preset's label must describe, by where the engine puts each high/low pattern. */
const PATTERN_OF_LABEL: Record<string, [boolean, boolean, boolean]> = {
  重要价值客户: [true, true, true],
  重要发展客户: [true, false, true],
  重要保持客户: [false, true, true],
  重要挽留客户: [false, false, true],
  一般价值客户: [true, true, false],
  一般发展客户: [true, false, false],
  一般保持客户: [false, true, false],
  一般挽留客户: [false, false, false],
  重要价值: [true, true, true],
  重要发展: [true, false, true],
  重要保持: [false, true, true],
  重要挽留: [false, false, true],
  一般价值: [true, true, false],
  一般发展: [true, false, false],
  一般保持: [false, true, false],
  一般挽留: [false, false, false],
  新客户: [true, false, false],
  流失客户: [false, false, false],
  高价值客户: [true, true, true],
};

describe('RFM8_LABEL_PRESETS', () => {
  it('has the standard, the short and at least two vendor- or industry-style sets, ids unique', () => {
    const ids = RFM8_LABEL_PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 2)).toEqual(['standard', 'short']);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    for (const p of RFM8_LABEL_PRESETS.slice(2)) expect(`${p.title.en} ${p.title.zh}`).toMatch(/style|风格|English|英文/);
  });

  it.each(RFM8_LABEL_PRESETS.map((p) => [p.id, p] as const))('%s: 8 distinct labels in each language, non-empty', (_, preset) => {
    expect(preset.labels).toHaveLength(8);
    for (const key of ['label', 'labelZh'] as const) {
      const values = preset.labels.map((l) => l[key].trim());
      expect(values.every((v) => v.length > 0)).toBe(true);
      expect(new Set(values).size).toBe(8);
    }
  });

  it('puts every known name on the class of its pattern (segment order = rfm8Index)', () => {
    let checked = 0;
    for (const preset of RFM8_LABEL_PRESETS) {
      preset.labels.forEach(({ labelZh }, i) => {
        const pattern = PATTERN_OF_LABEL[labelZh];
        if (!pattern) return;
        checked++;
        expect(rfm8Index(...pattern), `${preset.id}: ${labelZh}`).toBe(i);
        expect(RFM_8_CLASSES[i].high).toEqual(pattern);
      });
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('the standard set is the engine default, the short set the standard without 客户', () => {
    const [standard, short] = RFM8_LABEL_PRESETS;
    expect(standard.labels).toEqual(RFM_8_CLASSES.map((c) => ({ label: c.label, labelZh: c.labelZh })));
    expect(short.labels.map((l) => l.labelZh)).toEqual(standard.labels.map((l) => l.labelZh.replace(/客户$/, '')));
  });
});

describe('applyRfm8LabelPreset(definition, preset)', () => {
  const table = customers({ recency_days: [5, 40, 40, 100, 300, 12, null, 60, 61, 7], orders: [9, 2, 3, 1, 1, 4, 2, 3, 3, 8], revenue: [900, 50, 80, 20, 10, 300, 40, 70, 75, 500] });

  it.each(RFM8_LABEL_PRESETS.map((p) => [p.id, p] as const))('%s: changes the segments only; customers keep their class', (_, preset) => {
    const before = { ...TAG, segments: RFM_8_CLASSES.map(({ high: _high, ...s }, i) => ({ ...s, colour: i === 2 ? '#123456' : s.colour })) };
    const after = applyRfm8LabelPreset(before, preset);
    const { segments, ...restAfter } = after;
    expect(restAfter).toEqual(TAG);
    expect(segments).toHaveLength(8);
    segments!.forEach((s, i) => {
      expect(s).toEqual({ label: preset.labels[i].label, labelZh: preset.labels[i].labelZh, colour: before.segments[i].colour, ...RFM_8_CLASS_NOTES[i] });
    });
    expect(before.segments[0].label).toBe('Important value');
    const [a, b] = evaluateTags([before, { ...after, name: 'renamed' }], table, []);
    expect([...b.codes]).toEqual([...a.codes]);
    expect(b.segments.map((s) => s.label)).toEqual(preset.labels.map((l) => l.label));
    // The SQL path writes the new labels (quotes in them included) for the same customers.
    expect(sqlLabels(after, b, table)).toEqual([...b.codes].map((c) => (c < 0 ? null : preset.labels[c].label)));
  });

  it('gives a tag without segments the default class colours', () => {
    const after = applyRfm8LabelPreset(TAG, RFM8_LABEL_PRESETS[1]);
    expect(after.segments!.map((s) => s.colour)).toEqual(RFM_8_CLASSES.map((c) => c.colour));
    expect(TAG.segments).toBeUndefined();
  });

  it('reads back as a workspace definition, labels intact', () => {
    const cells: Cell[] = demoNotebook('en');
    const table = cells.find((c): c is CustomersCell => c.kind === 'customers')!;
    for (const preset of RFM8_LABEL_PRESETS) {
      const definition = applyRfm8LabelPreset(TAG, preset);
      const workspace = {
        format: 'tagbook-workspace',
        version: 1,
        name: 'Presets',
        cells: [...cells, { kind: 'tag', id: 'rfm8-presets', collapsed: false, tableName: table.resultName, definition }],
        parameters: defaultParameters(),
      };
      const read = readWorkspaceDefinition(JSON.stringify(workspace));
      if ('problems' in read) throw new Error(JSON.stringify(read.problems));
      const tag = read.definition.cells.at(-1)!;
      expect(tag.kind === 'tag' && tag.definition).toEqual(definition);
      expect(rfm8LabelPresetOf(definition)).toBe(preset.id);
    }
  });
});

describe('rfm8LabelPresetOf(definition)', () => {
  it('is standard without segments, null once a label is edited', () => {
    expect(rfm8LabelPresetOf(TAG)).toBe('standard');
    const short = applyRfm8LabelPreset(TAG, RFM8_LABEL_PRESETS[1]);
    expect(rfm8LabelPresetOf(short)).toBe('short');
    const edited = { ...short, segments: short.segments!.map((s, i) => (i === 3 ? { ...s, labelZh: '挽回' } : s)) };
    expect(rfm8LabelPresetOf(edited)).toBeNull();
  });
});
