/**
 * Access to ../shared/realdata (public data sets beside the checkout, present in CI but not in
 * a plain clone). Suites that need it use `describeRealdata`, which skips with a visible notice
 * when the folder is absent instead of passing silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Absolute path of the shared real-data folder (may not exist). */
export const REALDATA_DIR = process.env.TAGBOOK_REALDATA ?? resolve(here, '../../../shared/realdata');

/** True when the real-data folder is present. */
export const hasRealdata = existsSync(REALDATA_DIR);

/** Returns the bytes of a real-data file, e.g. `readRealdata('lifetimes-cdnow/CDNOW_sample.txt')`. */
export function readRealdata(relativePath: string): Uint8Array {
  return new Uint8Array(readFileSync(join(REALDATA_DIR, relativePath)));
}

/** Path of a real-data file. */
export function realdataPath(relativePath: string): string {
  return join(REALDATA_DIR, relativePath);
}

/** `describe` that runs only when ../shared/realdata exists, and says so loudly when it does not. */
export function describeRealdata(name: string, body: () => void): void {
  if (!hasRealdata) {
    process.stderr.write(`\n[realdata] SKIPPED "${name}": ${REALDATA_DIR} is absent (it sits beside the checkout in CI).\n`);
    describe.skip(`${name} (skipped: ../shared/realdata absent)`, body);
    return;
  }
  describe(name, body);
}
