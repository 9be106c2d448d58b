/**
 * New / repeating / lapsed (NLR) between two periods: period 2 = the last P days before the
 * analysis date, period 1 = the P days before that (P = 90 by default). Every customer with a
 * purchase before the analysis date gets exactly one class:
 * - repeating: purchased in period 1 and in period 2;
 * - new: first purchase ever in period 2;
 * - returning: purchased in period 2 and before period 1, but not in period 1;
 * - lapsed: purchased in period 1, not in period 2;
 * - inactive: purchased only before period 1.
 *
 * P is a slider parameter the SQL names (`:nlr_period_days`) and the analysis date is `:as_of`
 * (on auto: the day after the latest order), so the user picks both periods and the cells follow.
 */
import { AS_OF, type Parameter } from '../parameters/parameters.ts';
import { quoteIdentifier } from '../sqlite/quote-identifier.ts';
import { namePicker } from './apply-playbook.ts';
import { dayNumberSql, dayTextSql, describeRefunds, ORDERS_CUSTOMER_NEED, ORDERS_TIME_NEED, refundConditionSql } from './order-rows-sql.ts';
import type { Playbook, PlaybookAddition, PlaybookContext, PlaybookSources } from './types.ts';

/** The default length of each period, in days. */
export const NLR_PERIOD_DAYS = 90;

/** The classes in the order the counts list them. */
export const NLR_CLASSES = ['new', 'repeating', 'returning', 'lapsed', 'inactive'] as const;

/**
 * Returns the SQL of one row per customer with its class, the period length read from parameter
 * `periodDays` and the analysis date from `:as_of`; null without customer and time columns.
 */
export function nlrCustomersSql(orders: PlaybookSources['orders'], periodDays = 'nlr_period_days'): string | null {
  if (!orders.customer || !orders.time) return null;
  const customer = quoteIdentifier(orders.customer);
  const time = quoteIdentifier(orders.time);
  return `-- New / repeating / lapsed: one row per customer who bought before the analysis date.
-- Period 2 = the last :${periodDays} days before the analysis date; period 1 = the :${periodDays}
-- days before that. The analysis date is :${AS_OF} (on auto: the day after the latest order).
-- Refunds are not purchases: ${describeRefunds(orders).en}.
WITH settings AS (
  SELECT :${periodDays} AS period_days,   -- the length of each period, in days (a parameter)
         :${AS_OF} AS analysis_date         -- 'YYYY-MM-DD'; NULL (auto) = the day after the latest order
),
order_rows AS (
  -- Every orders row with a customer and a valid day; day = days since 1970-01-01.
  SELECT ${customer} AS customer,
         ${dayNumberSql(time)} AS day,
         ${refundConditionSql(orders)} AS is_refund
  FROM ${quoteIdentifier(orders.table)}
  WHERE ${customer} IS NOT NULL AND julianday(substr(${time}, 1, 10)) IS NOT NULL
),
periods AS (
  -- Period 2 = [analysis_day - P, analysis_day - 1]; period 1 = [analysis_day - 2P, analysis_day - P - 1].
  SELECT analysis_day,
         analysis_day - period_days AS period_2_start,
         analysis_day - 2 * period_days AS period_1_start
  FROM (
    SELECT COALESCE(${dayNumberSql('analysis_date')}, (SELECT MAX(day) + 1 FROM order_rows)) AS analysis_day, period_days
    FROM settings
  )
),
customers AS (
  -- Per customer: the first purchase day, and whether it bought before period 1, in period 1, in period 2.
  SELECT customer,
         MIN(day) AS first_day,
         MAX(day < period_1_start) AS before_period_1,
         MAX(day >= period_1_start AND day < period_2_start) AS in_period_1,
         MAX(day >= period_2_start) AS in_period_2,
         COUNT(DISTINCT CASE WHEN day >= period_1_start AND day < period_2_start THEN day END) AS purchase_days_period_1,
         COUNT(DISTINCT CASE WHEN day >= period_2_start THEN day END) AS purchase_days_period_2
  FROM order_rows, periods
  WHERE is_refund = 0 AND day < analysis_day
  GROUP BY customer
)
SELECT customer,
       CASE
         WHEN in_period_1 AND in_period_2 THEN 'repeating'
         WHEN in_period_2 AND NOT before_period_1 THEN 'new'
         WHEN in_period_2 THEN 'returning'
         WHEN in_period_1 THEN 'lapsed'
         ELSE 'inactive'
       END AS nlr,
       ${dayTextSql('first_day')} AS first_purchase,
       purchase_days_period_1,
       purchase_days_period_2,
       ${dayTextSql('period_1_start')} AS period_1_start,
       ${dayTextSql('period_2_start')} AS period_2_start,
       ${dayTextSql('analysis_day')} AS analysis_date
FROM customers, periods
ORDER BY customer`;
}

