/**
 * Tagbook's command line: the same engine as the app, on files in Node.
 *
 *   npm run cli -- inspect FILE [options]        prints what an import detects, as JSON (CSV/text or .xlsx)
 *   npm run cli -- sql FILE [FILE ...] "SQL"     loads each file as a table and prints the result as CSV
 *
 * Errors are one line on stderr and a non-zero exit.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import initSqlJs from 'sql.js';
import {
  COLUMN_TYPES,
  checkImportSize,
  describeImport,
  fillTable,
  isImportError,
  loadCsv,
  loadXlsx,
  looksLikeZip,
  openDatabase,
  runQuery,
  tableNameFromFile,
  type ColumnSpec,
  type ColumnType,
  type Delimiter,
  type Encoding,
  type ImportOptions,
  type ImportResult,
} from '../src/engine/index.ts';
import { DELIMITERS, ENCODINGS } from '../src/engine/dataset/types.ts';

const USAGE = `usage:
  npm run cli -- inspect FILE [options]
  npm run cli -- sql FILE [FILE ...] "SQL" [options]
options:
  --encoding utf-8|gb18030|utf-16le|utf-16be|windows-1252
  --delimiter comma|semicolon|tab|pipe|spaces
  --skip-lines N        lines above the header
  --no-header           the first row is data (columns become column_1..n)
  --type NAME=TYPE[:FORMAT]  e.g. --type date=date:yyyymmdd, --type id=text (repeatable)
  --exclude-ragged      exclude rows whose field count differs from the header
  --tz ZONE             workspace time zone (default: this machine's)
  --sheet NAME          for .xlsx files: the sheet to read (default: the first)`;

class CliError extends Error {}

const DELIMITER_NAMES: Record<string, Delimiter> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|', spaces: 'whitespace', whitespace: 'whitespace' };

function parseOptions(values: Record<string, string | boolean | string[] | undefined>): ImportOptions {
  const options: ImportOptions = {
    timeZone: typeof values.tz === 'string' ? values.tz : Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  if (typeof values.encoding === 'string') {
    if (!ENCODINGS.includes(values.encoding as Encoding)) throw new CliError(`unknown encoding "${values.encoding}" (use ${ENCODINGS.join(', ')})`);
    options.encoding = values.encoding as Encoding;
  }
  if (typeof values.delimiter === 'string') {
    const d = DELIMITER_NAMES[values.delimiter] ?? (DELIMITERS.includes(values.delimiter as Delimiter) ? (values.delimiter as Delimiter) : undefined);
    if (!d) throw new CliError(`unknown delimiter "${values.delimiter}" (use comma, semicolon, tab, pipe or spaces)`);
    options.delimiter = d;
  }
  if (typeof values['skip-lines'] === 'string') {
    const n = Number(values['skip-lines']);
    if (!Number.isInteger(n) || n < 0) throw new CliError(`--skip-lines needs a whole number, not "${values['skip-lines']}"`);
    options.skipLines = n;
  }
  if (values['no-header']) options.hasHeader = false;
  if (typeof values.sheet === 'string') options.sheet = values.sheet;
  if (values['exclude-ragged']) options.raggedRows = 'exclude';
  const types = Array.isArray(values.type) ? values.type : [];
  if (types.length) {
    const columns: Record<string, Partial<ColumnSpec>> = Object.create(null);
    for (const entry of types) {
      const eq = entry.lastIndexOf('=');
      if (eq <= 0) throw new CliError(`--type needs NAME=TYPE, not "${entry}"`);
      const [type, format] = entry.slice(eq + 1).split(':');
      if (!COLUMN_TYPES.includes(type as ColumnType)) throw new CliError(`unknown type "${type}" (use ${COLUMN_TYPES.join(', ')})`);
      const spec: Partial<ColumnSpec> = { type: type as ColumnType };
      if (format === 'yyyymmdd' || format === 'excel-serial') spec.dateFormat = format;
      else if (format === 'dmy' || format === 'mdy' || format === 'ymd') spec.dateOrder = format;
      else if (format) throw new CliError(`unknown format "${format}" (use yyyymmdd, excel-serial, dmy, mdy or ymd)`);
      columns[entry.slice(0, eq)] = spec;
    }
    options.columns = columns;
  }
  return options;
}

function readFile(path: string): Uint8Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CliError(`cannot read "${path}": no such file`);
  }
  // Refuse before reading a file that cannot be imported.
  checkImportSize(size);
  return new Uint8Array(readFileSync(path));
}

/** Reads FILE as an .xlsx workbook (a ZIP archive named .xlsx) or as delimited text. */
async function load(path: string, options: ImportOptions): Promise<ImportResult> {
  const bytes = readFile(path);
  const loadOptions = { ...options, tableName: tableNameFromFile(path) };
  if (looksLikeZip(bytes) && /\.xlsx$/i.test(path)) return loadXlsx(bytes, loadOptions);
  return loadCsv(bytes, loadOptions);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      encoding: { type: 'string' },
      delimiter: { type: 'string' },
      'skip-lines': { type: 'string' },
      'no-header': { type: 'boolean' },
      'exclude-ragged': { type: 'boolean' },
      type: { type: 'string', multiple: true },
      tz: { type: 'string' },
      sheet: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options = parseOptions(values);
  if (command === 'inspect') {
    if (args.length !== 1) throw new CliError('inspect takes one FILE');
    const result = await load(args[0], options);
    process.stdout.write(`${JSON.stringify(describeImport(result), null, 2)}\n`);
    return;
  }
  if (command === 'sql') {
    if (args.length < 2) throw new CliError('sql takes one or more FILEs and then the SQL');
    const sqlText = args[args.length - 1];
    const files = args.slice(0, -1);
    const db = openDatabase(await initSqlJs());
    const seen = new Map<string, string>();
    for (const file of files) {
      const tableName = tableNameFromFile(file);
      const other = seen.get(tableName.toLowerCase());
      if (other) throw new CliError(`"${file}" and "${other}" would both be table "${tableName}": rename one file`);
      seen.set(tableName.toLowerCase(), file);
      const result = await load(file, options);
      fillTable(db, tableName, result.data);
    }
    let result;
    try {
      result = runQuery(db, sqlText);
    } catch (error) {
      throw new CliError(`SQL error: ${error instanceof Error ? error.message : String(error)}`);
    }
    const rows = result.rows.map((row) => row.map((v) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v)));
    process.stdout.write(`${Papa.unparse({ fields: result.columns, data: rows }, { newline: '\n' })}\n`);
    return;
  }
  throw new CliError(`unknown command "${command}"\n${USAGE}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof CliError || isImportError(error) || error instanceof TypeError ? (error as Error).message : String(error);
  process.stderr.write(`tagbook: ${message.split('\n')[0]}\n`);
  process.exitCode = 1;
});
