/**
 * Tagbook's command line: the same engine as the app, on files in Node.
 *
 *   npm run cli -- inspect FILE [options]        prints what an import detects, as JSON (CSV/text or .xlsx)
 *   npm run cli -- sql FILE [FILE ...] "SQL"     loads each file as a table and prints the result as CSV
 *   npm run cli -- customers --orders FILE --map customer=COL,time=COL,amount=COL --out FILE
 *                                                writes the customer table (one row per customer) as CSV
 *   npm run cli -- tag --orders FILE --map ... --tags TAGS.json --out FILE
 *                                                the customer table plus one column per tag (its segment label)
 *   npm run cli -- run TEMPLATE.tagbook.json --csv orders=FILE [--csv NAME=FILE ...] --out FILE
 *                                                a template's customer table and tags on these tables, as `tag` writes them
 *                                                (`--engine duckdb`: by the exported SQL on DuckDB; CSV or .parquet)
 *   npm run cli -- sql-export TEMPLATE.tagbook.json --dialect DIALECT [--csv NAME=FILE ...] [--out FILE]
 *                                                the customer table and tags as one SQL script for a warehouse
 *
 * Errors are one line on stderr and a non-zero exit.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import initSqlJs from 'sql.js';
import {
  COLUMN_TYPES,
  buildCustomerTable,
  checkImportSize,
  checkResultName,
  describeImport,
  evaluateCustomMetrics,
  evaluateTags,
  fillTable,
  formatDay,
  formatWallClock,
  isCustomerTableError,
  isImportError,
  loadCsv,
  loadXlsx,
  looksLikeZip,
  openDatabase,
  parseTagsFile,
  readAnyDefinition,
  readWorkspaceFile,
  isWorkspaceFileError,
  runQuery,
  tableNameFromFile,
  tagColumn,
  type Column,
  type ColumnSpec,
  type ColumnType,
  type CustomerTable,
  type CustomerTableDefinition,
  type CustomerTableInput,
  type CustomersCell,
  type Definition,
  type Delimiter,
  type FormulaParameter,
  type Encoding,
  type ImportOptions,
  type ImportResult,
  type TagDefinition,
  type TagResult,
  type WorkspaceFile,
} from '../src/engine/index.ts';
import { DELIMITERS, ENCODINGS } from '../src/engine/dataset/types.ts';
import { planNativeCsv, type NativeCsv } from './duckdb-native-csv.ts';
import { SQL_DIALECTS, WarehouseSqlError, workspaceToSql, type SqlDialect } from '../src/engine/warehouse-sql/index.ts';

const USAGE = `usage:
  npm run cli -- inspect FILE [options]
  npm run cli -- sql FILE [FILE ...] "SQL" [options]
  npm run cli -- customers --orders FILE --map ROLE=COL,... [--out FILE] [options]
  npm run cli -- tag --orders FILE --map ROLE=COL,... --tags TAGS.json [--param NAME=NUMBER] [--out FILE] [options]
  npm run cli -- run TEMPLATE.tagbook.json|WORKSPACE.tagbook [--csv NAME=FILE ...] [--table NAME] [--engine duckdb] [--out FILE] [options]
  npm run cli -- sql-export TEMPLATE.tagbook.json|WORKSPACE.tagbook --dialect DIALECT [--csv NAME=FILE ...] [--table NAME] [--create-table NAME] [--out FILE]
customers (and tag):
  --map customer=COL,time=COL,amount=COL[,order=COL,coupon=COL,status=COL,channel=COL,
        product=COL,category=COL,quantity=COL,price=COL,refund=VALUE|VALUE]
                        the columns' roles; refund= lists the status values that are refunds
  --formula ROLE=FORMULA   a role computed by a formula (repeatable), e.g. --formula "amount=Quantity * UnitPrice";
                        --formula 'refund=LEFT(InvoiceNo, 1) = "C"' marks the refund rows
  --customers FILE      a customers table (same id column name): customers without orders are prospects
  --order-rows one-per-order|lines   a repeated order id is a duplicate (default) or a line of the order
  --as-of YYYY-MM-DD    the analysis date (default: the day after the latest order)
  --preset lifetimes    frequency, recency, T, monetary_value (Python lifetimes' summary)
  --cutoff YYYY-MM-DD   for --preset lifetimes: the last day of the calibration period
  --out FILE            write the table there (default: print it)
tag:
  --tags TAGS.json      an array of tag definitions (the app's format): one column per tag, its segment label
  --param NAME=NUMBER   a number parameter tags use as a threshold (repeatable)
run:
  TEMPLATE.tagbook.json a template (or workspace definition) as the app writes it; validated fully first
  WORKSPACE.tagbook     a workspace file the app saved: its definitions, and its saved tables for any
                        table no --csv names
  --csv NAME=FILE       loads FILE as the table NAME the template's customer table reads (repeatable),
                        e.g. --csv orders=orders.csv --csv order_items=items.csv --csv customers=customers.csv
  --table NAME          the customer table cell to run, when the template has more than one
  --engine duckdb       run the exported SQL on DuckDB instead of the app's engine (rows ordered by customer id);
                        --out FILE.parquet writes Parquet
sql-export:
  --dialect sqlite|duckdb|postgres|spark|bigquery|clickhouse
  --csv NAME=FILE       tells the tables' column types (needed for roles played by formulas)
  --create-table NAME   end with CREATE TABLE NAME AS … instead of a query
  --out FILE            write the script there (default: print it); warnings go to stderr
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
async function load(path: string, options: ImportOptions, tableName = tableNameFromFile(path)): Promise<ImportResult> {
  const bytes = readFile(path);
  const loadOptions = { ...options, tableName };
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
      orders: { type: 'string' },
      customers: { type: 'string' },
      map: { type: 'string' },
      formula: { type: 'string', multiple: true },
      'order-rows': { type: 'string' },
      'as-of': { type: 'string' },
      preset: { type: 'string' },
      cutoff: { type: 'string' },
      out: { type: 'string' },
      tags: { type: 'string' },
      param: { type: 'string', multiple: true },
      csv: { type: 'string', multiple: true },
      table: { type: 'string' },
      engine: { type: 'string' },
      dialect: { type: 'string' },
      'create-table': { type: 'string' },
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
  if (command === 'customers') {
    if (args.length) throw new CliError('customers takes no positional arguments: name the file with --orders FILE');
    if (typeof values.orders !== 'string') throw new CliError('customers needs --orders FILE');
    if (typeof values.map !== 'string' && !values.formula) throw new CliError('customers needs --map customer=COL,time=COL,amount=COL');
    const definition = parseCustomerDefinition(values);
    const orders = await load(values.orders, options);
    const customers = typeof values.customers === 'string' ? await load(values.customers, options) : undefined;
    const built = buildCustomerTable(
      {
        orders: { columns: orders.data, rowCount: orders.loadedRows },
        ...(customers ? { customers: { columns: customers.data, rowCount: customers.loadedRows } } : {}),
      },
      definition,
    );
    const csv = `${columnsToCsv(built.columns, built.rowCount)}\n`;
    if (typeof values.out === 'string') {
      writeFileSync(values.out, csv);
      const excluded = built.issues.filter((i) => built.exclusions[i.code] !== undefined).map((i) => i.message);
      process.stdout.write(
        `${built.rowCount} customers written to ${values.out} (as of ${formatDay(built.asOf)}; ${built.usedRows} of ${built.inputRows} order rows used)\n` +
          excluded.map((line) => `  ${line}\n`).join(''),
      );
    } else {
      process.stdout.write(csv);
    }
    return;
  }
  if (command === 'tag') {
    if (args.length) throw new CliError('tag takes no positional arguments: name the files with --orders FILE and --tags TAGS.json');
    if (typeof values.orders !== 'string') throw new CliError('tag needs --orders FILE');
    if (typeof values.tags !== 'string') throw new CliError('tag needs --tags TAGS.json (an array of tag definitions)');
    if (typeof values.map !== 'string' && !values.formula) throw new CliError('tag needs --map customer=COL,time=COL,amount=COL');
    const definitions = readTagDefinitions(values.tags);
    const parameters = parseParameters(values.param);
    const definition = parseCustomerDefinition(values);
    const orders = await load(values.orders, options);
    const customers = typeof values.customers === 'string' ? await load(values.customers, options) : undefined;
    const tagged = tagCustomers(
      {
        orders: { columns: orders.data, rowCount: orders.loadedRows },
        ...(customers ? { customers: { columns: customers.data, rowCount: customers.loadedRows } } : {}),
      },
      definition,
      [],
      definitions,
      parameters,
    );
    writeTagged(tagged, values.out);
    return;
  }
  if (command === 'run') {
    if (args.length !== 1) throw new CliError('run takes one WORKSPACE.tagbook or TEMPLATE.tagbook.json, and --csv NAME=FILE for each table it reads');
    const { definition: template, fileTables } = await readTemplate(args[0]);
    if (typeof values.tz !== 'string' && template.format === 'tagbook-workspace' && template.timeZone) options.timeZone = template.timeZone;
    const cell = chooseCustomersCell(template, typeof values.table === 'string' ? values.table : undefined);
    // On DuckDB, plain CSV files are read by DuckDB itself (see duckdb-native-csv.ts); the others by the importer.
    const natives = new Map<string, NativeCsv>();
    let csvEntries = values.csv;
    if (values.engine === 'duckdb') {
      csvEntries = [];
      for (const entry of values.csv ?? []) {
        const eq = entry.indexOf('=');
        const name = entry.slice(0, eq).trim();
        const plan = eq > 0 && checkResultName(name, []) === null ? planNativeCsv(entry.slice(eq + 1), options, name) : null;
        if (plan) natives.set(name.toLowerCase(), plan);
        else csvEntries.push(entry);
      }
    }
    const tables = await loadTables(csvEntries, options);
    // A --csv file, else the table saved in a .tagbook file.
    const input = (name: string | undefined, role: string): CustomerTableInput['orders'] | undefined => {
      if (name === undefined || name === '') return undefined;
      const found = tables.get(name.toLowerCase());
      if (found) return { columns: found.data, rowCount: found.loadedRows };
      const saved = fileTables.get(name.toLowerCase());
      if (saved) return saved;
      throw new CliError(`the customer table "${cell.resultName}" reads the ${role} table "${name}": pass --csv ${name}=FILE`);
    };
    if (values.engine !== undefined && values.engine !== 'duckdb') throw new CliError(`--engine takes duckdb, not "${String(values.engine)}"`);
    if (values.engine === 'duckdb') {
      if (!cell.sources.orders) throw new CliError(`the customer table "${cell.resultName}" has no orders table chosen in the template`);
      const named: Record<string, DuckdbSource> = {};
      for (const [name, role] of [[cell.sources.orders, 'orders'], [cell.sources.items, 'order items'], [cell.sources.customers, 'customers']] as const) {
        if (!name) continue;
        const native = natives.get(name.toLowerCase());
        named[name] = native ? { native } : input(name, role)!;
      }
      await runOnDuckdb(template, cell, named, values.out, options);
      return;
    }
    const orders = input(cell.sources.orders, 'orders');
    if (!orders) throw new CliError(`the customer table "${cell.resultName}" has no orders table chosen in the template`);
    const items = input(cell.sources.items, 'order items');
    const customers = input(cell.sources.customers, 'customers');
    // As the app does: `as_of` set to a day overrides the definition's; on auto the build picks the day after the latest order.
    const asOf = template.parameters.find((p) => p.name === 'as_of');
    const definition: CustomerTableDefinition = typeof asOf?.value === 'number' ? { ...cell.definition, asOf: asOf.value } : cell.definition;
    const parameters: FormulaParameter[] = template.parameters.flatMap((p) => (p.value === null ? [] : [{ name: p.name, type: p.type, value: p.value }]));
    const tagDefinitions = template.cells.flatMap((c) => (c.kind === 'tag' && c.tableName.toLowerCase() === cell.resultName.toLowerCase() ? [c.definition] : []));
    const tagged = tagCustomers({ orders, ...(items ? { items } : {}), ...(customers ? { customers } : {}) }, definition, cell.customMetrics, tagDefinitions, parameters);
    writeTagged(tagged, values.out);
    return;
  }
  if (command === 'sql-export') {
    if (args.length !== 1) throw new CliError('sql-export takes one WORKSPACE.tagbook or TEMPLATE.tagbook.json');
    const dialect = values.dialect;
    if (typeof dialect !== 'string' || !SQL_DIALECTS.includes(dialect as SqlDialect)) throw new CliError(`sql-export needs --dialect ${SQL_DIALECTS.join('|')}`);
    const { definition: template, fileTables } = await readTemplate(args[0]);
    const tables = await loadTables(values.csv, options);
    const sourceColumns: Record<string, { name: string; type: ColumnType }[]> = {};
    for (const [name, table] of fileTables) sourceColumns[name] = table.columns.map((c) => ({ name: c.name, type: c.type }));
    for (const [name, table] of tables) sourceColumns[name] = table.data.map((c) => ({ name: c.name, type: c.type }));
    const exported = exportSql(template, {
      dialect: dialect as SqlDialect,
      sourceColumns: caseInsensitiveTables(template, sourceColumns),
      ...(typeof values.table === 'string' ? { table: values.table } : {}),
      ...(typeof values['create-table'] === 'string' ? { createTable: values['create-table'] } : {}),
    });
    for (const warning of exported.warnings) process.stderr.write(`tagbook: warning: ${warning}\n`);
    if (typeof values.out === 'string') {
      writeFileSync(values.out, exported.sql);
      process.stdout.write(`${dialect} script written to ${values.out}\n`);
    } else process.stdout.write(exported.sql);
    return;
  }
  throw new CliError(`unknown command "${command}"\n${USAGE}`);
}

/** workspaceToSql, with its refusals as one-line CLI errors. */
function exportSql(definition: Definition, options: Parameters<typeof workspaceToSql>[1]): ReturnType<typeof workspaceToSql> {
  try {
    return workspaceToSql(definition, options);
  } catch (error) {
    if (error instanceof WarehouseSqlError) throw new CliError(`cannot export as SQL: ${error.message}`);
    throw error;
  }
}

