// Templates, share links and autosave as a user meets them: a template saved, edited and applied
// (what changes is listed first), "what changed" against a file, a link that carries the
// definitions, a reload that restores everything, a second tab made read-only, and a browser
// killed mid-work that loses nothing older than a second.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject } from 'vitest';
import { test } from './app-test.ts';
import { openApp } from './browser.ts';

const dir = await mkdtemp(join(tmpdir(), 'tagbook-templates-'));

async function menu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Workspace', exact: true }).click();
  await page.getByRole('menu', { name: 'Workspace' }).getByRole('menuitem', { name: item }).click();
}

async function pick(page: Page, item: string, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await menu(page, item);
  await (await chooser).setFiles(path);
}

async function demoReady(page: Page): Promise<void> {
  await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });
}

/** Sends SIGKILL to every process whose command line contains `text` (read from /proc); returns how many. */
async function killProcessesMentioning(text: string): Promise<number> {
  let killed = 0;
  for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p))) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.split('\0').includes(text)) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
      killed++;
    } catch {
      // Gone already.
    }
  }
  return killed;
}

const thresholdSlider = (page: Page, n: number) => page.getByRole('article', { name: 'Tag cell lifecycle' }).getByRole('slider', { name: `Threshold ${n} slider of lifecycle` });

describe('templates and share links', () => {
  test('save a template, edit it, see what changes, apply it; compare with the original file', async ({ app }) => {
    const { page } = app;
    await demoReady(page);
    const [download] = await Promise.all([page.waitForEvent('download'), menu(page, 'Save as template')]);
    expect(download.suggestedFilename()).toBe('Demo shop.tagbook.json');
    const original = join(dir, 'original.tagbook.json');
    await download.saveAs(original);
    const text = await readFile(original, 'utf8');
    const template = JSON.parse(text);
    expect(template.format).toBe('tagbook-template');
    expect(Object.keys(template)).toEqual([...Object.keys(template)].sort());
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('timeZone');

    const lifecycle = template.cells.find((c: { kind: string; definition?: { name: string } }) => c.kind === 'tag' && c.definition?.name === 'lifecycle');
    lifecycle.definition.thresholds = [30, 90, 180];
    const edited = join(dir, 'edited.tagbook.json');
    await writeFile(edited, JSON.stringify(template, null, 2));
    await pick(page, 'Apply a template…', edited);
    const ask = page.getByRole('alertdialog', { name: 'Apply the template “edited.tagbook.json”?' });
    await ask.getByText(/lifecycle.*45\/90\/180 → 30\/90\/180/).waitFor();
    await ask.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => thresholdSlider(page, 1).inputValue(), { timeout: 30_000 }).toBe('30');

    await pick(page, 'Compare with a file…', original);
    const compare = page.getByRole('dialog', { name: 'What changed: original.tagbook.json → current workspace' });
    await compare.getByText(/lifecycle.*45\/90\/180 → 30\/90\/180/).waitFor();
    await compare.getByRole('button', { name: 'Close' }).last().click();
  });

  test('a share link carries the definitions and asks before applying them', async ({ app }) => {
    const { page, context } = app;
    await demoReady(page);
    await thresholdSlider(page, 1).focus();
    for (let i = 0; i < 5; i++) await thresholdSlider(page, 1).press('ArrowRight');
    await expect.poll(() => thresholdSlider(page, 1).inputValue()).toBe('50');
    await menu(page, 'Copy share link');
    const dialog = page.getByRole('dialog', { name: 'Share link' });
    const url = await dialog.getByRole('textbox', { name: 'Link' }).inputValue();
    expect(url).toMatch(/#template=[A-Za-z0-9_-]+$/);
    expect(url.length).toBeLessThan(12_000);
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    // Back to 45 here, then the link is opened in the same browser.
    await thresholdSlider(page, 1).focus();
    for (let i = 0; i < 5; i++) await thresholdSlider(page, 1).press('ArrowLeft');
    await expect.poll(() => thresholdSlider(page, 1).inputValue()).toBe('45');
    await page.waitForTimeout(800);
    await page.close();

    const second = await context.newPage();
    await second.goto(url);
    const ask = second.getByRole('alertdialog', { name: 'Apply the template from this link?' });
    await ask.waitFor({ timeout: 60_000 });
    await ask.getByText(/lifecycle.*45\/90\/180 → 50\/90\/180/).waitFor();
    await ask.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => thresholdSlider(second, 1).inputValue(), { timeout: 30_000 }).toBe('50');
    expect(second.url()).not.toContain('#template=');
    app.page = second;
  });
});

