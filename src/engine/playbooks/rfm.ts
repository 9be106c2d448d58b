/**
 * The two RFM playbooks (SPEC §5) over the customer table's default metrics `recency_days`,
 * `orders` and `revenue`:
 * - RFM scores: an `rfm` tag scoring R, F, M 1–5 by the R rfm package's quantile method, named
 *   segments by the package's 0.3.0 rules (first match wins, else Others), and two rfm tags
 *   without rules: one segment per code 111..555 and one per total score R + F + M (3..15), so
 *   every code and every total can be seen and counted.
 * - RFM 8 classes: an `rfm8` tag, high/low of R, F, M against the mean.
 *
 * The scores live inside the rfm tag (they come from quantiles over all customers, which a row
 * formula cannot compute the package's way), so the playbook adds no custom metrics.
 */
import type { ChartDefinition } from '../charts/types.ts';
import { OTHERS } from '../tags/evaluate-tags.ts';
import { KLAVIYO_STYLE_RULES, RFM_PACKAGE_0_2_RULES, RFM_PACKAGE_0_3_RULES, SHOPIFY_STYLE_RULES, unreachableRules } from '../tags/rfm-presets.ts';
import type { Rfm8Tag, RfmSegmentRule, RfmTag } from '../tags/types.ts';
import { namePicker } from './apply-playbook.ts';
import type { Playbook, PlaybookAddition, PlaybookContext, PlaybookNeed } from './types.ts';

/** The metrics both playbooks read, from the customer table's defaults. */
const NEEDS: PlaybookNeed[] = [
  { column: 'recency_days', from: { en: 'days since the last order (recency_days, from the time role)', zh: '距最近一单的天数（recency_days，来自时间角色）' } },
  { column: 'orders', from: { en: 'the number of orders (orders, from the order id or time role)', zh: '订单数（orders，来自订单号或时间角色）' } },
  { column: 'revenue', from: { en: 'total spend (revenue, from the amount role)', zh: '消费总额（revenue，来自金额角色）' } },
];


/** The rfm tag the RFM scores playbook adds, with `rules` (default: the rfm package's 0.3.0 rules). */
export function rfmSegmentTag(name: string, rules: readonly RfmSegmentRule[] = RFM_PACKAGE_0_3_RULES): RfmTag {
  return {
    kind: 'rfm',
    name,
    recency: 'recency_days',
    frequency: 'orders',
    monetary: 'revenue',
    bins: 5,
    method: 'rfm',
    rules: rules.map((r) => ({ segment: { ...r.segment }, r: [...r.r], f: [...r.f], m: [...r.m] })),
    otherwise: { ...OTHERS, colour: '#bdbdbd' },
  };
}

const labelsOf = (rules: readonly RfmSegmentRule[], indexes: number[], zh: boolean): string =>
  indexes.map((i) => (zh ? (rules[i].segment.labelZh ?? rules[i].segment.label) : rules[i].segment.label)).join(zh ? '、' : ', ');

