/**
 * Runs a saved analysis (an analysis cell's form) over a workspace's tag scheme: the customer
 * table's definition and inputs, its custom metrics, its tags and the parameters. Returns what the
 * cell shows (a small, structured-cloneable summary) and the result table SQL cells can query.
 *
 * The product analyses read the purchase lines of the customer table as built now; backtest and
 * migration rebuild the customer table and every tag at their own dates (tag-scheme.ts).
 */
import { buildCustomerTable } from '../customers/build-customer-table.ts';
import type { Column } from '../dataset/types.ts';
import { backtestTag } from './backtest.ts';
import { crossSell } from './cross-sell.ts';
import { migrateTag } from './migration.ts';
import { replenishmentCycles } from './replenishment.ts';
import {
  backtestColumns,
  crossSellColumns,
  migrationCustomerColumns,
  replenishmentColumns,
  shoppingPathColumns,
} from './result-columns.ts';
import { shoppingPaths } from './shopping-path.ts';
import type { TagScheme } from './tag-scheme.ts';
import {
  AnalysisError,
  type AnalysisDefinition,
  type BacktestResult,
  type CrossSellRow,
  type ItemDimension,
  type MigrationResult,
  type PurchaseLines,
  type ReplenishmentRow,
  type ShoppingPathRow,
} from './types.ts';

/** A migration as the cell shows it: the matrix, without the per-customer arrays (those are the result table). */
export type MigrationSummary = Omit<MigrationResult, 'customerIds' | 'fromCodes' | 'toCodes'> & { customers: number };

/** What an analysis cell shows. */
export type AnalysisResult =
  | { kind: 'backtest'; backtest: BacktestResult; compare?: BacktestResult }
  | { kind: 'migration'; migration: MigrationSummary }
  | { kind: 'replenishment'; rows: ReplenishmentRow[]; by: ItemDimension; lines: number; asOf: number }
  | { kind: 'cross-sell'; rows: CrossSellRow[]; by: ItemDimension; orders: number; pairsFound: number }
  | { kind: 'shopping-path'; rows: ShoppingPathRow[]; by: ItemDimension; pathsFound: number };

export interface AnalysisOutput {
  result: AnalysisResult;
  /** The result table (one row per segment, matrix customer, product, pair or path). */
  table: { columns: Column[]; rowCount: number };
}

/** Runs `analysis`; throws AnalysisError, CustomerTableError or FormulaError with a message for the user. */
export function runAnalysis(scheme: TagScheme, analysis: AnalysisDefinition): AnalysisOutput {
  switch (analysis.kind) {
    case 'backtest': {
      const backtest = backtestTag(scheme, { tag: analysis.tag, cutoff: analysis.cutoff, windowDays: analysis.windowDays });
      const compare =
        analysis.compareCutoff === undefined ? undefined : backtestTag(scheme, { tag: analysis.tag, cutoff: analysis.compareCutoff, windowDays: analysis.windowDays });
      return { result: compare ? { kind: 'backtest', backtest, compare } : { kind: 'backtest', backtest }, table: backtestColumns(backtest, compare) };
    }
    case 'migration': {
      const migration = migrateTag(scheme, { tag: analysis.tag, from: analysis.from, to: analysis.to });
      const summary: MigrationSummary = {
        tag: migration.tag,
        from: migration.from,
        to: migration.to,
        fromLabels: migration.fromLabels,
        toLabels: migration.toLabels,
        cells: migration.cells,
        moved: migration.moved,
        customers: migration.customerIds.length,
      };
      return { result: { kind: 'migration', migration: summary }, table: migrationCustomerColumns(migration) };
    }
    case 'replenishment': {
      const lines = purchaseLines(scheme, analysis.by);
      const rows = replenishmentCycles(lines, { minPairs: analysis.minPairs });
      return { result: { kind: 'replenishment', rows, by: analysis.by, lines: lines.count, asOf: lines.asOf }, table: replenishmentColumns(rows) };
    }
    case 'cross-sell': {
      const lines = purchaseLines(scheme, analysis.by);
      const found = crossSell(lines, { minOrders: analysis.minOrders, minSupport: analysis.minSupport, limit: analysis.limit });
      return { result: { kind: 'cross-sell', rows: found.rows, by: analysis.by, orders: found.orders, pairsFound: found.pairsFound }, table: crossSellColumns(found.rows) };
    }
    case 'shopping-path': {
      const lines = purchaseLines(scheme, analysis.by);
      const found = shoppingPaths(lines, { minCustomers: analysis.minCustomers, limit: analysis.limit });
      return { result: { kind: 'shopping-path', rows: found.rows, by: analysis.by, pathsFound: found.pathsFound }, table: shoppingPathColumns(found.rows) };
    }
    default:
      throw new AnalysisError('bad-option', `Unknown analysis “${String((analysis as { kind: unknown }).kind)}”.`);
  }
}

/** The purchase lines of the customer table as defined now (its analysis date and filters). */
export function purchaseLines(scheme: TagScheme, by: ItemDimension): PurchaseLines {
  const asOf = scheme.parameters.find((p) => p.name.toLowerCase() === 'as_of');
  const definition = typeof asOf?.value === 'number' ? { ...scheme.definition, asOf: asOf.value } : scheme.definition;
  const built = buildCustomerTable(scheme.input, { ...definition, productMetrics: [] }, { purchaseLines: by });
  return built.purchaseLines!;
}
