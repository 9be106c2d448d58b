/**
 * The customer table's shapes (issue #4): which columns play which role, the order filters,
 * the metric variants, and the table that comes out (one row per customer, as typed columns,
 * with a visible definition for every metric and every excluded row accounted for).
 *
 * Everything here is plain, structured-cloneable data: a definition is saved in the workspace
 * file and crosses the worker boundary unchanged. Formulas are strings, never closures.
 */
import type { ItemDimension, ProductMetric, PurchaseLines } from '../analyses/types.ts';
import type { Column, ColumnType } from '../dataset/types.ts';

/** A table as the customer table reads it: an import's columns, or a SQL result's. */
export interface InputTable {
  columns: readonly Column[];
  rowCount: number;
}

/** A role is played by a column (its name) or by a row formula over the table's columns. */
export type RoleSource = string | { formula: string };

/**
 * The roles of the orders table's columns. `customer` and `time` are required; `amount` is
 * required unless both `quantity` and `unitPrice` are mapped (then amount = quantity × unit price).
 * Without `order`, every row is one order.
 */
export interface OrderRoles {
  customer: RoleSource;
  /** A date or datetime column (datetimes are already in the workspace zone). */
  time: RoleSource;
  /** The amount paid for the row (a number). */
  amount?: RoleSource;
  order?: RoleSource;
  /** Coupon or discount amount of the row (a number). */
  coupon?: RoleSource;
  status?: RoleSource;
  channel?: RoleSource;
  product?: RoleSource;
  category?: RoleSource;
  quantity?: RoleSource;
  unitPrice?: RoleSource;
}

/** The roles of an order-items table, joined to the orders on the order id. */
export interface ItemRoles {
  order: RoleSource;
  product?: RoleSource;
  category?: RoleSource;
}

/**
 * Which rows are refunds (money given back). Rows with a negative amount are always refunds;
 * the rule adds the rows it matches:
 * - `negative`: nothing more (the default);
 * - `status`: rows whose status is one of `values` (compared exactly, as text);
 * - `formula`: rows where the boolean row formula is true, e.g. `LEFT(InvoiceNo, 1) = "C"`.
 */
export type RefundRule = { kind: 'negative' } | { kind: 'status'; values: string[] } | { kind: 'formula'; formula: string };

/**
 * What a repeated order id means:
 * - `one-per-order`: each order is one row (an orders export); a repeated order id is a duplicate
 *   row: the first is kept, the others are excluded and reported (those whose amount differs from
 *   the kept row are counted separately, as conflicting);
 * - `lines`: rows are lines of their order (the header repeated per item line, as UCI's invoices);
 *   the lines' amounts add up to the order's, and only rows identical in every mapped role are
 *   duplicates (excluded and reported).
 */
export type OrderRowsMode = 'one-per-order' | 'lines';

/** Rows to leave out before any metric is computed. Each exclusion is counted and reported. */
export interface OrderFilters {
  /** Inclusive civil day numbers (days since 1970-01-01); either end may be open. */
  dateRange?: { from?: number; to?: number };
  /** Keep only rows whose channel is one of these (needs the `channel` role). */
  channels?: string[];
  /** Customer ids to leave out (test and staff accounts), compared exactly as text. */
  excludedCustomers?: string[];
}

/** How orders are counted: every row, distinct order ids, or distinct purchase days. */
export type OrdersVariant = 'rows' | 'orders' | 'days';

/** Which money revenue counts. See `describeMetrics` for the exact formulas. */
export type RevenueVariant = 'gross' | 'net-of-refunds' | 'net-of-coupons' | 'net-of-refunds-and-coupons';

/** The metric variants: a choice the user sees, saved with the workspace. */
export interface MetricOptions {
  /** Default `orders` (which equals `rows` when there is no order role). */
  orders?: OrdersVariant;
  /** Default `net-of-refunds`. */
  revenue?: RevenueVariant;
  /**
   * Whether the first purchase day counts in orders, revenue, coupon amount and average order value
   * (false gives repeat-purchase metrics). Default true.
   */
  includeFirstPurchase?: boolean;
}

