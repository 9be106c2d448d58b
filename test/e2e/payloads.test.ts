// Hostile input shown as text (issue #10): a template whose workspace name, notes, segment labels,
// descriptions, chart titles and parameter description carry 108 HTML, script, URL, template and
// formula payloads (test/fixtures/payloads.ts), applied from a file whose name is one; a CSV whose
// customer ids and a column name are payloads. Everywhere — notebook, grids, segment tables,
// charts, dialogs, the presentation — nothing runs, no element or handler is made from them, labels
// and ids read back exactly, and no request leaves the page's origin.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { PAYLOADS } from '../fixtures/payloads.ts';
import { test } from './app-test.ts';

const dir = await mkdtemp(join(tmpdir(), 'tagbook-payloads-'));

async function menu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Workspace', exact: true }).click();
  await page.getByRole('menu', { name: 'Workspace' }).getByRole('menuitem', { name: item }).click();
}

/** What the page made of the payloads: elements, handlers and URLs that should not exist, and the marker. */
async function damage(page: Page): Promise<{ bad: string[]; marker: unknown }> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const attribute of el.attributes) if (/^on/i.test(attribute.name)) bad.push(`${el.tagName} ${attribute.name}`);
      if (['IFRAME', 'OBJECT', 'EMBED', 'FRAME', 'BASE', 'MARQUEE', 'ISINDEX', 'KEYGEN', 'MATH', 'META', 'LINK', 'STYLE'].includes(el.tagName) && !el.closest('head')) bad.push(el.tagName);
      if (el.tagName === 'SCRIPT' && !(el as HTMLScriptElement).src) bad.push('inline script');
      const url = el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('xlink:href') ?? el.getAttribute('formaction');
      if (url !== null && /^\s*(javascript|vbscript|data:text\/html)/i.test(url)) bad.push(`${el.tagName} ${url}`);
      if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') bad.push('img src=x');
    }
    return { bad, marker: (window as unknown as { __xss?: unknown }).__xss ?? null };
  });
}

/** A CSV field, quoted. */
const field = (text: string) => `"${text.replace(/"/g, '""')}"`;

describe('hostile input', () => {
  test(`${PAYLOADS.length} payloads in names, labels, notes, ids, file names and workspace files are shown as text and none runs`, async ({ app }) => {
    const { page } = app;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });

    // A template carrying payloads everywhere a definition holds text.
    const [download] = await Promise.all([page.waitForEvent('download'), menu(page, 'Save as template')]);
    const template = JSON.parse(await readFile(await download.path(), 'utf8'));
    let next = 0;
    const payload = () => PAYLOADS[next++ % PAYLOADS.length];
    template.name = PAYLOADS[0];
    template.cells.unshift({ id: 'xss-note', kind: 'note', collapsed: false, markdown: PAYLOADS.map((p) => `${p}\n\n\`${p}\``).join('\n\n') });
    const labels: string[] = [];
    for (const cell of template.cells) {
      if (cell.kind === 'tag' && cell.definition.name === 'lifecycle') {
        cell.definition.segments = cell.definition.segments.map((s: object) => {
          const label = payload();
          labels.push(label);
          return { ...s, label, labelZh: label, description: payload(), suggestedAction: payload() };
        });
      }
      if (cell.kind === 'chart') cell.chart.title = payload();
    }
    for (const parameter of template.parameters) parameter.description = payload();
    const fileName = `"><img src=x onerror=alert(1)>.tagbook.json`;
    const path = join(dir, fileName);
    await writeFile(path, JSON.stringify(template, null, 2));
    const chooser = page.waitForEvent('filechooser');
    await menu(page, 'Apply a template…');
    await (await chooser).setFiles(path);
    const ask = page.getByRole('alertdialog', { name: `Apply the template “${fileName}”?` });
    await ask.waitFor();
    expect((await damage(page)).bad).toEqual([]);
    await ask.getByRole('button', { name: 'Apply' }).click();
    const lifecycle = page.getByRole('article', { name: 'Tag cell lifecycle' });
    await lifecycle.getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
    // Labels read back exactly, as text.
    const shown = () =>
      lifecycle.getByRole('table', { name: 'Segments of lifecycle' }).evaluate((t) => [...(t as HTMLTableElement).tBodies[0].rows].map((r) => r.cells[0].textContent?.trim() ?? ''));
    // Each row starts with its label, then the description and the suggested action, all as text.
    await expect.poll(async () => (await shown()).filter((s) => labels.some((l) => s.startsWith(`${l.trim()} `))).length, { timeout: 30_000 }).toBe(labels.length);

    // A CSV whose customer ids and one column name are payloads, from a file named like one.
    const rows = PAYLOADS.map((p, i) => `${field(p)},${field(`order ${i}`)},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${10 + i}`);
    const csvName = '<svg onload=alert(1)>.csv';
    await writeFile(join(dir, csvName), `customer_id,${field(PAYLOADS[3])},order_date,amount\n${rows.join('\n')}\n`);
    const csvChooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a CSV or Excel file' }).click();
    await (await csvChooser).setFiles(join(dir, csvName));
    await page.getByRole('button', { name: 'Load table' }).click();
    const grid = page.getByRole('grid', { name: /^Rows of / }).last();
    await grid.getByRole('gridcell').first().waitFor({ timeout: 30_000 });
    expect(await grid.getByRole('columnheader', { name: PAYLOADS[3] }).count()).toBeGreaterThan(0);
    expect(await grid.getByRole('gridcell', { name: PAYLOADS[0], exact: true }).count()).toBe(1);

    // The presentation shows the same cells again.
    await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: 'Present' }).click();
    await page.getByRole('region', { name: 'Presentation' }).getByRole('button', { name: 'Report' }).click();
    await page.waitForTimeout(1500);

    const { bad, marker } = await damage(page);
    expect(bad).toEqual([]);
    expect(marker).toBeNull();
    expect(dialogs).toEqual([]);
    expect(app.requests.filter((url) => !url.startsWith(app.origin) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
    console.info(`[payloads] ${PAYLOADS.length} payloads tried; foreign requests: 0; dialogs: ${dialogs.length}`);
  });
});
