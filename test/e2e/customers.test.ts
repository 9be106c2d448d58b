import { describe, expect } from 'vitest';
import { test } from './app-test.ts';
import { runSql } from './notebook-steps.ts';

describe('the customer table', () => {
  // The reference is computed a second way: plain SQL over the orders, in a SQL cell of the same workspace.
  test('the demo customer table equals a SQL GROUP BY of the orders, prospects included', async ({ app }) => {
    const { page } = app;
    const cell = page.getByRole('article', { name: 'Customers cell customer_table' });
    await cell.getByText(/^5,050 customers · 40,000 of 40,000 order rows used · as of \d{4}-\d\d-\d\d$/).waitFor({ timeout: 60_000 });
    await page.getByRole('grid', { name: 'Result repeat_buyers' }).waitFor({ timeout: 30_000 });
    const check = await runSql(
      page,
      `WITH ref AS (
         SELECT customer_id, count(DISTINCT order_id) AS orders, sum(paid_amount) AS revenue, max(order_time) AS last_at
         FROM orders WHERE status IN ('completed', 'shipped') GROUP BY customer_id)
       SELECT (SELECT count(*) FROM customer_table) = (SELECT count(*) FROM customers) AS everyone,
              (SELECT count(*) FROM customer_table WHERE orders = 0) = (SELECT count(*) FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM ref)) AS prospects,
              (SELECT count(*) FROM customer_table c JOIN ref r USING (customer_id)
                WHERE c.orders <> r.orders OR abs(c.revenue - r.revenue) > 0.005 OR c.last_order_at <> r.last_at) AS mismatches`,
    );
    await expect.poll(async () => (await check.getByRole('row').nth(1).innerText()).split(/\s+/).slice(1), { timeout: 30_000 }).toEqual(['1', '1', '0']);
  });

  test('metric variants are a visible choice, and custom metrics explain their errors', async ({ app }) => {
    const { page } = app;
    const cell = page.getByRole('article', { name: 'Customers cell customer_table' });
    const status = cell.getByText(/^5,050 customers/);
    await status.waitFor({ timeout: 60_000 });
    await cell.getByText('How each of the 15 metrics is computed').click();
    const revenueRow = cell.getByRole('row', { name: /^revenue / });
    await expect.poll(() => revenueRow.innerText()).toMatch(/less money refunded/);
    await cell.getByRole('combobox', { name: 'Revenue', exact: true }).selectOption({ label: 'gross' });
    await expect.poll(() => revenueRow.innerText(), { timeout: 15_000 }).toMatch(/refunded orders included/);

    await cell.getByRole('button', { name: '+ Metric' }).click();
    const formula = cell.getByLabel('Formula of metric_2');
    await formula.fill('revenue / ordrs');
    await formula.press('Tab');
    await cell.getByRole('alert').filter({ hasText: 'did you mean "orders"' }).waitFor({ timeout: 15_000 });
    await formula.fill('revenue / orders');
    await formula.press('Tab');
    const grid = page.getByRole('grid', { name: 'Rows of customer_table' });
    await grid.getByRole('columnheader', { name: /metric_2/ }).waitFor({ timeout: 15_000 });
  });

  test('a parameter used by a formula cannot be removed, and the message names the formula', async ({ app }) => {
    const { page } = app;
    const cell = page.getByRole('article', { name: 'Customers cell customer_table' });
    await cell.getByText(/^5,050 customers/).waitFor({ timeout: 60_000 });
    const panel = page.getByRole('region', { name: 'Parameters' });
    await panel.getByRole('button', { name: '+ Parameter' }).click();
    await panel.getByLabel('Name', { exact: true }).fill('vip_revenue');
    await panel.getByLabel('Value', { exact: true }).fill('5000');
    await panel.getByRole('button', { name: 'Add' }).click();
    await panel.getByLabel('Value of vip_revenue').waitFor();

    await cell.getByRole('button', { name: '+ Metric' }).click();
    await cell.getByLabel('Name of metric 2').fill('vip');
    await cell.getByLabel('Name of metric 2').press('Tab');
    const formula = cell.getByLabel('Formula of vip');
    await formula.fill('revenue >= vip_revenue');
    await formula.press('Tab');
    const grid = page.getByRole('grid', { name: 'Rows of customer_table' });
    await grid.getByRole('columnheader', { name: /vip/ }).waitFor({ timeout: 15_000 });

    await panel.getByRole('button', { name: 'Remove parameter vip_revenue' }).click();
    await panel.getByRole('alert').getByText('vip_revenue is used by customer_table.vip; change those first.').waitFor();
    expect(await panel.getByLabel('Value of vip_revenue').inputValue()).toBe('5000');
  });

  test("a SQL cell's result can be the orders table, dates and all", async ({ app }) => {
    const { page } = app;
    await page.getByRole('article', { name: 'Customers cell customer_table' }).getByText(/^5,050 customers/).waitFor({ timeout: 60_000 });
    const result = await runSql(page, "SELECT order_id, customer_id, order_time, paid_amount FROM orders WHERE channel = 'app'");
    await result.getByRole('gridcell').first().waitFor({ timeout: 30_000 });
    const name = ((await result.getAttribute('aria-label')) ?? '').replace(/^Result /, '');
    // Reference: the app orders counted by SQL in the same workspace.
    const reference = await runSql(page, "SELECT count(*) AS n, count(DISTINCT customer_id) AS customers FROM orders WHERE channel = 'app'");
    // The row's cells arrive after the grid: wait until both numbers are there.
    const firstRow = async () => (await reference.getByRole('row').nth(1).innerText()).split(/\s+/).slice(1);
    await expect.poll(async () => (await firstRow()).filter((v) => /^[\d,]+$/.test(v)).length, { timeout: 30_000 }).toBe(2);
    const [n, customers] = await firstRow();
    expect(Number(n.replace(/,/g, ''))).toBeGreaterThan(1000);

    await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: '+ Customer table' }).click();
    const cell = page.getByRole('article', { name: /^Customers cell / }).last();
    await cell.getByRole('combobox', { name: 'Orders', exact: true }).selectOption(name);
    await expect.poll(() => cell.getByLabel('Order time *').inputValue(), { timeout: 15_000 }).toBe('order_time');
    await cell.getByLabel('Customers (optional)').selectOption('');
    await cell.getByText(new RegExp(`^${customers} customers · ${n} of ${n} order rows used`)).waitFor({ timeout: 30_000 });
  });
});
