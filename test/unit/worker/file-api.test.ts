// Invariant: the file worker's methods return what the engine does and reject with plain
// `{code, message, params}` objects (which comlink clones whole), never Error instances.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { FileApi } from '../../../src/worker/file-api.ts';
import { customersTable, fileOf, savedTable, textColumn } from '../workspace-file/saved-tables.ts';

const sql = await initSqlJs();

describe('FileApi (called directly, without a Worker)', () => {
  it('writes a file and reads it back', async () => {
    const files = new FileApi(sql);
    const file = fileOf([customersTable()]);
    const bytes = await files.writeWorkspaceFile(file);
    expect(await files.readWorkspaceFile(bytes)).toEqual({ fileVersion: 1, ...file });
  });

  it('rejects a bad file with the WorkspaceFileError code as a plain object', async () => {
    const files = new FileApi(sql);
    const error: unknown = await files.readWorkspaceFile(new Uint8Array(10)).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'not-sqlite' });
    const bytes = await files.writeWorkspaceFile(fileOf([customersTable()]));
    const db = new sql.Database(bytes);
    db.run("UPDATE tagbook_meta SET value = '3' WHERE key = 'file_version'");
    const newer = db.export();
    db.close();
    await expect(files.readWorkspaceFile(newer)).rejects.toEqual({ code: 'newer-version', message: expect.stringContaining('version 3'), params: { version: 3 } });
  });

  it('rejects tables it cannot write with code write-failed', async () => {
    const files = new FileApi(sql);
    const bad = fileOf([savedTable('tagbook_meta', [textColumn('a', ['x'])])]);
    await expect(files.writeWorkspaceFile(bad)).rejects.toMatchObject({ code: 'write-failed' });
  });
});
