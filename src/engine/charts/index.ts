/** Chart cells: data over typed columns (chart-data.ts) and Vega-Lite specs (chart-spec.ts). */
export { computeChartData, chartSegments, niceStep, periodOf, formatDayNumber, sampleRows, DEFAULT_BINS, MAX_BINS, NO_SEGMENT, PARETO_POINTS, SEGMENT_PALETTE, type ChartInput } from './chart-data.ts';
export { buildChartSpec, countExpression, defaultTitle, isMoneyMetric, moneyExpression, segmentScale, CHART_FONT, VEGA_LITE_SCHEMA } from './chart-spec.ts';
export { ChartError, isChartError, type ChartErrorCode } from './chart-error.ts';
export { ALL_CHART_VIEWS, CHART_VIEWS, RESULT_CHART_VIEWS, SCATTER_SAMPLE, SERIES_ROW_LIMIT, isResultChartView } from './types.ts';
export { seriesChartData, seriesColumns, type SeriesInput } from './series-data.ts';
export type { ChartData, ChartDefinition, ChartSegment, ChartSpecOptions, ChartView } from './types.ts';
