/**
 * The message catalogue: every string the UI shows, in English and Simplified Chinese.
 *
 * `en` defines the keys; `zhCN` has the type `Messages`, so a missing or extra key is a type
 * error. `{name}` marks a placeholder, filled by `I18n.t`; both languages use the same ones
 * (test/unit/ui/messages.test.ts). A key ending in `_one` / `_other` is a count, chosen by `I18n.tn`.
 */
import type { IssueCode } from '../../engine/dataset/types.ts';
import { enEditor, zhEditor } from './messages-editor.ts';
import { enFormula, zhFormula } from './messages-formula.ts';
import { enGrid, zhGrid } from './messages-grid.ts';
import { enIssues, zhIssues } from './messages-issues.ts';
import { enNotebook, zhNotebook } from './messages-notebook.ts';
import { enTags, zhTags } from './messages-tags.ts';
import { enExport, zhExport } from './messages-export.ts';
import { enCharts, zhCharts } from './messages-charts.ts';
import { enWorkspace, zhWorkspace } from './messages-workspace.ts';
import { enPlaybooks, zhPlaybooks } from './messages-playbooks.ts';
import { enAnalyses, zhAnalyses } from './messages-analyses.ts';
import { enPresentation, zhPresentation } from './messages-presentation.ts';
import { enOffline, zhOffline } from './messages-offline.ts';

export type Language = 'en' | 'zh-CN';

export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

/** How each language names itself in the language select (the same in every language). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

/** Short titles of the importer's issue codes (the sentences are in messages-issues.ts). */
const enIssueTitles = {
  'issue.file-too-large': 'File too large',
  'issue.binary-file': 'Not a text file',
  'issue.empty-file': 'Empty file',
  'issue.replacement-characters': 'Characters that could not be decoded',
  'issue.encoding-guessed': 'Encoding guessed',
  'issue.lines-skipped-above-header': 'Lines skipped above the header',
  'issue.no-header': 'No header row',
  'issue.blank-lines': 'Blank lines',
  'issue.header-empty': 'Empty column name',
  'issue.header-duplicate': 'Duplicate column names',
  'issue.header-control-characters': 'Control characters in the header',
  'issue.header-trimmed': 'Column names trimmed',
  'issue.unclosed-quote': 'Unclosed quote',
  'issue.ragged-row-long': 'Rows with extra fields',
  'issue.ragged-row-short': 'Rows with missing fields',
  'issue.rows-excluded': 'Rows excluded',
  'issue.bad-cells': 'Cells that could not be parsed',
  'issue.id-decimal-artifact': 'IDs with a trailing .0',
  'issue.id-scientific-notation': 'IDs in scientific notation',
  'issue.id-kept-as-text': 'IDs kept as text',
  'issue.date-order-ambiguous': 'Ambiguous date order',
  'issue.date-yyyymmdd-suggested': 'Looks like yyyymmdd dates',
  'issue.date-zone-converted': 'Time zones converted',
  'issue.nul-characters': 'NUL characters',
} satisfies Record<`issue.${IssueCode}`, string>;

