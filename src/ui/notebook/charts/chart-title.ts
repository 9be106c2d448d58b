import type { ChartCell } from '../../../engine/index.ts';
import { defaultTitle } from '../../../engine/charts/index.ts';
import type { ChartData, ChartView } from '../../../engine/charts/types.ts';
import type { I18n } from '../../i18n/i18n.svelte.ts';
import type { MessageKey } from '../../i18n/messages.ts';

/** The language's name of each built-in view (the view select, default titles). */
export const VIEW_LABELS: Record<ChartView, MessageKey> = {
  segments: 'chart.view.segments',
  share: 'chart.view.share',
  distribution: 'chart.view.distribution',
  pareto: 'chart.view.pareto',
  'rf-heatmap': 'chart.view.rf-heatmap',
  crosstab: 'chart.view.crosstab',
  'over-time': 'chart.view.over-time',
  scatter: 'chart.view.scatter',
  series: 'chart.view.series',
};

/**
 * A chart's title: the user's, else the one the chart draws (from its data), else the view's
 * name and the tag's (`Segment sizes: lifecycle`) until the data arrive.
 */
export function chartTitle(cell: ChartCell, i18n: I18n, data: ChartData | null = null): string {
  const own = cell.chart.title?.trim();
  if (own) return own;
  if (data && data.view === cell.chart.view) return defaultTitle(cell.chart, data, i18n.language);
  if (cell.chart.view === 'series') return i18n.t('chart.defaultTitle', { view: i18n.t(VIEW_LABELS.series), tag: cell.tableName });
  const tag = cell.chart.view === 'crosstab' && cell.chart.tag2 ? `${cell.chart.tag} × ${cell.chart.tag2}` : cell.chart.tag;
  return i18n.t('chart.defaultTitle', { view: i18n.t(VIEW_LABELS[cell.chart.view]), tag: tag || '—' });
}
