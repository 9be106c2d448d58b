import { describe, expect } from 'vitest';
import { test } from './app-test.ts';
import { pickFixture, sourceEntry } from './browser.ts';
import { makeXlsx, ordersSheets } from '../helpers/xlsx.ts';

describe('importing a CSV (drop zone, picker, paste → preview → load)', () => {
  test('importing a CSV by the file picker shows the preview and loads the table', async ({ app }) => {
    const { page } = app;
    await pickFixture(page, 'orders-zh.csv');

    const preview = page.getByRole('region', { name: 'orders-zh.csv', exact: true });
    await preview.waitFor();
    expect(await page.getByLabel('Encoding').inputValue()).toBe('utf-8');
    expect(await page.getByLabel('Delimiter').inputValue()).toBe(',');
    expect(await page.getByLabel('First row is a header').isChecked()).toBe(true);
    expect(await preview.getByText('6 rows in the file, 6 loaded, 0 excluded').isVisible()).toBe(true);
    expect(await preview.getByText('Asia/Shanghai').isVisible()).toBe(true);
    // Identifiers stay text: 19-digit order numbers exceed 2^53 and 00004 keeps its zeros.
    expect(await page.getByLabel('Type of column 订单号').inputValue()).toBe('text');
    expect(await page.getByLabel('Type of column 客户ID').inputValue()).toBe('text');
    expect(await page.getByLabel('Type of column 下单时间').inputValue()).toBe('datetime');
    expect(await page.getByLabel('Type of column 实付金额').inputValue()).toBe('decimal');
    const sample = page.getByRole('region', { name: 'First rows of orders-zh.csv' });
    await sample.getByRole('cell', { name: '1234.5', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Load table' }).click();
    const rows = page.getByRole('grid', { name: 'Rows of orders-zh' });
    await rows.waitFor();
    await sourceEntry(page, 'orders-zh').getByText(/^6 rows?/).waitFor();
    await rows.getByRole('gridcell', { name: '2019031312345678901', exact: true }).waitFor();
    await expect.poll(() => rows.getByRole('gridcell', { name: '00004', exact: true }).count()).toBe(2);
    await rows.getByRole('gridcell', { name: '2019-03-13 10:05:00', exact: true }).waitFor();
    await sourceEntry(page, 'orders-zh').getByText('SQLite: ready').waitFor();
    // The preview is done with once the table is loaded.
    expect(await page.getByRole('button', { name: 'Load table' }).count()).toBe(0);
  });

  test('a GB18030 file is detected and its Chinese text shows correctly', async ({ app }) => {
    const { page } = app;
    await pickFixture(page, 'customers-gb18030.csv');

    const sample = page.getByRole('region', { name: 'First rows of customers-gb18030.csv' });
    await sample.getByRole('cell', { name: '北京', exact: true }).waitFor();
    expect(await page.getByLabel('Encoding').inputValue()).toBe('gb18030');
    await expect
      .poll(async () => (await sample.getByRole('columnheader').allInnerTexts()).map((h) => h.split('\n')[0]))
      .toEqual(['Row', '客户', '城市', '金额']);
    expect(await page.getByLabel('Type of column 金额').inputValue()).toBe('integer');
    expect(await page.locator('#app').innerText()).not.toContain('\uFFFD');

    await page.getByRole('button', { name: 'Load table' }).click();
    await page.getByRole('grid', { name: 'Rows of customers-gb18030' }).getByRole('gridcell', { name: '张三', exact: true }).waitFor();
  });

  test('overriding a column type re-previews', async ({ app }) => {
    const { page } = app;
    await pickFixture(page, 'signup-yyyymmdd.csv');
    const sample = page.getByRole('region', { name: 'First rows of signup-yyyymmdd.csv' });
    const signupType = page.getByLabel('Type of column signup');
    await sample.getByRole('cell', { name: '19970101', exact: true }).waitFor();
    expect(await signupType.inputValue()).not.toBe('date');

    await page.getByRole('button', { name: 'Read as date (yyyymmdd)' }).click();
    await sample.getByRole('cell', { name: '1997-01-01', exact: true }).waitFor();
    expect(await signupType.inputValue()).toBe('date');
    expect(await page.getByRole('button', { name: 'Read as date (yyyymmdd)' }).count()).toBe(0);

    await page.getByLabel('Type of column orders').selectOption('text');
    await expect.poll(() => sample.getByRole('columnheader', { name: /orders/ }).innerText()).toContain('text');

    await page.getByRole('button', { name: 'Load table' }).click();
    const rows = page.getByRole('grid', { name: 'Rows of signup-yyyymmdd' });
    await rows.getByRole('gridcell', { name: '1998-06-20', exact: true }).waitFor();
    expect(await page.getByRole('article', { name: 'Table cell signup-yyyymmdd' }).innerText()).toMatch(/signup\s*date/);
  });

  test('dropping a CSV on the page previews it', async ({ app }) => {
    const { page } = app;
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['customer_id,orders\n00004,3\n00005,1\n'], 'dropped.csv', { type: 'text/csv' }));
      return transfer;
    });
    await page.dispatchEvent('main', 'dragenter', { dataTransfer });
    await page.getByRole('heading', { name: 'Release to preview the file' }).waitFor();
    await page.dispatchEvent('main', 'drop', { dataTransfer });

    const sample = page.getByRole('region', { name: 'First rows of dropped.csv' });
    await sample.getByRole('cell', { name: '00004', exact: true }).waitFor();
    expect(await page.getByLabel('Type of column orders').inputValue()).toBe('integer');
    await page.getByRole('heading', { name: 'Drop a CSV file anywhere on the page' }).waitFor();
  });

  test('pasting CSV text previews it', async ({ app }) => {
    const { page } = app;
    await page.getByLabel('Or paste CSV text').fill('customer_id,paid_on,amount\n00004,2024-03-01,¥12.50\n00005,2024-03-02,¥8.00\n00006,2024-03-05,"¥1,130.25"\n');
    await page.getByRole('button', { name: 'Preview pasted text' }).click();

    const sample = page.getByRole('region', { name: 'First rows of pasted.csv' });
    await sample.getByRole('cell', { name: '00004', exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: 'pasted.csv' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Delimiter').inputValue()).toBe(',');
    expect(await page.getByLabel('Type of column customer_id').inputValue()).toBe('text');
    expect(await page.getByLabel('Type of column paid_on').inputValue()).toBe('date');
    expect(await page.getByLabel('Type of column amount').inputValue()).toBe('decimal');
    await sample.getByRole('cell', { name: '1130.25', exact: true }).waitFor();
    expect(await page.getByText('3 rows in the file, 3 loaded, 0 excluded').isVisible()).toBe(true);

    await page.getByLabel('Table name').fill('pasted_orders');
    await page.getByRole('button', { name: 'Load table' }).click();
    await page.getByRole('grid', { name: 'Rows of pasted_orders' }).getByRole('gridcell', { name: '00006', exact: true }).waitFor();
  });

  test('a header-less file gets column_1..n names that can be renamed before loading', async ({ app }) => {
    const { page } = app;
    await page.getByLabel('Or paste CSV text').fill(' 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n 00005 0002 19970102  1   11.77\r\n');
    await page.getByRole('button', { name: 'Preview pasted text' }).click();
    const name = page.getByRole('textbox', { name: 'Name of column column_1' });
    await name.waitFor();
    expect(await page.getByLabel('First row is a header').isChecked()).toBe(false);
    await name.fill('customer_id');
    await name.press('Enter');
    await page.getByLabel('Type of column customer_id').waitFor();
    expect(await page.getByLabel('Type of column customer_id').inputValue()).toBe('text');
    await page.getByRole('button', { name: 'Load table' }).click();
    const rows = page.getByRole('grid', { name: 'Rows of pasted' });
    await rows.getByRole('columnheader', { name: /customer_id/ }).waitFor();
    await rows.getByRole('gridcell', { name: '00005', exact: true }).waitFor();
  });

  // Invariant: a file that cannot be read gets a clear message, and what is loaded stays loaded.
  test('a binary or malformed file gets a clear message and keeps the loaded table', async ({ app }) => {
    const { page } = app;
    await pickFixture(page, 'orders-zh.csv');
    await page.getByRole('button', { name: 'Load table' }).click();
    const rows = page.getByRole('grid', { name: 'Rows of orders-zh' });
    await rows.getByRole('gridcell', { name: '2019031312345678901', exact: true }).waitFor();

    await pickFixture(page, 'not-a-csv.csv');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('not-a-csv.csv');
    expect(await sourceEntry(page, 'orders-zh').isVisible()).toBe(true);
    expect(await rows.getByRole('gridcell', { name: '2019031312345678901', exact: true }).isVisible()).toBe(true);

    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });

    await pickFixture(page, 'unclosed-quote.csv');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/quote/i);
    expect(await sourceEntry(page, 'orders-zh').isVisible()).toBe(true);
    await expect.poll(() => rows.getByRole('gridcell', { name: '00004', exact: true }).count()).toBe(2);
  });
});

