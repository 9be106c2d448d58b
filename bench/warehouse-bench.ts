/**
 * Issue #11's speed figures (`npm run bench -- --only=warehouse`): 10M order lines (the seeded
 * orders file, 10M rows) tagged by `npm run cli -- run … --engine duckdb` — the workspace's
 * customer table and tags (an rfm tag with seven named score ranges, a recency cut, revenue
 * quintiles) exported as DuckDB SQL and run there — beside DuckDB running the same exported
 * script directly on the same file (read_csv_auto, then the script; the reference), each a
 * process of its own timed wall-clock with its peak memory (/usr/bin/time); and the app's own
 * engine (the one the browser runs, here in Node through the CLI) on 1M lines beside them.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultParameters, generateOrdersCsv, RFM_PACKAGE_0_2_RULES, serializeDefinition, toTemplate, workspaceToSql, type WorkspaceDefinition } from '../src/engine/index.ts';
import { CUSTOMER_DEFINITION } from './customer-table-definition.ts';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '.data');
const TARGET_RATIO = 1.2;

const WORKSPACE: WorkspaceDefinition = {
  format: 'tagbook-workspace',
  version: 1,
  name: 'warehouse bench',
  parameters: defaultParameters(),
  cells: [
    { id: 'c1', kind: 'customers', collapsed: false, resultName: 'customer_table', sources: { orders: 'orders' }, definition: CUSTOMER_DEFINITION, customMetrics: [] },
    {
      id: 'c2',
      kind: 'tag',
      collapsed: false,
      tableName: 'customer_table',
      definition: {
        kind: 'rfm',
        name: 'rfm_segment',
        recency: 'recency_days',
        frequency: 'orders',
        monetary: 'revenue',
        bins: 5,
        method: 'rfm',
        rules: RFM_PACKAGE_0_2_RULES.slice(0, 7).map((rule) => ({ ...rule, segment: { label: rule.segment.label } })),
        otherwise: { label: 'Others' },
      },
    },
    { id: 'c3', kind: 'tag', collapsed: false, tableName: 'customer_table', definition: { kind: 'cut', name: 'recency_stage', metric: 'recency_days', thresholds: [30, 90, 180], segments: ['active', 'cooling', 'silent', 'churned'].map((label) => ({ label })) } },
    { id: 'c4', kind: 'tag', collapsed: false, tableName: 'customer_table', definition: { kind: 'quantile', name: 'revenue_quintile', metric: 'revenue', bins: 5 } },
  ],
};

async function writeOrders(path: string, orders: number): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(dataDir, { recursive: true });
  const out = createWriteStream(path);
  for (const chunk of generateOrdersCsv({ orders, seed: 42 })) if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** Runs a command under /usr/bin/time: wall seconds and peak RSS (bytes). */
function timed(command: string, args: string[]): { seconds: number; peakBytes: number; stdout: string } {
  const report = join(dataDir, 'time.txt');
  const stdout = execFileSync('/usr/bin/time', ['-f', '%e %M', '-o', report, command, ...args], { encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, TZ: 'Asia/Shanghai' } });
  const [seconds, kb] = readFileSync(report, 'utf8').trim().split(/\s+/).map(Number);
  return { seconds, peakBytes: kb * 1024, stdout };
}

export async function runWarehouseBench(): Promise<void> {
  const big = join(dataDir, 'orders-10000000.csv');
  const small = join(dataDir, 'orders-1000000.csv');
  await writeOrders(big, 10_000_000);
  await writeOrders(small, 1_000_000);
  const template = join(dataDir, 'warehouse-bench.tagbook.json');
  writeFileSync(template, serializeDefinition(toTemplate(WORKSPACE)));
  // The reference: the same exported script, on DuckDB directly (its own CSV reader).
  const script = workspaceToSql(WORKSPACE, { dialect: 'duckdb', table: 'customer_table', createTable: 'tagged_customers', sourceColumns: { orders: sourceColumns() } }).sql;
  const direct = join(dataDir, 'warehouse-direct.mjs');
  writeFileSync(
    direct,
    `import { DuckDBInstance } from '@duckdb/node-api';
const [file, out, script] = process.argv.slice(2);
const connection = await (await DuckDBInstance.create(':memory:')).connect();
await connection.run(\`CREATE TABLE orders AS SELECT order_id::VARCHAR AS order_id, customer_id, order_time, paid_amount, coupon_amount, status, quantity FROM read_csv_auto('\${file}')\`);
await connection.run((await import('node:fs')).readFileSync(script, 'utf8'));
await connection.run(\`COPY tagged_customers TO '\${out}' (FORMAT parquet)\`);
const count = await connection.runAndReadAll('SELECT count(*) FROM tagged_customers');
console.log(String(count.getRows()[0][0]));
`,
  );
  const scriptFile = join(dataDir, 'warehouse-bench.duckdb.sql');
  writeFileSync(scriptFile, script);
  const cli = (file: string, out: string, engine: boolean) =>
    timed(process.execPath, ['--import', 'tsx', join(here, '..', 'scripts', 'cli.ts'), 'run', template, '--csv', `orders=${file}`, ...(engine ? ['--engine', 'duckdb'] : []), '--out', out]);

  // Alternating runs (the reference first), the median of each: both see the same machine and page cache.
  const runs = Number(process.env.BENCH_WAREHOUSE_RUNS ?? 3);
  const oursRuns: ReturnType<typeof timed>[] = [];
  const referenceRuns: ReturnType<typeof timed>[] = [];
  for (let i = 0; i < runs; i++) {
    referenceRuns.push(timed(process.execPath, [direct, big, join(dataDir, 'tagged-direct.parquet'), scriptFile]));
    oursRuns.push(cli(big, join(dataDir, 'tagged-cli.parquet'), true));
  }
  const middle = (list: ReturnType<typeof timed>[]) => [...list].sort((a, b) => a.seconds - b.seconds)[Math.floor(list.length / 2)];
  const ours = middle(oursRuns);
  const reference = middle(referenceRuns);
  const appEngine = cli(small, join(dataDir, 'tagged-app-1m.csv'), false);
  const s = (x: number) => `${x.toFixed(2)} s`;
  const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
  const ratio = ours.seconds / reference.seconds;
  console.log(`Warehouse SQL (issue #11): 10M order lines, the workspace (customer table, rfm + cut + quintile tags) as DuckDB SQL; median of ${runs} alternating runs`);
  console.log(`  runs: reference ${referenceRuns.map((r) => r.seconds.toFixed(1)).join(' / ')} s, cli ${oursRuns.map((r) => r.seconds.toFixed(1)).join(' / ')} s`);
  console.log(`  DuckDB directly (reference)    ${s(reference.seconds)}   peak ${mb(reference.peakBytes)}   (${reference.stdout.trim()} customers)`);
  console.log(`  cli run --engine duckdb        ${s(ours.seconds)}   peak ${mb(ours.peakBytes)}   ${ratio.toFixed(2)}× the reference   target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'target met' : 'target missed'}`);
  console.log(`  the app's engine, 1M lines     ${s(appEngine.seconds)}   peak ${mb(appEngine.peakBytes)}   (the browser's engine, in Node through the CLI; ${appEngine.stdout.trim()})`);
}

function sourceColumns() {
  return [
    { name: 'order_id', type: 'text' as const },
    { name: 'customer_id', type: 'text' as const },
    { name: 'order_time', type: 'datetime' as const },
    { name: 'paid_amount', type: 'decimal' as const },
    { name: 'coupon_amount', type: 'decimal' as const },
    { name: 'status', type: 'text' as const },
    { name: 'quantity', type: 'integer' as const },
  ];
}
