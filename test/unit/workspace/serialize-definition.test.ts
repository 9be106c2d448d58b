import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWorkspaceDefinition, seededRandom, serializeDefinition, type WorkspaceDefinition } from '../../../src/engine/index.ts';
import { shuffleKeys, workspaceArbitrary } from './workspace-arbitraries.ts';

describe('serializeDefinition', () => {
  it('round-trips random workspaces: serialize → read → the same definition', () => {
    fc.assert(
      fc.property(workspaceArbitrary, (workspace) => {
        const read = readWorkspaceDefinition(serializeDefinition(workspace), { keepSpecConsent: true });
        if ('problems' in read) throw new Error(JSON.stringify(read.problems));
        expect(read.definition).toEqual(workspace);
      }),
      { numRuns: 200 },
    );
  });

  it('writes the same text whatever order the keys were built in', () => {
    fc.assert(
      fc.property(workspaceArbitrary, fc.integer(), (workspace, seed) => {
        const shuffled = shuffleKeys(workspace, seededRandom(seed)) as WorkspaceDefinition;
        expect(serializeDefinition(shuffled)).toBe(serializeDefinition(workspace));
      }),
      { numRuns: 100 },
    );
  });

  it('pretty-prints with two spaces, sorted keys, arrays in order and a trailing newline', () => {
    const text = serializeDefinition({
      version: 1,
      name: 'w',
      format: 'tagbook-workspace',
      parameters: [{ value: null, type: 'date', name: 'as_of' }],
      cells: [
        { markdown: 'b', kind: 'note', id: 'cell-2', collapsed: false },
        { tableName: 'orders', id: 'cell-1', kind: 'source', collapsed: true },
      ],
    });
    expect(text).toBe(
      [
        '{',
        '  "cells": [',
        '    {',
        '      "collapsed": false,',
        '      "id": "cell-2",',
        '      "kind": "note",',
        '      "markdown": "b"',
        '    },',
        '    {',
        '      "collapsed": true,',
        '      "id": "cell-1",',
        '      "kind": "source",',
        '      "tableName": "orders"',
        '    }',
        '  ],',
        '  "format": "tagbook-workspace",',
        '  "name": "w",',
        '  "parameters": [',
        '    {',
        '      "name": "as_of",',
        '      "type": "date",',
        '      "value": null',
        '    }',
        '  ],',
        '  "version": 1',
        '}',
        '',
      ].join('\n'),
    );
  });
});
