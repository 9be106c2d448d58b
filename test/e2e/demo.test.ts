import { describe, expect } from 'vitest';
import { test } from './app-test.ts';
import { sourceEntry } from './browser.ts';

describe('the demo shop', () => {
  // Invariant: a first visit shows real-looking data at once, generated in the browser.
  test('the demo opens with customers, orders and order items', async ({ app }) => {
    const { page } = app;
    await sourceEntry(page, 'customers').waitFor();
    await sourceEntry(page, 'order_items').waitFor();
    await sourceEntry(page, 'orders').getByText(/^40,000 rows?/).waitFor();
    const rows = page.getByRole('grid', { name: 'Rows of orders' });
    await rows.getByRole('columnheader', { name: /paid_amount/ }).waitFor();
    await expect.poll(() => rows.getByRole('row').count()).toBeGreaterThan(8);
    await page.getByText('SQLite: ready').first().waitFor({ timeout: 30_000 });
  });
});
