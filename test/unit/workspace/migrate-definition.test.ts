// Format versions migrate forward one step at a time; the v1 fixture must always open.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, MIGRATIONS, migrateDefinition, type Migration } from '../../../src/engine/workspace/index.ts';
import { DEFINITION_VERSION, readWorkspaceDefinition } from '../../../src/engine/index.ts';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('migrateDefinition', () => {
  it('has one migration per version step below the current version', () => {
    expect(MIGRATIONS.length).toBe(DEFINITION_VERSION - 1);
  });

  it('reads the fixture of every format version up to the current one', () => {
    for (let version = 1; version <= DEFINITION_VERSION; version++) {
      const text = readFileSync(join(fixtures, `workspace-v${version}.json`), 'utf8');
      expect(JSON.parse(text).version).toBe(version);
      const migrated = migrateDefinition(JSON.parse(text));
      expect(migrated).toMatchObject({ from: version, raw: { version: DEFINITION_VERSION } });
      expect(readWorkspaceDefinition(text)).toHaveProperty('definition.version', DEFINITION_VERSION);
    }
  });

  it('runs the steps in order from the file\'s version (a made-up v1 → v2 → v3)', () => {
    const steps: Migration[] = [
      (raw) => ({ ...raw, title: raw.name, name: undefined, log: ['1→2'] }),
      (raw) => ({ ...raw, log: [...(raw.log as string[]), '2→3'] }),
    ];
    expect(applyMigrations({ version: 1, name: 'w' }, steps)).toEqual({ from: 1, raw: { version: 3, title: 'w', name: undefined, log: ['1→2', '2→3'] } });
    expect(applyMigrations({ version: 2, log: [] }, steps)).toEqual({ from: 2, raw: { version: 3, log: ['2→3'] } });
    expect(applyMigrations({ version: 3 }, steps)).toEqual({ from: 3, raw: { version: 3 } });
    expect(applyMigrations({ version: 4 }, steps)).toEqual({
      problems: [{ path: 'version', message: 'This file was saved by a newer Tagbook (format version 4); this version reads up to 3.' }],
    });
  });

  it('refuses what has no usable version', () => {
    expect(migrateDefinition(null)).toHaveProperty('problems.0.path', '');
    expect(migrateDefinition({ version: 0 })).toEqual({ problems: [{ path: 'version', message: 'The format version must be a whole number from 1, not 0.' }] });
    expect(migrateDefinition({ version: 1.5 })).toHaveProperty('problems.0.path', 'version');
  });
});
