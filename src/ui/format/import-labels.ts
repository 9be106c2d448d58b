import type { ColumnSpec, ColumnType, DateFormat, DateOrder, Delimiter, Encoding, ImportPhase, IssueSeverity, RaggedRowPolicy } from '../../engine/index.ts';
import type { I18n } from '../i18n/i18n.svelte.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** How each encoding is offered in the encoding select. */
export const ENCODING_LABELS: Record<Encoding, MessageKey> = {
  'utf-8': 'encoding.utf-8',
  gb18030: 'encoding.gb18030',
  'utf-16le': 'encoding.utf-16le',
  'utf-16be': 'encoding.utf-16be',
  'windows-1252': 'encoding.windows-1252',
};

/** How the importer chose the encoding, as a note under the encoding select. */
export const ENCODING_DETECTED_BY_LABELS: Record<string, MessageKey> = {
  bom: 'detectedBy.bom',
  'valid-utf-8': 'detectedBy.valid-utf-8',
  'looks-like-gb18030': 'detectedBy.looks-like-gb18030',
  fallback: 'detectedBy.fallback',
  user: 'detectedBy.user',
};

/** How each delimiter is offered in the delimiter select. */
export const DELIMITER_LABELS: Record<Delimiter, MessageKey> = {
  ',': 'delimiter.comma',
  ';': 'delimiter.semicolon',
  '\t': 'delimiter.tab',
  '|': 'delimiter.pipe',
  whitespace: 'delimiter.whitespace',
};

export const COLUMN_TYPE_LABELS: Record<ColumnType, MessageKey> = {
  text: 'columnType.text',
  integer: 'columnType.integer',
  decimal: 'columnType.decimal',
  boolean: 'columnType.boolean',
  date: 'columnType.date',
  datetime: 'columnType.datetime',
};

/** The short type shown under a column's name in row tables. */
export const TYPE_TAG_LABELS: Record<ColumnType, MessageKey> = {
  text: 'typeTag.text',
  integer: 'typeTag.integer',
  decimal: 'typeTag.decimal',
  boolean: 'typeTag.boolean',
  date: 'typeTag.date',
  datetime: 'typeTag.datetime',
};

export const DATE_FORMAT_LABELS: Record<DateFormat, MessageKey> = {
  auto: 'dateFormat.auto',
  yyyymmdd: 'dateFormat.yyyymmdd',
  'excel-serial': 'dateFormat.excel-serial',
};

export const DATE_ORDER_LABELS: Record<DateOrder, MessageKey> = {
  ymd: 'dateOrder.ymd',
  dmy: 'dateOrder.dmy',
  mdy: 'dateOrder.mdy',
};

export const RAGGED_ROW_LABELS: Record<RaggedRowPolicy, MessageKey> = {
  keep: 'ragged.keep',
  exclude: 'ragged.exclude',
};

export const SEVERITY_LABELS: Record<IssueSeverity, MessageKey> = {
  error: 'severity.error',
  warning: 'severity.warning',
  info: 'severity.info',
};

export const PHASE_LABELS: Record<ImportPhase, MessageKey> = {
  decode: 'phase.decode',
  parse: 'phase.parse',
  columns: 'phase.columns',
};

/** Returns the one-click label of a suggested column spec, e.g. "Read as date (yyyymmdd)". */
export function describeSuggestion(spec: ColumnSpec, i18n: Pick<I18n, 't'>): string {
  const details: string[] = [];
  if (spec.dateFormat && spec.dateFormat !== 'auto') details.push(spec.dateFormat);
  if (spec.dateOrder) {
    details.push(i18n.t(spec.dateOrder === 'ymd' ? 'suggestion.yearFirst' : spec.dateOrder === 'dmy' ? 'suggestion.dayFirst' : 'suggestion.monthFirst'));
  }
  if (spec.decimalSeparator === ',') details.push(i18n.t('suggestion.decimalComma'));
  const type = i18n.t(COLUMN_TYPE_LABELS[spec.type]).toLowerCase();
  return details.length
    ? i18n.t('suggestion.readAsWith', { type, details: details.join(i18n.t('list.separator')) })
    : i18n.t('suggestion.readAs', { type });
}
