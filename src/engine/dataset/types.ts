/**
 * The data shapes of an import, from bytes to typed columns.
 *
 * Every shape here is plain, structured-cloneable data: it crosses the worker boundary with
 * comlink (typed arrays as transferables) and is written into workspace files unchanged.
 */

/** The column types the importer infers and the user can choose. */
export type ColumnType = 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime';

export const COLUMN_TYPES: readonly ColumnType[] = ['text', 'integer', 'decimal', 'boolean', 'date', 'datetime'];

/**
 * A text column, dictionary-encoded: `codes[row]` indexes `dictionary`, and -1 means NULL.
 * Identifiers always live here, so `00004` and 19-digit order ids stay exact.
 */
export interface TextColumn {
  name: string;
  type: 'text';
  codes: Int32Array;
  dictionary: string[];
}

/**
 * A numeric column; NaN means NULL.
 * - integer, decimal: the number (integers are exact: only values within ±2^53 are integers);
 * - boolean: 0 or 1;
 * - date: days since 1970-01-01 of the civil date (no time zone involved);
 * - datetime: milliseconds since 1970-01-01T00:00 of the wall-clock time in the workspace
 *   time zone (values written with an explicit offset are converted into that zone), so
 *   `Math.floor(value / 86_400_000)` is the day in the workspace zone.
 */
export interface NumericColumn {
  name: string;
  type: Exclude<ColumnType, 'text'>;
  values: Float64Array;
}

export type Column = TextColumn | NumericColumn;

/** How date cells are read. `auto` accepts every supported written form. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';
export type DateFormat = 'auto' | 'yyyymmdd' | 'excel-serial';

/** How one column is to be parsed: the inferred choice, or the user's override. */
export interface ColumnSpec {
  type: ColumnType;
  /** For date/datetime: the order of day and month in `1/2/2019`-style values. */
  dateOrder?: DateOrder;
  /** For date/datetime: special encodings the user must confirm (8-digit numbers, Excel serials). */
  dateFormat?: DateFormat;
  /** For integer/decimal: the decimal separator (`1.234,50` uses ','). */
  decimalSeparator?: '.' | ',';
}

export type IssueSeverity = 'info' | 'warning' | 'error';

/** A problem or notable fact found during an import, shown to the user. */
export interface ImportIssue {
  code: IssueCode;
  severity: IssueSeverity;
  /** One sentence in English; the UI says it in its language from `code` and `params`. */
  message: string;
  /** The column concerned, if any. */
  column?: string;
  /** How many cells, rows or characters are concerned. */
  count?: number;
  /** 1-based physical line numbers of the first few occurrences (at most 10). */
  lines?: number[];
  /**
   * Every variable part of `message` (counts, names, examples, …), so the UI can say it in
   * another language; `variant` names which of the code's sentences `message` is.
   */
  params?: IssueParams;
}

/** The variable parts of an issue's or import error's sentence. */
export type IssueParams = Record<string, string | number>;

export type IssueCode =
  | 'file-too-large'
  | 'binary-file'
  | 'empty-file'
  | 'replacement-characters'
  | 'encoding-guessed'
  | 'lines-skipped-above-header'
  | 'no-header'
  | 'blank-lines'
  | 'header-empty'
  | 'header-duplicate'
  | 'header-control-characters'
  | 'header-trimmed'
  | 'unclosed-quote'
  | 'ragged-row-long'
  | 'ragged-row-short'
  | 'rows-excluded'
  | 'bad-cells'
  | 'id-decimal-artifact'
  | 'id-scientific-notation'
  | 'id-kept-as-text'
  | 'date-order-ambiguous'
  | 'date-yyyymmdd-suggested'
  | 'date-zone-converted'
  | 'nul-characters';

/** The file formats the importer reads. */
export type FileFormat = 'csv' | 'xlsx';

