// Workspace files as a user meets them: save the demo as a .tagbook, start afresh, open it again
// and find everything as it was; save the tagged customer table only, with columns hashed and
// left out; templates, "what changed", share links; and files that must not open.
import { writeFile, readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './app-test.ts';

const sql = await initSqlJs();
const dir = await mkdtemp(join(tmpdir(), 'tagbook-files-'));

/** A segment table's counts by label. */
async function shownCounts(table: Locator): Promise<Record<string, number>> {
  const rows = await table.getByRole('row').all();
  const counts: Record<string, number> = {};
  for (const row of rows.slice(1)) {
    const header = row.getByRole('rowheader');
    if ((await header.count()) === 0) continue;
    const label = (await header.innerText()).trim().split('\n')[0].trim();
    const cell = (await row.getByRole('cell').first().innerText()).replace(/,/g, '');
    // Customers without a segment are NULL in the file, left out of its counts below.
    if (/^\d+$/.test(cell) && !label.startsWith('No segment')) counts[label] = Number(cell);
  }
  return counts;
}

async function menu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Workspace', exact: true }).click();
  await page.getByRole('menu', { name: 'Workspace' }).getByRole('menuitem', { name: item }).click();
}

/** Saves through the dialog (contents and column choices given) and returns the file's path. */
async function save(page: Page, setup: (dialog: Locator) => Promise<void> = async () => {}): Promise<string> {
  await menu(page, 'Save…');
  const dialog = page.getByRole('dialog', { name: 'Save the workspace as a file' });
  await dialog.waitFor();
  await setup(dialog);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
  await dialog.getByText(/^Saved .*\.tagbook/).waitFor();
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  return path;
}

/** Picks a file with Workspace → Open… (or another menu item that picks a file). */
async function pick(page: Page, item: string, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await menu(page, item);
  await (await chooser).setFiles(path);
}

/** Counts of `column`'s labels (NULL left out) in table `table` of a saved file, read with sql.js in Node (not the app's code). */
function countsInFile(bytes: Uint8Array, table: string, column: string): Record<string, number> {
  const db = new sql.Database(bytes);
  try {
    const rows = db.exec(`SELECT "${column}", count(*) FROM "${table}" WHERE "${column}" IS NOT NULL GROUP BY 1`)[0]?.values ?? [];
    return Object.fromEntries(rows.map(([label, n]) => [String(label), Number(n)]));
  } finally {
    db.close();
  }
}

async function lifecycleTable(page: Page): Promise<Locator> {
  const cell = page.getByRole('article', { name: 'Tag cell lifecycle' });
  await cell.getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
  return cell.getByRole('table', { name: 'Segments of lifecycle' });
}

