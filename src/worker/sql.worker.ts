import * as Comlink from 'comlink';
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { SqlWorkerApi } from './api.ts';
import { SqlApi } from './sql-api.ts';

// Expose before the first await: a message that reaches the worker before `expose` has no
// listener and is lost, so a call made while sql.js is still loading would never settle.
const ready = initSqlJs({ locateFile: () => wasmUrl }).then((sql) => new SqlApi(sql));
Comlink.expose({
  attach: async (...args) => (await ready).attach(...args),
  fillStatus: async () => (await ready).fillStatus(),
  whenFilled: async () => (await ready).whenFilled(),
  runCell: async (...args) => (await ready).runCell(...args),
  getResultRows: async (...args) => (await ready).getResultRows(...args),
  renameResult: async (...args) => (await ready).renameResult(...args),
  dropResult: async (...args) => (await ready).dropResult(...args),
  schema: async () => (await ready).schema(),
  exportResult: async (...args) => (await ready).exportResult(...args),
  resultChartData: async (...args) => (await ready).resultChartData(...args),
  exportWorkspaceFile: async (...args) => (await ready).exportWorkspaceFile(...args),
} satisfies SqlWorkerApi);
