// Fuzzing CSV ingest: random bytes and CSV-shaped text (quotes, separators, line ends, BOMs,
// unicode, dates, numbers) only ever load or throw ImportError, never hang, and a failed load
// changes nothing a later load gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isImportError } from '../../../src/engine/dataset/import-error.ts';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import { fuzz, onlyOwnErrors } from './fuzz-budget.ts';

const GOOD = new TextEncoder().encode('id,when,amount\nC1,2024-01-02,10.5\nC2,2024-01-03,-3\n');
const snapshot = () => JSON.stringify(loadCsv(GOOD, { timeZone: 'Asia/Shanghai' }), (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));

const TOKENS = [',', ';', '\t', '|', '"', '""', '\n', '\r\n', '\r', ' ', 'a', 'B', '客户', '0', '12', '-3.5', '1e5', '2024-01-02', '2024/1/2', '02/01/2024', '2024-01-02 08:30:00', 'true', 'NULL', 'N/A', '\uFEFF', '\u0000', '\uFFFD', '=SUM(A1)', '<b>'];
const csvText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 400 }).map((parts) => new TextEncoder().encode(parts.join('')));

describe('fuzz: CSV ingest', () => {
  it('random bytes and CSV-shaped text load or throw ImportError, and leave later loads unchanged', () => {
    const before = snapshot();
    const options = fc.record({ timeZone: fc.constantFrom('UTC', 'Asia/Shanghai', 'America/New_York') });
    const n = fuzz('csv ingest', fc.tuple(fc.oneof(fc.uint8Array({ maxLength: 2000 }), csvText), options), ([bytes, opts]) => {
      onlyOwnErrors(() => loadCsv(bytes, opts), isImportError);
    });
    expect(snapshot()).toBe(before);
    expect(n).toBeGreaterThan(0);
  });
});