describe('importing an .xlsx workbook', () => {
  test('picking an .xlsx previews its first sheet, another sheet can be chosen, and it loads', async ({ app }) => {
    const { page } = app;
    // A large first sheet: its XML is above the 512 KB fflate would inflate in a blob: worker.
    const big = Array.from({ length: 20_000 }, (_, i) => [`30000000007865${String(i).padStart(5, '0')}`, String(i % 100).padStart(5, '0'), i + 0.5]);
    const sheets = ordersSheets();
    sheets[0].rows.push(...big);
    const buffer = Buffer.from(await makeXlsx(sheets));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a CSV or Excel file' }).click();
    await (await chooser).setFiles({ name: 'shop.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });

    const preview = page.getByRole('region', { name: 'shop.xlsx', exact: true });
    await preview.waitFor();
    const sheet = page.getByLabel('Sheet', { exact: true });
    expect(await sheet.inputValue()).toBe('订单');
    expect(await page.getByLabel('Encoding').count()).toBe(0);
    expect(await page.getByLabel('Type of column 订单编号').inputValue()).toBe('text');
    expect(await page.getByLabel('Type of column 客户编号').inputValue()).toBe('text');
    expect(await page.getByLabel('Type of column 付款日期').inputValue()).toBe('date');
    const sample = page.getByRole('region', { name: 'First rows of shop.xlsx' });
    await sample.getByRole('cell', { name: '2019031234567890123', exact: true }).waitFor();

    await sheet.selectOption('退款');
    await sample.getByRole('cell', { name: 'R0002', exact: true }).waitFor();
    expect(await page.getByLabel('Type of column 是否完成').inputValue()).toBe('boolean');

    await page.getByRole('button', { name: 'Load table' }).click();
    const rows = page.getByRole('grid', { name: 'Rows of shop' });
    await rows.getByRole('gridcell', { name: 'R0001', exact: true }).waitFor();
    await sourceEntry(page, 'shop').getByText(/^2 rows?/).waitFor();
  });
});
