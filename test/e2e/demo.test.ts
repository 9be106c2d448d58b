import { describe, expect } from 'vitest';
import { test } from './app-test.ts';

describe('the demo shop', () => {
  // Invariant: a first visit shows real-looking data at once, generated in the browser.
  test('the demo opens with customers, orders and order items', async ({ app }) => {
    const { page } = app;
    await page.getByRole('button', { name: /^customers/ }).waitFor();
    await page.getByRole('button', { name: /^order_items/ }).waitFor();
    await page.getByRole('button', { name: /^orders.*40,000 rows/ }).waitFor();
    const rows = page.getByRole('region', { name: 'Rows of orders' });
    await rows.getByRole('columnheader', { name: /paid_amount/ }).waitFor();
    await expect.poll(() => rows.getByRole('row').count()).toBeGreaterThan(50);
    await page.getByText('SQLite: ready').first().waitFor({ timeout: 30_000 });
  });
});
