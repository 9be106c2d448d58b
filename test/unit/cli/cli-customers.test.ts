// The customers command is a thin shell over buildCustomerTable: run as a user would, it writes
// the table as CSV, reproduces the lifetimes package's published CDNOW summary, and fails with
// one clear line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { describeRealdata, readRealdata, realdataPath } from '../../helpers/realdata.ts';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'tagbook-cli-customers-'));

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/cli.ts'), ...args], { encoding: 'utf8', cwd: root, env: { ...process.env, TZ: 'Asia/Shanghai' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function readCsv(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8').trim(), { header: true }).data;
}

const ORDERS = `order_id,customer_id,order_time,paid_amount,status
3000000000786505093,00004,2024-03-01 10:00:00,100.50,paid
3000000000786505094,00004,2024-03-11 09:00:00,20,refunded
3000000000786505095,00007,2024-03-05 12:00:00,30,paid
3000000000786505095,00007,2024-03-05 12:00:00,30,paid
3000000000786505096,,2024-03-06 12:00:00,5,paid
`;

describe('cli customers --orders FILE --map ... --out FILE', () => {
  it('writes one row per customer with the metric names as header, and reports exclusions', () => {
    const out = join(dir, 'customers.csv');
    const run = cli('customers', '--orders', file('orders.csv', ORDERS), '--map', 'customer=customer_id,time=order_time,amount=paid_amount,order=order_id,status=status,refund=refunded|cancelled', '--as-of', '2024-03-31', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      '2 customers written to ' + out + ' (as of 2024-03-31; 3 of 5 order rows used)\n' +
        '  1 order row(s) have no customer id (guest orders): excluded.\n' +
        '  1 order row(s) repeat an order already counted: excluded.\n',
    );
    const rows = readCsv(out);
    expect(Object.keys(rows[0])).toEqual(['customer_id', 'first_order_at', 'last_order_at', 'recency_days', 'orders', 'revenue', 'avg_order_value', 'tenure_days', 'mean_days_between_orders', 'coupon_amount', 'discount_ratio', 'coupon_orders', 'refund_amount', 'distinct_products', 'distinct_categories']);
    expect(rows[0]).toMatchObject({ customer_id: '00004', first_order_at: '2024-03-01 10:00:00', recency_days: '30', orders: '1', revenue: '100.5', refund_amount: '20', mean_days_between_orders: '' });
    expect(rows[1]).toMatchObject({ customer_id: '00007', orders: '1', revenue: '30', tenure_days: '26' });
  });

  it('prints the table when --out is absent', () => {
    const run = cli('customers', '--orders', file('orders2.csv', ORDERS), '--map', 'customer=customer_id,time=order_time,amount=paid_amount');
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toMatch(/^customer_id,first_order_at,/);
    expect(run.stdout.trim().split('\n')).toHaveLength(3);
  });

  it.each([
    [['--map', 'customer=customer_id,time=order_time,amount=amount'], /^tagbook: The amount role names column “amount”, which the orders table does not have — did you mean “paid_amount”\?\n$/],
    [['--map', 'customer=customer_id,time=order_time,amount=status'], /^tagbook: The amount role needs a number, but column “status” is text\./],
    [['--map', 'customer=customer_id,when=order_time'], /^tagbook: unknown role "when" in --map/],
    [['--map', 'customer=customer_id,time=order_time,amount=paid_amount', '--as-of', '2024-02-30'], /^tagbook: --as-of needs a date written YYYY-MM-DD, not "2024-02-30"\n$/],
  ])('fails with one clear line: %j', (args, message) => {
    const run = cli('customers', '--orders', file('orders3.csv', ORDERS), ...args);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describeRealdata('cli customers --preset lifetimes on CDNOW_sample', () => {
  it('reproduces the published cdnow_customers_summary_with_transactions.csv for all 2,357 customers within 0.005', () => {
    const out = join(dir, 'cdnow.csv');
    const run = cli(
      'customers',
      '--orders',
      realdataPath('lifetimes-cdnow/CDNOW_sample.txt'),
      '--type',
      'column_3=date:yyyymmdd',
      '--map',
      'customer=column_2,time=column_3,amount=column_5',
      '--preset',
      'lifetimes',
      '--cutoff',
      '1997-09-30',
      '--out',
      out,
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^2357 customers written to .* \(as of 1997-10-01; 4960 of 6919 order rows used\)\n {2}1959 order row\(s\) fall after the cutoff: excluded\.\n$/);
    const ours = new Map(readCsv(out).map((row) => [Number(row.customer_id), row]));
    expect(Object.keys(ours.get(1)!)).toEqual(['customer_id', 'frequency', 'recency', 'T', 'monetary_value']);
    const published = Papa.parse<Record<string, string>>(new TextDecoder().decode(readRealdata('lifetimes-cdnow/cdnow_customers_summary_with_transactions.csv')).trim(), { header: true }).data;
    expect(published).toHaveLength(2357);
    const off = published.filter((p) => {
      const row = ours.get(Number(p.ID));
      if (!row) return true;
      const pairs: [string, string][] = [
        [row.frequency, p.x],
        [row.recency, p.t_x],
        [row.T, p.T],
        [row.monetary_value, p.zbar],
      ];
      // Published to two decimals: a half-cent tie is 0.005 away.
      return pairs.some(([a, b]) => Math.abs(Number(a) - Number(b)) > 0.005 + 1e-9);
    });
    expect(off).toEqual([]);
  });

  it('computes roles given as formulas (UCI: amount = Quantity * UnitPrice, refunds = invoices starting with C)', () => {
    const out = join(dir, 'uci.csv');
    const run = cli(
      'customers',
      '--orders',
      realdataPath('uci-online-retail/online_retail_customers_mod10.csv'),
      '--map',
      'customer=CustomerID,time=InvoiceDate,order=InvoiceNo,product=StockCode',
      '--formula',
      'amount=Quantity * UnitPrice',
      '--formula',
      'refund=LEFT(InvoiceNo, 1) = "C"',
      '--order-rows',
      'lines',
      '--out',
      out,
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^445 customers written to .* \(as of 2011-12-10; \d+ of 36378 order rows used\)\n {2}\d+ order row\(s\) are exact repeats/);
    const first = readCsv(out)[0];
    expect(first).toMatchObject({ customer_id: '17850.0', first_order_at: '2010-12-01 08:26:00' });
  });
});
