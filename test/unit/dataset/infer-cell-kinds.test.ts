// Invariant: each cell is classified once, under the given assumptions, with the evidence that
// lets the caller revisit those assumptions (decimal separator, day/month order).
import { describe, expect, it } from 'vitest';
import {
  inferCellKinds,
  KIND_BIG_INTEGER,
  KIND_BLANK,
  KIND_BOOLEAN,
  KIND_DATE,
  KIND_DATETIME,
  KIND_DATETIME_OFFSET,
  KIND_DECIMAL,
  KIND_INTEGER,
  KIND_MAYBE_DATE,
  KIND_MAYBE_NUMBER,
  KIND_NULL_TOKEN,
  KIND_TEXT,
  type ScanAssumptions,
} from '../../../src/engine/dataset/infer-cell-kinds.ts';

const DEFAULTS: ScanAssumptions = { decimalSeparator: '.', dateOrder: 'mdy', dateFormat: 'auto' };

describe('inferCellKinds(cells, assumptions, stopWhenText)', () => {
  it.each([
    ['', KIND_BLANK],
    ['  ', KIND_BLANK],
    ['NA', KIND_NULL_TOKEN],
    ['word', KIND_TEXT],
    ['1,7', KIND_MAYBE_NUMBER],
    ['13/03/2019', KIND_MAYBE_DATE],
    ['12', KIND_INTEGER],
    ['12.5', KIND_DECIMAL],
    ['12345678901234567890', KIND_BIG_INTEGER],
    ['yes', KIND_BOOLEAN],
    ['2019-03-13', KIND_DATE],
    ['2019-03-13 10:00', KIND_DATETIME],
    ['2019-03-13T10:00Z', KIND_DATETIME_OFFSET],
  ])('classifies %j', (text, kind) => {
    // After a run of numbers, so the lead parser is the number parser and the fallback is tested.
    const scan = inferCellKinds(['1', '2', text], DEFAULTS, false);
    expect(scan.kinds[2]).toBe(kind);
    // And alone, with no lead parser yet.
    expect(inferCellKinds([text], DEFAULTS, false).kinds[0]).toBe(kind);
  });

  it('stops once more than 5% of the cells are text', () => {
    const cells = Array.from({ length: 100 }, (_, i) => (i < 10 ? 'x' : '1'));
    expect(inferCellKinds(cells, DEFAULTS, true).scanned).toBe(6);
    expect(inferCellKinds(cells, DEFAULTS, false).scanned).toBe(100);
  });

  it('collects decimal-separator and date-order votes', () => {
    const numbers = inferCellKinds(['1.5', '1,234,567', '1,7', '1.234'], DEFAULTS, false);
    expect(numbers).toMatchObject({ dotVotes: 2, commaVotes: 1 });
    const dates = inferCellKinds(['13/03/2019', '03/04/2019', '03/14/2019', '2019-01-01'], DEFAULTS, false);
    expect(dates).toMatchObject({ yearLastCount: 3, dayFirstVotes: 1, monthFirstVotes: 1 });
  });

  it('reads numbers as dates under the yyyymmdd and Excel-serial assumptions', () => {
    const yyyymmdd = inferCellKinds(['19970101', '123'], { ...DEFAULTS, dateFormat: 'yyyymmdd' }, false);
    expect(Array.from(yyyymmdd.kinds)).toEqual([KIND_DATE, KIND_INTEGER]);
    const serial = inferCellKinds(['43537', '43537.25', '0'], { ...DEFAULTS, dateFormat: 'excel-serial' }, false);
    expect(Array.from(serial.kinds)).toEqual([KIND_DATE, KIND_DATETIME, KIND_INTEGER]);
  });

  it('counts valid 1900–2100 yyyymmdd integers', () => {
    expect(inferCellKinds(['19970101', '18991231', '20190230', '1997010'], DEFAULTS, false).yyyymmddCount).toBe(1);
  });
});
