import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './app-test.ts';
import { FIXTURES_DIR, pickFixture, sourceEntry } from './browser.ts';

/** Adds a SQL cell at the end of the notebook, types `sql` into it and runs it with Ctrl+Enter; returns the cell's result name. */
async function runNewSqlCell(page: Page, sql: string): Promise<string> {
  const before = await page.getByRole('article', { name: /^SQL cell / }).count();
  await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: '+ SQL cell' }).click();
  const cell = page.getByRole('article', { name: /^SQL cell / }).nth(before);
  const editor = cell.getByRole('textbox', { name: /^SQL of / });
  await editor.click();
  await editor.fill(sql);
  await editor.press('Control+Enter');
  const label = (await editor.getAttribute('aria-label')) ?? '';
  return label.replace(/^SQL of /, '');
}

/** The text of every cell of a result grid's column `column` among the rows shown. */
async function columnTexts(page: Page, gridName: string, column: number): Promise<string[]> {
  const grid = page.getByRole('grid', { name: gridName });
  const rows = grid.getByRole('row');
  const texts: string[] = [];
  for (let i = 1; i < (await rows.count()); i++) texts.push(await rows.nth(i).getByRole('gridcell').nth(column).innerText());
  return texts;
}

describe('the notebook', () => {
  test('the demo opens with its note, the orders table and SQL cells already run', async ({ app }) => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Welcome to Tagbook' }).waitFor();
    await page.getByRole('grid', { name: 'Rows of orders' }).waitFor();
    const byStatus = page.getByRole('grid', { name: 'Result orders_by_status' });
    await byStatus.getByRole('gridcell', { name: 'completed', exact: true }).waitFor({ timeout: 30_000 });
    // A later cell queries an earlier cell's result by its name.
    await page.getByRole('grid', { name: 'Result orders_histogram' }).getByRole('gridcell').first().waitFor();
    await page.getByText(/^4 rows · \d+ ms$/).first().waitFor();
  });

  // The journey: a GB18030 export with Chinese headers, ¥1,234.50 amounts and slash dates.
  test('a GB18030 file with Chinese headers loads, and a SQL cell sums it exactly', async ({ app }) => {
    const { page } = app;
    // The reference: decode and add up the file here, independently of the app (amounts in cents).
    const text = new TextDecoder('gb18030').decode(await readFile(join(FIXTURES_DIR, 'shop-orders-gb18030.csv')));
    const lines = text.trim().split(/\r?\n/).slice(1);
    const cents = lines.reduce((sum, line) => sum + Math.round(Number(/¥"?([\d,]+\.\d\d)/.exec(line)?.[1].replace(/,/g, '')) * 100), 0);
    const expectedSum = (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

    await pickFixture(page, 'shop-orders-gb18030.csv');
    await page.getByRole('region', { name: 'shop-orders-gb18030.csv', exact: true }).waitFor();
    expect(await page.getByLabel('Encoding').inputValue()).toBe('gb18030');
    expect(await page.getByLabel('Type of column 订单号').inputValue()).toBe('text');
    expect(await page.getByLabel('Type of column 下单日期').inputValue()).toBe('date');
    expect(await page.getByLabel('Type of column 实付金额').inputValue()).toBe('decimal');
    await page.getByText(`${lines.length} rows in the file, ${lines.length} loaded, 0 excluded`).waitFor();

    await page.getByRole('button', { name: 'Load table' }).click();
    const rows = page.getByRole('grid', { name: 'Rows of shop-orders-gb18030' });
    await rows.getByRole('gridcell', { name: '张三', exact: true }).first().waitFor();
    await sourceEntry(page, 'shop-orders-gb18030').getByText(new RegExp(`^${lines.length} rows`)).waitFor();

    const name = await runNewSqlCell(page, 'SELECT count(*) AS n, sum("实付金额") AS paid_total, min("下单日期") AS first_day FROM "shop-orders-gb18030"');
    const result = page.getByRole('grid', { name: `Result ${name}` });
    await result.getByRole('gridcell', { name: String(lines.length), exact: true }).waitFor({ timeout: 30_000 });
    await result.getByRole('gridcell', { name: expectedSum, exact: true }).waitFor();
    await result.getByRole('gridcell', { name: '2024-01-01', exact: true }).waitFor();
  });

  test('a SQL error shows in its cell, and the next query works', async ({ app }) => {
    const { page } = app;
    await page.getByRole('grid', { name: 'Result orders_by_status' }).waitFor({ timeout: 30_000 });
    const name = await runNewSqlCell(page, 'SELEC count(*) FROM orders');
    const cell = page.getByRole('article', { name: `SQL cell ${name}` });
    const alert = cell.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/syntax error/);

    const editor = cell.getByRole('textbox', { name: `SQL of ${name}` });
    await editor.fill('SELECT count(*) AS n FROM orders');
    await cell.getByRole('button', { name: `Run ${name}` }).click();
    await page.getByRole('grid', { name: `Result ${name}` }).getByRole('gridcell', { name: '40,000', exact: true }).waitFor();
    expect(await alert.count()).toBe(0);
  });

  // sql.js cannot be interrupted: Cancel terminates the SQL worker and fills a new one from the loaded columns.
  test('a runaway query is cancelled, and the data is still queryable', async ({ app }) => {
    const { page } = app;
    await page.getByRole('grid', { name: 'Result orders_histogram' }).waitFor({ timeout: 30_000 });
    const name = await runNewSqlCell(page, 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c');
    const cell = page.getByRole('article', { name: `SQL cell ${name}` });
    await cell.getByText('Running…').waitFor();
    await cell.getByRole('button', { name: 'Cancel query' }).click();
    await cell.getByText('Query stopped; the data is unchanged.').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: `Run ${name}` }).waitFor();
    // The earlier results were made again in the new SQLite, so a query on one works.
    const check = await runNewSqlCell(page, 'SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM customer_summary) > 0 AS has_summary');
    const result = page.getByRole('grid', { name: `Result ${check}` });
    await result.getByRole('gridcell', { name: '40,000', exact: true }).waitFor({ timeout: 30_000 });
    await result.getByRole('gridcell', { name: '1', exact: true }).waitFor();
  });

  test('cancelling a large import leaves the loaded tables as they were', async ({ app }) => {
    const { page } = app;
    await sourceEntry(page, 'orders').getByText('SQLite: ready').waitFor({ timeout: 30_000 });
    const lines = ['order_id,customer_id,amount'];
    for (let i = 0; i < 1_500_000; i++) lines.push(`${9_000_000_000 + i},C${i % 50_000},${(i % 997) + 0.5}`);
    const buffer = Buffer.from(lines.join('\n'));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a CSV or Excel file' }).click();
    await (await chooser).setFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer });
    await page.getByRole('region', { name: 'orders.csv', exact: true }).waitFor({ timeout: 30_000 });

    // The name is taken: the user chooses between replacing and keeping both.
    await page.getByText('A table named “orders” already exists: replace it, or keep both?').waitFor();
    await page.getByRole('button', { name: 'Keep both (as orders_2)' }).waitFor();
    await page.getByRole('button', { name: 'Replace orders' }).click();
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await page.getByText('Import cancelled. Nothing was changed.').waitFor();

    expect(await sourceEntry(page, 'orders').getByText(/^40,000 rows/).isVisible()).toBe(true);
    const check = await runNewSqlCell(page, 'SELECT count(*) AS n FROM orders');
    await page.getByRole('grid', { name: `Result ${check}` }).getByRole('gridcell', { name: '40,000', exact: true }).waitFor({ timeout: 30_000 });
    // The preview stays, so the file can still be loaded beside the table.
    await page.getByRole('button', { name: 'Keep both (as orders_2)' }).click();
    await sourceEntry(page, 'orders_2').getByText(/^1,500,000 rows/).waitFor({ timeout: 60_000 });
  });

  // Markdown is rendered with a maintained parser and sanitised with DOMPurify every time.
  test('a note with script payloads renders inert', async ({ app }) => {
    const { page } = app;
    await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: '+ Note' }).click();
    const editor = page.getByRole('textbox', { name: 'Note text (markdown)' });
    await editor.fill(
      '## Payloads\n\n<img src=x onerror="window.__pwned=1">\n\n<script>window.__pwned=2</script>\n\n[click](javascript:window.__pwned=3)\n\n<svg onload="window.__pwned=4"></svg>\n\n**still bold**',
    );
    await page.getByRole('button', { name: 'Done' }).click();
    const note = page.getByRole('article', { name: 'Note cell Payloads' });
    await note.getByRole('heading', { name: 'Payloads' }).waitFor();
    await note.getByText('still bold').waitFor();
    const html = await note.locator('.markdown').innerHTML();
    expect(html).not.toMatch(/onerror|onload|<script|javascript:/i);
    expect(await note.locator('.markdown').locator('img, script, svg, iframe, [style], [onerror], [onload]').count()).toBe(0);
    await note.getByText('click').click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });

  test('cells can be added, moved, collapsed and deleted, and a result renamed and queried', async ({ app }) => {
    const { page } = app;
    await page.getByRole('grid', { name: 'Result orders_histogram' }).waitFor({ timeout: 30_000 });
    const name = await runNewSqlCell(page, 'SELECT channel, count(*) AS customers FROM customers GROUP BY channel ORDER BY channel');
    const cell = page.getByRole('article', { name: `SQL cell ${name}` });
    await page.getByRole('grid', { name: `Result ${name}` }).getByRole('gridcell', { name: 'app', exact: true }).waitFor();

    const nameField = cell.getByRole('textbox', { name: 'Result table' });
    await nameField.fill('orders');
    await nameField.press('Enter');
    await cell.getByText('A table named “orders” already exists.').waitFor();
    await nameField.fill('by_channel');
    await nameField.press('Enter');
    const renamed = page.getByRole('article', { name: 'SQL cell by_channel' });
    await renamed.waitFor();

    const next = await runNewSqlCell(page, 'SELECT sum(customers) AS n FROM by_channel');
    await page.getByRole('grid', { name: `Result ${next}` }).getByRole('gridcell', { name: /^\d{1,2},\d{3}$/ }).waitFor();

    // Sorting a result: descending by count.
    const grid = page.getByRole('grid', { name: 'Result by_channel' });
    const header = grid.getByRole('columnheader', { name: /customers/ });
    await header.getByRole('button').click();
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect
      .poll(async () => {
        const counts = (await columnTexts(page, 'Result by_channel', 1)).map((t) => Number(t.replace(/,/g, '')));
        return counts.length > 1 && counts.every((c, i) => i === 0 || counts[i - 1] >= c);
      })
      .toBe(true);

    const articles = page.getByRole('article');
    const names = async () => (await articles.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))));
    const before = await names();
    await renamed.getByRole('button', { name: 'Move by_channel up' }).click();
    const after = await names();
    const at = before.indexOf('SQL cell by_channel');
    expect(after[at - 1]).toBe('SQL cell by_channel');

    await renamed.getByRole('button', { name: 'Collapse by_channel' }).click();
    expect(await renamed.getByRole('textbox', { name: 'SQL of by_channel' }).count()).toBe(0);
    await renamed.getByRole('button', { name: 'Expand by_channel' }).click();
    await renamed.getByRole('textbox', { name: 'SQL of by_channel' }).waitFor();

    await renamed.getByRole('button', { name: 'Delete by_channel' }).click();
    await renamed.getByRole('button', { name: 'Delete', exact: true }).click();
    await renamed.waitFor({ state: 'detached' });
    expect(await page.getByRole('navigation', { name: 'Sources' }).getByText('by_channel', { exact: true }).count()).toBe(0);
  });

  // Ctrl+Enter runs a SQL cell without inserting a newline, and completion offers the loaded tables.
  test('completion offers tables and columns, and Ctrl+Enter runs the cell', async ({ app }) => {
    const { page } = app;
    await page.getByRole('grid', { name: 'Result orders_by_status' }).waitFor({ timeout: 30_000 });
    const cell = page.getByRole('article', { name: 'SQL cell orders_by_status' });
    const editor = cell.getByRole('textbox', { name: 'SQL of orders_by_status' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('SELECT * FROM o');
    await page.keyboard.press('Control+Space');
    const completions = page.getByRole('listbox');
    await completions.getByRole('option', { name: 'orders', exact: true }).waitFor();
    await completions.getByRole('option', { name: /^order_id/ }).first().waitFor();
    await page.keyboard.press('Escape');
    await completions.waitFor({ state: 'hidden' });
    await page.keyboard.type('rders WHERE status = \'refunded\'');
    await page.keyboard.press('Control+Enter');
    await cell.getByText(/^[\d,]+ rows · \d+ ms$/).waitFor();
    await page.getByRole('grid', { name: 'Result orders_by_status' }).getByRole('columnheader', { name: /coupon_amount/ }).waitFor();
    expect(await editor.textContent()).toBe("SELECT * FROM orders WHERE status = 'refunded'");
  });

  // The grid pages a million rows under the browsers' element-height limit, and a parent refreshing
  // its table list (SQLite progress polls) must not throw the reader back to the top.
  test('a million-row table scrolls to its last row and stays there while SQLite fills', async ({ app }) => {
    const { page } = app;
    await page.getByRole('grid', { name: 'Rows of orders' }).waitFor();
    const lines = ['id,amount'];
    for (let i = 1; i <= 1_000_000; i++) lines.push(`${i},${i % 1000}.5`);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a CSV or Excel file' }).click();
    await (await chooser).setFiles({ name: 'million.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await page.getByRole('button', { name: 'Load table' }).click({ timeout: 30_000 });
    const grid = page.getByRole('grid', { name: 'Rows of million' });
    await grid.waitFor({ timeout: 30_000 });
    expect(await grid.getAttribute('aria-rowcount')).toBe('1000001');
    expect(await grid.evaluate((el) => el.scrollHeight)).toBeLessThan(10_000_000);
    await grid.focus();
    await page.keyboard.press('End');
    const last = grid.getByRole('rowheader', { name: '1,000,000', exact: true });
    await last.waitFor();
    await sourceEntry(page, 'million').getByText('SQLite: ready').waitFor({ timeout: 60_000 });
    expect(await last.isVisible()).toBe(true);
  });

  test('Ctrl+Z undoes a deleted cell and a definition change; Ctrl+Shift+Z redoes', async ({ app }) => {
    const { page } = app;
    const customers = page.getByRole('article', { name: 'Customers cell customer_table' });
    await customers.getByText(/^5,050 customers/).waitFor({ timeout: 60_000 });
    const note = page.getByRole('article', { name: 'Note cell Welcome to Tagbook' });
    await note.getByRole('button', { name: 'Delete Welcome to Tagbook' }).click();
    await note.getByRole('button', { name: 'Delete', exact: true }).click();
    await note.waitFor({ state: 'detached' });
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Control+z');
    await note.getByRole('heading', { name: 'Welcome to Tagbook' }).waitFor();

    await customers.getByRole('combobox', { name: 'Orders count', exact: true }).selectOption('rows');
    await page.getByRole('button', { name: 'Undo', exact: true }).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => customers.getByRole('combobox', { name: 'Orders count', exact: true }).inputValue()).toBe('orders');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => customers.getByRole('combobox', { name: 'Orders count', exact: true }).inputValue()).toBe('rows');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => customers.getByRole('combobox', { name: 'Orders count', exact: true }).inputValue()).toBe('orders');
  });
});
