/** How a cell is called in its header, the presentation and lists: a result name, a table, a tag, a chart's title, a note's heading. */
import type { Cell } from '../../engine/index.ts';
import type { I18n } from '../i18n/i18n.svelte.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { NotebookState } from '../state/notebook-state.svelte.ts';
import { chartTitle } from './charts/chart-title.ts';

export const KIND_LABELS: Record<Cell['kind'], MessageKey> = {
  note: 'cell.kind.note',
  source: 'cell.kind.source',
  sql: 'cell.kind.sql',
  customers: 'cell.kind.customers',
  tag: 'cell.kind.tag',
  chart: 'cell.kind.chart',
  analysis: 'cell.kind.analysis',
};

export function cellTitle(cell: Cell, i18n: I18n, notebook: NotebookState): string {
  if (cell.kind === 'sql' || cell.kind === 'customers') return cell.resultName;
  if (cell.kind === 'analysis') return i18n.t('analysis.title', { kind: i18n.t(`analysis.kind.${cell.analysis.kind}`), name: cell.resultName });
  if (cell.kind === 'source') return cell.tableName;
  if (cell.kind === 'tag') return cell.definition.name;
  if (cell.kind === 'chart') return chartTitle(cell, i18n, notebook.chartRun(cell.id).data);
  const heading = /^#{1,6}\s+(.+)$/m.exec(cell.markdown)?.[1];
  return heading ?? (cell.markdown.trim().split('\n')[0]?.slice(0, 60) || i18n.t('cell.untitledNote'));
}
