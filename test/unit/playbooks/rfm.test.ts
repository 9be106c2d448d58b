// Invariant: the RFM playbooks add tags that reproduce the R rfm package (0.2.x rules swapped in:
// the published segment totals; 0.3.0 by default), get fresh names when added twice, read back as
// a workspace, and explain themselves in both languages.
import { describe, expect, it } from 'vitest';
import { RFM8_PLAYBOOK, RFM_SCORES_PLAYBOOK, rfmSegmentTag } from '../../../src/engine/playbooks/rfm.ts';
import { RFM_PACKAGE_0_2_RULES, RFM_PACKAGE_0_3_RULES, segmentStats, type RfmTag, type TagResult } from '../../../src/engine/tags/index.ts';
import { describeRealdata } from '../../helpers/realdata.ts';
import { RAW_VS_MEAN, rfmOrdersTable } from '../tags/rfm-orders-table.ts';
import { customers } from '../tags/tag-harness.ts';
import { checkPlaybook, evaluateAddition as evaluateWithCharts } from './playbook-checks.ts';
import { contextOf, evaluateAddition, expectAddsTwiceAsValidWorkspace } from './run-addition.ts';

const COLUMNS = ['customer_id', 'orders', 'revenue', 'recency_days', 'first_order_date', 'last_order_date'];

