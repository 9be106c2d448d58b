/**
 * A new analysis cell's first form values (issue #9), from what the notebook knows: the customer
 * table's analysis date and its tags. Every value is then the user's to change.
 */
import type { AnalysisDefinition, AnalysisKind, CustomersCell, ItemDimension } from '../../engine/index.ts';

/** The result name an analysis kind starts from (`backtest`, `backtest_2`, …). */
export const ANALYSIS_RESULT_BASE: Record<AnalysisKind, string> = {
  backtest: 'backtest',
  migration: 'migration',
  replenishment: 'replenishment',
  'cross-sell': 'cross_sell',
  'shopping-path': 'shopping_path',
};

/** The product role if the customer table maps it, else the category role. */
export function itemDimensionOf(customers: CustomersCell | undefined): ItemDimension {
  const definition = customers?.definition;
  if (!definition) return 'product';
  if (definition.itemRoles?.product || definition.roles.product) return 'product';
  if (definition.itemRoles?.category || definition.roles.category) return 'category';
  return 'product';
}

/**
 * The first values: a backtest with its cutoff 90 days before the analysis date and a 90-day
 * window (so the window ends where the data does); a migration over the last 180 days; product
 * analyses by product when mapped.
 */
export function defaultAnalysis(kind: AnalysisKind, options: { asOf: number | null; tags: string[]; customers?: CustomersCell }): AnalysisDefinition {
  const asOf = options.asOf ?? Math.floor(Date.now() / 86_400_000);
  const tag = options.tags[0] ?? '';
  const by = itemDimensionOf(options.customers);
  switch (kind) {
    case 'backtest':
      return { kind, tag, cutoff: asOf - 90, windowDays: 90 };
    case 'migration':
      return { kind, tag, from: asOf - 180, to: asOf };
    case 'replenishment':
      return { kind, by, minPairs: 30 };
    case 'cross-sell':
      return { kind, by, minOrders: 10, minSupport: 0, limit: 200 };
    case 'shopping-path':
      return { kind, by, minCustomers: 10, limit: 200 };
  }
}

/** `base`, or `base_2`, `base_3`… whichever is free. */
export function freeName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(base)) return base;
  for (let i = 2; ; i++) if (!lower.has(`${base}_${i}`)) return `${base}_${i}`;
}
