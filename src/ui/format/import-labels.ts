import type { ColumnSpec, ColumnType, DateFormat, DateOrder, Delimiter, Encoding, ImportPhase, IssueSeverity, RaggedRowPolicy } from '../../engine/index.ts';

/** How each encoding is offered in the encoding select. */
export const ENCODING_LABELS: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GB18030 (GBK, Simplified Chinese)',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Western)',
};

/** How the importer chose the encoding, as a note under the encoding select. */
export const ENCODING_DETECTED_BY_LABELS: Record<string, string> = {
  bom: 'Detected from the byte-order mark',
  'valid-utf-8': 'Detected: the bytes are valid UTF-8',
  'looks-like-gb18030': 'Detected: looks like Chinese GB18030 text',
  fallback: 'Guessed: check that the text looks right',
  user: 'Chosen by you',
};

/** How each delimiter is offered in the delimiter select. */
export const DELIMITER_LABELS: Record<Delimiter, string> = {
  ',': 'Comma ( , )',
  ';': 'Semicolon ( ; )',
  '\t': 'Tab',
  '|': 'Pipe ( | )',
  whitespace: 'Spaces',
};

export const COLUMN_TYPE_LABELS: Record<ColumnType, string> = {
  text: 'Text',
  integer: 'Integer',
  decimal: 'Decimal',
  boolean: 'Boolean',
  date: 'Date',
  datetime: 'Date and time',
};

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  auto: 'Written dates',
  yyyymmdd: 'yyyymmdd numbers',
  'excel-serial': 'Excel serial numbers',
};

export const DATE_ORDER_LABELS: Record<DateOrder, string> = {
  ymd: 'Year, month, day',
  dmy: 'Day, month, year',
  mdy: 'Month, day, year',
};

export const RAGGED_ROW_LABELS: Record<RaggedRowPolicy, string> = {
  keep: 'Keep them (extra fields go to _extra)',
  exclude: 'Exclude them',
};

export const SEVERITY_LABELS: Record<IssueSeverity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Note',
};

export const PHASE_LABELS: Record<ImportPhase, string> = {
  decode: 'Decoding text',
  parse: 'Parsing rows',
  columns: 'Typing columns',
};

/** Returns the one-click label of a suggested column spec, e.g. "Read as date (yyyymmdd)". */
export function describeSuggestion(spec: ColumnSpec): string {
  const details: string[] = [];
  if (spec.dateFormat && spec.dateFormat !== 'auto') details.push(spec.dateFormat);
  if (spec.dateOrder) details.push(spec.dateOrder === 'ymd' ? 'year first' : spec.dateOrder === 'dmy' ? 'day first' : 'month first');
  if (spec.decimalSeparator === ',') details.push('decimal comma');
  const type = COLUMN_TYPE_LABELS[spec.type].toLowerCase();
  return details.length ? `Read as ${type} (${details.join(', ')})` : `Read as ${type}`;
}