/** Returns the SQL of the customers per class (every class listed, 0 when empty) over the result `customersResult`. */
export function nlrCountsSql(customersResult: string): string {
  const classes = NLR_CLASSES.map((c, i) => `(${i + 1}, '${c}')`).join(', ');
  return `-- Customers per class (every class listed, 0 when empty), from ${customersResult}.
WITH classes(position, nlr) AS (VALUES ${classes})
SELECT classes.nlr,
       COUNT(c.customer) AS customers,
       ROUND(100.0 * COUNT(c.customer) / MAX(1, (SELECT COUNT(*) FROM ${quoteIdentifier(customersResult)})), 1) AS share_pct
FROM classes
LEFT JOIN ${quoteIdentifier(customersResult)} AS c ON c.nlr = classes.nlr
GROUP BY classes.position, classes.nlr
ORDER BY classes.position`;
}

function note(context: PlaybookContext, names: { customers: string; counts: string; periodDays: string } | null): string {
  const p = NLR_PERIOD_DAYS;
  const refunds = context.sources ? describeRefunds(context.sources.orders) : null;
  const length = names ? `\`${names.periodDays}\`` : String(p);
  if (context.language === 'zh-CN') {
    return [
      '## 新客 / 复购 / 流失（NLR）',
      '',
      names
        ? `\`${names.customers}\` 给每位在分析日之前购买过的客户一个分类（\`nlr\` 列），\`${names.counts}\` 给出每类的客户数，下面的柱形图画出各类人数。`
        : '需要订单表的客户列和时间列，才能生成 SQL 单元格。',
      '',
      `- **时段 2** = 分析日之前的最近 ${length} 天（默认 ${p} 天）；**时段 1** = 再往前的 ${length} 天。分析日是参数 \`as_of\`（自动时为数据中最晚订单日的次日）。拖动时段长度的滑块或改分析日，两个 SQL 单元格会重新运行，图随之更新。`,
      '- **复购**（repeating）：时段 1 和时段 2 都有购买。',
      '- **新客**（new）：首次购买在时段 2。',
      '- **回流**（returning）：时段 2 有购买、时段 1 没有，但在时段 1 之前买过。',
      '- **流失**（lapsed）：时段 1 有购买，时段 2 没有。',
      '- **不活跃**（inactive）：只在时段 1 之前买过。',
      '',
      `退款不算购买：${refunds?.zh ?? '按退款规则'}。只有退款的客户不出现。`,
    ].join('\n');
  }
  return [
    '## New / repeating / lapsed (NLR)',
    '',
    names
      ? `\`${names.customers}\` gives every customer who bought before the analysis date a class (the \`nlr\` column); \`${names.counts}\` counts the customers per class, drawn as bars under it.`
      : 'The orders table needs its customer and time columns mapped for the SQL cells.',
    '',
    `- **Period 2** = the last ${length} days before the analysis date (${p} by default); **period 1** = the ${length} days before that. The analysis date is the \`as_of\` parameter (on auto: the day after the latest order in the data). Drag the period's slider or set the analysis date and both SQL cells run again, the chart following.`,
    '- **Repeating**: purchased in period 1 and in period 2.',
    '- **New**: first purchase ever in period 2.',
    '- **Returning**: purchased in period 2 and before period 1, but not in period 1.',
    '- **Lapsed**: purchased in period 1, not in period 2.',
    '- **Inactive**: purchased only before period 1.',
    '',
    `Refunds are not purchases: ${refunds?.en ?? 'as the refund rule says'}. Customers with refunds only do not appear.`,
  ].join('\n');
}

function build(context: PlaybookContext): PlaybookAddition {
  if (!context.sources?.orders.customer || !context.sources.orders.time) {
    return { note: note(context, null), parameters: [], metrics: [], tags: [], charts: [], sql: [] };
  }
  const pick = namePicker(context.takenNames);
  const names = { customers: pick('nlr_customers'), counts: pick('nlr_counts'), periodDays: pick('nlr_period_days') };
  const parameters: Parameter[] = [
    { name: names.periodDays, type: 'number', value: NLR_PERIOD_DAYS, slider: { min: 7, max: 365, step: 1 }, description: 'New / repeating / lapsed: the length of each of the two periods, in days.' },
  ];
  const sql = nlrCustomersSql(context.sources.orders, names.periodDays)!;
  return {
    note: note(context, names),
    parameters,
    metrics: [],
    tags: [],
    charts: [],
    sql: [
      { name: names.customers, sql },
      {
        name: names.counts,
        sql: nlrCountsSql(names.customers),
        chart: { view: 'series', tag: '', x: 'nlr', y: ['customers'], mark: 'bar', title: context.language === 'zh-CN' ? '各类客户数：新客 / 复购 / 回流 / 流失 / 不活跃' : 'Customers per class: new / repeating / returning / lapsed / inactive' },
      },
    ],
  };
}

/** New, repeating, returning, lapsed and inactive customers between two periods, as SQL cells. */
export const NLR_PLAYBOOK: Playbook = {
  id: 'nlr',
  title: { en: 'New / repeating / lapsed', zh: '新客 / 复购 / 流失' },
  summary: {
    en: 'Compares the last 90 days (a slider) with the 90 before: new, repeating, returning and lapsed customers.',
    zh: '对比最近 90 天（可用滑块调整）和之前 90 天：新客、复购、回流和流失客户。',
  },
  needs: [ORDERS_CUSTOMER_NEED, ORDERS_TIME_NEED],
  build,
};