describe('RFM_SCORES_PLAYBOOK.build(context)', () => {
  it('adds an rfm tag by the R package method with the 0.3.0 rules, a code tag, a total tag, a heat map and two segments charts', () => {
    const addition = RFM_SCORES_PLAYBOOK.build(contextOf(COLUMNS));
    expect(addition.parameters).toEqual([]);
    expect(addition.metrics).toEqual([]);
    const [segment, code, total] = addition.tags as RfmTag[];
    expect(addition.tags).toHaveLength(3);
    expect(segment).toMatchObject({ kind: 'rfm', name: 'rfm_segment', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', bins: 5, method: 'rfm', otherwise: { label: 'Others' } });
    expect(segment.rules).toEqual(RFM_PACKAGE_0_3_RULES);
    expect(code).toMatchObject({ kind: 'rfm', name: 'rfm_code', method: 'rfm', bins: 5 });
    expect(code.rules).toBeUndefined();
    expect(code.segmentsBy).toBeUndefined();
    expect(total).toEqual({ ...code, name: 'rfm_total', segmentsBy: 'total' });
    expect(addition.charts).toEqual([
      { view: 'rf-heatmap', tag: 'rfm_segment', measure: 'count' },
      { view: 'segments', tag: 'rfm_segment', measure: 'count' },
      { view: 'segments', tag: 'rfm_total', measure: 'count' },
    ]);
  });

  it('evaluates (tags and charts) over a small table, one code segment per score triple and one total segment per sum', () => {
    const addition = RFM_SCORES_PLAYBOOK.build(contextOf(COLUMNS));
    const n = 40;
    const table = customers({
      recency_days: Array.from({ length: n }, (_, i) => (i * 37) % 200),
      orders: Array.from({ length: n }, (_, i) => 1 + ((i * 7) % 9)),
      revenue: Array.from({ length: n }, (_, i) => 10 + ((i * 53) % 500)),
    });
    evaluateWithCharts(addition, table);
    const { tags } = evaluateAddition(addition, table);
    const [segment, code, total] = tags;
    expect(code.segments).toHaveLength(125);
    expect(total.segments.map((s) => s.label)).toEqual(Array.from({ length: 13 }, (_, k) => String(k + 3)));
    for (let i = 0; i < n; i++) {
      expect(code.segments[code.codes[i]].label).toBe(String(segment.scores!.code[i]));
      const digits = String(segment.scores!.code[i]).split('').map(Number);
      expect(total.segments[total.codes[i]].label).toBe(String(digits[0] + digits[1] + digits[2]));
    }
  });

  it('names the always-empty 0.2.x rules and the presets in both languages', () => {
    const en = RFM_SCORES_PLAYBOOK.build(contextOf(COLUMNS, 'en')).note;
    const zh = RFM_SCORES_PLAYBOOK.build(contextOf(COLUMNS, 'zh-CN')).note;
    expect(en).toContain("New Customers, Promising, Can't Lose Them are always empty");
    expect(zh).toContain('新客户、有潜力客户、不能失去 永远为空');
    for (const [note, words] of [
      [en, ['first match wins', 'method: rfm', 'quantile type 7', '0.3.0', 'Klaviyo-style', 'Shopify-style', 'rfm_code', '`rfm_total`', 'segmentsBy: total', 'not rules the vendors publish']],
      [zh, ['先匹配者胜', 'method: rfm', '7 型分位数', '0.3.0', 'Klaviyo 风格', 'Shopify 风格', 'rfm_code', '`rfm_total`', 'segmentsBy: total', '不是厂商公布的规则']],
    ] as const) {
      for (const word of words) expect(note).toContain(word);
    }
    // The total is a tag now: the note no longer says it is missing.
    expect(en).not.toMatch(/total[^.]*not (available|a column)/i);
    expect(zh).toContain('每个总分一个分群');
    expect(en).toContain('one segment per total score');
  });

  it('added twice gives fresh names, every reference following them, and reads back as a workspace', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const [first, second] = expectAddsTwiceAsValidWorkspace(RFM_SCORES_PLAYBOOK, COLUMNS, language);
      expect(first).toEqual(['rfm_segment', 'rfm_code', 'rfm_total']);
      expect(second).toEqual(['rfm_segment_2', 'rfm_code_2', 'rfm_total_2']);
    }
    const again = RFM_SCORES_PLAYBOOK.build(contextOf(COLUMNS, 'en'));
    const taken = { ...contextOf(COLUMNS), takenNames: [...COLUMNS, 'rfm_segment', 'RFM_CODE', 'Rfm_Total'] };
    const next = RFM_SCORES_PLAYBOOK.build(taken);
    expect(next.tags.map((t) => t.name)).toEqual(['rfm_segment_2', 'rfm_code_2', 'rfm_total_2']);
    expect(next.charts.map((c) => c.tag)).toEqual(['rfm_segment_2', 'rfm_segment_2', 'rfm_total_2']);
    expect(next.note).toContain('`rfm_segment_2`');
    expect(next.note).toContain('`rfm_code_2`');
    expect(next.note).toContain('`rfm_total_2`');
    expect(again.note).toContain('`rfm_segment`');
  });

  it('says where each needed column comes from', () => {
    expect(RFM_SCORES_PLAYBOOK.needs.map((n) => n.column)).toEqual(['recency_days', 'orders', 'revenue']);
    expect(RFM_SCORES_PLAYBOOK.needs[0].from.en).toContain('the time role');
    expect(RFM_SCORES_PLAYBOOK.needs[2].from.en).toContain('the amount role');
  });
});

