import * as Comlink from 'comlink';
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { FileWorkerApi } from './api.ts';
import { FileApi } from './file-api.ts';

// Expose before the first await (see sql.worker.ts): a call sent while sql.js loads must not be lost.
const ready = initSqlJs({ locateFile: () => wasmUrl }).then((sql) => new FileApi(sql));
Comlink.expose({
  writeWorkspaceFile: async (...args) => (await ready).writeWorkspaceFile(...args),
  readWorkspaceFile: async (...args) => (await ready).readWorkspaceFile(...args),
} satisfies FileWorkerApi);