/** The whole definition of a customer table, as saved in a workspace. */
export interface CustomerTableDefinition {
  roles: OrderRoles;
  itemRoles?: ItemRoles;
  /** The customers table's id column (every customer in it appears, with or without orders). */
  customerRoles?: { customer: RoleSource };
  refunds?: RefundRule;
  orderRows?: OrderRowsMode;
  filters?: OrderFilters;
  metrics?: MetricOptions;
  /** `default` gives the metrics below; `lifetimes` gives frequency, recency, T, monetary_value. */
  preset?: 'default' | 'lifetimes';
  /** Metrics from the products bought (bought counts, replenishment), after the default metrics. */
  productMetrics?: ProductMetric[];
  /** The analysis date (civil day); defaults to the day after the latest used order. */
  asOf?: number;
  /** For the lifetimes preset: the last day of the calibration period (orders after it are excluded). */
  cutoff?: number;
}

/** The tables a customer table is built from. */
export interface CustomerTableInput {
  orders: InputTable;
  items?: InputTable;
  customers?: InputTable;
}

/** Evaluates a row formula over a table's columns; returns a column `rowCount` long. */
export type EvaluateFormula = (source: string, columns: Readonly<Record<string, Column>>, rowCount: number) => Column;

/** Things that vary by environment, passed in. */
export interface BuildCustomerTableOptions {
  /** The row-formula evaluator for formula roles; defaults to the formula language's. */
  evaluateFormula?: EvaluateFormula;
  /** Also return the purchase lines by product or category (CustomerTable.purchaseLines), for the product analyses. */
  purchaseLines?: ItemDimension;
}

/** What a customer-table issue is about: an exclusion reason (the first eight, in test order) or a fact to see. */
export type CustomerIssueCode =
  | 'missing-customer'
  | 'excluded-customer'
  | 'missing-time'
  | 'outside-date-range'
  | 'after-cutoff'
  | 'other-channel'
  | 'missing-amount'
  | 'duplicate-rows'
  | 'conflicting-duplicates'
  | 'refund-rows'
  | 'prospects'
  | 'duplicate-customer-ids'
  | 'items-without-order'
  | 'id-from-number';

/** A fact about the build the user must see: an exclusion, a duplicate, a count of prospects. */
export interface CustomerIssue {
  code: CustomerIssueCode;
  severity: 'info' | 'warning';
  /** One sentence in English; the UI says it in its language from `code` and `params`. */
  message: string;
  count: number;
  /** The role or column concerned, if any. */
  role?: string;
  column?: string;
  params?: Record<string, string | number>;
}

/** How a metric is computed, for the UI: a formula in the formula language's style, and one line in en and zh-CN. */
export interface MetricDefinition {
  name: string;
  type: ColumnType;
  formula: string;
  description: { en: string; 'zh-CN': string };
}

/** The customer table: one row per customer, `customer_id` (text) first. */
export interface CustomerTable {
  columns: Column[];
  rowCount: number;
  /** One definition per column, in column order (customer_id included). */
  metrics: MetricDefinition[];
  /** The analysis date used (civil day). */
  asOf: number;
  /** The lifetimes preset's calibration end (civil day), when set. */
  cutoff?: number;
  /** Rows of the orders table. `inputRows = usedRows + Σ exclusion counts`, always. */
  inputRows: number;
  usedRows: number;
  /** Used rows that are refunds (they count in refunds, never as purchases). */
  refundRows: number;
  /** Exclusions by reason, in the order they are tested (a row counts under its first reason). */
  exclusions: Partial<Record<CustomerIssueCode, number>>;
  /**
   * Customers with no used purchase (from the customers table, or with refunds only). With the
   * lifetimes preset they are left out of the table, and this counts them.
   */
  prospects: number;
  issues: CustomerIssue[];
  /** The purchase lines, when BuildCustomerTableOptions.purchaseLines asked for them. */
  purchaseLines?: PurchaseLines;
}
