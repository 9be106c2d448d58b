/**
 * The parts of sql.js the engine uses. The initialised module is passed in by the caller
 * (Node tests load it from node_modules, the worker from a bundled wasm URL), so the engine
 * never loads wasm itself.
 */
import type { Database as SqlJsDatabase, SqlJsStatic, SqlValue as SqlJsValue } from 'sql.js';

export type Database = SqlJsDatabase;
export type SqlModule = SqlJsStatic;
export type SqlValue = SqlJsValue;