export const en = {
  'app.subtitle': 'Customer tagging that runs entirely in your browser — your data never leaves this tab.',
  'app.heading': 'Tagbook: import a CSV',
  'app.timeZone': 'Time zone',
  'app.timeZoneTitle': 'Dates and times are read in this time zone',

  'dropZone.heading': 'Drop a CSV file anywhere on the page',
  'dropZone.release': 'Release to preview the file',
  'dropZone.reading': 'Reading the file…',
  'dropZone.hint': 'CSV, TSV, Excel (.xlsx) or text exports · UTF-8, GB18030/GBK, UTF-16 · files are read here and never uploaded',
  'dropZone.choose': 'Choose a CSV or Excel file',
  'dropZone.pasteLabel': 'Or paste CSV text',
  'dropZone.pastePreview': 'Preview pasted text',

  'preview.eyebrow': 'Import preview',
  'preview.counts': '{inputRows} rows in the file, {loadedRows} loaded, {excludedRows} excluded',
  'preview.columnCount_one': '{count} column',
  'preview.columnCount_other': '{count} columns',
  'preview.tableName': 'Table name',
  'preview.discard': 'Discard',
  'preview.load': 'Load table',
  'preview.loading': 'Loading {name}',
  'preview.progressRows': '{count} rows',
  'preview.issues': 'Issues',
  'preview.columns': 'Columns',
  'preview.sample': 'First {count} rows, as they will be loaded',
  'preview.sampleLabel': 'First rows of {name}',
  'preview.noRows': 'No rows would be loaded.',

  'settings.group': 'How the file is read',
  'settings.sheet': 'Sheet',
  'settings.encoding': 'Encoding',
  'settings.delimiter': 'Delimiter',
  'settings.skipLines': 'Lines to skip above the header',
  'settings.hasHeader': 'First row is a header',
  'settings.raggedRows': 'Rows with too many or too few fields',
  'settings.timeZone': 'Time zone',
  'settings.timeZoneNote': 'Date-times are read in this zone',

  'encoding.utf-8': 'UTF-8',
  'encoding.gb18030': 'GB18030 (GBK, Simplified Chinese)',
  'encoding.utf-16le': 'UTF-16 LE',
  'encoding.utf-16be': 'UTF-16 BE',
  'encoding.windows-1252': 'Windows-1252 (Western)',

  'detectedBy.bom': 'Detected from the byte-order mark',
  'detectedBy.valid-utf-8': 'Detected: the bytes are valid UTF-8',
  'detectedBy.looks-like-gb18030': 'Detected: looks like Chinese GB18030 text',
  'detectedBy.fallback': 'Guessed: check that the text looks right',
  'detectedBy.user': 'Chosen by you',

  'delimiter.comma': 'Comma ( , )',
  'delimiter.semicolon': 'Semicolon ( ; )',
  'delimiter.tab': 'Tab',
  'delimiter.pipe': 'Pipe ( | )',
  'delimiter.whitespace': 'Spaces',

  'columnType.text': 'Text',
  'columnType.integer': 'Integer',
  'columnType.decimal': 'Decimal',
  'columnType.boolean': 'Boolean',
  'columnType.date': 'Date',
  'columnType.datetime': 'Date and time',

  // The short type shown under a column's name in row tables.
  'typeTag.text': 'text',
  'typeTag.integer': 'integer',
  'typeTag.decimal': 'decimal',
  'typeTag.boolean': 'boolean',
  'typeTag.date': 'date',
  'typeTag.datetime': 'datetime',

  'dateFormat.auto': 'Written dates',
  'dateFormat.yyyymmdd': 'yyyymmdd numbers',
  'dateFormat.excel-serial': 'Excel serial numbers',

  'dateOrder.ymd': 'Year, month, day',
  'dateOrder.dmy': 'Day, month, year',
  'dateOrder.mdy': 'Month, day, year',

  'ragged.keep': 'Keep them (extra fields go to _extra)',
  'ragged.exclude': 'Exclude them',

  'severity.error': 'Error',
  'severity.warning': 'Warning',
  'severity.info': 'Note',

  'phase.decode': 'Decoding text',
  'phase.parse': 'Parsing rows',
  'phase.columns': 'Typing columns',

  'suggestion.readAs': 'Read as {type}',
  'suggestion.readAsWith': 'Read as {type} ({details})',
  'suggestion.yearFirst': 'year first',
  'suggestion.dayFirst': 'day first',
  'suggestion.monthFirst': 'month first',
  'suggestion.decimalComma': 'decimal comma',
  'list.separator': ', ',

  'columns.column': 'Column',
  'columns.type': 'Type',
  'columns.nulls': 'Nulls',
  'columns.bad': 'Bad',
  'columns.examples': 'Examples',
  'columns.nameOf': 'Name of column {name}',
  'columns.inFile': 'in file: {name}',
  'columns.emptyName': '(empty)',
  'columns.detected': 'detected: {type}',
  'columns.typeOf': 'Type of column {name}',
  'columns.dateFormatOf': 'Date format of column {name}',
  'columns.dateOrderOf': 'Date order of column {name}',

  'issues.column': 'Column',
  'issues.lines_one': 'Line {lines}',
  'issues.lines_other': 'Lines {lines}',
  ...enIssueTitles,

  'tables.heading': 'Sources',
  'tables.rows_one': '{count} row',
  'tables.rows_other': '{count} rows',
  'tables.columns_one': '{count} column',
  'tables.columns_other': '{count} columns',
  'tables.sqliteReady': 'SQLite: ready',
  'tables.sqliteProgress': 'SQLite: {done} / {total} rows',
  'tables.sqliteCopy': 'SQLite copy of {name}',
  'tables.loaded': '{rows} loaded',
  'tables.columnsOf': 'Columns of {name}',
  'tables.firstOf': 'First {shown} of {total}',
  'tables.all': 'All {total}',
  'tables.rowsOf': 'Rows of {name}',
  'tables.choose': 'Choose a table to see its first rows.',
  'tablePreview.row': 'Row',

  'error.dismiss': 'Dismiss',
  'error.line': 'line {line}',
  'error.kept': 'Tables already loaded are unchanged.',
  'error.readFile': 'Could not read “{name}”',
  'error.loadFile': 'Could not load “{name}”',
  'error.loadDemo': 'Could not load the demo shop',
  'error.showRows': 'Could not show the rows of “{name}”',
  'error.changeFailed': 'That change could not be applied',
  'error.listTables': 'Could not list the loaded tables',
  'error.emptyText': 'Nothing to preview',
  'error.emptyTextMessage': 'Paste some CSV text first.',
  'error.workerFailed': 'The data engine stopped',
  'error.workerFailedHint': 'Restart it: the page reloads and your workspace comes back from this browser’s autosave (changes of the last second may be lost).',
  'error.restart': 'Restart from autosave',
  ...enGrid,
  ...enFormula,
  ...enIssues,
  ...enEditor,
  ...enNotebook,
  ...enTags,
  ...enExport,
  ...enCharts,
  ...enWorkspace,
  ...enPlaybooks,
  ...enAnalyses,
  ...enPresentation,
  ...enOffline,
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const zhIssueTitles = {
  'issue.file-too-large': '文件过大',
  'issue.binary-file': '不是文本文件',
  'issue.empty-file': '空文件',
  'issue.replacement-characters': '存在无法解码的字符',
  'issue.encoding-guessed': '编码为推测结果',
  'issue.lines-skipped-above-header': '已跳过表头上方的行',
  'issue.no-header': '没有表头行',
  'issue.blank-lines': '空行',
  'issue.header-empty': '列名为空',
  'issue.header-duplicate': '列名重复',
  'issue.header-control-characters': '表头含控制字符',
  'issue.header-trimmed': '列名已去除首尾空格',
  'issue.unclosed-quote': '引号未闭合',
  'issue.ragged-row-long': '部分行字段过多',
  'issue.ragged-row-short': '部分行字段不足',
  'issue.rows-excluded': '已排除部分行',
  'issue.bad-cells': '存在无法解析的单元格',
  'issue.id-decimal-artifact': 'ID 末尾带有 .0',
  'issue.id-scientific-notation': 'ID 被写成科学计数法',
  'issue.id-kept-as-text': 'ID 保留为文本',
  'issue.date-order-ambiguous': '日期顺序不明确',
  'issue.date-yyyymmdd-suggested': '疑似 yyyymmdd 格式的日期',
  'issue.date-zone-converted': '已换算时区',
  'issue.nul-characters': '含有 NUL 字符',
} satisfies Record<`issue.${IssueCode}`, string>;

export const zhCN: Messages = {
  'app.subtitle': '完全在浏览器中运行的客户标签工具——数据始终留在本页面，不会上传。',
  'app.heading': 'Tagbook：导入 CSV',
  'app.timeZone': '时区',
  'app.timeZoneTitle': '日期和时间按此时区解读',

  'dropZone.heading': '将 CSV 文件拖放到页面任意位置',
  'dropZone.release': '松开即可预览文件',
  'dropZone.reading': '正在读取文件…',
  'dropZone.hint': 'CSV、TSV、Excel（.xlsx）或文本导出文件 · UTF-8、GB18030/GBK、UTF-16 · 仅在本地读取，不会上传',
  'dropZone.choose': '选择 CSV 或 Excel 文件',
  'dropZone.pasteLabel': '或粘贴 CSV 文本',
  'dropZone.pastePreview': '预览粘贴的文本',

  'preview.eyebrow': '导入预览',
  'preview.counts': '文件共 {inputRows} 行，载入 {loadedRows} 行，排除 {excludedRows} 行',
  'preview.columnCount_one': '{count} 列',
  'preview.columnCount_other': '{count} 列',
  'preview.tableName': '表名',
  'preview.discard': '放弃',
  'preview.load': '加载表',
  'preview.loading': '正在加载 {name}',
  'preview.progressRows': '{count} 行',
  'preview.issues': '问题',
  'preview.columns': '列',
  'preview.sample': '前 {count} 行（即加载后的结果）',
  'preview.sampleLabel': '{name} 的前几行',
  'preview.noRows': '没有可加载的行。',

  'settings.group': '文件读取方式',
  'settings.sheet': '工作表',
  'settings.encoding': '编码',
  'settings.delimiter': '分隔符',
  'settings.skipLines': '表头上方跳过的行数',
  'settings.hasHeader': '首行为表头',
  'settings.raggedRows': '字段过多或过少的行',
  'settings.timeZone': '时区',
  'settings.timeZoneNote': '日期时间按此时区解读',

  'encoding.utf-8': 'UTF-8',
  'encoding.gb18030': 'GB18030（GBK，简体中文）',
  'encoding.utf-16le': 'UTF-16 LE',
  'encoding.utf-16be': 'UTF-16 BE',
  'encoding.windows-1252': 'Windows-1252（西欧）',

  'detectedBy.bom': '根据字节顺序标记（BOM）识别',
  'detectedBy.valid-utf-8': '已识别：内容是有效的 UTF-8',
  'detectedBy.looks-like-gb18030': '已识别：疑似中文 GB18030 文本',
  'detectedBy.fallback': '推测结果：请确认文字显示正常',
  'detectedBy.user': '由你指定',

  'delimiter.comma': '逗号 ( , )',
  'delimiter.semicolon': '分号 ( ; )',
  'delimiter.tab': '制表符 (Tab)',
  'delimiter.pipe': '竖线 ( | )',
  'delimiter.whitespace': '空格',

  'columnType.text': '文本',
  'columnType.integer': '整数',
  'columnType.decimal': '小数',
  'columnType.boolean': '布尔值',
  'columnType.date': '日期',
  'columnType.datetime': '日期时间',

  'typeTag.text': '文本',
  'typeTag.integer': '整数',
  'typeTag.decimal': '小数',
  'typeTag.boolean': '布尔值',
  'typeTag.date': '日期',
  'typeTag.datetime': '日期时间',

  'dateFormat.auto': '常规日期写法',
  'dateFormat.yyyymmdd': 'yyyymmdd 数字',
  'dateFormat.excel-serial': 'Excel 日期序列号',

  'dateOrder.ymd': '年-月-日',
  'dateOrder.dmy': '日-月-年',
  'dateOrder.mdy': '月-日-年',

  'ragged.keep': '保留（多出的字段放入 _extra）',
  'ragged.exclude': '排除这些行',

  'severity.error': '错误',
  'severity.warning': '警告',
  'severity.info': '提示',

  'phase.decode': '正在解码文本',
  'phase.parse': '正在解析行',
  'phase.columns': '正在识别列类型',

  'suggestion.readAs': '按{type}读取',
  'suggestion.readAsWith': '按{type}读取（{details}）',
  'suggestion.yearFirst': '年在前',
  'suggestion.dayFirst': '日在前',
  'suggestion.monthFirst': '月在前',
  'suggestion.decimalComma': '逗号作小数点',
  'list.separator': '、',

  'columns.column': '列',
  'columns.type': '类型',
  'columns.nulls': '空值',
  'columns.bad': '无法解析',
  'columns.examples': '示例',
  'columns.nameOf': '列 {name} 的名称',
  'columns.inFile': '文件中：{name}',
  'columns.emptyName': '（空）',
  'columns.detected': '识别为：{type}',
  'columns.typeOf': '列 {name} 的类型',
  'columns.dateFormatOf': '列 {name} 的日期格式',
  'columns.dateOrderOf': '列 {name} 的日期顺序',

  'issues.column': '列',
  'issues.lines_one': '第 {lines} 行',
  'issues.lines_other': '第 {lines} 行',
  ...zhIssueTitles,

  'tables.heading': '数据源',
  'tables.rows_one': '{count} 行',
  'tables.rows_other': '{count} 行',
  'tables.columns_one': '{count} 列',
  'tables.columns_other': '{count} 列',
  'tables.sqliteReady': 'SQLite：已就绪',
  'tables.sqliteProgress': 'SQLite：{done} / {total} 行',
  'tables.sqliteCopy': '{name} 的 SQLite 副本',
  'tables.loaded': '已加载 {rows}',
  'tables.columnsOf': '{name} 的列',
  'tables.firstOf': '共 {total}，显示前 {shown} 行',
  'tables.all': '全部 {total}',
  'tables.rowsOf': '{name} 的数据行',
  'tables.choose': '选择一个表，查看它的前几行。',
  'tablePreview.row': '行号',

  'error.dismiss': '关闭',
  'error.line': '第 {line} 行',
  'error.kept': '已加载的表保持不变。',
  'error.readFile': '无法读取“{name}”',
  'error.loadFile': '无法加载“{name}”',
  'error.loadDemo': '无法加载示例店铺',
  'error.showRows': '无法显示“{name}”的行',
  'error.changeFailed': '无法应用该更改',
  'error.listTables': '无法列出已加载的表',
  'error.emptyText': '没有可预览的内容',
  'error.emptyTextMessage': '请先粘贴一些 CSV 文本。',
  'error.workerFailed': '数据引擎已停止',
  'error.workerFailedHint': '请重新启动：页面会重新加载，工作区将从本浏览器的自动保存中恢复（最后一秒内的改动可能丢失）。',
  'error.restart': '从自动保存重新启动',
  ...zhGrid,
  ...zhFormula,
  ...zhIssues,
  ...zhEditor,
  ...zhNotebook,
  ...zhTags,
  ...zhExport,
  ...zhCharts,
  ...zhWorkspace,
  ...zhPlaybooks,
  ...zhAnalyses,
  ...zhPresentation,
  ...zhOffline,
};

export const CATALOGUES: Record<Language, Messages> = { en, 'zh-CN': zhCN };

export type MessageParams = Record<string, string | number>;

/** A message not yet put into words: a key and its parameters, rendered in the page's language. */
export interface LocalText {
  key: MessageKey;
  params?: MessageParams;
}

/** Returns the LocalText for `key` with `params`. */
export function localText(key: MessageKey, params?: MessageParams): LocalText {
  return params ? { key, params } : { key };
}

/** Returns the key of the title of an issue or error code, or null when the catalogue has none. */
export function issueTitleKey(code: string): MessageKey | null {
  const key = `issue.${code}`;
  return key in en ? (key as MessageKey) : null;
}

/** Returns the placeholders of a message, sorted: `'{a} of {b}'` → `['a', 'b']`. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}
