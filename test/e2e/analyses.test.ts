// Analyses as a user runs them on the demo (issue #9): a cross-sell pair's count equals SQL over
// the same orders, a migration's matrix cell lists and exports exactly its customers, a backtest
// covers every customer, and the replenishment "make a tag" adds a tag that SQL agrees with.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './app-test.ts';
import { runSql } from './notebook-steps.ts';

async function demoReady(page: Page): Promise<void> {
  await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
}

/** Adds an analysis from the toolbar menu, runs it, and returns its cell. */
async function runAnalysis(page: Page, kind: string, configure?: (cell: Locator) => Promise<void>): Promise<Locator> {
  await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: '+ Analysis' }).click();
  await page.getByRole('menuitem', { name: new RegExp(`^${kind}`) }).click();
  const cell = page.getByRole('article', { name: new RegExp(`^Analysis cell ${kind}`) }).last();
  await configure?.(cell);
  await cell.getByRole('button', { name: 'Run analysis' }).click();
  await cell.getByText(/^Ran in \d+ ms\.$/).waitFor({ timeout: 60_000 });
  return cell;
}

/** A grid's rows as cell texts (header and row numbers left out). */
async function gridRows(grid: Locator): Promise<string[][]> {
  const rows = await grid.getByRole('row').all();
  const out: string[][] = [];
  for (const row of rows.slice(1)) out.push((await row.getByRole('gridcell').allInnerTexts()).map((t) => t.trim()));
  return out;
}

describe('analyses', () => {
  test('cross-sell: the top pair\'s orders with both equal SQL over the order items of purchases', async ({ app }) => {
    const { page } = app;
    await demoReady(page);
    const cell = await runAnalysis(page, 'Cross-sell pairs');
    const grid = cell.getByRole('grid', { name: 'Result cross_sell' });
    await grid.getByRole('row').nth(1).waitFor();
    const [a, b, both] = (await gridRows(grid))[0];
    const sql = await runSql(
      page,
      `SELECT count(*) AS n FROM (
         SELECT i.order_id FROM order_items i JOIN orders o ON o.order_id = i.order_id
         WHERE o.status NOT IN ('refunded', 'cancelled') AND o.paid_amount >= 0 AND i.product_id IN ('${a}', '${b}')
         GROUP BY i.order_id HAVING count(DISTINCT i.product_id) = 2)`,
    );
    await sql.getByRole('row').nth(1).waitFor({ timeout: 30_000 });
    const [[n]] = await gridRows(sql);
    expect(Number(n.replace(/,/g, ''))).toBe(Number(both.replace(/,/g, '')));
    expect(Number(both)).toBeGreaterThan(1);
  });

  test('migration: a matrix cell lists exactly its customers, and they export as CSV', async ({ app }) => {
    const { page } = app;
    await demoReady(page);
    const cell = await runAnalysis(page, 'Segment migration');
    const matrix = cell.getByRole('table').first();
    const button = matrix.getByRole('button', { name: /^Show the [\d,]+ customers who moved from active to churned$/ });
    const count = Number(/Show the ([\d,]+)/.exec((await button.getAttribute('aria-label')) ?? '')![1].replace(/,/g, ''));
    expect(count).toBeGreaterThan(0);
    await button.click();
    await cell.getByRole('heading', { name: 'Customers who moved from active to churned' }).waitFor();
    const grid = cell.getByRole('grid', { name: 'Result migration' });
    await expect.poll(async () => (await gridRows(grid)).length > 0).toBe(true);
    for (const row of await gridRows(grid)) expect(row.slice(1, 3)).toEqual(['active', 'churned']);
    const [download] = await Promise.all([page.waitForEvent('download'), cell.getByRole('button', { name: 'Export these customers (CSV)' }).click()]);
    const lines = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('customer_id,segment_from,segment_to,moved');
    expect(lines.length - 1).toBe(count);
    expect(lines.slice(1).every((l) => l.endsWith(',active,churned,1'))).toBe(true);
  });

  test('backtest: every customer is in a segment row, and the whole base adds up', async ({ app }) => {
    const { page } = app;
    await demoReady(page);
    const cell = await runAnalysis(page, 'Backtest');
    const table = cell.getByRole('table').first();
    const rows = await table.evaluate((t) =>
      [...(t as HTMLTableElement).tBodies[0].rows].map((r) => [r.cells[0].textContent?.trim() ?? '', r.cells[1].textContent?.trim() ?? '', r.cells[2].textContent?.trim() ?? '']),
    );
    const whole = rows.find((r) => r[0] === 'Whole base')!;
    const segments = rows.filter((r) => r[0] !== 'Whole base');
    const num = (s: string) => Number(s.replace(/,/g, ''));
    expect(num(whole[1])).toBe(5050);
    expect(segments.reduce((sum, r) => sum + num(r[1]), 0)).toBe(5050);
    expect(segments.reduce((sum, r) => sum + num(r[2]), 0)).toBe(num(whole[2]));
    await cell.getByRole('figure', { name: 'Chart of backtest' }).locator('canvas').waitFor();
  });

  test('replenishment: "due for replenishment" becomes a tag whose counts SQL confirms', async ({ app }) => {
    const { page } = app;
    await demoReady(page);
    const cell = await runAnalysis(page, 'Replenishment cycle', async (c) => {
      await c.getByRole('combobox', { name: 'By' }).selectOption('category');
    });
    await cell.getByText('Make a tag').click();
    const first = cell.getByRole('group', { name: 'Products for the “due for replenishment” tag' }).getByRole('checkbox').first();
    await first.check();
    await cell.getByRole('button', { name: 'Add “due for replenishment” tag' }).click();
    const tag = page.getByRole('article', { name: 'Tag cell due_replenishment' });
    await tag.getByText(/5,050 customers in \d+ segments/).waitFor({ timeout: 60_000 });
    const sql = await runSql(page, 'SELECT count(*) FROM customer_table WHERE replenish_ratio >= 1');
    await sql.getByRole('row').nth(1).waitFor({ timeout: 30_000 });
    const [[due]] = await gridRows(sql);
    const segments = tag.getByRole('table', { name: 'Segments of due_replenishment' });
    const dueRow = segments.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Due for replenishment/ }) });
    await expect.poll(async () => Number((await dueRow.getByRole('cell').first().innerText()).replace(/,/g, ''))).toBe(Number(due.replace(/,/g, '')));
  });
});
