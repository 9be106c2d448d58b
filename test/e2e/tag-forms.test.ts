import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './app-test.ts';
import { runSql } from './notebook-steps.ts';

// The forms of the flag, score, rfm and rfm8 tag kinds and the segment editor, on the demo
// notebook. Counts are checked against SQL over the customer table in a SQL cell.

/** The counts a segment table shows, by segment label (the first line of the row header; the NULL row included). */
async function shownCounts(table: Locator): Promise<Record<string, number>> {
  const rows = await table.evaluate((t) =>
    [...(t as HTMLTableElement).tBodies[0].rows].map((r) => {
      const header = r.cells[0].cloneNode(true) as HTMLElement;
      for (const note of header.querySelectorAll('.notes')) note.remove();
      return [header.textContent?.trim() ?? '', r.cells[1].textContent?.trim() ?? ''];
    }),
  );
  return Object.fromEntries(rows.map(([label, count]) => [label, Number(count.replace(/,/g, ''))]));
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The counts a `SELECT label, count(*) … GROUP BY label` result grid shows, by label (a row is number, label, count). */
async function gridCounts(grid: Locator): Promise<Record<string, number>> {
  const rows = (await grid.getByRole('row').allInnerTexts()).slice(1).map((r) => r.trim().split(/\s+/));
  return Object.fromEntries(rows.filter((r) => r.length >= 3).map((r) => [r[r.length - 2], Number(r[r.length - 1].replace(/,/g, ''))]));
}

/** Types `value` into a field and leaves it, so its `change` fires. */
async function commit(field: Locator, value: string) {
  await field.fill(value);
  await field.press('Tab');
}

/** Waits for the demo's tags, adds a tag cell with "+ Tag" and switches it to `kind`; returns the cell. */
async function addTag(page: Page, kind: string): Promise<Locator> {
  await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByRole('table', { name: 'Segments of lifecycle' }).waitFor({ timeout: 60_000 });
  await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: '+ Tag' }).click();
  const cell = page.getByRole('article', { name: 'Tag cell tag_1' });
  await cell.getByRole('table', { name: 'Segments of tag_1' }).waitFor({ timeout: 30_000 });
  await cell.getByRole('combobox', { name: 'Kind' }).selectOption(kind);
  return cell;
}