function rfmScoresNote(context: PlaybookContext, segment: string, code: string, total: string): string {
  const empty = unreachableRules(RFM_PACKAGE_0_2_RULES);
  if (context.language === 'zh-CN') {
    return [
      '## RFM 评分',
      '',
      `\`${segment}\` 给每位客户打 R、F、M 三个 1–5 分：R 来自 \`recency_days\`（越近分越高，5 = 最近），F 来自 \`orders\`，M 来自 \`revenue\`（越大分越高）。`,
      '',
      '**分位方法**：标签定义里写明 `method: rfm`，即 R 语言 rfm 包的做法：切点 = 20/40/60/80% 处的 7 型分位数再加 1，区间左闭右开 [下界, 上界)，最低下界 = 最小值、最高上界 = 最大值 + 1。也可改用 `rank`（并列值同组）或 `position`（SQL NTILE，等人数），或按业务自定切点（`breaks`）。',
      '',
      '**RFM 代码与总分**：代码 = 100R + 10F + M（如 545），总分 = R + F + M（3–15）。分数存在标签内部，不是客户表的列；' +
        `两个没有规则的标签把它们变成分群：\`${code}\` 每个代码（111…555）一个分群，\`${total}\` 每个总分（3…15）一个分群（在表单中选「每个总分一个分群」，即 \`segmentsBy: total\`），` +
        '两者都可像其他标签一样在公式、SQL 单元格和导出中使用。R × F 热力图显示各格人数，总分柱状图显示各总分的人数。',
      '',
      '**规则按顺序匹配，先匹配者胜**：客户进入第一条包含其 R、F、M 分数的规则，都不匹配则为「其他」。所以规则的顺序会改变结果。',
      '',
      '**规则预设**：',
      '- **rfm 包 0.3.0**（默认）：冠军客户、潜在忠诚客户、忠诚客户、有潜力客户、新客户、不能失去、有流失风险、需要关注、即将沉睡、已流失。',
      `- **rfm 包 0.2.x**：旧版默认规则。注意其中 ${labelsOf(RFM_PACKAGE_0_2_RULES, empty, true)} 永远为空——它们的分数范围完全落在更早的规则里（先匹配者胜）。在 rfm 包自带数据上，冠军客户 = 158 人 / 1,234 单 / 120,178 收入，与包的测试一致。`,
      `- **Klaviyo 风格**（${KLAVIYO_STYLE_RULES.length} 类）与 **Shopify 风格**（${SHOPIFY_STYLE_RULES.length} 类）：仿照这两个平台的分群命名、由我们自定的分数范围，不是厂商公布的规则；两套都覆盖全部 125 个代码。`,
      '',
      '在标签表单里可改用其他预设或直接编辑每条规则的分数范围。',
    ].join('\n');
  }
  return [
    '## RFM scores',
    '',
    `\`${segment}\` gives every customer three scores from 1 to 5: R from \`recency_days\` (more recent = higher, 5 = most recent), F from \`orders\` and M from \`revenue\` (more = higher).`,
    '',
    '**Quantile method**: the definition says `method: rfm`, the R rfm package\'s way: cut points = quantile type 7 at 20/40/60/80 % plus 1, half-open bins [lower, upper) with the lowest lower = min and the highest upper = max + 1. You can switch to `rank` (tied values share a score), `position` (SQL NTILE, equal counts) or business breaks of your own (`breaks`).',
    '',
    '**RFM code and total**: code = 100R + 10F + M (e.g. 545); total score = R + F + M (3–15). The scores live inside the tag, not as columns of the customer table; ' +
      `two tags without rules make them segments: \`${code}\` has one segment per code (111…555) and \`${total}\` one per total score (3…15; "one segment per total score" in the form, \`segmentsBy: total\`). ` +
      'Both work like any tag in formulas, SQL cells and exports. The R × F heat map shows the count per cell, the totals chart the count per total score.',
    '',
    '**Rules are tried in order and the first match wins**: a customer goes to the first rule whose R, F and M ranges hold their scores, else to Others. Reordering the rules changes the result.',
    '',
    '**Rule presets**:',
    "- **rfm package 0.3.0** (default): Champions, Potential Loyalist, Loyal Customers, Promising, New Customers, Can't Lose Them, At Risk, Need Attention, About To Sleep, Lost.",
    `- **rfm package 0.2.x**: the older defaults. ${labelsOf(RFM_PACKAGE_0_2_RULES, empty, false)} are always empty there: their score boxes lie inside earlier rules (first match wins). On the package's own sample data Champions = 158 customers / 1,234 orders / 120,178 revenue, as in the package's tests.`,
    `- **Klaviyo-style** (${KLAVIYO_STYLE_RULES.length} groups) and **Shopify-style** (${SHOPIFY_STYLE_RULES.length} groups): score ranges of our own in the style of those tools' segment names, not rules the vendors publish; both cover all 125 codes.`,
    '',
    'Pick another preset or edit any rule\'s ranges in the tag form.',
  ].join('\n');
}

function buildRfmScores(context: PlaybookContext): PlaybookAddition {
  const pick = namePicker(context.takenNames);
  const segment = pick('rfm_segment');
  const code = pick('rfm_code');
  const total = pick('rfm_total');
  const codeTag: RfmTag = { kind: 'rfm', name: code, recency: 'recency_days', frequency: 'orders', monetary: 'revenue', bins: 5, method: 'rfm' };
  const totalTag: RfmTag = { ...codeTag, name: total, segmentsBy: 'total' };
  const charts: ChartDefinition[] = [
    { view: 'rf-heatmap', tag: segment, measure: 'count' },
    { view: 'segments', tag: segment, measure: 'count' },
    { view: 'segments', tag: total, measure: 'count' },
  ];
  return { note: rfmScoresNote(context, segment, code, total), parameters: [], metrics: [], tags: [rfmSegmentTag(segment), codeTag, totalTag], charts };
}

