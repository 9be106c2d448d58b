import type { Locator } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './app-test.ts';
import { runSql } from './notebook-steps.ts';

/** The first data row of a result grid as numbers (the row number left out). */
async function firstRow(grid: Locator, columns: number): Promise<number[]> {
  await expect.poll(async () => (await grid.getByRole('row').nth(1).innerText()).trim().split(/\s+/).length, { timeout: 30_000 }).toBe(columns + 1);
  return (await grid.getByRole('row').nth(1).innerText())
    .trim()
    .split(/\s+/)
    .slice(1)
    .map((v) => Number(v.replace(/,/g, '')));
}

/** Counts by label of a segment table (labels only, notes and member rows left out). */
async function shownCounts(table: Locator): Promise<Record<string, number>> {
  const rows = await table.evaluate((t) =>
    [...(t as HTMLTableElement).tBodies[0].rows]
      .filter((r) => !r.classList.contains('members'))
      .map((r) => [r.cells[0].querySelector('button')?.textContent?.trim() ?? '', r.cells[1].textContent?.trim() ?? '']),
  );
  return Object.fromEntries(rows.map(([label, count]) => [label, Number(count.replace(/,/g, ''))]));
}

const winBackSql = (silentAfter: number) =>
  `SELECT (SELECT count(*) FROM customer_table WHERE recency_days > ${silentAfter} AND revenue >= 500) AS win_back,
          (SELECT count(*) FROM customer_table WHERE NOT (recency_days > ${silentAfter} AND revenue >= 500) OR recency_days IS NULL) AS not_now`;

describe('tags: live dependents and picking a customer', () => {
  test('a tag using the moved tag follows the slider before release, and equals SQL', async ({ app }) => {
    const { page } = app;
    const lifecycle = page.getByRole('article', { name: 'Tag cell lifecycle' });
    const winBack = page.getByRole('article', { name: 'Tag cell win_back' });
    const table = winBack.getByRole('table', { name: 'Segments of win_back' });
    await winBack.getByText('5,050 customers in 2 segments').waitFor({ timeout: 60_000 });
    // The reference: the same rule in SQL (silent starts after threshold 2, 90 days, then 120).
    const [before] = await firstRow(await runSql(page, winBackSql(90)), 2);
    await expect.poll(() => shownCounts(table).then((c) => c['win back'])).toBe(before);
    const [after, notNow] = await firstRow(await runSql(page, winBackSql(120)), 2);
    expect(after).not.toBe(before);

    // Keys only: the slider is never released by a pointer, so this is the fast path's doing.
    const slider = lifecycle.getByRole('slider', { name: 'Threshold 2 slider of lifecycle' });
    await slider.focus();
    for (let i = 0; i < 30; i++) await slider.press('ArrowRight');
    await expect.poll(() => shownCounts(table), { timeout: 15_000 }).toEqual({ 'win back': after, 'not now': notNow });
  });

  test('a customer picked from a segment or from the customer grid is explained in every tag cell', async ({ app }) => {
    const { page } = app;
    const rules = page.getByRole('article', { name: 'Tag cell value_rules' });
    const table = rules.getByRole('table', { name: 'Segments of value_rules' });
    await table.waitFor({ timeout: 60_000 });
    await table.getByRole('button', { name: 'big spender' }).click();
    const members = table.getByRole('group', { name: 'Customers in big spender' });
    await members.waitFor({ timeout: 15_000 });
    const shown = members.getByRole('button', { name: /^C\d+/ });
    expect(await shown.count()).toBeGreaterThan(0);
    const first = ((await shown.first().innerText()).trim().split(/\s+/)[0] ?? '').trim();
    await shown.first().click();
    const explanation = rules.getByRole('region', { name: 'Explanation' });
    await expect.poll(() => explanation.innerText(), { timeout: 15_000 }).toMatch(/^big spender/);
    await expect.poll(() => rules.getByRole('textbox', { name: 'Customer id' }).inputValue()).toBe(first);
    // The other tags of the table explain the same customer.
    const lifecycle = page.getByRole('article', { name: 'Tag cell lifecycle' });
    await expect.poll(() => lifecycle.getByRole('textbox', { name: 'Customer id' }).inputValue()).toBe(first);
    await lifecycle.getByRole('region', { name: 'Explanation' }).waitFor();

    // From the customer table's grid: the row number picks that row's customer.
    const grid = page.getByRole('grid', { name: 'Rows of customer_table' });
    await grid.getByRole('button', { name: 'Why is the customer in row 1 in each tag’s segment?' }).click();
    const firstId = (await grid.getByRole('row').nth(1).getByRole('gridcell').first().innerText()).trim();
    await expect.poll(() => rules.getByRole('textbox', { name: 'Customer id' }).inputValue()).toBe(firstId);
    await expect.poll(() => rules.getByRole('region', { name: 'Explanation' }).innerText()).toMatch(/is the first that holds|No rule holds/);
  });
});
