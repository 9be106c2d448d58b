/** Analyses over time and products (issue #9): see types.ts. */
export * from './types.ts';
export { runAnalysis, purchaseLines, type AnalysisOutput, type AnalysisResult, type MigrationSummary } from './run-analysis.ts';
export type { TagScheme } from './tag-scheme.ts';
export { wilsonInterval } from './wilson.ts';
export { backtestChartSpec, crossSellChartSpec, migrationChartSpec, replenishmentChartSpec, shoppingPathChartSpec } from './analysis-charts.ts';
export { addBoughtNotYetTag, addReplenishmentTag, REPLENISH_FACTOR, type ProductTagOutcome } from './product-tags.ts';
