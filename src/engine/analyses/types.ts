/**
 * Analyses over time and products (issue #9, SPEC §5): backtest of a tag, segment migration,
 * replenishment cycle, cross-sell and shopping path. Each is a notebook cell with a form (its
 * `AnalysisDefinition`, saved in the workspace), a result table and a chart.
 *
 * The product analyses read `PurchaseLines`: the purchases the customer table counts (after the
 * order filters, refunds left out), one line per (order row or item row) with its customer, day,
 * order and product (or category). The time analyses rebuild the customer table and its tags at
 * another analysis date from the same definition.
 */

/** What a product analysis groups by: the product role or the category role. */
export type ItemDimension = 'product' | 'category';

/**
 * The purchase lines of a customer table: every used, non-refund row of the orders table (or,
 * when the product/category role is on the items table, every item row whose order is such a
 * purchase), in input order. Plain typed arrays, `count` long.
 */
export interface PurchaseLines {
  count: number;
  /** The customer's row in the customer table (`customerIds[customer[i]]` is the id). */
  customer: Int32Array;
  /** The customer table's ids by row (prospects included). */
  customerIds: readonly string[];
  /** The purchase's civil day (days since 1970-01-01). */
  day: Int32Array;
  /**
   * The order: lines with the same value are in the same order. A row without an order id (or
   * a table without the order role) is an order of its own. Values are in 0..orderCount-1.
   */
  order: Int32Array;
  orderCount: number;
  /** The product (or category) as a code into `items`; -1 when the line has none (NULL). */
  item: Int32Array;
  /** The product (or category) values, by code. */
  items: readonly string[];
  /** Which role `item` holds. */
  by: ItemDimension;
  /** The customer table's analysis date (civil day). */
  asOf: number;
}

/**
 * A customer metric from the products bought, added to the customer table (made by the analyses'
 * "make a tag" actions, editable like any definition):
 * - `bought`: the customer's distinct orders holding any of `items` (0 when none), e.g. for
 *   "bought A, not yet B" = `bought_a > 0 AND bought_b = 0`;
 * - `replenishment`: how far the customer is through their replenishment cycle — the largest,
 *   over `items` they bought whose cycle rests on at least `minPairs` repeat pairs, of days since
 *   their last purchase of it ÷ its median cycle (NULL when none applies); "due" is ≥ a factor.
 * Cycles are measured on the same orders as the table, so they are recomputed at every analysis date.
 */
export type ProductMetric =
  | { kind: 'bought'; name: string; by: ItemDimension; items: string[] }
  | { kind: 'replenishment'; name: string; by: ItemDimension; items: string[]; minPairs: number };

/** Replenishment cycle of one product: days between a customer's consecutive purchase days of it. */
export interface ReplenishmentRow {
  item: string;
  /** Customers who bought it at all. */
  customers: number;
  /** Customers who bought it on two or more distinct days. */
  repeatCustomers: number;
  /** Consecutive purchase-day pairs behind the figures (Σ over customers of distinct days − 1). */
  pairs: number;
  /** Quartiles of the gaps in days (linear interpolation, as SQL percentile_cont); NULL (NaN) without pairs. */
  q1: number;
  median: number;
  q3: number;
  /** True when `pairs` is below the analysis' minimum: the figure is too thin to trust. */
  fewPairs: boolean;
}

/** A product pair bought in the same order. A→B and B→A are both listed (directional confidence). */
export interface CrossSellRow {
  a: string;
  b: string;
  /** Orders holding both. */
  orders: number;
  /** orders / all orders with a product. */
  support: number;
  /** orders / orders holding A. */
  confidenceAB: number;
  /** orders / orders holding B. */
  confidenceBA: number;
  /** support / (support(A) · support(B)). */
  lift: number;
  /** Orders holding A, and B (for the reader). */
  ordersA: number;
  ordersB: number;
}

/** Customers who bought A in one order and B on a later day. */
export interface ShoppingPathRow {
  a: string;
  b: string;
  customers: number;
  /** customers / customers who bought A. */
  shareOfA: number;
  /** Median over those customers of (first B day after their first A day − first A day). */
  medianDays: number;
  buyersA: number;
}

/** One segment of a backtest: the tag as of the cutoff, and what its customers did after it. */
export interface BacktestSegment {
  /** Segment label (as the tag names it), or "(no segment)" for customers the tag left NULL. */
  label: string;
  /** The segment's position in the tag (−1 for NULL), for ordering and colours. */
  code: number;
  customers: number;
  /** Customers with at least one purchase in [cutoff, cutoff + windowDays). */
  repeaters: number;
  /** repeaters / customers. */
  rate: number;
  /** Wilson score interval (95 %) for `rate`. */
  rateLow: number;
  rateHigh: number;
  /** Revenue in the window (the customer table's revenue variant) per customer of the segment. */
  revenuePerCustomer: number;
  /** rate / the whole base's rate; NaN when the base rate is 0. */
  lift: number;
}

export interface BacktestResult {
  tag: string;
  cutoff: number;
  windowDays: number;
  /** Customers in the tag at the cutoff (those with an order before it, and prospects). */
  customers: number;
  repeaters: number;
  rate: number;
  segments: BacktestSegment[];
  /** Cut points and inputs the tag used at the cutoff (recomputed from the data before it), by name. */
  cutPoints: number[];
}

/** One cell of a migration matrix. */
export interface MigrationCell {
  from: string;
  to: string;
  fromCode: number;
  toCode: number;
  customers: number;
  /** customers / customers in `from` at the first date. */
  rowShare: number;
}

export interface MigrationResult {
  tag: string;
  from: number;
  to: number;
  /** Row labels, then column labels, in segment order ("(not yet a customer)" first when present). */
  fromLabels: string[];
  toLabels: string[];
  cells: MigrationCell[];
  /** Per customer: id, segment at the first date and at the second (for the grid filter and export). */
  customerIds: string[];
  fromCodes: Int32Array;
  toCodes: Int32Array;
  /** Customers whose segment changed. */
  moved: number;
}

/** The longest outcome window of a backtest, in days (ten years). */
export const MAX_WINDOW_DAYS = 3660;
/** The most rows a cross-sell or shopping-path result keeps. */
export const MAX_ANALYSIS_ROWS = 10_000;

/** A saved analysis: the form's values. Dates are civil days. */
export type AnalysisDefinition =
  | { kind: 'backtest'; tag: string; cutoff: number; windowDays: number; compareCutoff?: number }
  | { kind: 'migration'; tag: string; from: number; to: number }
  | { kind: 'replenishment'; by: ItemDimension; minPairs: number }
  | { kind: 'cross-sell'; by: ItemDimension; minOrders: number; minSupport: number; limit: number }
  | { kind: 'shopping-path'; by: ItemDimension; minCustomers: number; limit: number };

export type AnalysisKind = AnalysisDefinition['kind'];

/** Errors an analysis reports to the user (a bad form value, a missing role, an unknown tag). */
export class AnalysisError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'AnalysisError';
    this.code = code;
  }
}

export function isAnalysisError(error: unknown): error is AnalysisError {
  return error instanceof AnalysisError;
}
