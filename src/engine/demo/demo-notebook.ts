/**
 * The demo workspace's notebook: an explanatory note, the orders table, and SQL cells that show
 * what the shop looks like — including one that queries an earlier cell's result by name.
 * Written in the visitor's language (the SQL is the same in both).
 */
import type { Cell, ChartCell, CustomersCell, TagCell } from '../notebook/cells.ts';

/**
 * The demo's customer table: every role mapped, refunded and cancelled orders counted as money
 * given back (never as purchases), the order items for products and categories, and the
 * customers table so customers who never bought appear as prospects.
 */
const CUSTOMER_TABLE: Omit<CustomersCell, 'id'> = {
  kind: 'customers',
  collapsed: false,
  resultName: 'customer_table',
  sources: { orders: 'orders', items: 'order_items', customers: 'customers' },
  definition: {
    roles: {
      customer: 'customer_id',
      time: 'order_time',
      amount: 'paid_amount',
      order: 'order_id',
      coupon: 'coupon_amount',
      status: 'status',
      channel: 'channel',
    },
    itemRoles: { order: 'order_id', product: 'product_id', category: 'category' },
    customerRoles: { customer: 'customer_id' },
    refunds: { kind: 'status', values: ['refunded', 'cancelled'] },
  },
  customMetrics: [{ name: 'repeat_buyer', formula: 'orders >= 2' }],
};

const CUSTOMER_SQL = {
  name: 'repeat_buyers',
  sql: `-- Reads the customer table like any other table
SELECT repeat_buyer,
       count(*) AS customers,
       round(avg(revenue), 2) AS avg_revenue,
       round(avg(recency_days), 1) AS avg_recency_days
FROM customer_table
GROUP BY repeat_buyer
ORDER BY repeat_buyer DESC`,
};

const NOTE = {
  en: `# Welcome to Tagbook

This workspace holds a **demo shop**, generated with a fixed seed: about 5,000 customers and 40,000 orders over two years, with refunds, cancellations and coupons — the kind of export a shop's back end produces.

- **Tables** — \`customers\`, \`orders\` and \`order_items\` are listed under *Sources*. Each is held as typed columns, with a SQLite copy for SQL.
- **SQL cells** — edit a query and press **Ctrl+Enter** (⌘+Enter on a Mac). A result is kept as a table named after its cell (\`q1\`, or a name you give it) that later cells can query: \`customer_summary\` below is read by the next cell.
- **Tags** — at the end, \`lifecycle\` cuts customers by days since their last order: drag a threshold and its segment table follows at once, and so does \`win_back\`, which uses it. Click a row number in the customer table, or a segment, to see why a customer is where they are.
- **Your own data** — drop a CSV or Excel file anywhere on the page. Nothing leaves this browser tab.`,
  'zh-CN': `# 欢迎使用 Tagbook

此工作区载有一家**示例店铺**，由固定随机种子生成：约 5,000 名客户、两年内 40,000 笔订单，含退款、取消和优惠券——与电商后台导出的数据类似。

- **数据表**——\`customers\`（客户）、\`orders\`（订单）和 \`order_items\`（订单明细）列在“数据源”中；每张表以带类型的列保存，并有一份 SQLite 副本供 SQL 查询。
- **SQL 单元格**——修改查询后按 **Ctrl+Enter**（Mac 上为 ⌘+Enter）运行。结果保存为以单元格命名的表（\`q1\`，也可改名），后面的单元格可以直接查询：下面的 \`customer_summary\` 就被下一个单元格引用。
- **标签**——末尾的 \`lifecycle\` 按距上次下单的天数给客户分群：拖动阈值，分群表即时跟着变，引用它的 \`win_back\` 也一样。点击客户表的行号或某个分群，可以看到客户为什么落在那里。
- **导入自己的数据**——把 CSV 或 Excel 文件拖到页面任意位置即可。数据始终留在本浏览器标签页内。`,
};

const SQL: { name: string; sql: string }[] = [
  {
    name: 'orders_by_status',
    sql: `-- Orders and paid amounts by status: refunds and cancellations are part of the history
SELECT status,
       count(*) AS orders,
       round(sum(paid_amount), 2) AS paid,
       round(avg(paid_amount), 2) AS avg_paid
FROM orders
GROUP BY status
ORDER BY orders DESC`,
  },
  {
    name: 'monthly_revenue',
    sql: `-- Completed and shipped orders per month
SELECT substr(order_time, 1, 7) AS month,
       count(*) AS orders,
       count(DISTINCT customer_id) AS customers,
       round(sum(paid_amount), 2) AS revenue
FROM orders
WHERE status IN ('completed', 'shipped')
GROUP BY month
ORDER BY month`,
  },
  {
    name: 'customer_summary',
    sql: `-- One row per buying customer: the start of a customer table
SELECT customer_id,
       count(*) AS orders,
       round(sum(paid_amount), 2) AS revenue,
       min(order_time) AS first_order_at,
       max(order_time) AS last_order_at
FROM orders
WHERE status IN ('completed', 'shipped')
GROUP BY customer_id
ORDER BY revenue DESC`,
  },
  {
    name: 'orders_histogram',
    sql: `-- Reads the previous cell's result by its name
SELECT orders,
       count(*) AS customers,
       round(sum(revenue), 2) AS revenue
FROM customer_summary
GROUP BY orders
ORDER BY orders`,
  },
];

