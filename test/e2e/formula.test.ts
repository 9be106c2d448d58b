import { describe, expect } from 'vitest';
import { test } from './app-test.ts';

describe('the formula editor and the formula help', () => {
  test('a formula field underlines a typo with its did-you-mean, completes a column and commits', async ({ app }) => {
    const { page } = app;
    const cell = page.getByRole('article', { name: 'Customers cell customer_table' });
    await cell.getByText(/^5,050 customers/).waitFor({ timeout: 60_000 });
    await cell.getByRole('button', { name: '+ Metric' }).click();
    const formula = cell.getByRole('textbox', { name: 'Formula of metric_2' });

    // The live check runs while typing, before anything is committed.
    await formula.fill('revenue / ordrs');
    const message = cell.getByRole('status').filter({ hasText: 'did you mean "orders"' });
    await message.waitFor({ timeout: 5_000 });
    expect(await message.innerText()).toContain('line 1, col 11: unknown column "ordrs"');
    const underlined = formula.locator('.cm-formula-error');
    await expect.poll(() => underlined.innerText()).toBe('ordrs');

    // Once committed, the build's error is the cell's alert, and the field does not say it twice.
    await formula.press('Tab');
    await cell.getByRole('alert').filter({ hasText: 'did you mean "orders"' }).waitFor({ timeout: 15_000 });
    await formula.click();
    await expect.poll(() => cell.getByText('did you mean "orders"').count()).toBe(1);
    await formula.press('End');

    // Completion: remove the typo, ask for completions, pick the column.
    for (let i = 0; i < 'ordrs'.length; i++) await formula.press('Backspace');
    await formula.pressSequentially('ord');
    await formula.press('Control+Space');
    const list = page.getByRole('listbox');
    await list.getByRole('option', { name: /^C?orders/ }).first().waitFor();
    await list.getByRole('option', { name: /^C?orders/ }).first().click();
    await expect.poll(() => formula.innerText()).toBe('revenue / orders');
    await expect.poll(() => underlined.count()).toBe(0);
    expect(await cell.getByRole('status').filter({ hasText: 'did you mean' }).count()).toBe(0);

    // Enter commits without a line break, and the metric becomes a column.
    await formula.press('Enter');
    expect(await formula.innerText()).toBe('revenue / orders');
    const grid = page.getByRole('grid', { name: 'Rows of customer_table' });
    await grid.getByRole('columnheader', { name: /metric_2/ }).waitFor({ timeout: 15_000 });
  });

  test('the formula help lists every function, searchable, with examples, and Escape closes it', async ({ app }) => {
    const { page } = app;
    const toggle = page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: 'Formula help' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const help = page.getByRole('region', { name: 'Formula help' });
    await help.getByRole('heading', { name: 'Formula help' }).waitFor();
    const search = help.getByRole('searchbox', { name: 'Search functions' });
    await search.fill('ROUND');
    const round = help.getByRole('listitem', { name: 'ROUND' });
    await round.waitFor();
    expect(await round.innerText()).toContain('ROUND(revenue / orders, 2)');
    expect(await round.innerText()).toContain('ROUND(x, [digits])');
    expect(await help.getByRole('listitem', { name: 'IF' }).count()).toBe(0);

    await search.press('Escape');
    await help.waitFor({ state: 'detached' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    // In Chinese the panel and its search box follow the language.
    await page.getByLabel('Language · 语言').selectOption('zh-CN');
    await page.getByRole('button', { name: '公式帮助' }).click();
    const zhHelp = page.getByRole('region', { name: '公式帮助' });
    await zhHelp.getByRole('searchbox', { name: '搜索函数' }).fill('round');
    expect(await zhHelp.getByRole('listitem', { name: 'ROUND' }).innerText()).toContain('客单价，保留两位小数');
  });
});
