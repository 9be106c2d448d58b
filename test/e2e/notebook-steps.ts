/** Steps the e2e tests share. */
import type { Locator, Page } from 'playwright-core';

/** Adds a SQL cell at the end, runs `sql` with Ctrl+Enter and returns its result grid. */
export async function runSql(page: Page, sql: string): Promise<Locator> {
  const before = await page.getByRole('article', { name: /^SQL cell / }).count();
  await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: '+ SQL cell' }).click();
  const cell = page.getByRole('article', { name: /^SQL cell / }).nth(before);
  const editor = cell.getByRole('textbox', { name: /^SQL of / });
  await editor.fill(sql);
  await editor.press('Control+Enter');
  const name = ((await editor.getAttribute('aria-label')) ?? '').replace(/^SQL of /, '');
  return page.getByRole('grid', { name: `Result ${name}` });
}
