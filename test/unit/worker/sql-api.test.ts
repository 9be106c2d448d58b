import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DataApi } from '../../../src/worker/data-api.ts';
import { SqlApi } from '../../../src/worker/sql-api.ts';
import { readWorkspaceFile, writeWorkspaceFile } from '../../../src/engine/workspace-file/index.ts';
import { closeAllPorts, connectSql, encode, importInto, noPause, untilSqlReceived } from './pipes.ts';

const sql = await initSqlJs();

afterEach(closeAllPorts);

/** A SQL API filled with table `t` (id text, n integer with NULLs, at date with NULLs). */
async function sqlWithTable(rows = 300): Promise<{ data: DataApi; api: SqlApi }> {
  const data = new DataApi();
  const api = new SqlApi(sql, noPause);
  await connectSql(data, api);
  const lines = Array.from({ length: rows }, (_, i) => `${String(i).padStart(5, '0')},${i % 8 === 0 ? '' : (i * 31) % 17},${i % 6 === 0 ? '' : `2019-01-${String(1 + (i % 28)).padStart(2, '0')}`}`);
  await importInto(data, encode(`id,n,at\n${lines.join('\n')}\n`), 't.csv');
  await untilSqlReceived(api, 't', rows);
  return { data, api };
}

/** The reference: a query's rows kept whole as result `ref` and read in one page (its LIMIT/OFFSET done by SQLite). */
async function referenceRows(api: SqlApi, query: string): Promise<unknown[][]> {
  const ref = await api.runCell('ref', query);
  return (await api.getResultRows('ref', 0, ref.rowCount, null)).rows;
}