describe('RFM8_PLAYBOOK.build(context)', () => {
  it('adds an rfm8 tag against the mean, a revenue segments chart and a share chart', () => {
    const addition = RFM8_PLAYBOOK.build(contextOf(COLUMNS));
    expect(addition.tags).toEqual([{ kind: 'rfm8', name: 'rfm8_class', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', reference: 'mean' }]);
    expect(addition.charts).toEqual([
      { view: 'segments', tag: 'rfm8_class', measure: 'revenue' },
      { view: 'share', tag: 'rfm8_class' },
    ]);
    const table = customers({ recency_days: [5, 50, 500, 20], orders: [1, 4, 2, 9], revenue: [10, 400, 90, 900] });
    expect(evaluateWithCharts(addition, table).get('rfm8_class')?.error).toBeUndefined();
  });

  it('explains basis, reference and tie in both languages, with the measured sample-data gap', () => {
    const en = RFM8_PLAYBOOK.build(contextOf(COLUMNS, 'en')).note;
    const zh = RFM8_PLAYBOOK.build(contextOf(COLUMNS, 'zh-CN')).note;
    for (const note of [en, zh]) {
      for (const word of ['`basis`', '`scores`', '`reference`', '`median`', '`tie`', '`>=`', 'rfm8_class']) expect(note).toContain(word);
      // The counts quoted are the raw-vs-mean ones the rfm8 test measures (General value 102, Important retain 125).
      expect(note).toContain(`${RAW_VS_MEAN[4]} `);
      expect(note).toContain(`${RAW_VS_MEAN[2]} `);
    }
    expect(zh).toMatch(/重要价值/);
  });

  it('added twice gives fresh names and reads back as a workspace', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const [first, second] = expectAddsTwiceAsValidWorkspace(RFM8_PLAYBOOK, COLUMNS, language);
      expect(first).toEqual(['rfm8_class']);
      expect(second).toEqual(['rfm8_class_2']);
    }
  });
});

describe('both RFM playbooks', () => {
  it.each([RFM_SCORES_PLAYBOOK, RFM8_PLAYBOOK])('pass the checks every playbook passes ($id)', (playbook) => {
    checkPlaybook(playbook, COLUMNS);
  });
});

describeRealdata('RFM scores playbook on the R rfm package data (rfm_data_orders, 2006-12-31)', () => {
  const table = rfmOrdersTable();
  const summary = (result: TagResult) => {
    const stats = segmentStats(result.codes, result.segments.length, table.revenue, table.orders);
    expect(stats.nullCount).toBe(0);
    return Object.fromEntries(result.segments.map((s, i) => [s.label, [stats.segments[i].count, stats.segments[i].orders, stats.segments[i].revenue]]));
  };

  it('with the 0.2.x preset swapped in, gives the published segment totals', () => {
    const addition = RFM_SCORES_PLAYBOOK.build(contextOf(table.columns.map((c) => c.name)));
    const [segment] = addition.tags as RfmTag[];
    const swapped = { ...addition, tags: [rfmSegmentTag(segment.name, RFM_PACKAGE_0_2_RULES), ...addition.tags.slice(1)] };
    const { tags } = evaluateAddition(swapped, table);
    expect(summary(tags[0])).toEqual({
      Champions: [158, 1234, 120178],
      'Loyal Customers': [278, 1708, 166712],
      'Potential Loyalist': [229, 801, 65873],
      'New Customers': [0, 0, 0],
      Promising: [0, 0, 0],
      'Need Attention': [35, 144, 13287],
      'About To Sleep': [50, 127, 10914],
      'At Risk': [86, 438, 44178],
      "Can't Lose Them": [0, 0, 0],
      Lost: [111, 244, 20955],
      Others: [48, 210, 22061],
    });
    // The code tag counts every customer once, under its R package score.
    expect(tags[1].segments.length).toBe(125);
    expect([...tags[1].codes].every((c) => c >= 0)).toBe(true);
    // The total tag counts every customer once too, under R + F + M of the same scores.
    const totals = summary(tags[2]);
    expect(Object.values(totals).reduce((a, [n]) => a + n, 0)).toBe(995);
    const { r, f, m } = tags[0].scores!;
    tags[2].codes.forEach((c, i) => expect(c).toBe(r[i] + f[i] + m[i] - 3));
  });

  it('by default (0.3.0 rules) puts each of the 995 customers in exactly one segment', () => {
    const { tags } = evaluateAddition(RFM_SCORES_PLAYBOOK.build(contextOf(table.columns.map((c) => c.name))), table);
    const counts = summary(tags[0]);
    expect(Object.keys(counts)).toEqual([...RFM_PACKAGE_0_3_RULES.map((r) => r.segment.label), 'Others']);
    expect(Object.values(counts).reduce((a, [n]) => a + n, 0)).toBe(995);
  });
});
