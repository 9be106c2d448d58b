import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './app-test.ts';

/** Counts by label of a segment table (labels only, member rows left out). */
async function shownCounts(table: Locator): Promise<Record<string, number>> {
  const rows = await table.evaluate((t) =>
    [...(t as HTMLTableElement).tBodies[0].rows]
      .filter((r) => !r.classList.contains('members'))
      .map((r) => [r.cells[0].querySelector('button')?.textContent?.trim() ?? '', r.cells[1].textContent?.trim() ?? '']),
  );
  return Object.fromEntries(rows.map(([label, count]) => [label, Number(count.replace(/,/g, ''))]));
}

/** The demo's lifecycle tag cell, its segment table, and its distribution chart (waited for). */
async function demoCharts(page: Page) {
  const tagCell = page.getByRole('article', { name: 'Tag cell lifecycle' });
  const segments = tagCell.getByRole('table', { name: 'Segments of lifecycle' });
  await segments.waitFor({ timeout: 60_000 });
  const distribution = page.getByRole('article', { name: 'Chart cell Distribution of recency_days by lifecycle' });
  const figure = distribution.getByRole('figure', { name: 'Chart: Distribution of recency_days by lifecycle' });
  await figure.locator('canvas').waitFor({ timeout: 30_000 });
  await distribution.getByRole('slider', { name: 'Threshold 3 of lifecycle' }).waitFor();
  return { tagCell, segments, distribution, figure };
}

/** Marks the chart's canvas, so a later check can tell whether the chart was embedded again. */
async function markCanvas(figure: Locator): Promise<void> {
  await figure.locator('canvas').evaluate((c) => c.setAttribute('data-first-embed', 'yes'));
}

