// A runaway result (issue #10): the query stops one row past the result limit and the cell says
// why, in place of filling SQLite's 2 GB heap; the previous result and the tables stay as they were.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { SqlApi } from '../../../src/worker/sql-api.ts';
import { noPause } from './pipes.ts';

const sql = await initSqlJs();

describe('SQL results past the row limit', () => {
  it('are refused with a clear message, keeping the last good result', async () => {
    const api = new SqlApi(sql, noPause, 1000);
    const good = await api.runCell('q1', 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r LIMIT 1000) SELECT x FROM r ORDER BY x DESC');
    expect(good.rowCount).toBe(1000);
    // An unbounded recursion: without the limit it would never end.
    const started = performance.now();
    await expect(api.runCell('q1', 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x, x * 2 AS y FROM r')).rejects.toMatchObject({
      code: 'result-too-large',
      message: expect.stringMatching(/more than 1,000 rows.*Add a filter, aggregate with GROUP BY, or add a LIMIT/),
    });
    expect(performance.now() - started).toBeLessThan(10_000);
    // The last good result is still there, in its order, under its name.
    const page = await api.getResultRows('q1', 0, 3, null);
    expect(page).toMatchObject({ totalRows: 1000, rows: [[1000], [999], [998]] });
  });

  it('leaves results within the limit as they were: columns, names and order', async () => {
    const api = new SqlApi(sql, noPause, 1000);
    const result = await api.runCell('q2', "SELECT 2 AS b, 'x' AS a UNION ALL SELECT 1, 'y' ORDER BY b");
    expect(result.columns.map((c) => c.name)).toEqual(['b', 'a']);
    expect((await api.getResultRows('q2', 0, 2, null)).rows).toEqual([
      [1, 'y'],
      [2, 'x'],
    ]);
    const values = await api.runCell('q3', 'VALUES (1, 2), (3, 4)');
    expect(values.rowCount).toBe(2);
  });
});