/**
 * The demo's tags over the customer table: a lifecycle cut on recency (drag its thresholds), revenue
 * quintiles, value rules whose first match wins (the rest are "Others"), and a win-back flag that
 * uses the lifecycle tag.
 */
const TAGS: Omit<TagCell, 'id'>[] = [
  {
    kind: 'tag',
    collapsed: false,
    tableName: 'customer_table',
    definition: {
      kind: 'cut',
      name: 'lifecycle',
      metric: 'recency_days',
      thresholds: [45, 90, 180],
      inclusive: 'upper',
      segments: [
        { label: 'active', labelZh: '活跃', colour: '#2e9d5b' },
        { label: 'cooling', labelZh: '降温', colour: '#e0a526' },
        { label: 'silent', labelZh: '沉默', colour: '#d9672b' },
        { label: 'churned', labelZh: '流失', colour: '#8a8f98' },
      ],
    },
  },
  {
    kind: 'tag',
    collapsed: false,
    tableName: 'customer_table',
    definition: { kind: 'quantile', name: 'revenue_quintile', metric: 'revenue', bins: 5, method: 'rank', direction: 'high' },
  },
  {
    kind: 'tag',
    collapsed: false,
    tableName: 'customer_table',
    definition: {
      kind: 'rules',
      name: 'value_rules',
      rules: [
        { when: 'revenue >= 1000', segment: { label: 'big spender', labelZh: '大额客户' } },
        { when: 'orders >= 8', segment: { label: 'loyal', labelZh: '忠诚客户' } },
        { when: 'recency_days > 180', segment: { label: 'lapsed', labelZh: '流失客户' } },
      ],
      otherwise: { label: 'Others', labelZh: '其他' },
    },
  },
  {
    // Uses the lifecycle tag: moving a lifecycle threshold moves this one's segments with it.
    kind: 'tag',
    collapsed: false,
    tableName: 'customer_table',
    definition: {
      kind: 'flag',
      name: 'win_back',
      when: "lifecycle IN ('silent', 'churned') AND revenue >= 500",
      whenTrue: {
        label: 'win back',
        labelZh: '值得挽回',
        colour: '#c2410c',
        description: 'Spent 500 or more, and has gone silent or churned.',
        suggestedAction: 'A personal win-back offer.',
      },
      whenFalse: { label: 'not now', labelZh: '暂不处理', colour: '#8a8f98' },
    },
  },
];

/**
 * The demo's charts: how recency spreads over the lifecycle segments (drag a threshold handle on
 * the chart and the lifecycle tag follows), and revenue by value segment.
 */
const CHARTS: Omit<ChartCell, 'id'>[] = [
  { kind: 'chart', collapsed: false, tableName: 'customer_table', chart: { view: 'distribution', tag: 'lifecycle', metric: 'recency_days', bins: 40 } },
  { kind: 'chart', collapsed: false, tableName: 'customer_table', chart: { view: 'segments', tag: 'value_rules', measure: 'revenue' } },
];

/** Returns the demo notebook's cells in `language` ('zh-CN' or English for anything else). */
export function demoNotebook(language: string): Cell[] {
  const cells: Cell[] = [
    { id: 'cell-1', kind: 'note', collapsed: false, markdown: language === 'zh-CN' ? NOTE['zh-CN'] : NOTE.en },
    { id: 'cell-2', kind: 'source', collapsed: false, tableName: 'orders' },
  ];
  SQL.forEach(({ name, sql }, i) => cells.push({ id: `cell-${i + 3}`, kind: 'sql', collapsed: false, sql, resultName: name }));
  cells.push({ id: `cell-${cells.length + 1}`, ...CUSTOMER_TABLE });
  cells.push({ id: `cell-${cells.length + 1}`, kind: 'sql', collapsed: false, sql: CUSTOMER_SQL.sql, resultName: CUSTOMER_SQL.name });
  for (const tag of TAGS) cells.push({ id: `cell-${cells.length + 1}`, ...tag });
  for (const chart of CHARTS) cells.push({ id: `cell-${cells.length + 1}`, ...chart });
  return cells;
}
