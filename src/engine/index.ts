/** The engine's public API: pure TypeScript that runs the same in Node and in the worker. */
export * from './dataset/types.ts';
export { ImportError, isImportError } from './dataset/import-error.ts';
export { loadCsv, type ImportPhase, type ImportProgress, type LoadCsvOptions } from './dataset/load-csv.ts';
export { loadXlsx, looksLikeZip } from './dataset/load-xlsx.ts';
export { checkImportSize, MAX_IMPORT_BYTES } from './dataset/check-import-size.ts';
export { formatCell, columnLength } from './dataset/format-cell.ts';
export { toArqueroFrame, type ArqueroFrame } from './dataset/to-arquero.ts';
export { quoteIdentifier } from './sqlite/quote-identifier.ts';
export { tableNameFromFile } from './sqlite/table-name-from-file.ts';
export { openDatabase } from './sqlite/open-database.ts';
export { runQuery, type QueryResult } from './sqlite/run-query.ts';
export { fillTable, startFillTable, createTableSql, type FillProgress, type TableFiller } from './sqlite/fill-table.ts';
export type { Database, SqlModule, SqlValue } from './sqlite/sql-types.ts';
export { describeImport, type ImportDescription } from './dataset/describe-import.ts';
export { generateOrdersCsv, type GenerateOrdersOptions } from './demo/generate-orders.ts';
export { seededRandom } from './demo/seeded-random.ts';
export { generateShop, type GenerateShopOptions, type ShopSink } from './demo/generate-shop.ts';
export { demoShopFiles, DEMO_SHOP, type DemoFile } from './demo/demo-shop-files.ts';
export { insertCell, moveCell, newCellId, removeCell, updateCell, withoutSpecConsent } from './notebook/cells.ts';
export type { AnalysisCell, Cell, CellKind, CustomersCell, NoteCell, SourceCell, SqlCell, TagCell, ChartCell } from './notebook/cells.ts';
export { defaultTagDefinition, parseTagDefinition, parseTagsFile, thresholdOrderProblem, withThreshold, MAX_TAGS_IN_FILE, TAG_KINDS } from './notebook/tag-definitions.ts';
export { checkResultName, MAX_RESULT_NAME_LENGTH, nextResultName } from './notebook/result-names.ts';
export type { ResultNameProblem } from './notebook/result-names.ts';
export { demoNotebook } from './demo/demo-notebook.ts';
export { demoWorkspace, DEMO_CUSTOMER_COLUMNS, DEMO_PLAYBOOKS } from './demo/demo-workspace.ts';
export { runCellScript, type CellScript } from './sqlite/run-cell-script.ts';
export { bindSqlParameters, sqlParameterNames, sqlParameterTokens, SqlParameterError, type SqlParameter, type SqlParameterToken } from './sqlite/sql-parameters.ts';
export { describeTableColumns, type TableColumn } from './sqlite/describe-table-columns.ts';
export { pickRowidName } from './sqlite/pick-rowid-name.ts';
export { buildSortPermutation } from './table/build-sort-permutation.ts';
export { readGridValue } from './table/read-grid-value.ts';
export {
  addParameter,
  AS_OF,
  checkSlider,
  checkValue,
  defaultParameters,
  isParameterProblem,
  removeParameter,
  resolveAsOf,
  setParameterValue,
} from './parameters/parameters.ts';
export type { Parameter, ParameterProblem, ParameterType, SliderControl } from './parameters/parameters.ts';
export { formatDay, formatWallClock } from './sqlite/format-sql-value.ts';
export { guessRoles } from './customers/guess-roles.ts';
export { buildCustomerTable } from './customers/build-customer-table.ts';
export { CustomerTableError, isCustomerTableError, type CustomerTableErrorCode } from './customers/customer-table-error.ts';
export type {
  BuildCustomerTableOptions,
  CustomerIssue,
  CustomerIssueCode,
  CustomerTable,
  CustomerTableDefinition,
  CustomerTableInput,
  EvaluateFormula,
  InputTable,
  ItemRoles,
  MetricDefinition,
  MetricOptions,
  OrderFilters,
  OrderRoles,
  OrderRowsMode,
  OrdersVariant,
  RefundRule,
  RevenueVariant,
  RoleSource,
} from './customers/types.ts';
export type { FormulaParameter, FormulaType, FormulaScope, FormulaErrorInfo, CompiledFormula } from './formula/contract.ts';
export { evaluateCustomMetrics, type CustomMetric, type CustomMetricResult } from './metrics/custom-metrics.ts';
export { compileFormula, FormulaError, isFormulaError, FUNCTION_HELP, formulaCompletions, quoteFormulaName } from './formula/index.ts';
export type { EvaluationInput, FormulaCompletion, FormulaHelp, FunctionHelp, ToSqlOptions } from './formula/index.ts';
export { formulaMentions, formulaNames } from './metrics/formula-names.ts';
export { columnsFromRows } from './sqlite/columns-from-rows.ts';
export {
  evaluateTags,
  explainCustomer,
  inputLabel,
  recut,
  segmentStats,
  tagColumn,
  tagToSql,
  RFM_8_CLASSES,
  RFM_PACKAGE_0_2_RULES,
  RFM_RULE_PRESETS,
  unreachableRules,
  OTHERS as OTHERS_SEGMENT,
  dependentTags,
  parameterUse,
  segmentProfile,
  tagMentions,
  tagFormulas,
  tagUsesParameter,
} from './tags/index.ts';
export type * from './tags/types.ts';
export type { CustomerExplanation, MetricProfile, ParameterUse, ProfileFigures, RuleCheck, SegmentStat, SegmentStats, TagSqlOptions, TagTable } from './tags/index.ts';
export { buildThresholdIndex, thresholdStats, type ThresholdIndex } from './tags/threshold-index.ts';
export { UndoStack, type UndoStackOptions } from './history/undo-stack.ts';
export {
  exportFileName,
  neutralizeCell,
  readExportRows,
  toCsv,
  toXlsxSheet,
  xlsxSheetName,
  UTF8_BOM,
  type ExportColumn,
  type ExportValue,
  type XlsxCell,
  type XlsxSheet,
} from './export/index.ts';
export {
  buildChartSpec,
  computeChartData,
  ChartError,
  isChartError,
  CHART_VIEWS,
  ALL_CHART_VIEWS,
  RESULT_CHART_VIEWS,
  SERIES_ROW_LIMIT,
  isResultChartView,
  seriesChartData,
  seriesColumns,
  SCATTER_SAMPLE,
  SEGMENT_PALETTE,
  NO_SEGMENT,
  CHART_FONT,
} from './charts/index.ts';
export type { ChartData, ChartDefinition, ChartErrorCode, ChartInput, ChartSegment, ChartSpecOptions, ChartView, SeriesInput } from './charts/index.ts';
export {
  applyTemplate,
  cellTitle,
  diffDefinitions,
  migrateDefinition,
  readAnyDefinition,
  readTemplateDefinition,
  readWorkspaceDefinition,
  serializeDefinition,
  toTemplate,
  decodeShareLink,
  encodeShareLink,
  hasShareLink,
  looksPersonal,
  ShareLinkError,
  DEFINITION_VERSION,
  SHARE_LINK_MAX_BYTES,
  TEMPLATE_FORMAT,
  WORKSPACE_FORMAT,
} from './workspace/index.ts';
export type {
  AppliedTemplate,
  Definition,
  DefinitionChange,
  ReadDefinitionOptions,
  TemplateColumn,
  GridFilter,
  TemplateDefinition,
  WorkspaceDefinition,
  WorkspaceProblem,
  WorkspaceView,
} from './workspace/index.ts';
export {
  applyPrivacy,
  isWorkspaceFileError,
  readWorkspaceFile,
  writeWorkspaceFile,
  exportWorkspaceFileFrom,
  liveTablesProblem,
  WorkspaceFileError,
  FILE_CONTENTS,
  MAX_WORKSPACE_FILE_BYTES,
  SAVED_TABLE_KINDS,
  WORKSPACE_FILE_VERSION,
} from './workspace-file/index.ts';
export type { ColumnRef, FileContents, SavedTable, SavedTableKind, WorkspaceFile, WorkspaceFileErrorCode } from './workspace-file/index.ts';
export { PLAYBOOKS, applyPlaybook, freeName, missingNeeds, playbookSources } from './playbooks/index.ts';
export type { ApplyPlaybookResult, Bilingual, Playbook, PlaybookAddition, PlaybookContext, PlaybookLanguage, PlaybookNeed, PlaybookSources } from './playbooks/index.ts';
export { SQL_DIALECTS, WarehouseSqlError, workspaceToSql, type SqlDialect, type WorkspaceSql, type WorkspaceToSqlOptions } from './warehouse-sql/index.ts';
export * from './analyses/index.ts';