describe('tag forms', () => {
  test('a flag tag from "+ Tag": its formula splits the customers as a SQL count does', async ({ app }) => {
    const { page } = app;
    const cell = await addTag(page, 'flag');
    await commit(cell.getByRole('textbox', { name: 'Formula of tag_1' }), 'orders >= 3 AND revenue > 500');
    await commit(cell.getByRole('textbox', { name: 'Label of the true segment' }), 'engaged');
    const table = cell.getByRole('table', { name: 'Segments of tag_1' });

    const grid = await runSql(
      page,
      `SELECT CASE WHEN orders >= 3 AND revenue > 500 THEN 'engaged' ELSE 'no' END AS flag, count(*) FROM customer_table GROUP BY flag`,
    );
    await expect.poll(() => gridCounts(grid), { timeout: 30_000 }).toHaveProperty('engaged');
    const expected = await gridCounts(grid);
    await expect.poll(() => shownCounts(table), { timeout: 30_000 }).toEqual(expected);
    expect(sum(expected)).toBe(5050);
  });

  test('a score tag: capped, weighted components and live thresholds match a SQL CASE WHEN', async ({ app }) => {
    const { page } = app;
    const cell = await addTag(page, 'score');
    await cell.getByRole('spinbutton', { name: 'Weight of component 1' }).waitFor();

    await commit(cell.getByRole('spinbutton', { name: 'Weight of component 1' }), '0.01');
    await cell.getByRole('combobox', { name: 'Cap of component 1 is' }).selectOption({ label: 'a number' });
    await commit(cell.getByRole('spinbutton', { name: 'Cap of component 1' }), '20');
    await cell.getByRole('button', { name: '+ Component' }).click();
    await commit(cell.getByRole('textbox', { name: 'Formula of component 2' }), 'orders');
    await commit(cell.getByRole('spinbutton', { name: 'Weight of component 2' }), '2');
    await cell.getByRole('combobox', { name: 'Cap of component 2 is' }).selectOption({ label: 'a number' });
    await commit(cell.getByRole('spinbutton', { name: 'Cap of component 2' }), '10');

    // Two thresholds, three tiers; a value at a threshold moves up (≥).
    await commit(cell.getByRole('spinbutton', { name: 'Threshold 1 of tag_1' }), '15');
    await cell.getByRole('button', { name: '+ Threshold' }).click();
    const second = cell.getByRole('spinbutton', { name: 'Threshold 2 of tag_1' });
    await second.waitFor();
    await commit(second, '25');
    await commit(cell.getByRole('textbox', { name: 'Label of segment 3', exact: true }), 'top');
    await expect.poll(() => cell.getByRole('slider', { name: 'Threshold 2 slider of tag_1' }).inputValue()).toBe('25');

    const grid = await runSql(
      page,
      `SELECT CASE WHEN s >= 25 THEN 'top' WHEN s >= 15 THEN 'high' ELSE 'low' END AS tier, count(*)
       FROM (SELECT COALESCE(MIN(0.01 * revenue, 20), 0) + COALESCE(MIN(2 * orders, 10), 0) AS s FROM customer_table)
       GROUP BY tier`,
    );
    const table = cell.getByRole('table', { name: 'Segments of tag_1' });
    // The SQL cell reads customer_table, so it re-runs (its grid reloading) whenever the tags are
    // written again: compare the two once both have settled on the same counts.
    let expected: Record<string, number> = {};
    await expect
      .poll(
        async () => {
          expected = await gridCounts(grid);
          const shown = await shownCounts(table);
          return expected.top !== undefined && Object.keys(shown).length === Object.keys(expected).length && Object.keys(expected).every((k) => shown[k] === expected[k]);
        },
        { timeout: 30_000 },
      )
      .toBe(true);

    // The slider re-cuts the total live: the lowest tier grows as threshold 1 moves up.
    const slider = cell.getByRole('slider', { name: 'Threshold 1 slider of tag_1' });
    await slider.focus();
    for (let i = 0; i < 3; i++) await slider.press('ArrowRight');
    await expect.poll(async () => (await shownCounts(table)).low, { timeout: 15_000 }).toBeGreaterThanOrEqual(expected.low);
    expect(sum(await shownCounts(table))).toBe(5050);
  });

  test('an RFM tag with the R rfm package preset shows its named segments, which hold every customer', async ({ app }) => {
    const { page } = app;
    const cell = await addTag(page, 'rfm');
    await expect.poll(() => cell.getByRole('combobox', { name: 'Recency metric of tag_1' }).inputValue()).toBe('recency_days');
    await cell.getByRole('combobox', { name: 'Rules preset of tag_1' }).selectOption({ label: 'R rfm package 0.2.x' });
    await expect.poll(() => cell.getByRole('textbox', { name: 'Label of rule 1', exact: true }).inputValue()).toBe('Champions');
    await expect.poll(() => cell.getByRole('spinbutton', { name: 'Lowest R score of rule 1', exact: true }).inputValue()).toBe('4');

    const table = cell.getByRole('table', { name: 'Segments of tag_1' });
    await expect.poll(async () => Object.keys(await shownCounts(table)).slice(0, 11), { timeout: 30_000 }).toEqual([
      'Champions',
      'Loyal Customers',
      'Potential Loyalist',
      'New Customers',
      'Promising',
      'Need Attention',
      'About To Sleep',
      'At Risk',
      "Can't Lose Them",
      'Lost',
      'Others',
    ]);
    expect(sum(await shownCounts(table))).toBe(5050);

    // Back to one segment per RFM code.
    await cell.getByRole('combobox', { name: 'Rules preset of tag_1' }).selectOption({ label: 'None: one segment per RFM code' });
    await expect.poll(async () => Object.keys(await shownCounts(table)).length, { timeout: 30_000 }).toBeGreaterThan(11);
    expect(sum(await shownCounts(table))).toBe(5050);
  });

  test('an RFM 8-class tag shows the 8 classes, against the mean or typed values', async ({ app }) => {
    const { page } = app;
    const cell = await addTag(page, 'rfm8');
    const table = cell.getByRole('table', { name: 'Segments of tag_1' });
    const classes = [
      'Important value',
      'Important development',
      'Important retain',
      'Important win-back',
      'General value',
      'General development',
      'General retain',
      'General win-back',
    ];
    await expect.poll(async () => Object.keys(await shownCounts(table)).slice(0, 8), { timeout: 30_000 }).toEqual(classes);
    await cell.getByText('5,050 customers in 8 segments').waitFor();
    const byMean = await shownCounts(table);
    expect(sum(byMean)).toBe(5050);

    await cell.getByRole('combobox', { name: 'Reference of tag_1' }).selectOption({ label: 'typed values' });
    await commit(cell.getByRole('spinbutton', { name: 'Monetary reference of tag_1' }), '100000000');
    // Nobody spends that much: every customer is in a "General" class.
    await expect
      .poll(async () => {
        const counts = await shownCounts(table);
        return classes.slice(0, 4).reduce((total, c) => total + (counts[c] ?? 0), 0);
      }, { timeout: 30_000 })
      .toBe(0);
  });

  test("a segment's colour, description and suggested action show in the segment table", async ({ app }) => {
    const { page } = app;
    const cell = page.getByRole('article', { name: 'Tag cell lifecycle' });
    const table = cell.getByRole('table', { name: 'Segments of lifecycle' });
    await table.waitFor({ timeout: 60_000 });

    await cell.getByRole('button', { name: 'Notes: description and action of segment 2' }).click();
    await commit(cell.getByRole('textbox', { name: 'Description of segment 2' }), 'Bought in the last quarter, slowing down');
    await commit(cell.getByRole('textbox', { name: 'Suggested action of segment 2' }), 'Send a win-back coupon');
    await cell.getByRole('textbox', { name: 'Label in Chinese of segment 2' }).waitFor();
    await cell.getByLabel('Colour of segment 2').fill('#ff0000');

    const row = table.getByRole('row').nth(2);
    await expect.poll(() => row.getByRole('rowheader').innerText(), { timeout: 30_000 }).toContain('Bought in the last quarter, slowing down');
    await expect.poll(() => row.getByRole('rowheader').innerText()).toContain('Action: Send a win-back coupon');
    await expect
      .poll(() => row.locator('.dot').evaluate((dot) => getComputedStyle(dot).backgroundColor), { timeout: 30_000 })
      .toBe('rgb(255, 0, 0)');
    expect(Object.keys(await shownCounts(table)).slice(0, 4)).toEqual(['active', 'cooling', 'silent', 'churned']);

    // The definition holds what was typed.
    await cell.getByText('Edit as definition').click();
    const definition = JSON.parse(await cell.getByRole('textbox', { name: 'Definition of lifecycle' }).inputValue()) as {
      segments: { colour?: string; description?: string; suggestedAction?: string }[];
    };
    expect(definition.segments[1]).toMatchObject({ colour: '#ff0000', description: 'Bought in the last quarter, slowing down', suggestedAction: 'Send a win-back coupon' });
  });
});
