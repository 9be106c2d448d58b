import * as Comlink from 'comlink';
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { TagbookWorker } from './api.ts';
import { WorkerApi } from './worker-api.ts';

// Expose before the first await: a message that reaches the worker before `expose` has no
// listener and is lost, so a call made while sql.js is still loading would never settle.
const ready = initSqlJs({ locateFile: () => wasmUrl }).then((sql) => new WorkerApi(sql));
Comlink.expose({
  previewFile: async (...args) => (await ready).previewFile(...args),
  importFile: async (...args) => (await ready).importFile(...args),
  loadDemo: async (...args) => (await ready).loadDemo(...args),
  listTables: async () => (await ready).listTables(),
  getRows: async (...args) => (await ready).getRows(...args),
  runSql: async (...args) => (await ready).runSql(...args),
} satisfies TagbookWorker);
