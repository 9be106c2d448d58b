import * as Comlink from 'comlink';
import { mount } from 'svelte';
import { AS_OF, decodeShareLink, demoWorkspace, formulaMentions, hasShareLink, tagUsesParameter, type Column, type CustomersCell } from './engine/index.ts';
import App from './ui/App.svelte';
import './ui/app.css';
import { I18n } from './ui/i18n/i18n.svelte.ts';
import { ImportState } from './ui/state/import-state.svelte.ts';
import { NotebookState } from './ui/state/notebook-state.svelte.ts';
import { ParametersState } from './ui/state/parameters-state.svelte.ts';
import { WorkspaceHistory } from './ui/state/history.svelte.ts';
import { AutosaveState } from './ui/state/autosave-state.svelte.ts';
import { WorkspaceState } from './ui/state/workspace-state.svelte.ts';
import { startWorkers } from './worker/client.ts';
import { setExportRowsSource } from './ui/export/export-rows-source.ts';

/** The column buffers of tables crossing to a worker (transferred, not copied). */
const tableBuffers = (tables: readonly { columns: readonly Column[] }[]): ArrayBuffer[] =>
  tables.flatMap((t) => t.columns.map((c) => (c.type === 'text' ? c.codes.buffer : c.values.buffer))) as ArrayBuffer[];

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
  columnMedian: (...args) => workers.data.columnMedian(...args),
  evaluateTags: (...args) => workers.data.evaluateTags(...args),
  retagThresholds: (...args) => workers.data.retagThresholds(...args),
  thresholdIndex: (...args) => workers.data.thresholdIndex(...args),
  explainTagCustomer: (...args) => workers.data.explainTagCustomer(...args),
  segmentMembers: (...args) => workers.data.segmentMembers(...args),
  segmentProfile: (...args) => workers.data.segmentProfile(...args),
  chartData: (...args) => workers.data.chartData(...args),
  resultChartData: (...args) => workers.sql.resultChartData(...args),
  runAnalysis: (request) => workers.data.runAnalysis(request),
  // Through the page: results are usually small, and the two workers have no channel this way round.
  shareResult: async (name) => {
    const { columns, rowCount } = await workers.sql.exportResult(name);
    await workers.data.putResultColumns(name, Comlink.transfer(columns, tableBuffers([{ columns }])), rowCount);
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
// Parameters as SQL cells see them (`:name`); `as_of` on auto is the date the last build used (NULL before one).
notebook.sqlParameters = () =>
  parameters.parameters.map((p) => ({
    name: p.name,
    type: p.type,
    value: p.value === null && p.name === AS_OF && parameters.latestOrderDay !== null ? parameters.latestOrderDay + 1 : p.value,
  }));
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
    if (cell.kind === 'sql') return notebook.sqlCellsUsing(name).includes(cell) ? [cell.resultName] : [];
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
notebook.onTablesChanged = () => void state.refreshTables();
notebook.onCustomerTableBuilt = (summary, asOfWasAuto) => {
  if (asOfWasAuto && parameters.latestOrderDay !== summary.asOf - 1) {
    parameters.latestOrderDay = summary.asOf - 1;
    // SQL cells reading `:as_of` on auto follow the date the build settled on.
    notebook.sqlParametersChanged([AS_OF]);
  }
  void state.refreshTables();
};
const history = new WorkspaceHistory(notebook, parameters);
history.track();
const workspace = new WorkspaceState(
  {
    savedTables: (request) => workers.data.savedTables(request),
    replaceTables: (tables) => {
      return workers.data.replaceTables(Comlink.transfer(tables, tableBuffers(tables)));
    },
    writeFile: (file) => {
      return workers.withFileWorker((api) => api.writeWorkspaceFile(Comlink.transfer(file, tableBuffers(file.tables))));
    },
    exportLiveFile: (file) => {
      return workers.sql.exportWorkspaceFile(Comlink.transfer(file, tableBuffers(file.tables)));
    },
    readFile: (bytes) => workers.withFileWorker((api) => api.readWorkspaceFile(Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]))),
    // Opening does not wait for SQLite to be filled: the notebook works on the data worker's
    // tables at once, and SQL cells wait for the fill themselves (the sources panel shows it).
    restartSql: () => workers.restartSql(undefined, { untilFilled: false }),
  },
  state,
  notebook,
  parameters,
  history,
);
workspace.name = i18n.t('workspace.untitled');
const autosave = new AutosaveState(
  {
    persistTables: (...args) => workers.data.persistTables(...args),
    restoreTables: (...args) => workers.data.restoreTables(...args),
  },
  workspace,
  notebook,
  parameters,
  state,
);
// A workspace opened from a file (or started afresh) is kept under a new id from then on.
workspace.onOpened = () => void autosave.adoptCurrent();
addEventListener('pagehide', () => void autosave.flush());
addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void autosave.flush();
});
mount(App, { target, props: { importState, notebook, parameters, history, i18n, workspace, autosave } });
void start();

/** Opens the workspace this browser kept last, else the demo; then offers a shared template from the link, if any. */
async function start(): Promise<void> {
  if (!(await autosave.start())) {
    await openDemo();
    await autosave.adoptCurrent();
  }
  offerSharedTemplate();
}

/**
 * First visit (or nothing kept): the demo shop, its tables then its notebook in the visitor's
 * language, with three playbooks added (RFM scores, deciles, action stages).
 */
async function openDemo(): Promise<void> {
  if (!(await state.loadDemo())) return;
  workspace.name = i18n.language === 'zh-CN' ? '示例商店' : 'Demo shop';
  const demo = demoWorkspace(i18n.language);
  parameters.parameters = demo.parameters;
  notebook.cells = demo.cells;
  // Opening the demo is where history starts: undo never takes the notebook away.
  history.reset();
  void notebook.runAll();
}

/**
 * A share link carries a template in the fragment (`#template=…`): it is read and checked, then
 * offered (the user agrees before anything is replaced). The fragment is cleared, so a reload
 * does not offer it again.
 */
function offerSharedTemplate(): void {
  const fragment = location.hash;
  if (!hasShareLink(fragment)) return;
  window.history.replaceState(null, '', `${location.pathname}${location.search}`);
  try {
    const read = decodeShareLink(fragment);
    if ('problems' in read) {
      workspace.reportProblem({ fileName: i18n.t('share.title'), code: 'bad-definition', message: 'The template in this link is not valid.', problems: read.problems });
    } else workspace.offerTemplate(read.definition, i18n.t('share.title'));
  } catch (error) {
    workspace.reportProblem({ fileName: i18n.t('share.title'), code: 'bad-link', message: (error as Error).message, problems: [] });
  }
}

/** Returns localStorage, or null where the browser blocks it (reading the property can throw). */
function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
