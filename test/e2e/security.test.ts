import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject } from 'vitest';
import { test } from './app-test.ts';
import { pickFixture, sourceEntry } from './browser.ts';

/** Returns the directives of the CSP meta tag of `html`, or null when there is none. */
function readCspMeta(html: string): Map<string, string[]> | null {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  if (!meta) return null;
  const directives = new Map<string, string[]>();
  for (const part of meta[1].split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

describe('the built app (dist/index.html)', () => {
  // Invariant: the shipped page allows no remote origin, no inline script and no eval.
  test('the built index.html carries a strict Content-Security-Policy', async () => {
    const html = await readFile(join(inject('distDir'), 'index.html'), 'utf8');
    const csp = readCspMeta(html);
    expect(csp, 'a <meta http-equiv="Content-Security-Policy"> tag').not.toBeNull();
    if (!csp) return;

    const allowedSources = new Set(["'self'", "'none'", "'wasm-unsafe-eval'", 'data:', 'blob:']);
    for (const [directive, sources] of csp) {
      for (const source of sources) {
        expect(allowedSources.has(source), `${directive} allows ${source}`).toBe(true);
      }
    }
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);

    const markup = html.replace(/<!--[\s\S]*?-->/g, '');
    const scripts = [...markup.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes, 'every script is a file').toMatch(/\ssrc="\/[^"/][^"]*"/);
      expect(body.trim(), 'no inline script').toBe('');
    }
    expect(markup, 'no inline event handlers').not.toMatch(/\son[a-z]+\s*=/i);
    expect(markup, 'no remote URLs').not.toMatch(/(?:src|href)="(?:https?:)?\/\//i);
  });
});

describe('a session on the app', () => {
  test('a session makes no request to any other origin', async ({ app }) => {
    const { page } = app;
    await pickFixture(page, 'orders-zh.csv');
    await page.getByRole('button', { name: 'Load table' }).click();
    await page.getByRole('grid', { name: 'Rows of orders-zh' }).waitFor();
    await sourceEntry(page, 'orders-zh').getByText('SQLite: ready').waitFor();

    expect(app.requests.some((url) => url.endsWith('.wasm')), 'the worker’s requests are watched too').toBe(true);
    expect(app.requests.filter((url) => !url.startsWith(app.origin) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });

  test('no CSP violation is reported', async ({ app }) => {
    const { page } = app;
    await pickFixture(page, 'signup-yyyymmdd.csv');
    await page.getByRole('button', { name: 'Read as date (yyyymmdd)' }).click();
    await page.getByText('1997-01-01').first().waitFor();
    await page.getByRole('button', { name: 'Load table' }).click();
    await page.getByRole('grid', { name: 'Rows of signup-yyyymmdd' }).waitFor();

    // The progress bars' widths are styles: they must go through the CSSOM, which CSP allows.
    expect(await app.cspViolations()).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  // Invariant: file content (header and cells) is rendered as text and never becomes markup or script.
  test('cell text with HTML is shown as text and never runs', async ({ app }) => {
    const { page } = app;
    const scriptText = '<script>window.__xss=1</script>';
    const imgText = '<img src=x onerror=window.__xss=1>';
    await pickFixture(page, 'html-in-cells.csv');
    const sample = page.getByRole('region', { name: 'First rows of html-in-cells.csv' });
    await sample.getByRole('cell', { name: scriptText, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Load table' }).click();

    const rows = page.getByRole('grid', { name: 'Rows of html-in-cells' });
    await rows.getByRole('gridcell', { name: scriptText, exact: true }).waitFor();
    await rows.getByRole('gridcell', { name: imgText, exact: true }).waitFor();
    await rows.getByRole('gridcell', { name: '<b>bold</b>', exact: true }).waitFor();
    // Wait on the header rather than reading it once: the rows region may still be re-rendering.
    await rows.getByRole('columnheader', { name: imgText }).waitFor();

    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('#app img, #app script, #app b').count()).toBe(0);
  });
});
