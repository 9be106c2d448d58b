// Invariant: a file that cannot fit (sql.js has 2 GB; the columns and the SQLite copy must both
// fit) is refused before any parsing, with a message that states the limit.
import { describe, expect, it } from 'vitest';
import { checkImportSize, MAX_IMPORT_BYTES } from '../../../src/engine/dataset/check-import-size.ts';
import { ImportError } from '../../../src/engine/dataset/import-error.ts';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';

describe('checkImportSize(byteLength)', () => {
  it('accepts a file at the limit', () => {
    expect(() => checkImportSize(MAX_IMPORT_BYTES)).not.toThrow();
  });

  it('refuses a 500 MB-over file with the limit in the message', () => {
    const error = (() => {
      try {
        checkImportSize(MAX_IMPORT_BYTES + 500 * 1024 * 1024);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'file-too-large', message: expect.stringMatching(/1200 MB.*up to 700 MB.*2 GB/) });
  });

  it('keeps the limit well inside the 2 GB sql.js heap', () => {
    expect(MAX_IMPORT_BYTES * 2).toBeLessThan(2 * 1024 ** 3);
  });

  it('loadCsv refuses before decoding (a huge view of zeros is never read)', () => {
    // A zero-filled buffer would be a binary-file error if decoding had started.
    const huge = { byteLength: MAX_IMPORT_BYTES + 1 } as Uint8Array;
    expect(() => loadCsv(huge)).toThrow(expect.objectContaining({ code: 'file-too-large' }));
  });
});
