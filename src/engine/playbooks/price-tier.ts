/**
 * Price tier (SPEC §5): products banded low / mid / high by price terciles within their
 * category, and each customer's preferred tier by spend.
 *
 * - A product's price is its average unit price over its purchase lines (each line counts once,
 *   whatever its quantity). A product listed under two categories is banded in each.
 * - Tiers: NTILE(3) over the category's distinct products ordered by price, then product id. With
 *   n products the first n mod 3 tiers get one more (1 product: low; 2: low, mid; 4: 2 low, 1 mid,
 *   1 high), and products of equal price can fall into different tiers, the lower id lower.
 * - Spend = unit price × quantity (1 without a quantity column); the preferred tier is the one
 *   with the most spend (compared in cents); ties go to the higher tier.
 * - Lines come from the items table when it has product, category, order and a unit price column
 *   (found by name), joined to the orders for the customer; otherwise from the orders' own product,
 *   category and unit price. Refunds are not purchases.
 */
import { quoteIdentifier } from '../sqlite/quote-identifier.ts';
import { namePicker } from './apply-playbook.ts';
import { describeRefunds, ORDERS_CUSTOMER_NEED, refundConditionSql } from './order-rows-sql.ts';
import type { Playbook, PlaybookAddition, PlaybookContext, PlaybookNeed, PlaybookSources } from './types.ts';

/** Column names taken as a unit price, best first (compared ignoring case and spaces, `-`, `_`). */
export const PRICE_COLUMN_NAMES = ['unit_price', 'unitprice', 'price', 'item_price', 'sale_price', 'sales_price', '单价', '价格', '售价', '商品单价', '成交单价'];
/** Column names taken as a quantity, best first. */
export const QUANTITY_COLUMN_NAMES = ['quantity', 'qty', 'quantities', '数量', '件数', '购买数量'];

export const PRICE_TIERS = ['low', 'mid', 'high'] as const;

const normalise = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, '');

/** Returns the first of `columns` whose name is one of `names` (ignoring case, spaces, `-` and `_`), or null. */
export function findColumnByName(columns: readonly string[], names: readonly string[]): string | null {
  for (const name of names) {
    const found = columns.find((c) => normalise(c) === normalise(name));
    if (found) return found;
  }
  return null;
}

/** Where the lines come from: SQL expressions over the FROM clause, quoted. */
interface LinePlan {
  /** The CTEs that make `purchase_lines(customer, category, product, unit_price, quantity)`. */
  linesSql: string;
  describe: { en: string; zh: string };
}

const need = (column: string, en: string, zh: string): PlaybookNeed => ({ column, from: { en, zh } });

function itemsPlan(sources: PlaybookSources): LinePlan | PlaybookNeed[] {
  const { orders, items } = sources;
  if (!items) return [];
  const missing: PlaybookNeed[] = [];
  if (!orders.customer) missing.push(need('orders.customer', 'the orders table’s customer column (the customer role)', '订单表的客户列（客户角色）'));
  if (!items.product) missing.push(need('items.product', `the product column of ${items.table} (the items' product role)`, `${items.table} 的商品列（明细的商品角色）`));
  if (!items.category) missing.push(need('items.category', `the category column of ${items.table} (the items' category role)`, `${items.table} 的品类列（明细的品类角色）`));
  if (!items.order) missing.push(need('items.order', `the order id column of ${items.table} (the items' order role)`, `${items.table} 的订单号列（明细的订单角色）`));
  if (!orders.order) missing.push(need('orders.order', 'the orders table’s order id column (the order role)', '订单表的订单号列（订单角色）'));
  const price = findColumnByName(items.columns, PRICE_COLUMN_NAMES);
  if (!price) missing.push(need(`items.unit_price`, `a unit price column in ${items.table}, named unit_price, price or 单价`, `${items.table} 中的单价列（列名为 unit_price、price 或 单价）`));
  if (missing.length > 0 || !items.product || !items.category || !items.order || !orders.order || !orders.customer || !price) return missing;
  const quantity = findColumnByName(items.columns, QUANTITY_COLUMN_NAMES);
  const q = quoteIdentifier;
  const refunds = describeRefunds(orders);
  return {
    linesSql: `order_customers AS (
  -- One row per order: its customer, and whether it is a refund (${refunds.en}).
  SELECT ${q(orders.order)} AS order_id,
         MIN(${q(orders.customer)}) AS customer,
         MAX(${refundConditionSql(orders)}) AS is_refund
  FROM ${q(orders.table)}
  WHERE ${q(orders.order)} IS NOT NULL AND ${q(orders.customer)} IS NOT NULL
  GROUP BY ${q(orders.order)}
),
purchase_lines AS MATERIALIZED (
  -- One row per purchased item line with its order's customer: lines of refund orders${quantity ? ', lines with a negative quantity' : ''}
  -- and lines without a product, category or price are left out.
  SELECT o.customer,
         i.${q(items.category)} AS category,
         i.${q(items.product)} AS product,
         i.${q(price)} AS unit_price,
         ${quantity ? `COALESCE(i.${q(quantity)}, 1)` : '1'} AS quantity
  FROM ${q(items.table)} AS i
  JOIN order_customers AS o ON o.order_id = i.${q(items.order)}
  WHERE o.is_refund = 0
    AND i.${q(items.product)} IS NOT NULL AND i.${q(items.category)} IS NOT NULL AND i.${q(price)} IS NOT NULL${quantity ? `\n    AND COALESCE(i.${q(quantity)}, 1) >= 0` : ''}
)`,
    describe: {
      en: `Lines come from \`${items.table}\` (price \`${price}\`, ${quantity ? `quantity \`${quantity}\`` : 'quantity 1 per line'}), joined to \`${orders.table}\` for the customer; lines of refund orders are left out (${refunds.en}).`,
      zh: `明细来自 \`${items.table}\`（单价列 \`${price}\`，${quantity ? `数量列 \`${quantity}\`` : '每行数量按 1 计'}），按订单号关联 \`${orders.table}\` 得到客户；退款订单的明细不计（${refunds.zh}）。`,
    },
  };
}

