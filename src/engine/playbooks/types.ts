/**
 * Playbooks (SPEC §5): ready sets of metrics, parameters, tags, charts and a short note, added to
 * a workspace in one click over one customer table. What a playbook adds is ordinary, editable
 * workspace content; a playbook only writes definitions, it never computes anything itself.
 */
import type { ChartDefinition } from '../charts/types.ts';
import type { Parameter } from '../parameters/parameters.ts';
import type { TagDefinition } from '../tags/types.ts';

export type PlaybookLanguage = 'en' | 'zh-CN';

/** Text in both languages the app speaks. */
export interface Bilingual {
  en: string;
  zh: string;
}

/** What a playbook is told about the customer table it works on. */
export interface PlaybookContext {
  /** The customer table's name (its cell's result name). */
  table: string;
  /** The customer table's columns (metrics), by name, as the build made them. */
  columns: readonly string[];
  /** Names already taken in the workspace (tags, metrics, parameters, results), compared ignoring case. */
  takenNames: readonly string[];
  language: PlaybookLanguage;
  /**
   * Figures measured on the data for playbooks that suggest settings: the median over customers
   * with 2+ orders of their mean days between orders (`mean_days_between_orders`), when known.
   */
  stats?: { medianDaysBetweenOrders?: number | null };
  /**
   * The tables the customer table is built from, for playbooks that add SQL over the orders
   * (absent when unknown). A role given as a formula rather than a column is null here.
   */
  sources?: PlaybookSources;
}

/** The customer table's source tables and the columns its roles name (null: not mapped, or a formula). */
export interface PlaybookSources {
  orders: {
    table: string;
    /** Every column of the orders table, by name. */
    columns: readonly string[];
    customer: string | null;
    time: string | null;
    amount: string | null;
    order: string | null;
    product: string | null;
    category: string | null;
    quantity: string | null;
    unitPrice: string | null;
    /** Rows whose status is one of these are refunds (the `status` refund rule), with the status column. */
    refundStatuses: { column: string; values: readonly string[] } | null;
  };
  items: {
    table: string;
    columns: readonly string[];
    order: string | null;
    product: string | null;
    category: string | null;
  } | null;
}

/** What a playbook adds: everything is plain workspace content (ids are given when it is added). */
export interface PlaybookAddition {
  /** A markdown note explaining the playbook, in the context's language (first in what is added). */
  note: string;
  /** Number/date/text parameters the tags use (thresholds, windows, weights). */
  parameters: Parameter[];
  /** Row formulas over the customer table, added to its cell as custom metrics (in order). */
  metrics: { name: string; formula: string }[];
  /** Tag definitions over the customer table, in dependency order. */
  tags: TagDefinition[];
  /** Charts over the customer table. */
  charts: ChartDefinition[];
  /**
   * SQL cells (over the source tables, naming parameters as `:name`), added after the note and run
   * at once; `name` is the result's. A `chart` (a `series` view) is added right after its cell and
   * draws that result.
   */
  sql?: { name: string; sql: string; chart?: ChartDefinition }[];
}

/** A column a playbook needs, and the role or metric it comes from (said when it is missing). */
export interface PlaybookNeed {
  /**
   * A customer table column (`revenue`), or a source role written `orders.<role>` or
   * `items.<role>` (`orders.product`, `items.category`: see PlaybookSources) for playbooks with SQL.
   */
  column: string;
  /** The column must hold at least one value (it exists but is empty when its role is not mapped). */
  needsValues?: boolean;
  /** Why it is missing, in both languages: e.g. "a coupon amount column (the coupon role)". */
  from: Bilingual;
}

export interface Playbook {
  id: string;
  title: Bilingual;
  /** One sentence: what the user gets. */
  summary: Bilingual;
  /** Customer table columns the playbook needs; missing ones are said, never failed on. */
  needs: PlaybookNeed[];
  /** Needs that `needs` cannot say (one of two tables will do): what is missing given the sources. */
  missing?(sources: PlaybookSources | undefined): PlaybookNeed[];
  build(context: PlaybookContext): PlaybookAddition;
}
