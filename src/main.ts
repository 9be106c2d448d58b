import * as Comlink from 'comlink';
import { mount } from 'svelte';
import { AS_OF, demoNotebook, formulaMentions, tagUsesParameter, type CustomersCell } from './engine/index.ts';
import App from './ui/App.svelte';
import './ui/app.css';
import { I18n } from './ui/i18n/i18n.svelte.ts';
import { ImportState } from './ui/state/import-state.svelte.ts';
import { NotebookState } from './ui/state/notebook-state.svelte.ts';
import { ParametersState } from './ui/state/parameters-state.svelte.ts';
import { WorkspaceHistory } from './ui/state/history.svelte.ts';
import { startWorkers } from './worker/client.ts';
import { setExportRowsSource } from './ui/export/export-rows-source.ts';

let importState: ImportState | null = null;
const workers = startWorkers((message) => importState?.reportWorkerFailure(message));
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// `workers.sql` is a new worker after a restart, so every SQL call reads it at call time.
importState = new ImportState({
  preview: (...args) => workers.preview(...args),
  startImport: (...args) => workers.startImport(...args),
  loadDemo: (timeZone) => workers.data.loadDemo(timeZone),
  listTables: () => workers.data.listTables(),
  fillStatus: () => workers.sql.fillStatus(),
});
const notebook = new NotebookState({
  runCell: (...args) => workers.sql.runCell(...args),
  getResultRows: (...args) => workers.sql.getResultRows(...args),
  renameResult: (...args) => workers.sql.renameResult(...args),
  dropResult: (...args) => workers.sql.dropResult(...args),
  restartSql: async (onProgress) => {
    await workers.restartSql(onProgress);
    await importState?.refreshTables();
  },
  getRows: (...args) => workers.data.getRows(...args),
  buildCustomerTable: (request) => workers.data.buildCustomerTable(request),
  columnValues: (...args) => workers.data.columnValues(...args),
  evaluateTags: (...args) => workers.data.evaluateTags(...args),
  retagThresholds: (...args) => workers.data.retagThresholds(...args),
  explainTagCustomer: (...args) => workers.data.explainTagCustomer(...args),
  segmentMembers: (...args) => workers.data.segmentMembers(...args),
  segmentProfile: (...args) => workers.data.segmentProfile(...args),
  chartData: (...args) => workers.data.chartData(...args),
  // Through the page: results are usually small, and the two workers have no channel this way round.
  shareResult: async (name) => {
    const { columns, rowCount } = await workers.sql.exportResult(name);
    const buffers = columns.map((c) => (c.type === 'text' ? c.codes.buffer : c.values.buffer)) as ArrayBuffer[];
    await workers.data.putResultColumns(name, Comlink.transfer(columns, buffers), rowCount);
  },
  dropTable: async (name) => {
    await workers.data.dropTable(name);
    await importState?.refreshTables();
  },
});
setExportRowsSource((...args) => workers.data.exportRows(...args));
const state = importState;
notebook.tableNames = () => state.tables.map((t) => t.name);
state.otherNames = () => notebook.resultNames();

const i18n = I18n.fromBrowser(localStorageOrNull(), navigator.language);
const parameters = new ParametersState();
parameters.takenNames = () => [...state.tables.flatMap((t) => t.columns.map((c) => c.name)), ...notebook.resultNames()];
notebook.tableColumns = (name) => state.tables.find((t) => t.name === name)?.columns ?? notebook.sqlResults().find((r) => r.name === name)?.columns ?? [];
// Parameters as formulas see them; `as_of` on auto is resolved by the build itself.
notebook.formulaParameters = () =>
  parameters.parameters.flatMap((p) => (p.value === null ? [] : [{ name: p.name, type: p.type, value: p.value }]));
/** A customer table cell's formulas that may mention parameters, each with a label naming it. */
function customerTableFormulas(cell: CustomersCell): { label: string; source: string }[] {
  return [
    ...cell.customMetrics.map((m) => ({ label: `${cell.resultName}.${m.name}`, source: m.formula })),
    ...Object.entries(cell.definition.roles).flatMap(([role, source]) =>
      typeof source === 'object' && source ? [{ label: `${cell.resultName} (${role})`, source: source.formula }] : [],
    ),
    ...(cell.definition.refunds?.kind === 'formula' ? [{ label: `${cell.resultName} (refunds)`, source: cell.definition.refunds.formula }] : []),
  ];
}
// A parameter is in use while a formula of a customer table or a tag mentions it (or a tag's threshold is bound to it).
parameters.usersOf = (name) =>
  notebook.cells.flatMap((cell) => {
    if (cell.kind === 'tag') return tagUsesParameter(cell.definition, name) ? [`${cell.definition.name} (${cell.tableName})`] : [];
    if (cell.kind !== 'customers') return [];
    return customerTableFormulas(cell)
      .filter((f) => formulaMentions(f.source, name))
      .map((f) => f.label);
  });
// What uses a changed parameter follows it: customer tables are built again (the analysis date is
// every build's), tags re-cut or evaluated again.
parameters.onValuesChange = (names) =>
  notebook.parametersChanged(names, (cell, name) => name === AS_OF || customerTableFormulas(cell).some((f) => formulaMentions(f.source, name)));
notebook.onTableRewritten = () => void state.refreshTables();
notebook.onCustomerTableBuilt = (summary, asOfWasAuto) => {
  if (asOfWasAuto) parameters.latestOrderDay = summary.asOf - 1;
  void state.refreshTables();
};
const history = new WorkspaceHistory(notebook, parameters);
history.track();
mount(App, { target, props: { importState, notebook, parameters, history, i18n } });
void openDemo();

/**
 * No saved work exists yet (autosave comes later), so every visit opens on the demo shop: its
 * tables, then its notebook in the visitor's language, whose SQL cells run once SQLite is filled.
 */
async function openDemo(): Promise<void> {
  if (!(await state.loadDemo())) return;
  notebook.cells = demoNotebook(i18n.language);
  // Opening the demo is where history starts: undo never takes the notebook away.
  history.reset();
  await notebook.runAll();
}

/** Returns localStorage, or null where the browser blocks it (reading the property can throw). */
function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
