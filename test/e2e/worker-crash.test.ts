// Resource limits (issue #10): when the data engine crashes, the page says so and offers to
// restart; restarting reloads the page, and the workspace comes back from this browser's autosave.
import { describe, expect, inject, test } from 'vitest';
import { openApp } from './browser.ts';

describe('a crashed data engine', () => {
  test('is reported, and "Restart from autosave" brings the workspace back', async () => {
    const app = await openApp(inject('baseUrl'), inject('chromiumPath'));
    try {
      const { page } = app;
      await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
      const name = page.getByRole('textbox', { name: 'Workspace name' });
      await name.fill('Survives a crash');
      await name.press('Enter');
      await page.waitForTimeout(1500);

      // An uncaught error inside the data worker, as a crash would give.
      const worker = page.workers().find((w) => w.url().includes('data.worker'));
      expect(worker, 'the data worker').toBeDefined();
      await worker!.evaluate(() => {
        setTimeout(() => {
          throw new Error('simulated crash');
        });
      });
      const alert = page.getByRole('alert').filter({ hasText: 'The data engine stopped' });
      await alert.waitFor({ timeout: 15_000 });
      await alert.getByRole('button', { name: 'Restart from autosave' }).click();
      await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
      await expect.poll(() => page.getByRole('textbox', { name: 'Workspace name' }).inputValue().catch(() => ''), { timeout: 30_000 }).toBe('Survives a crash');
      expect(await page.getByRole('alert').filter({ hasText: 'The data engine stopped' }).count()).toBe(0);
    } finally {
      await app.close();
    }
  });
});
