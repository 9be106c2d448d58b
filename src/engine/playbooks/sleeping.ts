/**
 * Sleeping-customer count (SPEC §5): for every week of the orders, how many customers were
 * 90–180 days (both inclusive) past their last purchase as of that week — not as of today.
 *
 * The SQL avoids weeks × orders: a customer who bought on day d and next on day n (none: ∞) is
 * sleeping exactly on the days E with d + 90 ≤ E ≤ min(d + 180, n − 1). Each such span adds +1 on
 * its first day and −1 on the day after its last (a difference array); a running sum over the
 * days, read at each week's counting day, gives the week's count. Cost: one sort of the purchase
 * days plus the weeks.
 *
 * The window is two slider parameters the SQL names (`:sleeping_from_days`, `:sleeping_to_days`),
 * and the last week is counted on `:as_of` (on auto: the day after the latest order), so moving a
 * slider runs the cell again and its line chart follows.
 */
import type { Parameter } from '../parameters/parameters.ts';
import { AS_OF } from '../parameters/parameters.ts';
import { quoteIdentifier } from '../sqlite/quote-identifier.ts';
import { namePicker } from './apply-playbook.ts';
import { dayNumberSql, dayTextSql, describeRefunds, ORDERS_CUSTOMER_NEED, ORDERS_TIME_NEED, refundConditionSql } from './order-rows-sql.ts';
import type { Playbook, PlaybookAddition, PlaybookContext, PlaybookSources } from './types.ts';

/** The default window: sleeping = 90 to 180 days (both inclusive) since the last purchase. */
export const SLEEPING_WINDOW_DAYS = { from: 90, to: 180 } as const;

/** The parameters the SQL names: the window's two ends (days) and the analysis date. */
export interface SleepingParameterNames {
  from: string;
  to: string;
}

/**
 * Returns the SQL of the weekly sleeping-customer count over the orders of `sources`, reading the
 * window from the parameters `names` and the analysis date from `:as_of`; null without customer
 * and time columns.
 */
export function sleepingByWeekSql(orders: PlaybookSources['orders'], names: SleepingParameterNames = { from: 'sleeping_from_days', to: 'sleeping_to_days' }): string | null {
  if (!orders.customer || !orders.time) return null;
  const customer = quoteIdentifier(orders.customer);
  const time = quoteIdentifier(orders.time);
  return `-- Sleeping customers per week: for every week (Monday to Sunday) of the orders, the customers
-- who were between :${names.from} and :${names.to} days (both inclusive) past their last
-- purchase, counted on the week's Sunday. The last week is counted on the analysis date :${AS_OF}
-- (on auto: the day after the latest order).
-- Refunds are not purchases: ${describeRefunds(orders).en}.
WITH settings AS (
  -- The window: two parameters (sliders); a number typed here instead works too.
  SELECT :${names.from} AS sleeping_from_days,
         :${names.to} AS sleeping_to_days
),
order_rows AS (
  -- Every orders row with a customer and a valid day; day = days since 1970-01-01.
  SELECT ${customer} AS customer,
         ${dayNumberSql(time)} AS day,
         ${refundConditionSql(orders)} AS is_refund
  FROM ${quoteIdentifier(orders.table)}
  WHERE ${customer} IS NOT NULL AND julianday(substr(${time}, 1, 10)) IS NOT NULL
),
purchase_days AS (
  -- One row per customer and day with a purchase (same-day orders count once).
  SELECT DISTINCT customer, day FROM order_rows WHERE is_refund = 0
),
bounds AS (
  -- The Monday on or before the first order day (1970-01-05, day 4, was a Monday), and the
  -- analysis date: :${AS_OF}, else the day after the latest order, refunds included, as the
  -- customer table does.
  SELECT MIN(day) - ((MIN(day) % 7 + 10) % 7) AS first_week_start,
         COALESCE(${dayNumberSql(`:${AS_OF}`)}, MAX(day) + 1) AS analysis_day
  FROM order_rows
),
weeks(week_start) AS (
  SELECT first_week_start FROM bounds WHERE first_week_start IS NOT NULL
  UNION ALL
  SELECT week_start + 7 FROM weeks, bounds WHERE week_start + 7 <= analysis_day
),
checkpoints AS (
  -- The day each week is counted on: its Sunday, or the analysis date for the last week.
  SELECT week_start, MIN(week_start + 6, analysis_day) AS counted_day FROM weeks, bounds
),
next_purchases AS (
  SELECT customer, day, LEAD(day) OVER (PARTITION BY customer ORDER BY day) AS next_day
  FROM purchase_days
),
sleeping_spans AS (
  -- Bought on day d, next on day n: sleeping from d + from_days to min(d + to_days, n - 1).
  SELECT day + sleeping_from_days AS span_start,
         MIN(day + sleeping_to_days, COALESCE(next_day - 1, day + sleeping_to_days)) AS span_end
  FROM next_purchases, settings
),
changes AS (
  -- The difference array: +1 the day a span starts, -1 the day after it ends; +1 customer on
  -- each customer's first purchase day; 0 on each counting day, so that day has a row.
  SELECT span_start AS day, 1 AS sleeping_change, 0 AS customers_change FROM sleeping_spans WHERE span_start <= span_end
  UNION ALL
  SELECT span_end + 1, -1, 0 FROM sleeping_spans WHERE span_start <= span_end
  UNION ALL
  SELECT MIN(day), 0, 1 FROM purchase_days GROUP BY customer
  UNION ALL
  SELECT counted_day, 0, 0 FROM checkpoints
),
daily AS (
  SELECT day, SUM(sleeping_change) AS sleeping_change, SUM(customers_change) AS customers_change
  FROM changes
  GROUP BY day
),
running AS (
  -- Running sums over the days: the value on a day counts every change on or before it.
  SELECT day,
         SUM(sleeping_change) OVER (ORDER BY day) AS sleeping_customers,
         SUM(customers_change) OVER (ORDER BY day) AS customers_so_far
  FROM daily
)
SELECT ${dayTextSql('c.week_start')} AS week_start,
       ${dayTextSql('c.week_start + 6')} AS week_end,
       ${dayTextSql('c.counted_day')} AS counted_on,
       r.sleeping_customers,
       r.customers_so_far
FROM checkpoints AS c
JOIN running AS r ON r.day = c.counted_day
ORDER BY c.week_start`;
}

