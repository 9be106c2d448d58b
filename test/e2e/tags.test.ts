import type { Locator } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './app-test.ts';
import { runSql } from './notebook-steps.ts';

/** The counts a segment table shows, by segment label (the NULL row included). */
async function shownCounts(table: Locator): Promise<Record<string, number>> {
  const rows = await table.evaluate((t) =>
    [...(t as HTMLTableElement).tBodies[0].rows].map((r) => [r.cells[0].textContent?.trim() ?? '', r.cells[1].textContent?.trim() ?? '']),
  );
  return Object.fromEntries(rows.map(([label, count]) => [label, Number(count.replace(/,/g, ''))]));
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The counts a `SELECT label, count(*) … GROUP BY label` result grid shows, by label (header row skipped; a row is number, label, count). */
async function gridCounts(grid: Locator): Promise<Record<string, number>> {
  const rows = (await grid.getByRole('row').allInnerTexts()).slice(1).map((r) => r.trim().split(/\s+/));
  return Object.fromEntries(rows.filter((r) => r.length >= 3).map((r) => [r[r.length - 2], Number(r[r.length - 1].replace(/,/g, ''))]));
}

/** The four lifecycle segments' counts out of a table of counts. */
const lifecycleCounts = (counts: Record<string, number>) =>
  Object.fromEntries(['active', 'cooling', 'silent', 'churned'].map((label) => [label, counts[label] ?? 0]));

describe('tags', () => {
  // The reference is computed a second way: a SQL count over the customer table in a SQL cell.
  test('a lifecycle threshold moved with the keyboard re-cuts the segment table, which matches SQL; undo restores it', async ({ app }) => {
    const { page } = app;
    const cell = page.getByRole('article', { name: 'Tag cell lifecycle' });
    const table = cell.getByRole('table', { name: 'Segments of lifecycle' });
    await table.waitFor({ timeout: 60_000 });
    await cell.getByText('5,050 customers in 4 segments').waitFor({ timeout: 30_000 });
    const before = await shownCounts(table);
    expect(sum(before)).toBe(5050);
    expect(Object.keys(before).slice(0, 4)).toEqual(['active', 'cooling', 'silent', 'churned']);

    const check = await runSql(
      page,
      `SELECT (SELECT count(*) FROM customer_table WHERE recency_days > 45 AND recency_days <= 120) AS cooling,
              (SELECT count(*) FROM customer_table WHERE recency_days > 120 AND recency_days <= 180) AS silent`,
    );
    await expect.poll(async () => (await check.getByRole('row').nth(1).innerText()).trim().split(/\s+/).length, { timeout: 30_000 }).toBe(3);
    const [, cooling, silent] = (await check.getByRole('row').nth(1).innerText()).trim().split(/\s+/).map((v) => Number(v.replace(/,/g, '')));

    // A SQL cell over the written tag column: it agrees now, and is re-run after the slider's release.
    const grouped = await runSql(page, 'SELECT lifecycle, count(*) FROM customer_table GROUP BY lifecycle');
    await expect.poll(() => gridCounts(grouped).then(lifecycleCounts), { timeout: 30_000 }).toEqual(lifecycleCounts(before));

    const slider = cell.getByRole('slider', { name: 'Threshold 2 slider of lifecycle' });
    await expect.poll(() => slider.inputValue()).toBe('90');
    await slider.focus();
    for (let i = 0; i < 30; i++) await slider.press('ArrowRight');
    await expect.poll(() => cell.getByRole('spinbutton', { name: 'Threshold 2 of lifecycle' }).inputValue()).toBe('120');
    await expect.poll(() => shownCounts(table), { timeout: 15_000 }).toMatchObject({ cooling, silent });
    expect(sum(await shownCounts(table))).toBe(5050);
    await cell.getByText('Cut points of recency_days: 45 / 120 / 180', { exact: false }).waitFor();
    const after = lifecycleCounts(await shownCounts(table));
    expect(after).not.toEqual(lifecycleCounts(before));
    await expect.poll(() => gridCounts(grouped).then(lifecycleCounts), { timeout: 30_000 }).toEqual(after);

    // Out of order is refused with a message, and nothing changes.
    const third = cell.getByRole('spinbutton', { name: 'Threshold 3 of lifecycle' });
    await third.fill('100');
    await third.press('Enter');
    await cell.getByRole('alert').getByText(/Threshold 3 would be below/).waitFor();
    await expect.poll(() => third.inputValue()).toBe('180');

    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => slider.inputValue()).toBe('90');
    await expect.poll(() => shownCounts(table), { timeout: 15_000 }).toEqual(before);
  });

  test('the rules tag shows what each rule matches alone, the overlaps and Others; a customer is explained', async ({ app }) => {
    const { page } = app;
    const cell = page.getByRole('article', { name: 'Tag cell value_rules' });
    const table = cell.getByRole('table', { name: 'Segments of value_rules' });
    await table.waitFor({ timeout: 60_000 });
    const counts = await shownCounts(table);
    expect(Object.keys(counts)).toContain('Others');
    expect(sum(counts)).toBe(5050);
    const alone = cell.getByRole('table', { name: 'Rules of value_rules on their own' });
    await alone.getByRole('rowheader', { name: 'Others (no rule matches)' }).waitFor();
    await alone.getByRole('columnheader', { name: '∩ loyal' }).waitFor();

    const quintiles = page.getByRole('article', { name: 'Tag cell revenue_quintile' }).getByRole('table', { name: 'Segments of revenue_quintile' });
    await quintiles.waitFor();
    expect(Object.keys(await shownCounts(quintiles)).slice(0, 5)).toEqual(['1', '2', '3', '4', '5']);

    // Demo customer ids are C000001…; the explanation names the rule that matched or that none did.
    await cell.getByRole('textbox', { name: 'Customer id' }).fill('C000001');
    await cell.getByRole('button', { name: 'Explain' }).click();
    const explanation = cell.getByRole('region', { name: 'Explanation' });
    await explanation.waitFor({ timeout: 15_000 });
    await expect.poll(() => explanation.innerText()).toMatch(/is the first that holds|No rule holds/);
  });
});
