import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../../src/engine/export/export-file-name.ts';

describe('exportFileName', () => {
  it('joins table, tag and segment labels', () => {
    expect(exportFileName(['customer_table', 'lifecycle', 'active'], 'csv')).toBe('customer_table-lifecycle-active.csv');
    expect(exportFileName(['customer_table'], 'xlsx')).toBe('customer_table.xlsx');
  });

  it('keeps Chinese, turns spaces and forbidden characters into _, and skips empty parts', () => {
    expect(exportFileName(['客户表', '生命周期', '活跃 客户', 'a/b:c*?"<>|'], 'csv')).toBe('客户表-生命周期-活跃_客户-a_b_c______.csv');
    expect(exportFileName(['', '  '], 'csv')).toBe('export.csv');
    expect(exportFileName(['..hidden'], 'csv')).toBe('hidden.csv');
  });
});
