/**
 * The e2e tests' `test`: each test gets `app`, a fresh Chromium session on the built app (see
 * browser.ts). After the test the fixture fails it on any request to another origin, any CSP
 * violation and any page or console error, and keeps a screenshot of a failed test under
 * test-results/e2e/.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, inject, test as base } from 'vitest';
import { openApp, ROOT_DIR, type AppSession } from './browser.ts';

/** `test` with an `app` fixture: a fresh session on the built app, checked after the test. */
export const test = base.extend<{ app: AppSession }>({
  app: async ({ task }, use) => {
    const session = await openApp(inject('baseUrl'), inject('chromiumPath'));
    let sessionCheckFailed = false;
    try {
      await use(session);
      const observed = { foreignRequests: session.foreignRequests, cspViolations: await session.cspViolations(), errors: session.errors };
      sessionCheckFailed = true;
      expect(observed, 'the session stayed on its origin, within its CSP, without errors').toEqual({
        foreignRequests: [],
        cspViolations: [],
        errors: [],
      });
      sessionCheckFailed = false;
    } finally {
      if (sessionCheckFailed || task.result?.state === 'fail') await keepScreenshot(session.page, task.name);
      await session.close();
    }
  },
});

async function keepScreenshot(page: Page, testName: string): Promise<void> {
  const dir = resolve(ROOT_DIR, 'test-results/e2e');
  await mkdir(dir, { recursive: true });
  const file = `${testName.replace(/[^\w一-龥-]+/g, '-').slice(0, 100)}.png`;
  await page.screenshot({ path: join(dir, file), fullPage: true }).catch(() => undefined);
}
