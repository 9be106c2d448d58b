import { describe, expect } from 'vitest';
import { test } from './app-test.ts';

describe('two languages (English and Simplified Chinese)', () => {
  test('the language switch changes the UI strings and is remembered', async ({ app }) => {
    const { page } = app;
    const language = page.getByRole('combobox', { name: /Language/ });
    // The sessions run with locale en-US, so the page starts in English.
    expect(await language.inputValue()).toBe('en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await language.selectOption({ label: '简体中文' });
    await page.getByRole('button', { name: '选择 CSV 或 Excel 文件' }).waitFor();
    await page.getByRole('heading', { name: '将 CSV 文件拖放到页面任意位置' }).waitFor();
    expect(await page.getByRole('button', { name: 'Choose a CSV or Excel file' }).count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await page.getByLabel('或粘贴 CSV 文本').fill('customer_id,amount\n00004,1234.5\n00005,8\n');
    await page.getByRole('button', { name: '预览粘贴的文本' }).click();
    await page.getByText('文件共 2 行，载入 2 行，排除 0 行').waitFor();
    expect(await page.getByLabel('列 amount 的类型').inputValue()).toBe('decimal');
    expect(await page.getByRole('button', { name: '加载表' }).isVisible()).toBe(true);

    await page.reload();
    await page.getByRole('button', { name: '选择 CSV 或 Excel 文件' }).waitFor();
    expect(await page.getByRole('combobox', { name: /语言/ }).inputValue()).toBe('zh-CN');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await page.getByRole('combobox', { name: /语言/ }).selectOption({ label: 'English' });
    await page.getByRole('button', { name: 'Choose a CSV or Excel file' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.evaluate(() => localStorage.getItem('tagbook.language'))).toBe('en');
  });
});