describe('workspace files', () => {
  test('save the demo with a moved threshold, start a new workspace, open the file: everything comes back', async ({ app }) => {
    const { page } = app;
    const table = await lifecycleTable(page);
    const before = await shownCounts(table);
    const slider = page.getByRole('article', { name: 'Tag cell lifecycle' }).getByRole('slider', { name: 'Threshold 2 slider of lifecycle' });
    await slider.focus();
    for (let i = 0; i < 30; i++) await slider.press('ArrowRight');
    await expect.poll(() => slider.inputValue()).toBe('120');
    // Saved at once: the save runs the full evaluation the pause would have (it writes the tag
    // columns into SQLite, which the file is exported from).
    await expect.poll(async () => JSON.stringify(await shownCounts(table))).not.toBe(JSON.stringify(before));
    const counts = await shownCounts(table);
    const name = page.getByRole('textbox', { name: 'Workspace name' });
    await name.fill('Spring review');
    await name.press('Enter');
    await page.getByRole('button', { name: 'Results only' }).click();

    const path = await save(page);
    expect(path.endsWith('Spring review.tagbook')).toBe(true);
    // All data with every column kept is exported from SQLite's live tables, not written again row by row.
    const phases = await page.evaluate(() => performance.getEntriesByType('measure').map((e) => e.name).filter((n) => n.startsWith('tagbook:save-')));
    expect(phases).toEqual(['tagbook:save-settle', 'tagbook:save-tables', 'tagbook:save-export']);
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    // Any SQLite reader sees the tags as columns of the customer table.
    expect(countsInFile(bytes, 'customer_table', 'lifecycle')).toEqual(counts);
    expect(Object.keys(countsInFile(bytes, 'orders', 'status')).length).toBeGreaterThan(1);

    await menu(page, 'New workspace');
    const ask = page.getByRole('alertdialog', { name: 'Start a new workspace?' });
    await ask.getByRole('button', { name: 'Start a new workspace' }).click();
    await expect.poll(() => page.getByRole('article', { name: 'Tag cell lifecycle' }).count()).toBe(0);
    await expect.poll(() => name.inputValue()).toBe('Untitled workspace');

    await pick(page, 'Open…', path);
    const confirm = page.getByRole('alertdialog', { name: 'Open “Spring review.tagbook”?' });
    await confirm.getByText(/Tables in the file: .*customer_table/).waitFor();
    await confirm.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => name.inputValue(), { timeout: 30_000 }).toBe('Spring review');
    const reopened = page.getByRole('article', { name: 'Tag cell lifecycle' }).getByRole('table', { name: 'Segments of lifecycle' });
    await expect.poll(() => shownCounts(reopened), { timeout: 60_000 }).toEqual(counts);
    expect(await page.getByRole('button', { name: 'Results only' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Results only' }).click();
    await expect.poll(() => page.getByRole('article', { name: 'Tag cell lifecycle' }).getByRole('slider', { name: 'Threshold 2 slider of lifecycle' }).inputValue()).toBe('120');
  });

  test('definitions and the tagged customer table only, with a column hashed and one left out', async ({ app }) => {
    const { page } = app;
    const counts = await shownCounts(await lifecycleTable(page));
    const path = await save(page, async (dialog) => {
      await dialog.getByRole('radio', { name: /Definitions and the tagged customer table only/ }).check();
      await dialog.getByRole('combobox', { name: 'customer_table.customer_id' }).selectOption('hash');
      await dialog.getByRole('combobox', { name: 'customer_table.repeat_buyer' }).selectOption('drop');
      await dialog.getByText('Hashed: customer_table.customer_id').waitFor();
      await dialog.getByText('Left out: customer_table.repeat_buyer').waitFor();
    });
    const bytes = await readFile(path);
    const db = new sql.Database(bytes);
    const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")[0].values.flat();
    const columns = db.exec('SELECT name FROM pragma_table_info(\'customer_table\')')[0].values.flat();
    const ids = db.exec('SELECT customer_id FROM customer_table LIMIT 5')[0].values.flat();
    db.close();
    expect(tables).not.toContain('orders');
    expect(tables).toContain('customer_table');
    expect(columns).not.toContain('repeat_buyer');
    expect(columns).toContain('lifecycle');
    for (const id of ids) expect(String(id)).toMatch(/^[0-9a-f]{32}$/);
    // No plain customer id anywhere in the file's bytes.
    expect(bytes.includes(Buffer.from('C00001'))).toBe(false);
    expect(countsInFile(bytes, 'customer_table', 'lifecycle')).toEqual(counts);

    await menu(page, 'New workspace');
    await page.getByRole('alertdialog', { name: 'Start a new workspace?' }).getByRole('button', { name: 'Start a new workspace' }).click();
    await pick(page, 'Open…', path);
    const confirm = page.getByRole('alertdialog', { name: /^Open “/ });
    await confirm.getByText(/without their orders/).waitFor();
    await confirm.getByRole('button', { name: 'Open', exact: true }).click();
    const customers = page.getByRole('article', { name: /^Customers cell/ });
    await customers.getByText(/cannot be built again here/).waitFor({ timeout: 30_000 });
    const reopened = page.getByRole('article', { name: 'Tag cell lifecycle' }).getByRole('table', { name: 'Segments of lifecycle' });
    await expect.poll(() => shownCounts(reopened), { timeout: 60_000 }).toEqual(counts);
  });

  test('files that must not open say why and change nothing', async ({ app }) => {
    const { page } = app;
    await lifecycleTable(page);
    const cellsBefore = await page.getByRole('article').count();
    const good = await save(page);
    const bytes = await readFile(good);

    const cases: { file: string; content: Uint8Array | string; says: RegExp }[] = [
      { file: 'notes.tagbook', content: 'just some text, not a database', says: /not a Tagbook|not valid|JSON/i },
      { file: 'cut.tagbook', content: bytes.subarray(0, Math.floor(bytes.length / 2)), says: /damaged|cut short|corrupt|truncated/i },
      {
        file: 'evil.tagbook.json',
        content: JSON.stringify({ format: 'tagbook-template', version: 1, name: '<script>alert(1)</script>', cells: [{ id: 'a', kind: 'source', collapsed: false, tableName: 'x; DROP TABLE orders' }], parameters: [] }),
        says: /cells\[0\]\.tableName/,
      },
      { file: 'future.tagbook.json', content: JSON.stringify({ format: 'tagbook-template', version: 99, name: 'x', cells: [], parameters: [] }), says: /version 99/ },
    ];
    for (const { file, content, says } of cases) {
      const path = join(dir, file);
      await writeFile(path, content);
      await pick(page, 'Open…', path);
      const problem = page.getByRole('alertdialog', { name: `“${file}” could not be opened` });
      await problem.waitFor();
      await expect.poll(() => problem.innerText()).toMatch(says);
      await problem.getByText('Nothing was changed').waitFor();
      await problem.getByRole('button', { name: 'Dismiss' }).click();
      await problem.waitFor({ state: 'detached' });
    }
    expect(await page.getByRole('article').count()).toBe(cellsBefore);
    expect(await page.evaluate(() => document.title)).not.toContain('alert');
  });

  test('a hand-edited chart spec that arrives in a file is not rendered until the user agrees', async ({ app }) => {
    const { page } = app;
    await lifecycleTable(page);
    const path = await save(page);
    // Someone edits the file: a chart with a hand-edited spec, "already accepted".
    const db = new sql.Database(await readFile(path));
    const definition = JSON.parse(String(db.exec("SELECT value FROM tagbook_meta WHERE key = 'definition'")[0].values[0][0]));
    const chart = definition.cells.find((c: { kind: string; chart?: { view: string } }) => c.kind === 'chart' && c.chart?.view === 'segments');
    chart.chart.spec = JSON.stringify({ title: 'SNEAKY-TITLE', data: { name: 'table' }, mark: 'bar', encoding: { x: { field: 'label', type: 'nominal' }, y: { field: 'count', type: 'quantitative' } } });
    chart.specAccepted = true;
    db.run("UPDATE tagbook_meta SET value = ? WHERE key = 'definition'", [JSON.stringify(definition)]);
    const edited = join(dir, 'edited.tagbook');
    await writeFile(edited, db.export());
    db.close();

    await pick(page, 'Open…', edited);
    const confirm = page.getByRole('alertdialog', { name: 'Open “edited.tagbook”?' });
    await confirm.getByText(/Hand-edited chart specs in it are code/).waitFor();
    await confirm.getByRole('button', { name: 'Open', exact: true }).click();
    const consent = page.getByRole('group', { name: 'Hand-edited spec' });
    await consent.waitFor({ timeout: 60_000 });
    const cell = page.getByRole('article').filter({ has: consent });
    // Charts draw on a canvas: nothing is drawn in the cell until the user agrees (the other chart is).
    await page.waitForTimeout(1500);
    expect(await cell.locator('canvas').count()).toBe(0);
    const canvases = await page.locator('canvas').count();
    expect(canvases).toBeGreaterThan(0);
    await consent.getByRole('button', { name: 'Render this spec' }).click();
    await expect.poll(() => page.locator('canvas').count(), { timeout: 30_000 }).toBe(canvases + 1);
  });

  test('a file dropped on the page opens the same way, and a note with script payloads in it stays inert text', async ({ app }) => {
    const { page } = app;
    await lifecycleTable(page);
    const path = await save(page);
    const db = new sql.Database(await readFile(path));
    const definition = JSON.parse(String(db.exec("SELECT value FROM tagbook_meta WHERE key = 'definition'")[0].values[0][0]));
    definition.name = '<img src=x onerror="window.__pwned=1">';
    definition.cells.unshift({
      id: 'payload-note',
      kind: 'note',
      collapsed: false,
      markdown: '## Payloads\n\n<script>window.__pwned=2</script><img src=x onerror="window.__pwned=3"><svg onload="window.__pwned=4"></svg>\n\n**still bold**',
    });
    db.run("UPDATE tagbook_meta SET value = ? WHERE key = 'definition'", [JSON.stringify(definition)]);
    const bytes = db.export();
    db.close();

    // Dropped as a user drags a file from the desktop.
    const transfer = await page.evaluateHandle((base64) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'dropped.tagbook'));
      return dt;
    }, Buffer.from(bytes).toString('base64'));
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
    await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    const confirm = page.getByRole('alertdialog', { name: 'Open “dropped.tagbook”?' });
    await confirm.getByRole('button', { name: 'Open', exact: true }).click();
    const note = page.getByRole('article', { name: 'Note cell Payloads' });
    await note.getByText('still bold').waitFor({ timeout: 30_000 });
    expect(await note.locator('.markdown').locator('script, img, svg, [onerror], [onload]').count()).toBe(0);
    await expect.poll(() => page.getByRole('textbox', { name: 'Workspace name' }).inputValue()).toBe('<img src=x onerror="window.__pwned=1">');
    await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });
});