/** Source column types keyed by the source names the definition's cells use (files name tables case-insensitively). */
function caseInsensitiveTables(definition: Definition, byLowerName: Record<string, { name: string; type: ColumnType }[]>): Record<string, { name: string; type: ColumnType }[]> {
  const out: Record<string, { name: string; type: ColumnType }[]> = {};
  for (const cell of definition.cells) {
    if (cell.kind !== 'customers') continue;
    for (const source of [cell.sources.orders, cell.sources.items, cell.sources.customers]) {
      if (source && byLowerName[source.toLowerCase()]) out[source] = byLowerName[source.toLowerCase()];
    }
  }
  return out;
}

const DUCKDB_TYPES: Record<ColumnType, string> = { text: 'VARCHAR', integer: 'BIGINT', decimal: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP' };

/**
 * `run --engine duckdb`: loads the tables (parsed by the app's importer, so ids, money and dates
 * read exactly as in the app) into an in-memory DuckDB, runs the exported DuckDB script there and
 * writes its table as CSV (like the app's engine) or Parquet.
 */
type DuckdbSource = { columns: readonly Column[]; rowCount: number } | { native: NativeCsv };

async function runOnDuckdb(template: Definition, cell: CustomersCell, sources: Record<string, DuckdbSource>, out: unknown, options: ImportOptions): Promise<void> {
  const { DuckDBInstance, DuckDBDateValue, DuckDBTimestampValue } = await import('@duckdb/node-api');
  const sourceColumns = Object.fromEntries(
    Object.entries(sources).map(([name, t]) => [name, 'native' in t ? t.native.columns : t.columns.map((c) => ({ name: c.name, type: c.type }))]),
  );
  const exported = exportSql(template, { dialect: 'duckdb', table: cell.resultName, sourceColumns, createTable: 'tagged_customers' });
  for (const warning of exported.warnings) process.stderr.write(`tagbook: warning: ${warning}\n`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const tables: Record<string, { columns: readonly Column[]; rowCount: number }> = {};
    for (const [name, source] of Object.entries(sources)) {
      if (!('native' in source)) {
        tables[name] = source;
        continue;
      }
      try {
        await connection.run(`CREATE TABLE ${quote(name)} AS SELECT * FROM ${source.native.expression}`);
      } catch {
        // A later row DuckDB cannot read as the head suggested: the importer reads the file instead.
        await connection.run(`DROP TABLE IF EXISTS ${quote(name)}`);
        const loaded = await load(source.native.path, options, name);
        tables[name] = { columns: loaded.data, rowCount: loaded.loadedRows };
      }
    }
    for (const [name, table] of Object.entries(tables)) {
      await connection.run(`CREATE TABLE ${quote(name)} (${table.columns.map((c) => `${quote(c.name)} ${DUCKDB_TYPES[c.type]}`).join(', ')})`);
      // The appender keeps the file's row order, which the script reads as the row position (rowid).
      const appender = await connection.createAppender(name);
      for (let row = 0; row < table.rowCount; row++) {
        for (const column of table.columns) {
          if (column.type === 'text') {
            const code = column.codes[row];
            if (code < 0) appender.appendNull();
            else appender.appendVarchar(column.dictionary[code]);
            continue;
          }
          const value = column.values[row];
          if (Number.isNaN(value)) appender.appendNull();
          else if (column.type === 'integer') appender.appendBigInt(BigInt(value));
          else if (column.type === 'boolean') appender.appendBoolean(value === 1);
          else if (column.type === 'date') appender.appendDate(new DuckDBDateValue(value));
          else if (column.type === 'datetime') appender.appendTimestamp(new DuckDBTimestampValue(BigInt(Math.round(value)) * 1000n));
          else appender.appendDouble(value);
        }
        appender.endRow();
      }
      appender.closeSync();
    }
    await connection.run(exported.sql);
    if (typeof out === 'string' && out.toLowerCase().endsWith('.parquet')) {
      await connection.run(`COPY tagged_customers TO '${out.replaceAll("'", "''")}' (FORMAT parquet)`);
      const count = await connection.runAndReadAll('SELECT count(*) FROM tagged_customers');
      process.stdout.write(`${String(count.getRows()[0][0])} customers written to ${out} as Parquet (DuckDB)\n`);
      return;
    }
    const reader = await connection.runAndReadAll('SELECT * FROM tagged_customers');
    const names = reader.columnNames();
    const types = reader.columnTypes().map((t) => String(t));
    const rowCount = reader.currentRowCount;
    const columns: Column[] = reader.getColumns().map((values, j) => duckdbColumn(names[j], types[j], values));
    const csv = `${columnsToCsv(columns, rowCount)}\n`;
    if (typeof out === 'string') {
      writeFileSync(out, csv);
      const tags = tagCount(template, cell);
      process.stdout.write(`${rowCount} customers with ${tags} tag${tags === 1 ? '' : 's'} written to ${out} (DuckDB)\n`);
    } else process.stdout.write(csv);
  } finally {
    connection.closeSync();
  }
}

function tagCount(template: Definition, cell: CustomersCell): number {
  return template.cells.filter((c) => c.kind === 'tag' && c.tableName.toLowerCase() === cell.resultName.toLowerCase()).length;
}

/** A DuckDB result column as a typed column (dates as civil days, timestamps as wall-clock ms). */
function duckdbColumn(name: string, type: string, values: readonly unknown[]): Column {
  if (type === 'VARCHAR') {
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = Int32Array.from(values, (v) => {
      if (v === null) return -1;
      const text = String(v);
      let code = index.get(text);
      if (code === undefined) index.set(text, (code = dictionary.push(text) - 1));
      return code;
    });
    return { name, type: 'text', codes, dictionary };
  }
  const read = (v: unknown): number => {
    if (v === null) return NaN;
    if (typeof v === 'object' && v !== null && 'days' in v) return Number((v as { days: number }).days);
    if (typeof v === 'object' && v !== null && 'micros' in v) return Number((v as { micros: bigint }).micros / 1000n);
    if (typeof v === 'boolean') return v ? 1 : 0;
    return Number(v);
  };
  const columnType: ColumnType = type === 'DATE' ? 'date' : type === 'TIMESTAMP' ? 'datetime' : type === 'BOOLEAN' ? 'boolean' : /INT/.test(type) ? 'integer' : 'decimal';
  return { name, type: columnType, values: Float64Array.from(values, read) };
}

interface TaggedCustomers {
  built: CustomerTable;
  /** The customer table's columns, the custom metrics', then one per tag. */
  columns: Column[];
  results: TagResult[];
}

/**
 * Builds the customer table, adds the custom metrics and evaluates the tags over it, as the app
 * does (the data worker's customer table, then its tags): `as_of` on auto is the build's day.
 * Any metric or tag that fails stops the run with its name and the reason.
 */
function tagCustomers(
  input: CustomerTableInput,
  definition: CustomerTableDefinition,
  customMetrics: readonly { name: string; formula: string }[],
  tagDefinitions: readonly TagDefinition[],
  parameters: readonly FormulaParameter[],
): TaggedCustomers {
  const built = buildCustomerTable(input, definition);
  const formulaParameters = parameters.some((p) => p.name === 'as_of') ? [...parameters] : [...parameters, { name: 'as_of', type: 'date' as const, value: built.asOf }];
  const taken = new Set(built.columns.map((c) => c.name.toLowerCase()));
  const metricClash = customMetrics.find((m) => taken.has(m.name.toLowerCase()));
  if (metricClash) throw new CliError(`metric "${metricClash.name}" has the name of a customer table column: rename the metric`);
  const columns = [...built.columns];
  for (const result of evaluateCustomMetrics(built.columns, built.rowCount, customMetrics, formulaParameters)) {
    if (!result.ok) throw new CliError(`metric "${result.name}": ${result.error.message.split('\n')[0]}`);
    columns.push(result.column);
    taken.add(result.name.toLowerCase());
  }
  const results = evaluateTags(tagDefinitions, { columns, rowCount: built.rowCount }, formulaParameters);
  const failed = results.find((r) => r.error);
  if (failed) throw new CliError(`tag "${failed.name}": ${failed.error!.message.split('\n')[0]}`);
  const clash = results.find((r) => taken.has(r.name.toLowerCase()));
  if (clash) throw new CliError(`tag "${clash.name}" has the name of a customer table column: rename the tag`);
  return { built, columns: [...columns, ...results.map(tagColumn)], results };
}

/** Writes a tagged customer table as CSV to `out` (saying so) or to stdout. */
function writeTagged({ built, columns, results }: TaggedCustomers, out: unknown): void {
  const csv = `${columnsToCsv(columns, built.rowCount)}\n`;
  if (typeof out === 'string') {
    writeFileSync(out, csv);
    process.stdout.write(`${built.rowCount} customers with ${results.length} tag${results.length === 1 ? '' : 's'} written to ${out} (as of ${formatDay(built.asOf)})\n`);
  } else {
    process.stdout.write(csv);
  }
}

/**
 * Reads and validates a template, a workspace definition or a `.tagbook` workspace file (then
 * also its saved imported tables, by lower-cased name); a bad one is one line naming the first
 * problem.
 */
async function readTemplate(path: string): Promise<{ definition: Definition; fileTables: Map<string, { columns: Column[]; rowCount: number }> }> {
  const bytes = readFile(path);
  const fileTables = new Map<string, { columns: Column[]; rowCount: number }>();
  let text: string;
  if (new TextDecoder().decode(bytes.subarray(0, 16)) === 'SQLite format 3\0') {
    let file: WorkspaceFile;
    try {
      file = readWorkspaceFile(await initSqlJs(), bytes);
    } catch (error) {
      if (isWorkspaceFileError(error)) throw new CliError(`${path}: ${error.message}`);
      throw error;
    }
    for (const table of file.tables) {
      if (table.kind !== 'imported') continue;
      const tags = new Set(table.tagColumns);
      fileTables.set(table.name.toLowerCase(), { columns: table.columns.filter((c) => !tags.has(c.name)), rowCount: table.rowCount });
    }
    text = file.definitionJson;
  } else text = new TextDecoder().decode(bytes);
  const read = readAnyDefinition(text);
  if ('problems' in read) {
    const [first] = read.problems;
    const more = read.problems.length > 1 ? ` (and ${read.problems.length - 1} more problem${read.problems.length > 2 ? 's' : ''})` : '';
    throw new CliError(`${path}: ${first.path ? `${first.path}: ` : ''}${first.message}${more}`);
  }
  return { definition: read.definition, fileTables };
}

/** The template's customer table cell to run: the only one, or the one `--table` names. */
function chooseCustomersCell(template: Definition, table: string | undefined): CustomersCell {
  const cells = template.cells.filter((c): c is CustomersCell => c.kind === 'customers');
  if (cells.length === 0) throw new CliError('the template has no customer table cell');
  if (table !== undefined) {
    const found = cells.find((c) => c.resultName.toLowerCase() === table.toLowerCase());
    if (!found) throw new CliError(`the template has no customer table "${table}" (it has ${cells.map((c) => c.resultName).join(', ')})`);
    return found;
  }
  if (cells.length > 1) throw new CliError(`the template has ${cells.length} customer tables (${cells.map((c) => c.resultName).join(', ')}): choose one with --table NAME`);
  return cells[0];
}

/** Loads each --csv NAME=FILE as the table NAME (names compared case-insensitively, as SQLite does). */
async function loadTables(entries: string[] | undefined, options: ImportOptions): Promise<Map<string, ImportResult>> {
  const tables = new Map<string, ImportResult>();
  for (const entry of entries ?? []) {
    const eq = entry.indexOf('=');
    const name = entry.slice(0, eq).trim();
    if (eq <= 0 || entry.slice(eq + 1) === '') throw new CliError(`--csv needs NAME=FILE, not "${entry}"`);
    if (checkResultName(name, []) !== null) throw new CliError(`--csv ${name}=…: a table name is letters, digits and underscores, not starting with a digit`);
    if (tables.has(name.toLowerCase())) throw new CliError(`--csv names the table "${name}" twice`);
    tables.set(name.toLowerCase(), await load(entry.slice(eq + 1), options, name));
  }
  return tables;
}

/** Reads TAGS.json: an array of tag definitions (checked further, per tag, by evaluateTags). */
function readTagDefinitions(path: string): TagDefinition[] {
  const parsed = parseTagsFile(new TextDecoder().decode(readFile(path)));
  if ('problem' in parsed) throw new CliError(`${path}: ${parsed.problem}`);
  return parsed.definitions;
}

/** Reads --param NAME=NUMBER options into number parameters. */
function parseParameters(entries: string[] | undefined): FormulaParameter[] {
  return (entries ?? []).map((entry) => {
    const eq = entry.indexOf('=');
    const value = Number(entry.slice(eq + 1));
    if (eq <= 0 || entry.slice(eq + 1).trim() === '' || !Number.isFinite(value)) throw new CliError(`--param needs NAME=NUMBER, not "${entry}"`);
    return { name: entry.slice(0, eq).trim(), type: 'number', value };
  });
}

const ROLE_KEYS: Record<string, keyof CustomerTableDefinition['roles']> = {
  customer: 'customer',
  time: 'time',
  amount: 'amount',
  order: 'order',
  coupon: 'coupon',
  status: 'status',
  channel: 'channel',
  product: 'product',
  category: 'category',
  quantity: 'quantity',
  price: 'unitPrice',
};

/** Reads --map, --formula, --order-rows, --as-of, --preset and --cutoff into a customer table definition. */
function parseCustomerDefinition(values: Record<string, string | boolean | string[] | undefined>): CustomerTableDefinition {
  const roles: Partial<CustomerTableDefinition['roles']> = {};
  const definition: CustomerTableDefinition = { roles: roles as CustomerTableDefinition['roles'] };
  for (const entry of typeof values.map === 'string' ? values.map.split(',') : []) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new CliError(`--map needs ROLE=COLUMN pairs, not "${entry}"`);
    const key = entry.slice(0, eq).trim();
    const value = entry.slice(eq + 1);
    if (key === 'refund') {
      definition.refunds = { kind: 'status', values: value.split('|') };
      continue;
    }
    const role = ROLE_KEYS[key];
    if (!role) throw new CliError(`unknown role "${key}" in --map (use ${[...Object.keys(ROLE_KEYS), 'refund'].join(', ')})`);
    roles[role] = value;
  }
  for (const entry of Array.isArray(values.formula) ? values.formula : []) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new CliError(`--formula needs ROLE=FORMULA, not "${entry}"`);
    const key = entry.slice(0, eq).trim();
    const formula = entry.slice(eq + 1).trim();
    if (key === 'refund') {
      definition.refunds = { kind: 'formula', formula };
      continue;
    }
    const role = ROLE_KEYS[key];
    if (!role) throw new CliError(`unknown role "${key}" in --formula (use ${[...Object.keys(ROLE_KEYS), 'refund'].join(', ')})`);
    roles[role] = { formula };
  }
  const rows = values['order-rows'];
  if (rows !== undefined) {
    if (rows !== 'one-per-order' && rows !== 'lines') throw new CliError(`--order-rows is one-per-order or lines, not "${rows}"`);
    definition.orderRows = rows;
  }
  if (values['as-of'] !== undefined) definition.asOf = parseDay(String(values['as-of']), '--as-of');
  if (values.preset !== undefined) {
    if (values.preset !== 'lifetimes' && values.preset !== 'default') throw new CliError(`unknown preset "${values.preset}" (use lifetimes)`);
    definition.preset = values.preset;
  }
  if (values.cutoff !== undefined) definition.cutoff = parseDay(String(values.cutoff), '--cutoff');
  return definition;
}