/** The encodings the importer can decode. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export const ENCODINGS: readonly Encoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'windows-1252'];

/** The result of decoding bytes to text. */
export interface DecodedText {
  text: string;
  encoding: Encoding;
  /** True when the file started with a byte-order mark (which is not part of `text`). */
  bom: boolean;
  /** U+FFFD characters produced by decoding (never silently accepted: reported). */
  replacementCount: number;
  /** 1-based line numbers of the first few lines holding a replacement character. */
  replacementLines: number[];
  /** How the encoding was chosen. */
  detectedBy: 'bom' | 'valid-utf-8' | 'looks-like-gb18030' | 'fallback' | 'user';
}

/** `whitespace` means runs of spaces/tabs separate fields (fixed-width-ish text such as CDNOW). */
export type Delimiter = ',' | ';' | '\t' | '|' | 'whitespace';

export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|', 'whitespace'];

/** What to do with rows that have more or fewer fields than the header. */
export type RaggedRowPolicy = 'keep' | 'exclude';

/** The CSV dialect: detected, then overridable by the user. */
export interface Dialect {
  delimiter: Delimiter;
  /** Number of physical lines before the header (title/metadata lines of Excel exports). */
  skipLines: number;
  /** False when the first row is data (columns are then named column_1..n). */
  hasHeader: boolean;
}

/**
 * Parsed rows as raw cell strings, read column by column. Implementations keep memory low
 * (the quote-free fast path stores field offsets into the text, not a string per cell).
 */
export interface RawTable {
  /** Header names as written (before normalisation); column_1..n when the file has none. */
  header: string[];
  rowCount: number;
  columnCount: number;
  /** The text of `column` in data row `row`, or null when the row had no such field. */
  cell(column: number, row: number): string | null;
  /** 1-based physical line where each data row starts. */
  lineNumbers: Int32Array;
  /** Number of fields each row actually had (to report ragged rows). */
  fieldCounts: Int32Array;
  /** The fields beyond the header's width in `row`, joined by the delimiter; null if none. */
  extraFields(row: number): string | null;
}

/** Options the user (or a test) can set for one import. Unset fields are detected. */
export interface ImportOptions {
  /** The table name; defaults to the file name without extension. */
  tableName?: string;
  encoding?: Encoding;
  delimiter?: Delimiter;
  skipLines?: number;
  hasHeader?: boolean;
  raggedRows?: RaggedRowPolicy;
  /** Overrides by column name (after header normalisation). */
  columns?: Record<string, Partial<ColumnSpec>>;
  /** Renames by column name (after header normalisation), e.g. for header-less files. */
  renames?: Record<string, string>;
  /** IANA time zone of the workspace; defaults to UTC in the engine (callers pass the browser's). */
  timeZone?: string;
  /** For .xlsx files: the sheet to read, by name; defaults to the first sheet. */
  sheet?: string;
}

/** One column as the preview shows it: what was inferred, and what it will be loaded as. */
export interface ColumnSummary {
  name: string;
  /** The name as written in the file, before normalisation. */
  originalName: string;
  spec: ColumnSpec;
  /** The type the importer would choose by itself (the user may have overridden it). */
  inferredType: ColumnType;
  /** A type the user should consider (e.g. `date` for 8-digit yyyymmdd numbers). */
  suggestedSpec?: ColumnSpec;
  nullCount: number;
  badCount: number;
  /** Up to five example values as written. */
  examples: string[];
}

/** The outcome of reading a file: what was detected and every issue, plus the typed columns. */
export interface ImportResult {
  tableName: string;
  /** The file format read; absent means CSV (results from before .xlsx support). */
  format?: FileFormat;
  /** For .xlsx files: every sheet's name, in workbook order (the one read is `dialect`'s source). */
  sheets?: string[];
  /** For .xlsx files: the sheet read. */
  sheet?: string;
  byteLength: number;
  encoding: DecodedText['encoding'];
  encodingDetectedBy: DecodedText['detectedBy'];
  dialect: Dialect;
  raggedRows: RaggedRowPolicy;
  timeZone: string;
  columns: ColumnSummary[];
  data: Column[];
  /** Data rows found in the file (after the header; blank lines not counted). */
  inputRows: number;
  loadedRows: number;
  /** inputRows = loadedRows + excludedRows, always. */
  excludedRows: number;
  /** 1-based physical line numbers of loaded rows, for error messages in later steps. */
  lineNumbers: Int32Array;
  issues: ImportIssue[];
}