function ordersPlan(sources: PlaybookSources): LinePlan | PlaybookNeed[] {
  const { orders } = sources;
  const missing: PlaybookNeed[] = [];
  if (!orders.customer) missing.push(need('orders.customer', 'the orders table’s customer column (the customer role)', '订单表的客户列（客户角色）'));
  if (!orders.product) missing.push(need('orders.product', 'the orders table’s product column (the product role), or an items table with one', '订单表的商品列（商品角色），或带商品列的明细表'));
  if (!orders.category) missing.push(need('orders.category', 'the orders table’s category column (the category role), or an items table with one', '订单表的品类列（品类角色），或带品类列的明细表'));
  const price = orders.unitPrice ?? findColumnByName(orders.columns, PRICE_COLUMN_NAMES);
  if (!price) missing.push(need('orders.unitPrice', 'the orders table’s unit price column (the unit price role, or a column named unit_price, price or 单价)', '订单表的单价列（单价角色，或名为 unit_price、price、单价 的列）'));
  if (missing.length > 0 || !orders.customer || !orders.product || !orders.category || !price) return missing;
  const quantity = orders.quantity;
  const q = quoteIdentifier;
  const refunds = describeRefunds(orders);
  return {
    linesSql: `purchase_lines AS MATERIALIZED (
  -- One row per purchase row of the orders: refunds (${refunds.en}) and rows without a
  -- customer, product, category or price are left out.
  SELECT ${q(orders.customer)} AS customer,
         ${q(orders.category)} AS category,
         ${q(orders.product)} AS product,
         ${q(price)} AS unit_price,
         ${quantity ? `COALESCE(${q(quantity)}, 1)` : '1'} AS quantity
  FROM ${q(orders.table)}
  WHERE ${refundConditionSql(orders)} = 0
    AND ${q(orders.customer)} IS NOT NULL AND ${q(orders.product)} IS NOT NULL AND ${q(orders.category)} IS NOT NULL AND ${q(price)} IS NOT NULL
)`,
    describe: {
      en: `Lines are the rows of \`${orders.table}\` (price \`${price}\`, ${quantity ? `quantity \`${quantity}\`` : 'quantity 1 per row'}); refunds are left out (${refunds.en}).`,
      zh: `明细即 \`${orders.table}\` 的各行（单价列 \`${price}\`，${quantity ? `数量列 \`${quantity}\`` : '每行数量按 1 计'}）；退款不计（${refunds.zh}）。`,
    },
  };
}

/**
 * Returns where the lines come from: the items table when it has everything, else the orders'
 * own product, category and price; or, when neither has everything, what is missing (for the
 * items table when there is one, else for the orders).
 */
export function priceTierLines(sources: PlaybookSources): LinePlan | PlaybookNeed[] {
  const fromItems = itemsPlan(sources);
  if (!Array.isArray(fromItems)) return fromItems;
  const fromOrders = ordersPlan(sources);
  if (!Array.isArray(fromOrders)) return fromOrders;
  return sources.items ? fromItems : fromOrders;
}

/** The needs the sources do not meet (empty when the SQL can be written); all of them without sources. */
export function missingPriceTierNeeds(sources: PlaybookSources | undefined): PlaybookNeed[] {
  if (!sources) return [need('orders.customer', 'the orders table (the customer table’s sources)', '订单表（客户表的数据源）')];
  const plan = priceTierLines(sources);
  return Array.isArray(plan) ? plan : [];
}

const PRODUCT_TIERS_CTE = `product_prices AS (
  -- A product's price: its average unit price over its purchase lines, within each category
  -- (rounded to 6 decimals, so prices equal but for float noise tie and go by product id).
  SELECT category, product, ROUND(AVG(unit_price), 6) AS avg_unit_price, COUNT(*) AS purchase_lines
  FROM purchase_lines
  GROUP BY category, product
),
product_tiers AS (
  -- Terciles within the category by price, then product id: 1 = low, 2 = mid, 3 = high.
  -- NTILE gives the first (n mod 3) tiers one product more; equal prices split by product id.
  SELECT category, product, avg_unit_price, purchase_lines,
         NTILE(3) OVER (PARTITION BY category ORDER BY avg_unit_price, product) AS tier_number
  FROM product_prices
)`;

const TIER_NAME = `CASE tier_number WHEN 1 THEN 'low' WHEN 2 THEN 'mid' ELSE 'high' END`;

function productTiersSql(plan: LinePlan): string {
  return `-- Products banded low / mid / high by price terciles within their category.
