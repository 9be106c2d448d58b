// Accessibility (issue #10): an axe-core audit of the main views — the notebook with the demo, an
// import preview, the save dialog, an analysis, the presentation — with no serious or critical
// violation; and a keyboard-only path through import → tag → chart → export.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './app-test.ts';
import { FIXTURES_DIR } from './browser.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is; returns the violations. */
async function audit(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline script) is not involved.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

function bySeverity(violations: Violation[]): Record<string, number> {
  const out: Record<string, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) out[v.impact ?? 'minor'] += v.nodes.length;
  return out;
}

/** Presses Tab (or Shift+Tab) until the focused element's accessible name matches, up to `limit` presses. */
async function tabTo(page: Page, name: RegExp, limit = 600): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const label = el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ?? el.textContent ?? '';
      return label.trim().replace(/\s+/g, ' ');
    });
    if (name.test(focused)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('accessibility', () => {
  test('axe finds no serious or critical violation in the main views', async ({ app }) => {
    const { page } = app;
    await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);
    const views: Record<string, Violation[]> = {};
    views.notebook = await audit(page);

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a CSV or Excel file' }).click();
    await (await chooser).setFiles(`${FIXTURES_DIR}/orders-zh.csv`);
    await page.getByRole('button', { name: 'Load table' }).waitFor();
    views.importPreview = await audit(page);
    await page.getByRole('button', { name: 'Load table' }).click();
    await page.getByRole('grid', { name: 'Rows of orders-zh' }).waitFor();

    await page.getByRole('button', { name: 'Workspace', exact: true }).click();
    await page.getByRole('menu', { name: 'Workspace' }).getByRole('menuitem', { name: 'Save…' }).click();
    const save = page.getByRole('dialog', { name: 'Save the workspace as a file' });
    await save.waitFor();
    views.saveDialog = await audit(page);
    await save.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: '+ Analysis' }).click();
    await page.getByRole('menuitem', { name: /^Segment migration/ }).click();
    const analysis = page.getByRole('article', { name: /^Analysis cell Segment migration/ });
    await analysis.getByRole('button', { name: 'Run analysis' }).click();
    await analysis.getByText(/^Ran in/).waitFor({ timeout: 60_000 });
    views.analysis = await audit(page);

    await page.getByRole('toolbar', { name: 'Notebook tools' }).getByRole('button', { name: 'Present' }).click();
    await page.getByRole('region', { name: 'Presentation' }).waitFor();
    await page.waitForTimeout(800);
    views.presentation = await audit(page);

    const summary = Object.fromEntries(Object.entries(views).map(([view, violations]) => [view, bySeverity(violations)]));
    console.info(`[axe] violations by severity: ${JSON.stringify(summary)}`);
    for (const [view, violations] of Object.entries(views)) {
      const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(severe.map((v) => `${view}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
    }
  });

  test('a keyboard-only path: import a file, add a tag and a chart, export the segment', async ({ app }) => {
    const { page } = app;
    await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
    await page.locator('body').focus();

    // Import: the file button, then Load table, by Tab and Enter.
    await tabTo(page, /^Choose a CSV or Excel file$/);
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(`${FIXTURES_DIR}/orders-zh.csv`);
    await page.getByRole('button', { name: 'Load table' }).waitFor();
    await tabTo(page, /^Load table$/);
    await page.keyboard.press('Enter');
    await page.getByRole('grid', { name: 'Rows of orders-zh' }).waitFor();

    // A tag and a chart from the toolbar.
    const tagsBefore = await page.getByRole('article', { name: /^Tag cell / }).count();
    await tabTo(page, /^\+ Tag$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('article', { name: /^Tag cell / }).count()).toBe(tagsBefore + 1);
    const tag = page.getByRole('article', { name: /^Tag cell / }).nth(tagsBefore);
    await tag.getByText(/customers in \d+ segments/).waitFor({ timeout: 30_000 });
    const chartsBefore = await page.getByRole('article', { name: /^Chart cell / }).count();
    await tabTo(page, /^\+ Chart$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('article', { name: /^Chart cell / }).count()).toBe(chartsBefore + 1);

    // Export the new tag's segments: Export…, then Download, by keyboard.
    await tag.getByRole('button', { name: 'Export…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: 'Download' }) });
    await dialog.waitFor();
    await tabTo(page, /^Download$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  });
});