describe('autosave', () => {
  test('a reload restores the workspace; a second tab is read-only until it takes a copy', async ({ app }) => {
    const { page, context } = app;
    await demoReady(page);
    const name = page.getByRole('textbox', { name: 'Workspace name' });
    await name.fill('Kept in the browser');
    await name.press('Enter');
    await thresholdSlider(page, 3).focus();
    for (let i = 0; i < 4; i++) await thresholdSlider(page, 3).press('ArrowRight');
    await expect.poll(() => thresholdSlider(page, 3).inputValue()).toBe('184');
    await page.waitForTimeout(600);

    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Restored “Kept in the browser” from this browser.' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => name.inputValue()).toBe('Kept in the browser');
    await expect.poll(() => thresholdSlider(page, 3).inputValue(), { timeout: 60_000 }).toBe('184');
    await page.getByRole('article', { name: 'Tag cell lifecycle' }).getByText(/5,050 customers in 4 segments/).waitFor({ timeout: 60_000 });

    const second = await context.newPage();
    await second.goto(page.url());
    const banner = second.getByRole('alert').filter({ hasText: 'This workspace is open in another tab' });
    await banner.waitFor({ timeout: 60_000 });
    await banner.getByRole('button', { name: 'Work on a copy here' }).click();
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => second.getByRole('textbox', { name: 'Workspace name' }).inputValue()).toBe('Kept in the browser (2)');
    await second.close();

    // Both are listed under Recent workspaces.
    await page.getByRole('button', { name: 'Workspace', exact: true }).click();
    const menu = page.getByRole('menu', { name: 'Workspace' });
    await menu.getByRole('menuitem', { name: /^Kept in the browser \(2\)/ }).waitFor();
    // …and one can be removed from this browser.
    await menu.getByRole('menuitem', { name: 'Remove “Kept in the browser (2)” from this browser' }).click();
    await expect.poll(() => menu.getByRole('menuitem', { name: /^Kept in the browser \(2\)/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });
});

describe('a second tab', () => {
  test('when the other tab closes, the read-only tab takes the workspace over as that tab kept it', async ({ app }) => {
    const { page, context } = app;
    await demoReady(page);
    const second = await context.newPage();
    await second.goto(page.url());
    await second.getByRole('alert').filter({ hasText: 'This workspace is open in another tab' }).waitFor({ timeout: 60_000 });
    const name = page.getByRole('textbox', { name: 'Workspace name' });
    await name.fill('Handed over');
    await name.press('Enter');
    await page.waitForTimeout(600);
    await page.close();
    await second.getByRole('status').filter({ hasText: 'The other tab closed' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => second.getByRole('textbox', { name: 'Workspace name' }).inputValue()).toBe('Handed over');
    expect(await second.getByRole('alert').filter({ hasText: 'This workspace is open in another tab' }).count()).toBe(0);
    app.page = second;
  });
});

describe('autosave survives a crash', () => {
  test('edit, kill the browser without saving, start it again: nothing older than one second is lost', async () => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'tagbook-crash-'));
    const first = await openApp(inject('baseUrl'), inject('chromiumPath'), { userDataDir });
    try {
      await demoReady(first.page);
      const name = first.page.getByRole('textbox', { name: 'Workspace name' });
      await name.fill('Before the crash');
      await name.press('Enter');
      await thresholdSlider(first.page, 2).focus();
      for (let i = 0; i < 10; i++) await thresholdSlider(first.page, 2).press('ArrowRight');
      await expect.poll(() => thresholdSlider(first.page, 2).inputValue()).toBe('100');
      await first.page.waitForTimeout(1000);
      // Killed, not closed: no pagehide, no flush.
      expect(await killProcessesMentioning(`--user-data-dir=${userDataDir}`)).toBeGreaterThan(0);
    } finally {
      await first.close();
    }
    const again = await openApp(inject('baseUrl'), inject('chromiumPath'), { userDataDir });
    try {
      await expect.poll(() => again.page.getByRole('textbox', { name: 'Workspace name' }).inputValue(), { timeout: 60_000 }).toBe('Before the crash');
      await expect.poll(() => thresholdSlider(again.page, 2).inputValue(), { timeout: 60_000 }).toBe('100');
      expect(again.errors).toEqual([]);
    } finally {
      await again.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  });
});