WITH ${plan.linesSql},
${PRODUCT_TIERS_CTE}
SELECT category,
       product,
       ROUND(avg_unit_price, 2) AS avg_unit_price,
       purchase_lines,
       ${TIER_NAME} AS price_tier
FROM product_tiers
ORDER BY category, tier_number, avg_unit_price, product`;
}

function customerTiersSql(plan: LinePlan): string {
  return `-- Each customer's preferred price tier: the tier with the most spend (unit price x quantity),
-- compared in cents; ties go to the higher tier. The tiers are computed as in the product tiers cell.
WITH ${plan.linesSql},
${PRODUCT_TIERS_CTE},
customer_spend AS (
  SELECT l.customer,
         ROUND(SUM(CASE WHEN t.tier_number = 1 THEN l.unit_price * l.quantity ELSE 0 END), 2) AS spend_low,
         ROUND(SUM(CASE WHEN t.tier_number = 2 THEN l.unit_price * l.quantity ELSE 0 END), 2) AS spend_mid,
         ROUND(SUM(CASE WHEN t.tier_number = 3 THEN l.unit_price * l.quantity ELSE 0 END), 2) AS spend_high
  -- CROSS JOIN fixes the loop order (each line looks up its product's tier); a plain JOIN lets
  -- SQLite loop over the lines once per product, which is products x lines.
  FROM purchase_lines AS l
  CROSS JOIN product_tiers AS t ON t.category = l.category AND t.product = l.product
  GROUP BY l.customer
)
SELECT customer,
       CASE
         WHEN spend_high >= spend_mid AND spend_high >= spend_low THEN 'high'
         WHEN spend_mid >= spend_low THEN 'mid'
         ELSE 'low'
       END AS preferred_tier,
       spend_low,
       spend_mid,
       spend_high
FROM customer_spend
ORDER BY customer`;
}

function tierCountsSql(customersResult: string): string {
  const table = quoteIdentifier(customersResult);
  return `-- Customers per preferred tier (every tier listed, 0 when empty), from ${customersResult}.
WITH tiers(position, preferred_tier) AS (VALUES (1, 'low'), (2, 'mid'), (3, 'high'))
SELECT tiers.preferred_tier,
       COUNT(c.customer) AS customers,
       ROUND(100.0 * COUNT(c.customer) / MAX(1, (SELECT COUNT(*) FROM ${table})), 1) AS share_pct
FROM tiers
LEFT JOIN ${table} AS c ON c.preferred_tier = tiers.preferred_tier
GROUP BY tiers.position, tiers.preferred_tier
ORDER BY tiers.position`;
}

interface Names {
  products: string;
  customers: string;
  counts: string;
}

function note(context: PlaybookContext, names: Names | null, plan: LinePlan | null, missing: PlaybookNeed[]): string {
  const zh = context.language === 'zh-CN';
  const cells = names
    ? zh
      ? `\`${names.products}\` 列出每个商品的价格档（\`price_tier\`），\`${names.customers}\` 给出每位客户的偏好价格档（\`preferred_tier\`）及各档消费，\`${names.counts}\` 统计每档的客户数。`
      : `\`${names.products}\` gives each product's tier (\`price_tier\`), \`${names.customers}\` each customer's preferred tier (\`preferred_tier\`) with their spend per tier, and \`${names.counts}\` the customers per tier.`
    : zh
      ? `缺少以下列，无法生成 SQL 单元格：${missing.map((m) => `\`${m.column}\`（${m.from.zh}）`).join('、')}。`
      : `The SQL cells need columns that are not mapped: ${missing.map((m) => `\`${m.column}\` (${m.from.en})`).join(', ')}.`;
  if (zh) {
    return [
      '## 价格档',
      '',
      cells,
      '',
      '- **商品价格**：该商品所有购买明细的平均单价（每行算一次，不按数量加权）；同一商品出现在两个品类中时，在每个品类内分别分档。',
      '- **分档**：在品类内按价格（相同时按商品编号）排序，用 NTILE(3) 三等分为低（low）、中（mid）、高（high）。商品数不能被 3 整除时，靠前的档多一个（1 个商品：低；2 个：低、中；4 个：2 低、1 中、1 高）；价格相同的商品可能按编号分到不同档。',
      '- **偏好价格档**：消费（单价 × 数量）最多的档，按分比较；并列时取较高的档。',
      plan ? `- ${plan.describe.zh}` : '',
      '',
      '价格档不依赖分析日（用全部历史）。分档规则写在 SQL 的 `product_tiers` 中，可直接修改后重新运行。',
    ].filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n');
  }
  return [
    '## Price tier',
    '',
    cells,
    '',
    '- **Product price**: the average unit price over the product\'s purchase lines (each line counts once, whatever its quantity). A product listed under two categories is banded in each.',
    '- **Tiers**: within the category, products ordered by price, then product id, cut in three with NTILE(3): low, mid, high. When the count does not divide by 3 the first tiers get one more (1 product: low; 2: low, mid; 4: 2 low, 1 mid, 1 high); products of equal price can fall into different tiers by id.',
    '- **Preferred tier**: the tier with the most spend (unit price × quantity), compared in cents; ties go to the higher tier.',
    plan ? `- ${plan.describe.en}` : '',
    '',
    'Tiers use the whole history (no analysis date). The banding rule is `product_tiers` in the SQL: edit it and run the cell again.',
  ].filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n');
}

function build(context: PlaybookContext): PlaybookAddition {
  const lines = context.sources ? priceTierLines(context.sources) : null;
  const plan = lines && !Array.isArray(lines) ? lines : null;
  const missing = plan ? [] : missingPriceTierNeeds(context.sources);
  const pick = namePicker(context.takenNames);
  const names = plan ? { products: pick('price_tier_products'), customers: pick('price_tier_customers'), counts: pick('price_tier_counts') } : null;
  return {
    note: note(context, names, plan, missing),
    parameters: [],
    metrics: [],
    tags: [],
    charts: [],
    sql:
      plan && names
        ? [
            { name: names.products, sql: productTiersSql(plan) },
            { name: names.customers, sql: customerTiersSql(plan) },
            { name: names.counts, sql: tierCountsSql(names.customers) },
          ]
        : [],
  };
}

/**
 * Products banded low / mid / high by price within their category, and each customer's preferred
 * tier by spend, as SQL cells. Its `needs` name only the customer role, since the rest may come
 * from the items table or the orders; `missingPriceTierNeeds` says what is missing, and the note
 * lists it when the SQL cannot be written.
 */
export const PRICE_TIER_PLAYBOOK: Playbook = {
  id: 'price-tier',
  title: { en: 'Price tier', zh: '价格档' },
  summary: {
    en: 'Bands products low / mid / high by price within their category and finds each customer’s preferred tier by spend.',
    zh: '在品类内把商品按价格分为低 / 中 / 高三档，并按消费找出每位客户偏好的价格档。',
  },
  needs: [ORDERS_CUSTOMER_NEED],
  missing: missingPriceTierNeeds,
  build,
};
