// Offline (issue #10): after a first visit over http, a service worker has the whole app cached;
// with the network cut, a reload still loads the app, builds the demo (workers and sql.js wasm from
// the cache), runs a SQL cell, and the header says it is working offline.
import { describe, expect } from 'vitest';
import { test } from './app-test.ts';
import { runSql } from './notebook-steps.ts';

describe('offline', () => {
  test('after the first visit the app loads and works with no network', async ({ app }) => {
    const { page, context } = app;
    await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
    await page.getByRole('status').filter({ hasText: 'Works offline' }).waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByRole('status').filter({ hasText: 'Offline — working from this browser’s copy' }).waitFor({ timeout: 30_000 });
      await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
      const grid = await runSql(page, 'SELECT count(*) AS n FROM orders');
      await expect.poll(async () => (await grid.getByRole('gridcell').allInnerTexts()).map((t) => t.trim()), { timeout: 30_000 }).toContain('40,000');
    } finally {
      await context.setOffline(false);
    }
  });
});
