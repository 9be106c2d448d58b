// Fuzzing the workspace readers: random JSON and mutated valid definitions give a definition or
// a list of problems (never an exception, never a changed input), and random or damaged bytes of a
// .tagbook file give the file or a WorkspaceFileError; nothing hangs.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { readAnyDefinition } from '../../../src/engine/workspace/read-definition.ts';
import { isWorkspaceFileError, readWorkspaceFile, writeWorkspaceFile } from '../../../src/engine/workspace-file/index.ts';
import { fileOf, numericColumn, savedTable, textColumn } from '../workspace-file/saved-tables.ts';
import { fuzz, onlyOwnErrors } from './fuzz-budget.ts';

const sql = await initSqlJs();
const fixture = readFileSync(join(import.meta.dirname, '../workspace/fixtures/workspace-v1.json'), 'utf8');
const parsed = JSON.parse(fixture);

/** A copy of `value` with one node at a random path replaced by `replacement` (or deleted when undefined). */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  const copy = structuredClone(value);
  let node: unknown = copy;
  for (let depth = 0; depth < path.length; depth++) {
    if (typeof node !== 'object' || node === null) break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[path[depth] % keys.length];
    const child = (node as Record<string, unknown>)[key];
    if (depth === path.length - 1 || typeof child !== 'object' || child === null) {
      if (replacement === undefined) delete (node as Record<string, unknown>)[key];
      else (node as Record<string, unknown>)[key] = replacement;
      break;
    }
    node = child;
  }
  return copy;
}

const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(undefined, null, '', '__proto__', 'constructor', '<script>alert(1)</script>', 'x; DROP TABLE orders', '1 / 0', 'revenue / / orders', 99, -1, 1e308, 'x'.repeat(5000)),
  fc.constant({ __proto__: { polluted: true } }),
);

describe('fuzz: workspace readers', () => {
  it('definitions: random JSON and mutated valid files give a definition or problems, and leave the input as it was', () => {
    fuzz(
      'workspace definition reader',
      fc.oneof(
        fc.jsonValue({ maxDepth: 6 }),
        fc.tuple(fc.array(fc.nat(40), { minLength: 1, maxLength: 7 }), hostile).map(([path, replacement]) => mutate(parsed, path, replacement)),
        fc.string({ maxLength: 300 }),
      ),
      (input) => {
        const before = JSON.stringify(input);
        const read = readAnyDefinition(input as never);
        expect('definition' in read || ('problems' in read && read.problems.length > 0)).toBe(true);
        expect(JSON.stringify(input)).toBe(before);
        expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      },
    );
  });

  it('.tagbook files: random and damaged bytes give the file or a WorkspaceFileError', () => {
    const valid = writeWorkspaceFile(sql, fileOf([savedTable('orders', [textColumn('order_id', ['1', '2', '3']), numericColumn('amount', 'decimal', [1, 2, 3])])], { definitionJson: fixture }));
    fuzz(
      'workspace file reader',
      fc.oneof(
        fc.uint8Array({ maxLength: 600 }),
        fc.tuple(fc.nat(valid.length - 1), fc.nat(255), fc.nat(valid.length)).map(([at, byte, cut]) => {
          const copy = valid.slice(0, Math.max(100, cut));
          copy[at % copy.length] = byte;
          return copy;
        }),
      ),
      (bytes) => onlyOwnErrors(() => readWorkspaceFile(sql, bytes), isWorkspaceFileError),
      50,
    );
    // The intact file still reads after all that.
    expect(readWorkspaceFile(sql, valid).tables.map((t) => t.name)).toEqual(['orders']);
  });
});
