/**
 * New / repeating / lapsed (NLR) between two periods: period 2 = the last P days before the
 * analysis date, period 1 = the P days before that (P = 90 by default). Every customer with a
 * purchase before the analysis date gets exactly one class:
 * - repeating: purchased in period 1 and in period 2;
 * - new: first purchase ever in period 2;
 * - returning: purchased in period 2 and before period 1, but not in period 1;
 * - lapsed: purchased in period 1, not in period 2;
 * - inactive: purchased only before period 1.
 */
import { quoteIdentifier } from '../sqlite/quote-identifier.ts';
import { namePicker } from './apply-playbook.ts';
import { dayNumberSql, dayTextSql, describeRefunds, ORDERS_CUSTOMER_NEED, ORDERS_TIME_NEED, refundConditionSql } from './order-rows-sql.ts';
import type { Playbook, PlaybookAddition, PlaybookContext, PlaybookSources } from './types.ts';

/** The default length of each period, in days. */
export const NLR_PERIOD_DAYS = 90;

/** The classes in the order the counts list them. */
export const NLR_CLASSES = ['new', 'repeating', 'returning', 'lapsed', 'inactive'] as const;

/** Returns the SQL of one row per customer with its class; null without customer and time columns. */
export function nlrCustomersSql(orders: PlaybookSources['orders']): string | null {
  if (!orders.customer || !orders.time) return null;
  const customer = quoteIdentifier(orders.customer);
  const time = quoteIdentifier(orders.time);
  return `-- New / repeating / lapsed: one row per customer who bought before the analysis date.
-- Period 2 = the last period_days days before the analysis date; period 1 = the period_days days
-- before that. The analysis date is the day after the latest order unless analysis_date is set
-- below (SQL cells cannot read the as_of parameter).
-- Refunds are not purchases: ${describeRefunds(orders).en}.
WITH settings AS (
  SELECT ${NLR_PERIOD_DAYS} AS period_days,    -- the length of each period, in days
         NULL AS analysis_date   -- e.g. '2024-07-01'; NULL = the day after the latest order
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

function note(context: PlaybookContext, names: { customers: string; counts: string } | null): string {
  const p = NLR_PERIOD_DAYS;
  const refunds = context.sources ? describeRefunds(context.sources.orders) : null;
  if (context.language === 'zh-CN') {
    return [
      '## 新客 / 复购 / 流失（NLR）',
      '',
      names
        ? `\`${names.customers}\` 给每位在分析日之前购买过的客户一个分类（\`nlr\` 列），\`${names.counts}\` 给出每类的客户数。`
        : '需要订单表的客户列和时间列，才能生成 SQL 单元格。',
      '',
      `- **时段 2** = 分析日之前的最近 ${p} 天；**时段 1** = 再往前的 ${p} 天。分析日默认是数据中最晚订单日的次日（SQL 单元格读不到 \`as_of\` 参数，所以由数据算出）。`,
      '- **复购**（repeating）：时段 1 和时段 2 都有购买。',
      '- **新客**（new）：首次购买在时段 2。',
      '- **回流**（returning）：时段 2 有购买、时段 1 没有，但在时段 1 之前买过。',
      '- **流失**（lapsed）：时段 1 有购买，时段 2 没有。',
      '- **不活跃**（inactive）：只在时段 1 之前买过。',
      '',
      `退款不算购买：${refunds?.zh ?? '按退款规则'}。只有退款的客户不出现。`,
      `要改时段长度或分析日，修改 SQL 开头 \`settings\` 中的 \`period_days\`（${p}）和 \`analysis_date\`（如 '2024-07-01'）后重新运行。`,
    ].join('\n');
  }
  return [
    '## New / repeating / lapsed (NLR)',
    '',
    names
      ? `\`${names.customers}\` gives every customer who bought before the analysis date a class (the \`nlr\` column); \`${names.counts}\` counts the customers per class.`
      : 'The orders table needs its customer and time columns mapped for the SQL cells.',
    '',
    `- **Period 2** = the last ${p} days before the analysis date; **period 1** = the ${p} days before that. The analysis date is the day after the latest order in the data (SQL cells cannot read the \`as_of\` parameter, so it is computed from the data).`,
    '- **Repeating**: purchased in period 1 and in period 2.',
    '- **New**: first purchase ever in period 2.',
    '- **Returning**: purchased in period 2 and before period 1, but not in period 1.',
    '- **Lapsed**: purchased in period 1, not in period 2.',
    '- **Inactive**: purchased only before period 1.',
    '',
    `Refunds are not purchases: ${refunds?.en ?? 'as the refund rule says'}. Customers with refunds only do not appear.`,
    `To change the period length or the analysis date, edit \`period_days\` (${p}) and \`analysis_date\` (e.g. '2024-07-01') in \`settings\` at the top of the SQL and run it again.`,
  ].join('\n');
}

function build(context: PlaybookContext): PlaybookAddition {
  const sql = context.sources ? nlrCustomersSql(context.sources.orders) : null;
  const pick = namePicker(context.takenNames);
  const names = sql ? { customers: pick('nlr_customers'), counts: pick('nlr_counts') } : null;
  return {
    note: note(context, names),
    parameters: [],
    metrics: [],
    tags: [],
    charts: [],
    sql: sql && names ? [{ name: names.customers, sql }, { name: names.counts, sql: nlrCountsSql(names.customers) }] : [],
  };
}

/** New, repeating, returning, lapsed and inactive customers between two periods, as SQL cells. */
export const NLR_PLAYBOOK: Playbook = {
  id: 'nlr',
  title: { en: 'New / repeating / lapsed', zh: '新客 / 复购 / 流失' },
  summary: {
    en: 'Compares the last 90 days with the 90 before: new, repeating, returning and lapsed customers.',
    zh: '对比最近 90 天和之前 90 天：新客、复购、回流和流失客户。',
  },
  needs: [ORDERS_CUSTOMER_NEED, ORDERS_TIME_NEED],
  build,
};