function note(context: PlaybookContext, names: { result: string; from: string; to: string } | null): string {
  const { from, to } = SLEEPING_WINDOW_DAYS;
  const refunds = context.sources ? describeRefunds(context.sources.orders) : null;
  if (context.language === 'zh-CN') {
    return [
      '## 每周沉睡客户数',
      '',
      names
        ? `SQL 单元格 \`${names.result}\` 为订单覆盖的每一周（周一至周日）给出一行：当周的**沉睡客户**数（\`sleeping_customers\`），以及截至当时已购买过的客户数（\`customers_so_far\`）。下面的折线图画出沉睡客户数随周的变化。`
        : '需要订单表的客户列和时间列，才能生成 SQL 单元格。',
      '',
      names
        ? `- **沉睡**：截至当周周日，距最近一次购买已 \`${names.from}\`–\`${names.to}\` 天（默认 ${from}–${to} 天，两端都包含：第 ${from} 天和第 ${to} 天都算沉睡，第 ${to + 1} 天起不算）。按“当时”计算，而不是按今天。拖动这两个参数的滑块，SQL 会重新运行，图随之更新；起点大于终点时没有人算沉睡。`
        : `- **沉睡**：截至当周周日，距最近一次购买已 ${from}–${to} 天（两端都包含）。`,
      '- 最后一周按**分析日** `as_of` 计算（自动时为数据中最晚订单日的次日）。`counted_on` 列给出每周实际计算的日期。',
      `- 退款不算购买：${refunds?.zh ?? '按退款规则'}。同一天的多笔订单算一次购买。`,
    ].join('\n');
  }
  return [
    '## Sleeping customers per week',
    '',
    names
      ? `The SQL cell \`${names.result}\` gives one row per week (Monday to Sunday) of the orders: the number of **sleeping customers** that week (\`sleeping_customers\`) and the customers who had bought by then (\`customers_so_far\`). The line chart under it draws the sleeping customers week by week.`
      : 'The orders table needs its customer and time columns mapped for the SQL cell.',
    '',
    names
      ? `- **Sleeping**: \`${names.from}\` to \`${names.to}\` days past the last purchase as of the week's Sunday (by default ${from} to ${to}), both bounds inclusive (day ${from} and day ${to} count, day ${to + 1} does not) — as of that week, not as of today. Drag either parameter's slider and the SQL runs again, the chart following; with the start above the end nobody is sleeping.`
      : `- **Sleeping**: ${from} to ${to} days past the last purchase as of the week's Sunday, both bounds inclusive.`,
    '- The last week is counted on the **analysis date** `as_of` (on auto: the day after the latest order in the data). `counted_on` shows the day each week is counted on.',
    `- Refunds are not purchases: ${refunds?.en ?? 'as the refund rule says'}. Several orders on one day are one purchase.`,
  ].join('\n');
}

function build(context: PlaybookContext): PlaybookAddition {
  if (!context.sources?.orders.customer || !context.sources.orders.time) {
    return { note: note(context, null), parameters: [], metrics: [], tags: [], charts: [], sql: [] };
  }
  const pick = namePicker(context.takenNames);
  const result = pick('sleeping_by_week');
  const from = pick('sleeping_from_days');
  const to = pick('sleeping_to_days');
  const slider = { min: 1, max: 730, step: 1 };
  const parameters: Parameter[] = [
    { name: from, type: 'number', value: SLEEPING_WINDOW_DAYS.from, slider, description: 'Sleeping customers: fewest days since the last purchase (inclusive).' },
    { name: to, type: 'number', value: SLEEPING_WINDOW_DAYS.to, slider, description: 'Sleeping customers: most days since the last purchase (inclusive).' },
  ];
  const sql = sleepingByWeekSql(context.sources.orders, { from, to })!;
  const title = context.language === 'zh-CN' ? '每周沉睡客户数' : 'Sleeping customers per week';
  const chart = { view: 'series' as const, tag: '', x: 'week_start', y: ['sleeping_customers'], title };
  return {
    note: note(context, { result, from, to }),
    parameters,
    metrics: [],
    tags: [],
    charts: [],
    sql: [{ name: result, sql, chart }],
  };
}

/** Weekly count of sleeping customers (90–180 days past their last purchase as of each week), as a SQL cell. */
export const SLEEPING_PLAYBOOK: Playbook = {
  id: 'sleeping-weekly',
  title: { en: 'Sleeping customers per week', zh: '每周沉睡客户数' },
  summary: {
    en: 'For every week, how many customers were 90–180 days past their last order at the time.',
    zh: '每一周有多少客户当时已 90–180 天未购买。',
  },
  needs: [ORDERS_CUSTOMER_NEED, ORDERS_TIME_NEED],
  build,
};
