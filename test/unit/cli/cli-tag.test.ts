// The tag command: the customer table plus one column per tag, run as a user would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { RFM_PACKAGE_0_2_RULES, type TagDefinition } from '../../../src/engine/tags/index.ts';
import { describeRealdata, realdataPath } from '../../helpers/realdata.ts';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'tagbook-cli-tag-'));

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

const ORDERS = `customer_id,order_time,paid_amount
a,2024-03-01,100
a,2024-03-20,50
b,2024-01-05,30
c,2023-10-01,500
`;
const MAP = 'customer=customer_id,time=order_time,amount=paid_amount';
const STAGE: TagDefinition = { kind: 'cut', name: 'stage', metric: 'recency_days', thresholds: [30, 'silent_days'], segments: [{ label: 'active' }, { label: 'cooling' }, { label: 'lapsed' }] };
const BIG: TagDefinition = { kind: 'flag', name: 'big', when: 'revenue >= 150 AND stage <> "lapsed"', whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } };

describe('cli tag --orders FILE --map ... --tags TAGS.json --out FILE', () => {
  it('writes the customer table plus one label column per tag', () => {
    const out = join(dir, 'tagged.csv');
    const run = cli('tag', '--orders', file('orders.csv', ORDERS), '--map', MAP, '--as-of', '2024-03-31', '--tags', file('tags.json', JSON.stringify([BIG, STAGE])), '--param', 'silent_days=90', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`3 customers with 2 tags written to ${out} (as of 2024-03-31)\n`);
    const rows = readCsv(out);
    expect(Object.keys(rows[0]).slice(-2)).toEqual(['big', 'stage']);
    expect(rows.map((r) => [r.customer_id, r.recency_days, r.stage, r.big])).toEqual([
      ['a', '11', 'active', 'yes'],
      ['b', '86', 'cooling', 'no'],
      ['c', '182', 'lapsed', 'no'],
    ]);
  });

  it('fails with one line naming the tag at fault', () => {
    const bad = cli('tag', '--orders', file('orders2.csv', ORDERS), '--map', MAP, '--tags', file('bad.json', JSON.stringify([STAGE])), '--out', join(dir, 'x.csv'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('tagbook: tag "stage": thresholds[1] is "silent_days", which is neither a number nor the name of a number parameter.\n');
    const notArray = cli('tag', '--orders', file('orders3.csv', ORDERS), '--map', MAP, '--tags', file('obj.json', '{"kind":"cut"}'));
    expect(notArray.stderr).toMatch(/holds a JSON array of tag definitions\.\n$/);
    expect(cli('tag', '--orders', file('orders4.csv', ORDERS), '--map', MAP).stderr).toBe('tagbook: tag needs --tags TAGS.json (an array of tag definitions)\n');
  });
});

describeRealdata('cli tag on the R rfm package orders', () => {
  it('gives the published 0.2.x segment counts from the customer table the app builds', () => {
    const rfm: TagDefinition = { kind: 'rfm', name: 'segment', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', method: 'rfm', rules: [...RFM_PACKAGE_0_2_RULES] };
    const out = join(dir, 'rfm.csv');
    const run = cli('tag', '--orders', realdataPath('rfm-r-package/rfm_data_orders.csv'), '--map', 'customer=customer_id,time=order_date,amount=revenue', '--as-of', '2006-12-31', '--tags', file('rfm.json', JSON.stringify([rfm])), '--out', out);
    expect(run.stderr).toBe('');
    const counts: Record<string, [number, number, number]> = {};
    for (const row of readCsv(out)) {
      const c = (counts[row.segment] ??= [0, 0, 0]);
      c[0] += 1;
      c[1] += Number(row.orders);
      c[2] += Number(row.revenue);
    }
    expect(counts).toEqual({
      Champions: [158, 1234, 120178],
      'Loyal Customers': [278, 1708, 166712],
      'Potential Loyalist': [229, 801, 65873],
      'Need Attention': [35, 144, 13287],
      'About To Sleep': [50, 127, 10914],
      'At Risk': [86, 438, 44178],
      Lost: [111, 244, 20955],
      Others: [48, 210, 22061],
    });
  });
});
