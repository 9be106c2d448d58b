// The command line is a thin shell over the engine: these tests run it as a user would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeXlsx, ordersSheets } from '../../helpers/xlsx.ts';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'tagbook-cli-'));

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/cli.ts'), ...args], { encoding: 'utf8', cwd: root, env: { ...process.env, TZ: 'Asia/Shanghai' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('cli inspect FILE', () => {
  it('reads an .xlsx workbook: the first sheet, or the one named with --sheet', async () => {
    const path = file('shop.xlsx', await makeXlsx(ordersSheets()));
    const first = cli('inspect', path);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(out).toMatchObject({ table: 'shop', format: 'xlsx', sheet: '订单', sheets: ['订单', '退款'], headerRow: 1, rows: 3 });
    expect(out.columns.map((c: { name: string; type: string }) => [c.name, c.type])).toEqual([
      ['订单编号', 'text'],
      ['客户编号', 'text'],
      ['金额', 'decimal'],
      ['实付金额', 'decimal'],
      ['下单时间', 'datetime'],
      ['付款日期', 'date'],
      ['备注', 'text'],
    ]);
    const refunds = cli('sql', path, 'SELECT count(*) AS n FROM shop', '--sheet', '退款');
    expect(refunds.stderr).toBe('');
    expect(refunds.stdout).toBe('n\n2\n');
    const missing = cli('inspect', path, '--sheet', 'nope');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/^tagbook: There is no sheet named “nope”; the sheets are: 订单, 退款\.\n$/);
  });

  it('prints the encoding, delimiter, header row, columns, rows and rejected lines as JSON', () => {
    const path = file('orders_2024.csv', '订单报表\n导出时间: 2024-01-01\n订单号;客户;金额;下单时间\n3000000000786505093;00004;¥1.234,50;2024/3/13 10:05\n3000000000786505094;00005;12,00;2024/3/14 11:00\n3000000000786505095;00006;oops;2024/3/15 12:00\n' + '3000000000786505096;00007;3,00;2024/3/16 13:00\n'.repeat(30));
    const run = cli('inspect', path);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ table: 'orders_2024', encoding: 'utf-8', delimiter: ';', headerRow: 3, skippedLinesAboveHeader: 2, rows: 33, inputRows: 33, excludedRows: 0 });
    expect(out.columns.map((c: { name: string; type: string }) => [c.name, c.type])).toEqual([
      ['订单号', 'text'],
      ['客户', 'text'],
      ['金额', 'decimal'],
      ['下单时间', 'datetime'],
    ]);
    expect(out.columns[2]).toMatchObject({ badCount: 1 });
    expect(out.rejectedLines).toEqual([6]);
  });

  it('fails with one clear line for a missing file', () => {
    const run = cli('inspect', join(dir, 'nope.csv'));
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^tagbook: cannot read .*nope\.csv/)]);
  });

  it('fails with one clear line for a binary file', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 600 }, (_, i) => (i * 37) % 256)]);
    const run = cli('inspect', file('picture.csv', png));
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^tagbook: This is a PNG image, not a CSV/);
  });
});

describe('cli sql FILE [FILE ...] "SQL"', () => {
  it('loads each file as a table named after it and prints the result as CSV', () => {
    const orders = file('orders_2024.csv', 'order_id,customer_id,amount\n3000000000786505093,00004,10.5\n3000000000786505094,00004,"1,000"\n3000000000786505095,00007,2\n');
    const customers = file('customers.csv', 'customer_id,name\n00004,"Ann, Jr."\n00007,张三\n');
    const run = cli('sql', orders, customers, 'SELECT c.name, count(*) AS orders, sum(o.amount) AS total, max(o.order_id) AS last_id FROM orders_2024 o JOIN customers c USING (customer_id) GROUP BY 1 ORDER BY 1');
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('name,orders,total,last_id\n"Ann, Jr.",2,1010.5,3000000000786505094\n张三,1,2,3000000000786505095\n');
  });

  it('reports a SQL error as one line and a non-zero exit', () => {
    const run = cli('sql', file('a.csv', 'x\n1\n'), 'SELECT * FROM missing');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/^tagbook: SQL error: no such table: missing\n$/);
  });

  it('reports an unknown column in --type as one line', () => {
    const run = cli('inspect', file('b.csv', 'x\n1\n'), '--type', 'y=date');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/^tagbook: There is no column named “y”/);
  });
});
