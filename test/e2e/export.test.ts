import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Download, Locator, Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { describe, expect } from 'vitest';
import { test } from './app-test.ts';

/** The count a segment table shows for `label`. */
async function shownCount(table: Locator, label: string): Promise<number> {
  const row = table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: label }) });
  return Number((await row.getByRole('cell').first().innerText()).replace(/,/g, ''));
}

/** Clicks Download in the dialog and returns the download. */
async function download(page: Page, dialog: Locator): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
  return file;
}

async function bytesOf(file: Download): Promise<Buffer> {
  return readFile(await file.path());
}

describe('export', () => {
  test('the lifecycle segment "active" exports as CSV (BOM, chosen columns, one row per customer) and as XLSX (numbers typed)', async ({ app }) => {
    const { page } = app;
    const cell = page.getByRole('article', { name: 'Tag cell lifecycle' });
    const table = cell.getByRole('table', { name: 'Segments of lifecycle' });
    await cell.getByText('5,050 customers in 4 segments').waitFor({ timeout: 60_000 });
    const active = await shownCount(table, 'active');
    expect(active).toBeGreaterThan(0);

    await table.getByRole('button', { name: 'active' }).click();
    await cell.getByRole('button', { name: 'Export these customers…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export customers' });
    await dialog.waitFor();
    const segments = dialog.getByRole('group', { name: 'Segments' });
    expect(await segments.getByRole('checkbox', { name: /^active/ }).isChecked()).toBe(true);
    expect(await segments.getByRole('checkbox', { name: /^cooling/ }).isChecked()).toBe(false);

    // Only three columns: "None", then tick them.
    const columns = dialog.getByRole('group', { name: 'Columns' });
    await dialog.getByRole('button', { name: 'None' }).nth(1).click();
    await expect.poll(() => dialog.getByRole('button', { name: 'Download' }).isDisabled()).toBe(true);
    // Ticked in any order, written in the table's column order.
    const chosen = ['customer_id', 'orders', 'revenue', 'lifecycle'];
    for (const name of ['lifecycle', 'revenue', 'customer_id', 'orders']) await columns.getByRole('checkbox', { name, exact: true }).check();
    await dialog.getByText(`${active.toLocaleString('en-US')} customers will be exported to customer_table-lifecycle-active.csv.`).waitFor();

    const csvFile = await download(page, dialog);
    expect(csvFile.suggestedFilename()).toBe('customer_table-lifecycle-active.csv');
    const bytes = await bytesOf(csvFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual(chosen);
    expect(parsed.data.length - 1).toBe(active);
    expect(new Set(parsed.data.slice(1).map((r) => r[3]))).toEqual(new Set(['active']));
    expect(parsed.data.slice(1).every((r) => /^\d+$/.test(r[1]) && /^-?\d+(\.\d+)?$/.test(r[2]))).toBe(true);
    expect(bytes.toString('utf8')).toContain('\r\n');

    await dialog.getByRole('radio', { name: /Excel/ }).check();
    const xlsxFile = await download(page, dialog);
    expect(xlsxFile.suggestedFilename()).toBe('customer_table-lifecycle-active.xlsx');
    const sheets = await readSheet(await bytesOf(xlsxFile));
    expect(sheets[0]).toEqual(chosen);
    expect(sheets.length - 1).toBe(active);
    for (const row of sheets.slice(1)) {
      expect(typeof row[1]).toBe('number');
      expect(typeof row[2]).toBe('number');
      expect(row[3]).toBe('active');
    }
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  test('the customer table cell exports every customer as XLSX with dates typed', async ({ app }) => {
    const { page } = app;
    const cell = page.getByRole('article', { name: 'Customers cell customer_table' });
    await cell.getByText(/^5,050 customers/).waitFor({ timeout: 60_000 });
    await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText('5,050 customers in 4 segments').waitFor({ timeout: 60_000 });
    await cell.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export customers' });
    await dialog.getByText('5,050 customers will be exported to customer_table.xlsx.').or(dialog.getByText('5,050 customers will be exported to customer_table.csv.')).waitFor();
    await dialog.getByRole('radio', { name: /Excel/ }).check();
    const file = await download(page, dialog);
    expect(file.suggestedFilename()).toBe('customer_table.xlsx');
    const sheets = await readSheet(await bytesOf(file));
    expect(sheets.length - 1).toBe(5050);
    const header = sheets[0] as string[];
    expect(header).toContain('customer_id');
    const revenue = header.indexOf('revenue');
    expect(sheets.slice(1).every((r) => typeof r[revenue] === 'number')).toBe(true);
    // first_order_at is a datetime column: Excel dates (NULL for prospects), never text.
    const firstOrder = header.indexOf('first_order_at');
    expect(firstOrder).toBeGreaterThanOrEqual(0);
    expect(sheets.slice(1).every((r) => r[firstOrder] === null || r[firstOrder] instanceof Date)).toBe(true);
    expect(sheets.slice(1).some((r) => r[firstOrder] instanceof Date)).toBe(true);
  });
});
