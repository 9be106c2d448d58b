import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './app-test.ts';

/** Adds a SQL cell at the end, runs `sql` and returns the first value of its result. */
async function sqlValue(page: Page, sql: string): Promise<string> {
  const before = await page.getByRole('article', { name: /^SQL cell / }).count();
  await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: '+ SQL cell' }).click();
  const cell = page.getByRole('article', { name: /^SQL cell / }).nth(before);
  const editor = cell.getByRole('textbox', { name: /^SQL of / });
  await editor.fill(sql);
  await editor.press('Control+Enter');
  const name = ((await editor.getAttribute('aria-label')) ?? '').replace(/^SQL of /, '');
  const grid = page.getByRole('grid', { name: `Result ${name}` });
  await grid.getByRole('row').nth(1).getByRole('gridcell').first().waitFor({ timeout: 30_000 });
  return (await grid.getByRole('row').nth(1).getByRole('gridcell').first().innerText()).trim();
}

/** The row count a grid's footer states ("1,359 rows"). */
async function footerCount(grid: Locator): Promise<number> {
  const footer = grid.locator('xpath=..').locator('.footer .count');
  return Number((await footer.innerText()).replace(/[^\d]/g, ''));
}

describe('customer grid with tags: filter, search, columns; segment profiles', () => {
  test('a segment shown in the grid, an id search, a hidden column, and the profile of a tag', async ({ app }) => {
    const { page } = app;
    const lifecycle = page.getByRole('article', { name: 'Tag cell lifecycle' });
    const segments = lifecycle.getByRole('table', { name: 'Segments of lifecycle' });
    await lifecycle.getByText('5,050 customers in 4 segments').waitFor({ timeout: 60_000 });
    const silentCount = Number(((await segments.getByRole('row').nth(3).getByRole('cell').first().innerText()) || '').replace(/,/g, ''));

    // From a segment's member list to the grid: only that segment's customers, in the tag's colour.
    await segments.getByRole('button', { name: 'silent' }).click();
    await lifecycle.getByRole('button', { name: 'Show them in the customer grid' }).click();
    const grid = page.getByRole('grid', { name: 'Rows of customer_table' });
    await page.getByRole('status').getByText('Showing lifecycle: silent').waitFor();
    await expect.poll(() => footerCount(grid), { timeout: 15_000 }).toBe(silentCount);
    const lifecycleColumn = await grid.getByRole('columnheader').evaluateAll((hs) => hs.findIndex((h) => h.textContent?.includes('lifecycle')));
    expect(lifecycleColumn).toBeGreaterThan(0);
    const shown = await grid.getByRole('row').nth(1).getByRole('gridcell').nth(lifecycleColumn - 1).innerText();
    expect(shown.trim()).toBe('silent');

    // A threshold move changes who is silent; the filtered grid follows the tag.
    const slider = lifecycle.getByRole('slider', { name: 'Threshold 2 slider of lifecycle' });
    await slider.focus();
    for (let i = 0; i < 20; i++) await slider.press('ArrowRight');
    await expect.poll(async () => Number(((await segments.getByRole('row').nth(3).getByRole('cell').first().innerText()) || '').replace(/,/g, ''))).not.toBe(silentCount);
    const movedCount = Number((await segments.getByRole('row').nth(3).getByRole('cell').first().innerText()).replace(/,/g, ''));
    await expect.poll(() => footerCount(grid), { timeout: 15_000 }).toBe(movedCount);

    // Clearing the filter shows everyone; an id search narrows to matching ids.
    await page.getByRole('button', { name: 'Show all customers' }).click();
    await expect.poll(() => footerCount(grid), { timeout: 15_000 }).toBe(5050);
    const matching = Number(await sqlValue(page, "SELECT count(*) FROM customer_table WHERE lower(customer_id) LIKE '%c00001%'"));
    expect(matching).toBeGreaterThan(0);
    await page.getByRole('searchbox', { name: 'Search customer id' }).fill('c00001');
    await expect.poll(() => footerCount(grid), { timeout: 15_000 }).toBe(matching);
    expect((await grid.getByRole('row').nth(1).getByRole('gridcell').first().innerText()).trim()).toMatch(/C00001/i);

    // Columns can be hidden from the footer's chooser.
    const headers = () => grid.getByRole('columnheader').count();
    const before = await headers();
    await grid.locator('xpath=..').getByRole('button', { name: /^Columns/ }).click();
    await page.getByRole('group', { name: 'Columns of Rows of customer_table' }).getByRole('checkbox', { name: 'orders', exact: true }).uncheck();
    await expect.poll(headers).toBe(before - 1);

    // The profile: a metric per segment, and two segments compared.
    await lifecycle.getByText('Segment profile').click();
    const profile = lifecycle.getByRole('table', { name: 'Profile of lifecycle' });
    await profile.getByRole('rowheader', { name: 'recency_days' }).waitFor({ timeout: 15_000 });
    const comparison = lifecycle.getByRole('table', { name: /compared with/ });
    await comparison.getByRole('rowheader', { name: 'revenue' }).waitFor();
  });

  test('clicking a bar of a segment chart filters the customer grid to that segment', async ({ app }) => {
    const { page } = app;
    const rules = page.getByRole('article', { name: 'Tag cell value_rules' });
    const segments = rules.getByRole('table', { name: 'Segments of value_rules' });
    await segments.waitFor({ timeout: 60_000 });
    const figure = page.getByRole('figure', { name: /value_rules/ });
    const canvas = figure.locator('canvas');
    await canvas.waitFor({ timeout: 30_000 });
    await figure.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the chart has no canvas');
    // The bars start right of the axis labels; the first one hit from the top is the first segment.
    const chip = page.getByRole('status').filter({ hasText: 'Showing value_rules:' });
    for (let y = 20; y < box.height - 40 && !(await chip.isVisible()); y += 8) {
      await canvas.click({ position: { x: Math.min(box.width - 10, 160), y } });
    }
    await chip.waitFor({ timeout: 5_000 });
    const label = (await chip.innerText()).replace('Showing value_rules:', '').replace('×', '').trim();
    const row = segments.getByRole('row').filter({ has: page.getByRole('button', { name: label, exact: true }) });
    const count = Number((await row.getByRole('cell').first().innerText()).replace(/,/g, ''));
    const grid = page.getByRole('grid', { name: 'Rows of customer_table' });
    await expect.poll(() => footerCount(grid), { timeout: 15_000 }).toBe(count);
  });

  test('results only hides SQL, forms and definitions and keeps segment tables, charts and parameters', async ({ app }) => {
    const { page } = app;
    const lifecycle = page.getByRole('article', { name: 'Tag cell lifecycle' });
    await lifecycle.getByRole('table', { name: 'Segments of lifecycle' }).waitFor({ timeout: 60_000 });
    const sqlEditors = page.getByRole('textbox', { name: /^SQL of / });
    expect(await sqlEditors.count()).toBeGreaterThan(0);
    const toggle = page.getByRole('button', { name: 'Results only' });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => sqlEditors.count()).toBe(0);
    expect(await lifecycle.getByRole('slider', { name: 'Threshold 2 slider of lifecycle' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '+ SQL cell' }).count()).toBe(0);
    await lifecycle.getByRole('table', { name: 'Segments of lifecycle' }).waitFor();
    await page.getByRole('figure', { name: /Distribution of recency_days/ }).waitFor();
    // The chart's threshold handles and the parameters stay live.
    expect(await page.getByRole('slider', { name: /Threshold 2 of lifecycle/ }).count()).toBe(1);
    await toggle.click();
    await expect.poll(() => sqlEditors.count()).toBeGreaterThan(0);
  });
});
