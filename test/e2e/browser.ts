/**
 * Drives the built app in headless Chromium (playwright-core), for the e2e tests and for
 * screenshots. Plain Node: no Vitest imports (the `app` fixture lives in app-test.ts).
 *
 * Every request of a session is watched: one to any origin but the app's is aborted and
 * recorded, and so are Content-Security-Policy violations, page errors and console errors.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** The repository root. */
export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The folder of the small test files. */
export const FIXTURES_DIR = resolve(ROOT_DIR, 'test/fixtures');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** A browser session on the app, with what it requested and what went wrong. */
export interface AppSession {
  page: Page;
  context: BrowserContext;
  /** The app's origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** Every URL requested in the session (data: and blob: included). */
  requests: string[];
  /** Requests to any origin but the app's (aborted before they left the browser). */
  foreignRequests: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  /** Returns the CSP violations the page has reported so far. */
  cspViolations(): Promise<string[]>;
  close(): Promise<void>;
}

/** True for URLs of the app's own origin, and for data: and blob: URLs (which leave nothing). */
export function isOwnRequest(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Launches Chromium with a fresh profile (or the given one, which is then kept on close) and opens
 * the app at `baseUrl`.
 */
export async function openApp(baseUrl: string, chromiumPath: string, options: { userDataDir?: string } = {}): Promise<AppSession> {
  const origin = new URL(baseUrl).origin;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'tagbook-e2e-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 900 },
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const requests: string[] = [];
  const foreignRequests: string[] = [];
  const errors: string[] = [];

  context.on('request', (request) => {
    requests.push(request.url());
    if (!isOwnRequest(request.url(), origin)) foreignRequests.push(request.url());
  });
  await context.route(
    (url) => !isOwnRequest(url.href, origin),
    async (route) => {
      if (!foreignRequests.includes(route.request().url())) foreignRequests.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  await context.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });

  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Choose a CSV or Excel file' }).waitFor();

  const session: AppSession = {
    page,
    context,
    origin,
    requests,
    foreignRequests,
    errors,
    // The session's page may be replaced by a test that opens another tab (a share link).
    cspViolations: () => session.page.evaluate(() => [...((window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])]),
    async close() {
      await context.close().catch(() => undefined);
      if (!options.userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
  return session;
}

/** Picks `fileName` from test/fixtures with the "Choose a CSV or Excel file" button, as a user would. */
export async function pickFixture(page: Page, fileName: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a CSV or Excel file' }).click();
  await (await chooser).setFiles(join(FIXTURES_DIR, fileName));
}

/** The entry of table `name` in the Sources panel (its name, size, columns and SQLite state). */
export function sourceEntry(page: Page, name: string): Locator {
  return page
    .getByRole('navigation', { name: 'Sources' })
    .getByRole('listitem')
    .filter({ has: page.getByText(name, { exact: true }) })
    .first();
}
