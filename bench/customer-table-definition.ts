/**
 * The customer table the benches build (issue #4), shared by the Node figure
 * (customer-table-bench.ts) and the browser page (browser/main.ts): the definition, and the same
 * metrics as one DuckDB SQL statement for the reference. No Node imports: the browser page uses it.
 */
import type { CustomerTableDefinition } from '../src/engine/index.ts';

export const CUSTOMER_DEFINITION: CustomerTableDefinition = {
  roles: { customer: 'customer_id', time: 'order_time', amount: 'paid_amount', order: 'order_id', coupon: 'coupon_amount', status: 'status' },
  refunds: { kind: 'status', values: ['refunded', 'cancelled'] },
};

/** buildCustomerTable's default metrics over `orders`, as one DuckDB statement creating `customerTable`. */
export function customerTableSql(orders: string, customerTable: string): string {
  return `
  CREATE OR REPLACE TABLE ${customerTable} AS
  WITH o AS (SELECT *, (paid_amount < 0 OR status IN ('refunded', 'cancelled')) AS r, CAST(order_time AS DATE) AS d FROM ${orders}),
  g AS (
    SELECT customer_id,
      min(order_time) FILTER (WHERE NOT r) AS first_order_at,
      max(order_time) FILTER (WHERE NOT r) AS last_order_at,
      count(DISTINCT order_id) FILTER (WHERE NOT r) AS orders,
      sum(CASE WHEN paid_amount > 0 THEN paid_amount ELSE 0 END) - sum(CASE WHEN r THEN abs(paid_amount) ELSE 0 END) AS revenue,
      count(DISTINCT d) FILTER (WHERE NOT r) AS days,
      min(d) FILTER (WHERE NOT r) AS first_day,
      max(d) FILTER (WHERE NOT r) AS last_day,
      sum(coupon_amount) FILTER (WHERE NOT r) AS coupon_amount,
      sum(paid_amount) FILTER (WHERE NOT r) AS paid,
      sum(CASE WHEN r THEN abs(paid_amount) ELSE 0 END) AS refund_amount
    FROM o GROUP BY customer_id
  ), a AS (SELECT max(d) + 1 AS as_of FROM o)
  SELECT customer_id, first_order_at, last_order_at, as_of - last_day AS recency_days, orders, revenue,
    revenue / nullif(orders, 0) AS avg_order_value, as_of - first_day AS tenure_days,
    CASE WHEN days > 1 THEN (last_day - first_day) / (days - 1) END AS mean_days_between_orders,
    coupon_amount, coupon_amount / nullif(paid, 0) AS discount_ratio, refund_amount
  FROM g CROSS JOIN a`;
}
