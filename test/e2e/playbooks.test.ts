// Playbooks as a user adds them to the demo: the RFM 8 classes follow a switch from mean to
// median exactly as SQL counts them, and the deciles' shares add up to the whole.
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './app-test.ts';
import { runSql } from './notebook-steps.ts';

async function demoReady(page: Page): Promise<void> {
  await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
}

/** Opens Playbooks…, adds the playbook whose Add button matches `name`, closes the dialog; returns the tag cells added. */
async function addPlaybook(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: 'Playbooks…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Playbooks' });
  await dialog.getByRole('button', { name }).click();
  await dialog.getByRole('status').getByText(/^Added /).waitFor({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Close' }).last().click();
}

/** A segment table's counts, in row order (the no-segment row left out). */
async function countsInOrder(table: Locator): Promise<number[]> {
  const counts: number[] = [];
  for (const row of (await table.getByRole('row').all()).slice(1)) {
    const header = row.getByRole('rowheader');
    if ((await header.count()) === 0) continue;
    if ((await header.innerText()).startsWith('No segment')) continue;
    const cell = (await row.getByRole('cell').first().innerText()).replace(/,/g, '');
    if (/^\d+$/.test(cell)) counts.push(Number(cell));
  }
  return counts;
}

/** The RFM 8 class index SQLite gives each customer against the medians (as the engine: R high = recency below, F and M high = at or above). */
const RFM8_MEDIAN_SQL = `
WITH rv AS (SELECT recency_days AS v FROM customer_table WHERE recency_days IS NOT NULL),
     fv AS (SELECT orders AS v FROM customer_table WHERE orders IS NOT NULL),
     mv AS (SELECT revenue AS v FROM customer_table WHERE revenue IS NOT NULL),
     med AS (SELECT
       (SELECT AVG(v) FROM (SELECT v FROM rv ORDER BY v LIMIT 2 - (SELECT COUNT(*) FROM rv) % 2 OFFSET ((SELECT COUNT(*) FROM rv) - 1) / 2)) AS r,
       (SELECT AVG(v) FROM (SELECT v FROM fv ORDER BY v LIMIT 2 - (SELECT COUNT(*) FROM fv) % 2 OFFSET ((SELECT COUNT(*) FROM fv) - 1) / 2)) AS f,
       (SELECT AVG(v) FROM (SELECT v FROM mv ORDER BY v LIMIT 2 - (SELECT COUNT(*) FROM mv) % 2 OFFSET ((SELECT COUNT(*) FROM mv) - 1) / 2)) AS m)
SELECT (CASE WHEN c.revenue >= med.m THEN 0 ELSE 4 END) + (CASE WHEN c.recency_days < med.r THEN 0 ELSE 2 END) + (CASE WHEN c.orders >= med.f THEN 0 ELSE 1 END) AS class,
       COUNT(*) AS customers
FROM customer_table AS c, med
WHERE c.recency_days IS NOT NULL AND c.orders IS NOT NULL AND c.revenue IS NOT NULL
GROUP BY 1 ORDER BY 1`;

describe('playbooks', () => {
  test('the RFM 8 classes playbook, switched from mean to median, counts each class as SQL does', async ({ app }) => {
    const { page } = app;
    await demoReady(page);
    const tagsBefore = await page.getByRole('article', { name: /^Tag cell / }).count();
    await addPlaybook(page, /^Add RFM 8/);
    const tag = page.getByRole('article', { name: /^Tag cell / }).nth(tagsBefore);
    const name = ((await tag.getAttribute('aria-label')) ?? '').replace(/^Tag cell /, '');
    const table = tag.getByRole('table', { name: `Segments of ${name}` });
    await tag.getByText(/customers in \d+ segments/).waitFor({ timeout: 60_000 });

    await tag.getByRole('combobox', { name: `Reference of ${name}` }).selectOption('median');
    // The reference: SQL over the same customer table, once the tag columns are written.
    await page.waitForTimeout(1500);
    const grid = await runSql(page, RFM8_MEDIAN_SQL);
    await grid.getByRole('row').nth(1).waitFor({ timeout: 30_000 });
    const expected = new Array<number>(8).fill(0);
    for (const row of (await grid.getByRole('row').all()).slice(1)) {
      const cells = await row.getByRole('gridcell').allInnerTexts();
      expected[Number(cells[0])] = Number(cells[1].replace(/,/g, ''));
    }
    expect(expected.reduce((a, b) => a + b, 0)).toBeGreaterThan(4000);
    await expect.poll(() => countsInOrder(table), { timeout: 30_000 }).toEqual(expected);
  });

  test('the deciles playbook: ten groups whose revenue shares add up to 100%, and a Pareto curve that ends at 100%', async ({ app }) => {
    const { page } = app;
    await demoReady(page);
    await addPlaybook(page, /^Add Decile/);
    // The demo has a deciles playbook already: the one just added is the last Pareto chart.
    const paretoCells = page.getByRole('article').filter({ has: page.getByRole('figure', { name: /Pareto/i }) });
    await expect.poll(() => paretoCells.count(), { timeout: 60_000 }).toBe(2);
    const chartCell = paretoCells.last();
    await chartCell.getByText('Chart data').click();
    const deciles = chartCell.getByRole('table', { name: /: deciles$/ });
    const curve = chartCell.getByRole('table', { name: /: curve$/ });
    const column = async (table: Locator, name: string): Promise<number[]> => {
      const headers = await table.getByRole('columnheader').allInnerTexts();
      const at = headers.indexOf(name);
      const rows = (await table.getByRole('row').all()).slice(1);
      return Promise.all(rows.map(async (r) => Number((await r.getByRole('cell').nth(at).innerText()).replace(/,/g, ''))));
    };
    const shares = await column(deciles, 'valueShare');
    expect(shares).toHaveLength(10);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    // The top decile brings the most.
    expect(Math.max(...shares)).toBe(shares[0]);
    const cumulative = await column(curve, 'valueShare');
    expect(cumulative.at(-1)).toBeCloseTo(1, 6);
    expect(cumulative.every((v, i) => i === 0 || v >= cumulative[i - 1])).toBe(true);
  });

  test('the SQL playbooks add result tables over the orders: sleeping customers per week, NLR classes and price tiers', async ({ app }) => {
    const { page } = app;
    await demoReady(page);
    await addPlaybook(page, /^Add Sleeping customers per week/);
    const weeks = page.getByRole('grid', { name: /^Result sleeping_by_week/ });
    await weeks.getByRole('row').nth(1).waitFor({ timeout: 60_000 });
    await addPlaybook(page, /^Add New \/ repeating \/ lapsed/);
    const nlr = page.getByRole('grid', { name: /^Result nlr_counts/ });
    await nlr.getByRole('row').nth(1).waitFor({ timeout: 60_000 });
    await addPlaybook(page, /^Add Price tier/);
    const tiers = page.getByRole('grid', { name: /^Result price_tier_counts/ });
    await tiers.getByRole('row').nth(1).waitFor({ timeout: 60_000 });
    // Every class the NLR counts list adds up to the customers who bought.
    const counts = await Promise.all((await nlr.getByRole('row').all()).slice(1).map(async (r) => (await r.getByRole('gridcell').allInnerTexts()).map((t) => t.trim())));
    expect(counts.map((c) => c[0])).toEqual(expect.arrayContaining(['new', 'repeating', 'lapsed']));
  });
  test('the sleeping customers per week follow the window parameters: the SQL runs again and its line chart shows the result', async ({ app }) => {
    const { page } = app;
    await demoReady(page);
    await addPlaybook(page, /^Add Sleeping customers per week/);
    const grid = page.getByRole('grid', { name: /^Result sleeping_by_week/ });
    await grid.getByRole('row').nth(1).waitFor({ timeout: 60_000 });
    const chartCell = page.getByRole('article').filter({ has: page.getByRole('figure', { name: 'Sleeping customers per week' }) });
    await chartCell.getByRole('figure').locator('canvas').waitFor({ timeout: 30_000 });
    await page.getByText(':sleeping_from_days = 90').waitFor();

    /** The chart's points and the result's column, read from the chart data table and the whole result (one SQL cell over it). */
    const chartPoints = async (): Promise<number[]> => {
      const table = chartCell.getByRole('table', { name: /: table$/ });
      if (!(await table.isVisible())) await chartCell.getByText('Chart data').click();
      const headers = await table.getByRole('columnheader').allInnerTexts();
      const at = headers.indexOf('value');
      const rows = (await table.getByRole('row').all()).slice(1);
      return Promise.all(rows.map(async (r) => Number((await r.getByRole('cell').nth(at).innerText()).replace(/,/g, ''))));
    };
    const reader = await runSql(page, 'SELECT group_concat(sleeping_customers) AS s FROM sleeping_by_week');
    const readerCell = page.getByRole('article', { name: /^SQL cell / }).last();
    await reader.getByRole('row').nth(1).waitFor({ timeout: 30_000 });
    const resultColumn = async (): Promise<number[]> => {
      await readerCell.getByRole('button', { name: /^Run / }).click();
      await readerCell.getByRole('status').getByText(/row/).waitFor({ timeout: 30_000 });
      await reader.getByRole('row').nth(1).waitFor({ timeout: 30_000 });
      return (await reader.getByRole('row').nth(1).getByRole('gridcell').first().innerText()).split(',').map(Number);
    };
    const before = await resultColumn();
    expect(Math.max(...before)).toBeGreaterThan(0);
    await expect.poll(chartPoints, { timeout: 30_000 }).toEqual(before.slice(0, 500));

    // A shorter window: the cell runs again by itself, the chart follows and stays equal to the result.
    const parameters = page.getByRole('region', { name: 'Parameters' });
    await parameters.getByLabel('Value of sleeping_to_days').fill('120');
    await parameters.getByLabel('Value of sleeping_to_days').press('Enter');
    await page.getByText(':sleeping_to_days = 120').waitFor();
    await expect.poll(async () => (await resultColumn()).join(), { timeout: 30_000 }).not.toBe(before.join());
    const after = await resultColumn();
    expect(after.every((n, i) => n <= before[i])).toBe(true);
    await expect.poll(chartPoints, { timeout: 30_000 }).toEqual(after.slice(0, 500));
  });
});

