/**
 * Export as SQL (issue #11): a workspace's customer table and tags as one script per warehouse
 * dialect. See workspace-to-sql.ts.
 */
export { SQL_DIALECTS, type SqlDialect } from './dialects.ts';
export { WarehouseSqlError } from './warehouse-sql-error.ts';
export { workspaceToSql, type WorkspaceSql, type WorkspaceToSqlOptions } from './workspace-to-sql.ts';