describe('chart cells', () => {
  test("the demo's charts render with their data and threshold handles", async ({ app }) => {
    const { page } = app;
    const { distribution, figure } = await demoCharts(page);
    const revenue = page.getByRole('article', { name: 'Chart cell Revenue by segment: value_rules' });
    await revenue.getByRole('figure', { name: 'Chart: Revenue by segment: value_rules' }).locator('canvas').waitFor({ timeout: 30_000 });
    // Something was drawn: the canvas is not blank.
    const inked = await figure.locator('canvas').evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let coloured = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 0 && (pixels[i] < 200 || pixels[i + 1] < 200 || pixels[i + 2] < 200)) coloured++;
      return coloured;
    });
    expect(inked).toBeGreaterThan(1000);
    const handles = distribution.getByRole('slider');
    expect(await handles.count()).toBe(3);
    expect(await handles.nth(0).getAttribute('aria-valuenow')).toBe('45');
    expect(await handles.nth(1).getAttribute('aria-valuenow')).toBe('90');
    expect(await handles.nth(2).getAttribute('aria-valuenow')).toBe('180');
    await distribution.getByText(/customers left out/).waitFor();
    // Downloads: the chart as PNG and SVG, named after its title.
    for (const format of ['PNG', 'SVG']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        distribution.getByRole('button', { name: `Download Distribution of recency_days by lifecycle as ${format}` }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`Distribution_of_recency_days_by_lifecycle.${format.toLowerCase()}`);
      const path = await download.path();
      const head = (await readFile(path)).subarray(0, 200);
      if (format === 'PNG') expect([...head.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
      else expect(head.toString('utf8')).toMatch(/^<svg/);
    }
  });

  test('arrow keys on a threshold handle move the tag and its segment table, without embedding the chart again', async ({ app }) => {
    const { page } = app;
    const { tagCell, segments, distribution, figure } = await demoCharts(page);
    const before = await shownCounts(segments);
    await markCanvas(figure);
    const handle = distribution.getByRole('slider', { name: 'Threshold 2 of lifecycle' });
    await handle.focus();
    for (let i = 0; i < 10; i++) await handle.press('ArrowRight');
    await expect.poll(() => tagCell.getByRole('spinbutton', { name: 'Threshold 2 of lifecycle' }).inputValue()).toBe('100');
    await expect.poll(() => handle.getAttribute('aria-valuenow')).toBe('100');
    await expect.poll(async () => (await shownCounts(segments)).cooling).toBeGreaterThan(before.cooling);
    const after = await shownCounts(segments);
    expect(after.silent).toBeLessThan(before.silent);
    expect(after.active).toBe(before.active);
    expect(after.cooling + after.silent).toBe(before.cooling + before.silent);
    // Home: below threshold 1, refused; the handle stays where the threshold is.
    await handle.press('Home');
    await expect.poll(() => tagCell.getByText('Threshold 2 would be below the threshold before it').count()).toBe(1);
    expect(await handle.getAttribute('aria-valuenow')).toBe('100');
    expect(await figure.locator('canvas[data-first-embed="yes"]').count()).toBe(1);
  });

  test('dragging a threshold handle with the mouse moves the threshold', async ({ app }) => {
    const { page } = app;
    const { tagCell, segments, distribution, figure } = await demoCharts(page);
    const before = await shownCounts(segments);
    await markCanvas(figure);
    const handle = distribution.getByRole('slider', { name: 'Threshold 3 of lifecycle' });
    await handle.scrollIntoViewIfNeeded();
    const box = (await handle.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(x + step * 8, y);
    await page.mouse.up();
    const field = tagCell.getByRole('spinbutton', { name: 'Threshold 3 of lifecycle' });
    await expect.poll(async () => Number(await field.inputValue())).toBeGreaterThan(200);
    await expect.poll(async () => handle.getAttribute('aria-valuenow')).toBe(await field.inputValue());
    await expect.poll(async () => (await shownCounts(segments)).silent).toBeGreaterThan(before.silent);
    expect((await shownCounts(segments)).churned).toBeLessThan(before.churned);
    expect(await figure.locator('canvas[data-first-embed="yes"]').count()).toBe(1);
  });

  test('+ Chart adds a chart, and every view renders (or says why not)', async ({ app }) => {
    const { page } = app;
    await demoCharts(page);
    const count = await page.locator('article.kind-chart').count();
    await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: '+ Chart' }).click();
    const cell = page.locator('article.kind-chart').nth(count);
    await cell.getByRole('figure', { name: 'Chart: Segment sizes: lifecycle' }).locator('canvas').waitFor({ timeout: 30_000 });
    const titles: Record<string, string> = {
      share: 'Share of customers and revenue: lifecycle',
      distribution: 'Distribution of recency_days by lifecycle',
      pareto: 'Pareto: cumulative share of revenue',
      crosstab: 'lifecycle × revenue_quintile',
      'over-time': 'lifecycle by month of first order',
      scatter: 'revenue against recency_days: lifecycle',
      // The heat map needs an rfm tag: the form switches to the demo's (from its RFM scores playbook).
      'rf-heatmap': 'R × F heat map: rfm_segment',
      segments: 'Segment sizes: rfm_segment',
    };
    for (const [view, title] of Object.entries(titles)) {
      await cell.getByRole('combobox', { name: /^View of / }).selectOption(view);
      // The figure names the view's own title once its data are in.
      await cell.getByRole('figure', { name: `Chart: ${title}` }).locator('canvas').waitFor({ timeout: 30_000 });
      expect(await cell.getByRole('alert').count()).toBe(0);
    }
  });

  test('a hand-edited Vega-Lite spec is checked (no URLs, allowed functions only) and then drawn from the named data', async ({ app }) => {
    const { page } = app;
    await demoCharts(page);
    const cell = page.getByRole('article', { name: 'Chart cell Revenue by segment: value_rules' });
    await cell.getByRole('figure').locator('canvas').waitFor({ timeout: 30_000 });
    await cell.getByText('Edit as Vega-Lite').click();
    const editor = cell.getByRole('textbox', { name: 'Vega-Lite spec of Revenue by segment: value_rules' });
    // It starts from the built spec, which reads the named dataset.
    expect(JSON.parse(await editor.inputValue())).toMatchObject({ data: { name: 'table' } });
    const spec = (extra: object) =>
      JSON.stringify({ data: { name: 'table' }, mark: 'bar', encoding: { x: { field: 'label', type: 'nominal' }, y: { field: 'count', type: 'quantitative' } }, ...extra });
    await editor.fill(spec({ data: { url: 'https://example.com/steal.csv' } }));
    await cell.getByRole('button', { name: 'Use this spec' }).click();
    await cell.getByRole('alert').getByText(/may not load data or images from a URL/).waitFor();
    await editor.fill(spec({ transform: [{ calculate: "httpRequest('x')", as: 'y' }] }));
    await cell.getByRole('button', { name: 'Use this spec' }).click();
    await cell.getByRole('alert').getByText(/httpRequest\(\) is not allowed/).waitFor();
    await editor.fill(spec({ title: 'Hand-made', transform: [{ calculate: "upper(datum.label)", as: 'big' }] }));
    await cell.getByRole('button', { name: 'Use this spec' }).click();
    await expect.poll(() => cell.getByRole('alert').count()).toBe(0);
    await cell.getByRole('figure').locator('canvas').waitFor();
    await cell.getByRole('button', { name: 'Back to the built chart' }).click();
    await expect.poll(() => cell.getByRole('button', { name: 'Back to the built chart' }).count()).toBe(0);
    await cell.getByRole('figure').locator('canvas').waitFor();
  });
});
