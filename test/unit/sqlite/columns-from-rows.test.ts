import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { columnsFromRows, describeTableColumns, fillTable, formatCell, openDatabase, type Column } from '../../../src/engine/index.ts';

describe('columnsFromRows', () => {
  it('round-trips typed columns through SQLite: dates and datetimes come back as such', async () => {
    const db = openDatabase(await initSqlJs());
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const original: Column[] = [
      { name: 'id', type: 'text', codes: Int32Array.from([0, 1, -1]), dictionary: ['00004', '复购'] },
      { name: 'n', type: 'integer', values: Float64Array.from([1, Number.NaN, 3]) },
      { name: 'x', type: 'decimal', values: Float64Array.from([1.5, 2, Number.NaN]) },
      { name: 'd', type: 'date', values: Float64Array.from([day('2024-02-29'), Number.NaN, day('1997-01-01')]) },
      { name: 't', type: 'datetime', values: Float64Array.from([Date.UTC(2024, 2, 1, 10, 5, 0), Date.UTC(2023, 0, 1), Number.NaN]) },
    ];
    fillTable(db, 'src', original);
    db.run('CREATE TABLE r AS SELECT * FROM src');
    const rows = db.exec('SELECT * FROM r ORDER BY rowid')[0].values;
    const columns = columnsFromRows(describeTableColumns(db, 'r'), rows);
    expect(columns.map((c) => [c.name, c.type])).toEqual(original.map((c) => [c.name, c.type]));
    // Reference: the cells as text, read from the original typed columns.
    for (let c = 0; c < original.length; c++) {
      for (let r = 0; r < 3; r++) expect(formatCell(columns[c], r)).toBe(formatCell(original[c], r));
    }
  });

  it('keeps text that only looks like dates in part as text, and impossible dates too', () => {
    const [a, b, c] = columnsFromRows(
      [
        { name: 'a', type: 'text' },
        { name: 'b', type: 'text' },
        { name: 'c', type: 'unknown' },
      ],
      [
        ['2024-01-01', '2024-02-30', 1],
        ['soon', '2024-03-01', 'x'],
      ],
    );
    expect([a.type, b.type, c.type]).toEqual(['text', 'text', 'text']);
  });
});
