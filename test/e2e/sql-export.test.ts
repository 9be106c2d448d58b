// Export as SQL as a user meets it: the Workspace menu shows the demo's customer table and tags as
// a script per dialect; the SQLite script, downloaded and run by SQLite over the demo shop's own
// files, gives the lifecycle segment counts the app shows.
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { describe, expect } from 'vitest';
import { loadCsv } from '../../src/engine/dataset/load-csv.ts';
import { demoShopFiles } from '../../src/engine/demo/demo-shop-files.ts';
import { fillTable } from '../../src/engine/sqlite/fill-table.ts';
import { test } from './app-test.ts';

const sql = await initSqlJs();
const dir = await mkdtemp(join(tmpdir(), 'tagbook-sql-export-'));

describe('export as SQL', () => {
  test('the demo as a script per dialect; the SQLite one, run over the demo files, gives the segment counts shown', async ({ app }) => {
    const { page } = app;
    const lifecycle = page.getByRole('article', { name: 'Tag cell lifecycle' });
    await lifecycle.getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
    const shown: Record<string, number> = {};
    for (const row of (await lifecycle.getByRole('table', { name: 'Segments of lifecycle' }).getByRole('row').all()).slice(1)) {
      const header = row.getByRole('rowheader');
      if ((await header.count()) === 0) continue;
      const label = (await header.innerText()).trim().split('\n')[0].trim();
      if (label.startsWith('No segment')) continue;
      shown[label] = Number((await row.getByRole('cell').first().innerText()).replace(/,/g, ''));
    }

    await page.getByRole('button', { name: 'Workspace', exact: true }).click();
    await page.getByRole('menu', { name: 'Workspace' }).getByRole('menuitem', { name: 'Export as SQL…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export as SQL' });
    const script = dialog.getByRole('textbox', { name: 'DuckDB script' });
    await script.waitFor();
    expect(await script.inputValue()).toMatch(/lifecycle/);
    await dialog.getByRole('combobox', { name: 'Dialect' }).selectOption('sqlite');
    const sqliteScript = dialog.getByRole('textbox', { name: 'SQLite script' });
    const text = await sqliteScript.inputValue();
    expect(text).toMatch(/lifecycle/);

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: /^Download .*\.sqlite\.sql$/ }).click()]);
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    expect(await readFile(path, 'utf8')).toBe(text);

    // SQLite over the demo shop's files, read as the app reads them.
    const db = new sql.Database();
    const names = ['customers', 'orders', 'order_items'];
    demoShopFiles().forEach((file, i) => fillTable(db, names[i], loadCsv(file.bytes, { timeZone: 'Asia/Shanghai' }).data));
    const result = db.exec(text.replace(/;\s*$/, ''));
    const rows = result.at(-1)!;
    const at = rows.columns.indexOf('lifecycle');
    expect(at).toBeGreaterThan(0);
    const counts: Record<string, number> = {};
    for (const row of rows.values) if (row[at] !== null) counts[String(row[at])] = (counts[String(row[at])] ?? 0) + 1;
    expect(counts).toEqual(shown);
    db.close();
  });
});
