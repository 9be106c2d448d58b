import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/engine/sqlite/open-database.ts';
import { runCellScript } from '../../../src/engine/sqlite/run-cell-script.ts';
import { bindSqlParameters, SqlParameterError, sqlParameterNames, sqlParameterTokens, type SqlParameter } from '../../../src/engine/sqlite/sql-parameters.ts';

const sql = await initSqlJs();

const PARAMETERS: SqlParameter[] = [
  { name: 'as_of', type: 'date', value: 19_723 }, // 2024-01-01
  { name: 'min_orders', type: 'number', value: 2 },
  { name: 'channel', type: 'text', value: "o'brien'; DROP TABLE t; --" },
];

describe('parameters in SQL cells', () => {
  it('finds :name, @name and $name tokens, each once, in order', () => {
    expect(sqlParameterTokens('SELECT :a, @b, $c, :a, x FROM t WHERE y > :min_orders')).toEqual([
      { token: ':a', name: 'a' },
      { token: '@b', name: 'b' },
      { token: '$c', name: 'c' },
      { token: ':min_orders', name: 'min_orders' },
    ]);
  });

  it('ignores tokens inside strings, quoted names and comments', () => {
    const text = `SELECT ':a', "b:c", \`:d\`, [e:f], 'it''s :g' -- :h
      /* :i */ , :real FROM t`;
    expect(sqlParameterTokens(text).map((t) => t.token)).toEqual([':real']);
  });

  it('ignores a colon or dollar inside a word and a lone colon', () => {
    expect(sqlParameterTokens("SELECT x$y, a : b, '2024-01-01 10:30:00', ::, :1 FROM t").map((t) => t.token)).toEqual([]);
  });

  it('names the parameters a SQL text uses, case-insensitively, as the parameters spell them', () => {
    expect(sqlParameterNames('SELECT :AS_OF, :Min_Orders, :nope', PARAMETERS)).toEqual(['as_of', 'min_orders']);
  });

  it('binds numbers as numbers, dates as YYYY-MM-DD text, text as text, and as_of on auto as NULL', () => {
    expect(bindSqlParameters('SELECT :as_of, @min_orders, $channel', PARAMETERS)).toEqual({
      ':as_of': '2024-01-01',
      '@min_orders': 2,
      $channel: "o'brien'; DROP TABLE t; --",
    });
    expect(bindSqlParameters('SELECT :as_of', [{ name: 'as_of', type: 'date', value: null }])).toEqual({ ':as_of': null });
  });

  it('refuses a token that names no parameter, listing the parameters', () => {
    const error = (() => {
      try {
        bindSqlParameters('SELECT :min_order, :x', PARAMETERS);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SqlParameterError);
    expect((error as Error).message).toBe('“:min_order”, “:x” are not parameters of this workspace (parameters: as_of, min_orders, channel).');
  });

  it('runs a script with the values bound in every statement, a text value never becoming SQL', () => {
    const db = openDatabase(sql);
    db.run("CREATE TABLE t (id TEXT, day TEXT, n INTEGER, channel TEXT); INSERT INTO t VALUES ('a', '2023-12-30', 3, 'web'), ('b', '2024-01-02', 1, 'o''brien''; DROP TABLE t; --'), ('c', '2023-06-01', 2, 'app')");
    const text = 'CREATE TEMP TABLE kept AS SELECT * FROM t WHERE day < :as_of; SELECT id FROM kept WHERE n >= :min_orders OR channel = $channel';
    const bindings = bindSqlParameters(text, PARAMETERS);
    const { finalQuery } = runCellScript(db, text, bindings);
    expect(finalQuery?.trim()).toBe('SELECT id FROM kept WHERE n >= :min_orders OR channel = $channel');
    const statement = db.prepare(finalQuery!);
    statement.bind(bindings);
    const ids: unknown[] = [];
    while (statement.step()) ids.push(statement.get()[0]);
    statement.free();
    // The reference, by hand: a (3 orders, before 2024-01-01) and c (2 orders); b is after as_of.
    expect(ids.sort()).toEqual(['a', 'c']);
    expect(db.exec('SELECT count(*) FROM t')[0].values[0][0]).toBe(3);
  });
});
