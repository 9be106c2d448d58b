/**
 * Adds a playbook to the workspace (SPEC §5): its parameters, then its metrics (into the customer
 * table cell), note, SQL cells (run at once), tags and charts; then the customer table is built again (for the new
 * metrics), which evaluates the tags, and the charts are drawn. A playbook whose needs the
 * customer table does not meet adds nothing and says what is missing.
 */
import { applyPlaybook, playbookSources, type Playbook, type PlaybookLanguage, type PlaybookNeed } from '../../engine/index.ts';
import type { NotebookState } from './notebook-state.svelte.ts';
import type { ParametersState } from './parameters-state.svelte.ts';

export async function addPlaybook(
  notebook: NotebookState,
  parameters: ParametersState,
  playbook: Playbook,
  customersCellId: string,
  columns: readonly string[],
  language: PlaybookLanguage,
): Promise<{ missing: PlaybookNeed[] } | { added: string[] }> {
  const cell = notebook.cells.find((c) => c.id === customersCellId && c.kind === 'customers');
  if (!cell || cell.kind !== 'customers') return { missing: [] };
  const median = columns.includes('mean_days_between_orders') ? await notebook.columnMedian(cell.resultName, 'mean_days_between_orders') : null;
  const sources = playbookSources(cell, (table) => notebook.tableColumns(table).map((c) => c.name));
  const result = applyPlaybook(playbook, notebook.cells, parameters.parameters, customersCellId, columns, language, { medianDaysBetweenOrders: median }, sources);
  if ('missing' in result) return { missing: result.missing };
  const before = notebook.cells.length;
  parameters.parameters = result.parameters;
  notebook.cells = result.cells;
  notebook.focusCellId = result.cells[before]?.id ?? null;
  // Its SQL cells (over the source tables) run first: they do not depend on the customer table.
  for (const added of result.cells.slice(before)) if (added.kind === 'sql') await notebook.runCell(added.id);
  await notebook.buildCustomers(customersCellId);
  await notebook.refreshCharts(cell.resultName);
  return { added: result.added };
}
