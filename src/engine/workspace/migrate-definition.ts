/**
 * Format versions migrate forward, one step at a time: `MIGRATIONS[0]` turns a version 1 file into
 * version 2, `MIGRATIONS[1]` version 2 into 3, and so on. Version 1 is the only version today, so
 * the list is empty. To add version 2: append its migration here, bump DEFINITION_VERSION, change
 * the types and the reader, and add `test/unit/workspace/fixtures/workspace-v2.json` beside the
 * v1 fixture (every old version keeps a fixture that must still open).
 *
 * A migration takes the raw JSON object of its version (already checked to be an object with that
 * `version`) and returns the next version's raw object; it never sees validated data, so it must
 * not assume a shape the reader has not checked yet — the reader validates after migrating.
 */
import { DEFINITION_VERSION, type WorkspaceProblem } from './workspace-definition.ts';

export type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

/** `MIGRATIONS[i]` migrates version i + 1 to version i + 2. */
export const MIGRATIONS: readonly Migration[] = [];

/**
 * Brings a parsed file up to the current version. Refuses a value that is not an object, a
 * missing or malformed `version`, and a version newer than this Tagbook reads (naming it).
 */
export function migrateDefinition(raw: unknown): { raw: Record<string, unknown>; from: number } | { problems: WorkspaceProblem[] } {
  return applyMigrations(raw, MIGRATIONS);
}

/** migrateDefinition with the migrations given (for tests of the mechanism). The newest version is `migrations.length + 1`. */
export function applyMigrations(raw: unknown, migrations: readonly Migration[]): { raw: Record<string, unknown>; from: number } | { problems: WorkspaceProblem[] } {
  const newest = migrations.length + 1;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { problems: [{ path: '', message: 'The file does not hold a Tagbook definition (a JSON object).' }] };
  }
  const version = (raw as Record<string, unknown>).version;
  if (version === undefined) return { problems: [{ path: 'version', message: 'The file has no format "version".' }] };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { problems: [{ path: 'version', message: `The format version must be a whole number from 1, not ${JSON.stringify(version)}.` }] };
  }
  if (version > newest) {
    return {
      problems: [{ path: 'version', message: `This file was saved by a newer Tagbook (format version ${version}); this version reads up to ${newest}.` }],
    };
  }
  let current = raw as Record<string, unknown>;
  for (let v = version; v < newest; v++) current = { ...migrations[v - 1](current), version: v + 1 };
  return { raw: current, from: version };
}

// The reader and the writer agree on the newest version.
if (MIGRATIONS.length + 1 !== DEFINITION_VERSION) throw new Error('MIGRATIONS and DEFINITION_VERSION disagree');
