// Presenting to a client (issue #10): slides one cell at a time with the arrow keys, a report of
// every chosen cell, SQL and forms hidden, a threshold slider still live, the cells chosen and
// their order kept with the workspace, and print with one cell per page.
import type { Locator } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './app-test.ts';

/** The count shown for a label in a segment table. */
async function countOf(table: Locator, label: string): Promise<number> {
  const rows = await table.evaluate((t) =>
    [...(t as HTMLTableElement).tBodies[0].rows].map((r) => [r.cells[0].querySelector('button')?.textContent?.trim() ?? r.cells[0].textContent?.trim() ?? '', r.cells[1]?.textContent?.trim() ?? '']),
  );
  const found = rows.find(([l]) => l === label);
  return found ? Number(found[1].replace(/,/g, '')) : NaN;
}

describe('presentation', () => {
  test('slides move with the arrow keys, hide SQL and forms, keep sliders live, and remember the chosen cells', async ({ app }) => {
    const { page } = app;
    await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
    await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: 'Present' }).click();
    const presentation = page.getByRole('region', { name: 'Presentation' });
    await presentation.waitFor();
    const counter = presentation.getByRole('status').filter({ hasText: /^Slide \d+ of \d+$/ });
    await expect.poll(() => counter.innerText()).toMatch(/^Slide 1 of \d+$/);
    const total = Number(/of (\d+)/.exec(await counter.innerText())![1]);
    expect(total).toBeGreaterThan(3);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => counter.innerText()).toBe(`Slide 2 of ${total}`);
    await page.keyboard.press('End');
    await expect.poll(() => counter.innerText()).toBe(`Slide ${total} of ${total}`);
    await page.keyboard.press('Home');
    expect(await presentation.getByRole('article').count()).toBe(1);

    // Formulas and SQL are not shown.
    expect(await presentation.getByRole('textbox', { name: /^SQL of / }).count()).toBe(0);

    // Report: every chosen cell at once, and a chart's threshold handle still moves the segments.
    await presentation.getByRole('button', { name: 'Report' }).click();
    await expect.poll(() => presentation.getByRole('article').count()).toBe(total);
    const table = presentation.getByRole('article', { name: 'lifecycle' }).getByRole('table', { name: 'Segments of lifecycle' });
    await table.waitFor();
    const labels = await table.evaluate((t) => [...(t as HTMLTableElement).tBodies[0].rows].map((r) => r.cells[0].textContent?.trim() ?? ''));
    const before = await countOf(table, labels[0]);
    const handle = presentation.getByRole('slider', { name: /^Threshold 1 of lifecycle/ }).first();
    await handle.focus();
    for (let i = 0; i < 20; i++) await handle.press('ArrowRight');
    await expect.poll(() => countOf(table, labels[0]), { timeout: 15_000 }).toBeGreaterThan(before);

    // One cell is taken out, and stays out after closing.
    await presentation.getByRole('button', { name: 'Choose cells…' }).click();
    await presentation.getByRole('checkbox', { name: 'Show lifecycle in the presentation' }).uncheck();
    await expect.poll(() => presentation.getByRole('article').count()).toBe(total - 1);
    await presentation.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: 'Present' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Presentation' }).getByRole('article').count()).toBe(total - 1);

    // Print: the bar is hidden and each cell is its own page.
    await page.emulateMedia({ media: 'print' });
    const bar = page.getByRole('region', { name: 'Presentation' }).getByRole('toolbar', { name: 'Presentation' });
    expect(await bar.isVisible()).toBe(false);
    const breaks = await page.locator('.presentation .page').evaluateAll((pages) => pages.map((p) => getComputedStyle(p).breakAfter));
    expect(breaks.length).toBe(total - 1);
    expect(new Set(breaks)).toEqual(new Set(['page']));
    await page.emulateMedia({ media: 'screen' });
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: 'Presentation' }).waitFor({ state: 'detached' });
  });
});