/** R, F, M scored 1–5 the R rfm package's way, named segments (0.3.0 rules by default), one segment per code and one per total. */
export const RFM_SCORES_PLAYBOOK: Playbook = {
  id: 'rfm-scores',
  title: { en: 'RFM scores', zh: 'RFM 评分' },
  summary: {
    en: 'R, F and M scored 1–5 by quintile (the R rfm package\'s method), the RFM code, the total score R + F + M, and named segments such as Champions and At Risk.',
    zh: '按五分位给 R、F、M 打 1–5 分（R rfm 包的方法），得到 RFM 代码、总分 R + F + M 和冠军客户、有流失风险等命名分群。',
  },
  needs: NEEDS,
  build: buildRfmScores,
};

function rfm8Note(context: PlaybookContext, tag: string): string {
  if (context.language === 'zh-CN') {
    return [
      '## RFM 八类客户',
      '',
      `\`${tag}\` 把 R、F、M 各分高低，得到八类：重要价值、重要发展、重要保持、重要挽留（M 高），一般价值、一般发展、一般保持、一般挽留（M 低）。R 高 = 比参照更近（\`recency_days\` 更小），F、M 高 = 不低于参照。任一值为空的客户不属于任何分群。`,
      '',
      '**可选设置**（在标签定义中）：',
      '- **参照统计量** `reference`：`mean`（默认，平均值）、`median`（中位数），或三个固定阈值（可为参数名，用滑块调整）。均值受大客户拉高，常使多数客户落在「低」一侧；中位数则大致对半分。',
      '- **比较基础** `basis`：`raw`（默认，比较原始值）或 `scores`（先按 rfm 包方法打 1–5 分，R 反向使 5 = 最近，再把分数与分数的均值/中位数比较）。',
      '- **并列** `tie`：默认 R 须严格比参照更近，F、M 等于参照算高；`>` 时等于参照一律算低，`>=` 时一律算高（R 即 recency ≤ 参照）。',
      '',
      '这些选择影响很大：在 R rfm 包自带的样本数据（995 位客户）上，原始值对均值与分数对均值两种做法的各类人数常相差 2 倍左右，最多近 4 倍：重要保持客户 125 对 246，重要发展客户 20 对 43，一般价值客户 102 对 27。',
      '',
      '图表按收入显示各类客户；分群表同时给出人数占比和收入占比。',
    ].join('\n');
  }
  return [
    '## RFM 8 classes',
    '',
    `\`${tag}\` splits R, F and M into high and low, giving eight classes: Important value, development, retain and win-back (M high), and General value, development, retain and win-back (M low). R high = more recent than the reference (smaller \`recency_days\`); F and M high = at or above it. A customer with an empty value is in no class.`,
    '',
    '**Options** (in the tag definition):',
    '- **Reference statistic** `reference`: `mean` (default), `median`, or three fixed thresholds (which may be parameter names, moved by sliders). Big spenders pull the mean up, so most customers often fall on the low side; the median splits roughly in half.',
    '- **Basis** `basis`: `raw` (default, the values themselves) or `scores` (first score 1–5 the rfm package\'s way, R reversed so 5 = most recent, then compare the scores with their mean or median).',
    '- **Ties** `tie`: by default R must be strictly more recent than the reference while F and M equal to it count as high; with `>` a value equal to the reference is low in every dimension, with `>=` it is high (for R: recency ≤ the reference).',
    '',
    'These choices matter: on the R rfm package\'s sample data (995 customers), raw-vs-mean and scores-vs-mean class counts often differ by about 2× and by up to almost 4×: Important retain 125 vs 246, Important development 20 vs 43, General value 102 vs 27.',
    '',
    'The chart shows each class by revenue; the segment table gives both the customer share and the revenue share.',
  ].join('\n');
}

function buildRfm8(context: PlaybookContext): PlaybookAddition {
  const pick = namePicker(context.takenNames);
  const name = pick('rfm8_class');
  const tag: Rfm8Tag = { kind: 'rfm8', name, recency: 'recency_days', frequency: 'orders', monetary: 'revenue', reference: 'mean' };
  const charts: ChartDefinition[] = [
    { view: 'segments', tag: name, measure: 'revenue' },
    { view: 'share', tag: name },
  ];
  return { note: rfm8Note(context, name), parameters: [], metrics: [], tags: [tag], charts };
}

/** The eight RFM classes (重要价值客户 … 一般挽留客户): R, F, M high or low against the mean. */
export const RFM8_PLAYBOOK: Playbook = {
  id: 'rfm8',
  title: { en: 'RFM 8 classes', zh: 'RFM 八类客户' },
  summary: {
    en: 'Eight classes from R, F and M high or low against the average customer: important value, development, retain, win-back and their general counterparts.',
    zh: '按 R、F、M 相对平均客户的高低分成八类：重要价值、重要发展、重要保持、重要挽留及对应的一般客户。',
  },
  needs: NEEDS,
  build: buildRfm8,
};