describe('SqlApi (called directly, without a Worker)', () => {
  it('keeps a cell’s rows as a table that a later cell can query', async () => {
    const { api } = await sqlWithTable();
    const q1 = await api.runCell('q1', 'SELECT n, count(*) AS c, min(id) AS first, max(at) AS last FROM t GROUP BY n');
    expect(q1).toMatchObject({
      name: 'q1',
      materialized: true,
      rowCount: 18,
      columns: [
        { name: 'n', type: 'integer' },
        { name: 'c', type: 'integer' },
        { name: 'first', type: 'text' },
        { name: 'last', type: 'date' }, // max() of ISO dates is still a date
      ],
    });
    expect(q1.elapsedMs).toBeGreaterThanOrEqual(0);
    const q2 = await api.runCell('q2', '-- the groups again\nSELECT sum(c) AS total FROM q1;');
    expect(q2).toMatchObject({ rowCount: 1, columns: [{ name: 'total', type: 'integer' }] });
    expect((await api.getResultRows('q2', 0, 10, null)).rows).toEqual([[300]]);
    // Re-running a cell replaces its result.
    await api.runCell('q1', 'VALUES (1), (2)');
    expect(await api.getResultRows('q1', 0, 10, null)).toEqual({ start: 0, rows: [[1], [2]], totalRows: 2 });
  });

  it('runs the statements before the final query, in order', async () => {
    const { api } = await sqlWithTable();
    const result = await api.runCell('q1', 'CREATE TABLE notes (x); INSERT INTO notes VALUES (3), (4); SELECT sum(x) AS s FROM notes');
    expect(result.rowCount).toBe(1);
    expect((await api.getResultRows('q1', 0, 1, null)).rows).toEqual([[7]]);
  });

  it('leaves the previous result in place when a cell fails', async () => {
    const { api } = await sqlWithTable();
    await api.runCell('q1', 'SELECT id FROM t WHERE n = 1');
    const before = await api.getResultRows('q1', 0, 100, null);
    await expect(api.runCell('q1', 'SELECT nope FROM t')).rejects.toMatchObject({ code: 'sql-error', message: expect.stringContaining('no such column: nope') });
    expect(await api.getResultRows('q1', 0, 100, null)).toEqual(before);
    expect((await api.runCell('q2', 'SELECT count(*) AS c FROM q1')).rowCount).toBe(1);
  });

  it('reports a SQL error with SQLite’s message as a plain object', async () => {
    const { api } = await sqlWithTable();
    const error = await api.runCell('q1', 'SELECT * FROM nowhere').catch((e: unknown) => e);
    expect(error).toEqual({ code: 'sql-error', message: 'no such table: nowhere' });
  });

  it('runs a final statement that is not a query and keeps no result', async () => {
    const { api } = await sqlWithTable();
    await api.runCell('q1', 'SELECT 1 AS one');
    const result = await api.runCell('q1', 'CREATE TABLE made AS SELECT * FROM t WHERE n > 10');
    expect(result).toMatchObject({ name: 'q1', materialized: false, columns: [], rowCount: 0 });
    await expect(api.getResultRows('q1', 0, 1, null)).rejects.toMatchObject({ code: 'no-such-table' });
    expect((await api.schema()).map((t) => t.name)).toEqual(['made', 't']);
  });

  it('pages results by rowid, in result order and in every sort, like ORDER BY', async () => {
    const { api } = await sqlWithTable(1000);
    await api.runCell('q1', 'SELECT id, n, at, n * 1.5 AS x FROM t WHERE id > "00100"');
    const total = 899;
    const unsorted = [];
    for (let start = 0; start < total; start += 100) unsorted.push(...(await api.getResultRows('q1', start, 100, null)).rows);
    expect(unsorted).toEqual(await referenceRows(api, 'SELECT id, n, at, n * 1.5 FROM t WHERE id > "00100"'));
    const names = ['id', 'n', 'at', 'x'];
    for (const [column, name] of names.entries()) {
      for (const descending of [false, true]) {
        const expected = await referenceRows(api, `SELECT * FROM q1 ORDER BY ${name} IS NULL, ${name} ${descending ? 'DESC' : 'ASC'}, rowid LIMIT 150 OFFSET 700`);
        const page = await api.getResultRows('q1', 700, 150, { column, descending });
        expect(page).toEqual({ start: 700, rows: expected, totalRows: total });
      }
    }
    expect((await api.getResultRows('q1', 890, 100, { column: 1, descending: true })).rows.at(-1)?.[1]).toBeNull();
    expect(await api.getResultRows('q1', 5000, 10, null)).toEqual({ start: total, rows: [], totalRows: total });
  });

  it('sorts a result again after it is re-run (no stale sort order)', async () => {
    const { api } = await sqlWithTable();
    await api.runCell('q1', 'VALUES (2), (1), (3)');
    expect((await api.getResultRows('q1', 0, 3, { column: 0, descending: false })).rows).toEqual([[1], [2], [3]]);
    await api.runCell('q1', 'VALUES (20), (30), (10), (NULL)');
    expect((await api.getResultRows('q1', 0, 4, { column: 0, descending: true })).rows).toEqual([[30], [20], [10], [null]]);
  });

  it('pages a result whose column is called rowid', async () => {
    const { api } = await sqlWithTable();
    await api.runCell('q1', 'SELECT 9 AS rowid, id FROM t WHERE n IS NULL ORDER BY id DESC');
    expect((await api.getResultRows('q1', 0, 2, null)).rows).toEqual([
      [9, '00296'],
      [9, '00288'],
    ]);
    expect((await api.getResultRows('q1', 0, 1, { column: 1, descending: false })).rows).toEqual([[9, '00000']]);
  });

  it('renames and drops results, refusing names that are taken or bad', async () => {
    const { api } = await sqlWithTable();
    await api.runCell('q1', 'SELECT 1 AS one');
    await api.runCell('q2', 'SELECT 2 AS two');
    await api.getResultRows('q1', 0, 1, { column: 0, descending: false });
    await api.renameResult('q1', 'first');
    expect((await api.getResultRows('first', 0, 1, { column: 0, descending: true })).rows).toEqual([[1]]);
    await expect(api.getResultRows('q1', 0, 1, null)).rejects.toMatchObject({ code: 'no-such-table' });
    await expect(api.renameResult('first', 'q2')).rejects.toMatchObject({ code: 'name-taken' });
    await expect(api.renameResult('first', 'T')).rejects.toMatchObject({ code: 'name-taken' });
    await expect(api.renameResult('first', '')).rejects.toMatchObject({ code: 'bad-name' });
    await expect(api.renameResult('first', 'x'.repeat(65))).rejects.toMatchObject({ code: 'bad-name' });
    await api.renameResult('first', 'First');
    expect((await api.getResultRows('First', 0, 1, null)).rows).toEqual([[1]]);
    await api.renameResult('First', '第一');
    expect((await api.schema()).map((t) => t.name).sort()).toEqual(['q2', 't', '第一']);
    await api.dropResult('第一');
    await api.dropResult('never-there');
    // Dropping a result never drops an imported table.
    await api.dropResult('t');
    expect((await api.schema()).map((t) => t.name).sort()).toEqual(['q2', 't']);
  });

  it('refuses a result name that an imported or user-made table has', async () => {
    const { api } = await sqlWithTable();
    await expect(api.runCell('t', 'SELECT 1')).rejects.toMatchObject({ code: 'name-taken' });
    await api.runCell('q1', 'CREATE TABLE mine (x)');
    await expect(api.runCell('MINE', 'SELECT 1')).rejects.toMatchObject({ code: 'name-taken' });
    expect((await api.schema()).find((t) => t.name === 't')).toEqual({ name: 't', columns: ['id', 'n', 'at'] });
  });

  it('lets an imported table replace a result of the same name', async () => {
    const { data, api } = await sqlWithTable();
    await api.runCell('q1', 'SELECT 1 AS one');
    await importInto(data, encode('z\n5\n6\n'), 'q1.csv');
    await untilSqlReceived(api, 'q1', 2);
    await expect(api.getResultRows('q1', 0, 1, null)).rejects.toMatchObject({ code: 'no-such-table' });
    await api.runCell('q2', 'SELECT sum(z) AS s FROM q1');
    expect((await api.getResultRows('q2', 0, 1, null)).rows).toEqual([[11]]);
  });

  it('answers status calls between fill steps and runs cells only once filled', async () => {
    const data = new DataApi();
    // A pause that waits for the test: each fill step runs only when the test releases it.
    const waiting: (() => void)[] = [];
    const api = new SqlApi(sql, () => new Promise<void>((resolve) => waiting.push(resolve)));
    const releaseStep = async () => {
      waiting.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    };
    await connectSql(data, api);
    const rows = Array.from({ length: 120_000 }, (_, i) => String(i % 7)).join('\n');
    await importInto(data, encode(`n\n${rows}\n`), 'big.csv');
    await untilSqlReceived(api, 'big', 120_000);
    expect((await api.fillStatus()).tables).toEqual([{ name: 'big', rowCount: 120_000, rowsWritten: 50_000 }]);
    let cellDone = false;
    const cell = api.runCell('q1', 'SELECT count(*) AS c, sum(n) AS s FROM big').finally(() => (cellDone = true));
    await releaseStep();
    expect((await api.fillStatus()).tables[0].rowsWritten).toBe(100_000);
    expect(cellDone).toBe(false);
    while (!cellDone) await releaseStep();
    expect((await cell).rowCount).toBe(1);
    const expectedSum = Array.from({ length: 120_000 }, (_, i) => i % 7).reduce((a, b) => a + b, 0);
    expect((await api.getResultRows('q1', 0, 1, null)).rows).toEqual([[120_000, expectedSum]]);
    expect((await api.fillStatus()).tables).toEqual([{ name: 'big', rowCount: 120_000, rowsWritten: 120_000 }]);
  });
  it('binds workspace parameters named as :name, and refuses a name that is not one', async () => {
    const { api } = await sqlWithTable();
    const parameters = [
      { name: 'as_of', type: 'date' as const, value: 17_902 }, // 2019-01-06
      { name: 'min_n', type: 'number' as const, value: 10 },
    ];
    const result = await api.runCell('q1', 'SELECT count(*) AS c FROM t WHERE at < :as_of AND n >= :MIN_N', parameters);
    await api.runCell('ref', "SELECT count(*) AS c FROM t WHERE at < '2019-01-06' AND n >= 10");
    expect(result.rowCount).toBe(1);
    expect((await api.getResultRows('q1', 0, 1, null)).rows).toEqual((await api.getResultRows('ref', 0, 1, null)).rows);
    expect((await api.getResultRows('q1', 0, 1, null)).rows[0][0]).toBeGreaterThan(0);
    await expect(api.runCell('q1', 'SELECT :min_m', parameters)).rejects.toMatchObject({ code: 'unknown-parameter', message: expect.stringContaining('“:min_m” is not a parameter') });
    // The earlier result stays.
    expect((await api.getResultRows('q1', 0, 1, null)).rows).toEqual((await api.getResultRows('ref', 0, 1, null)).rows);
  });
  it('gives a series chart the result\'s first rows of the chosen columns, in result order', async () => {
    const { api } = await sqlWithTable();
    await api.runCell('by_day', 'SELECT at, count(*) AS customers, sum(n) AS total FROM t WHERE at IS NOT NULL GROUP BY at ORDER BY at DESC');
    const rows = (await api.getResultRows('by_day', 0, 1000, null)).rows;
    const data = await api.resultChartData('by_day', { view: 'series', tag: '', x: 'at', y: ['total'] });
    expect(data.datasets.table.map((r) => [r.x, r.value])).toEqual(rows.filter((r) => r[2] !== null).map((r) => [r[0], r[2]]));
    expect(data.xType).toBe('temporal');
    await expect(api.resultChartData('by_day', { view: 'series', tag: '', x: 'at', y: ['nope'] })).rejects.toMatchObject({ code: 'no-such-metric' });
    await expect(api.resultChartData('missing', { view: 'series', tag: '', x: 'at', y: ['total'] })).rejects.toMatchObject({ code: 'no-such-table' });
  });
  it('exports a workspace file from its live tables that reads back as the file written the long way, and keeps working after', async () => {
    const { data, api } = await sqlWithTable();
    await api.runCell('q1', 'SELECT n, count(*) AS c FROM t GROUP BY n');
    await api.getResultRows('q1', 0, 5, { column: 1, descending: true });
    const saved = await data.savedTables({ tables: ['t'], kinds: { t: 'imported' }, drop: [], hash: [] });
    const file = { definitionJson: '{}', tables: saved, savedAt: '2026-11-23T00:00:00Z', app: 'test', contents: 'all' as const, dropped: [], hashed: [] };
    const bytes = await api.exportWorkspaceFile(file);
    expect(readWorkspaceFile(sql, bytes)).toEqual(readWorkspaceFile(sql, writeWorkspaceFile(sql, file)));
    // The sorted result still pages, and a new cell runs.
    expect((await api.getResultRows('q1', 0, 2, { column: 1, descending: true })).rows).toHaveLength(2);
    expect((await api.runCell('q2', 'SELECT count(*) FROM t')).rowCount).toBe(1);
    // A table SQLite does not hold as saved: refused with its own code.
    const other = { ...file, tables: [{ ...saved[0], rowCount: 1, columns: saved[0].columns.map((c) => (c.type === 'text' ? { ...c, codes: c.codes.slice(0, 1) } : { ...c, values: c.values.slice(0, 1) })) }] };
    await expect(api.exportWorkspaceFile(other)).rejects.toMatchObject({ code: 'tables-not-current', message: 'The table "t" in the database has 300 rows, not 1.' });
  });
});
