// The demo workspace: the demo notebook plus three playbooks, valid as a workspace, and every tag
// it adds works on the demo shop's real customer table.
import { describe, expect, it } from 'vitest';
import {
  buildCustomerTable,
  demoNotebook,
  demoShopFiles,
  demoWorkspace,
  DEMO_CUSTOMER_COLUMNS,
  evaluateCustomMetrics,
  evaluateTags,
  loadCsv,
  readWorkspaceDefinition,
  serializeDefinition,
  type CustomersCell,
  type TagCell,
} from '../../../src/engine/index.ts';

describe('demoWorkspace', () => {
  it('is the demo notebook followed by the RFM scores, deciles and action stages playbooks, and reads back as a valid workspace', () => {
    for (const language of ['en', 'zh-CN']) {
      const { cells, parameters } = demoWorkspace(language);
      const notebook = demoNotebook(language);
      expect(cells.slice(0, notebook.length).map((c) => c.id)).toEqual(notebook.map((c) => c.id));
      const added = cells.slice(notebook.length);
      expect(added.filter((c) => c.kind === 'note')).toHaveLength(3);
      expect(added.flatMap((c) => (c.kind === 'tag' ? [c.definition.name] : []))).toEqual(expect.arrayContaining(['rfm_segment', 'action_stage']));
      const read = readWorkspaceDefinition(serializeDefinition({ format: 'tagbook-workspace', version: 1, name: 'Demo shop', cells, parameters }));
      if ('problems' in read) throw new Error(JSON.stringify(read.problems));
    }
  });

  it('knows the demo customer table’s columns, and every tag of the demo works on it', () => {
    const { cells, parameters } = demoWorkspace('en');
    const cell = cells.find((c): c is CustomersCell => c.kind === 'customers')!;
    const tables = Object.fromEntries(
      demoShopFiles().map((f) => {
        const name = f.fileName.replace(/\.csv$/, '');
        const loaded = loadCsv(f.bytes, { tableName: name, timeZone: 'Asia/Shanghai' });
        return [name, { columns: loaded.data, rowCount: loaded.loadedRows }];
      }),
    );
    const built = buildCustomerTable({ orders: tables[cell.sources.orders], items: tables[cell.sources.items!], customers: tables[cell.sources.customers!] }, cell.definition);
    const asOf = { name: 'as_of', type: 'date' as const, value: built.asOf };
    const custom = evaluateCustomMetrics(built.columns, built.rowCount, cell.customMetrics, [asOf]);
    const columns = [...built.columns, ...custom.flatMap((m) => (m.ok ? [m.column] : []))];
    expect(custom.every((m) => m.ok)).toBe(true);
    expect(columns.map((c) => c.name)).toEqual([...DEMO_CUSTOMER_COLUMNS, ...cell.customMetrics.slice(1).map((m) => m.name)]);
    const formulaParameters = [asOf, ...parameters.flatMap((p) => (p.value === null || p.name === 'as_of' ? [] : [{ name: p.name, type: p.type, value: p.value }]))];
    const results = evaluateTags(
      cells.filter((c): c is TagCell => c.kind === 'tag').map((c) => c.definition),
      { columns, rowCount: built.rowCount },
      formulaParameters,
    );
    expect(results.filter((r) => r.error).map((r) => `${r.name}: ${r.error?.message}`)).toEqual([]);
  });
});