/** Returns the civil day number of a `YYYY-MM-DD` date. */
function parseDay(text: string, option: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || formatDay(ms / 86_400_000) !== text) throw new CliError(`${option} needs a date written YYYY-MM-DD, not "${text}"`);
  return ms / 86_400_000;
}

/** Writes typed columns as CSV: dates as YYYY-MM-DD, date-times as YYYY-MM-DD HH:MM:SS, decimals to 12 significant digits, NULL as empty. */
function columnsToCsv(columns: readonly Column[], rowCount: number): string {
  const data: (string | number)[][] = [];
  for (let row = 0; row < rowCount; row++) {
    data.push(
      columns.map((column) => {
        if (column.type === 'text') return column.codes[row] < 0 ? '' : column.dictionary[column.codes[row]];
        const value = column.values[row];
        if (Number.isNaN(value)) return '';
        if (column.type === 'date') return formatDay(value);
        if (column.type === 'datetime') return formatWallClock(value);
        // 12 significant digits drop the binary noise of sums (5303.480000000009 → 5303.48) and keep cents up to 10^9.
        return column.type === 'decimal' ? Number(value.toPrecision(12)) : value;
      }),
    );
  }
  return Papa.unparse({ fields: columns.map((c) => c.name), data }, { newline: '\n' });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof CliError || isImportError(error) || isCustomerTableError(error) || error instanceof TypeError ? (error as Error).message : String(error);
  process.stderr.write(`tagbook: ${message.split('\n')[0]}\n`);
  process.exitCode = 1;
});
