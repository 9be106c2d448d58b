/**
 * Builds a customer table in the data worker: the engine's customer table from loaded tables,
 * then the user's metrics as formulas over it. Errors cross as plain `WorkerError`s; a custom
 * metric's error stays with that metric.
 */
import {
  buildCustomerTable,
  evaluateCustomMetrics,
  isCustomerTableError,
  isFormulaError,
  type Column,
  type CustomerTable,
  type CustomerTableInput,
  type InputTable,
} from '../engine/index.ts';
import type { CustomerTableRequest, CustomerTableSummary, TableInfo } from './api.ts';
import { workerError } from './worker-error.ts';

/** The built table's columns and the summary without its TableInfo (the data worker adds that when installing). */
export interface BuiltCustomerTable {
  columns: Column[];
  summary: Omit<CustomerTableSummary, 'table'>;
}

/** The loaded tables a customer table reads, by its sources; a missing one is a WorkerError. */
export function customerTableInput(sources: CustomerTableRequest['sources'], table: (name: string) => InputTable | null): CustomerTableInput {
  const input = (name: string | undefined, role: string): InputTable | undefined => {
    if (name === undefined || name === '') return undefined;
    const found = table(name);
    if (!found) throw workerError('no-such-table', `The ${role} table “${name}” is not loaded.`);
    return found;
  };
  const orders = input(sources.orders, 'orders');
  if (!orders) throw workerError('no-orders', 'Choose the orders table first.');
  return { orders, items: input(sources.items, 'order items'), customers: input(sources.customers, 'customers') };
}

export function runCustomerTable(request: CustomerTableRequest, table: (name: string) => InputTable | null): BuiltCustomerTable {
  const input = customerTableInput(request.sources, table);
  let built: CustomerTable;
  try {
    built = buildCustomerTable(input, request.definition);
  } catch (error) {
    if (isCustomerTableError(error)) throw workerError(error.code, error.message);
    if (isFormulaError(error)) throw workerError(error.code, error.message, error.line);
    throw error;
  }

  const names = new Set(built.columns.map((c) => c.name));
  const customInput = request.customMetrics.filter((m) => m.name.trim() !== '' && !names.has(m.name));
  // `as_of` on auto is known only now: the day the build used.
  const parameters = request.parameters.some((p) => p.name === 'as_of')
    ? request.parameters
    : [...request.parameters, { name: 'as_of', type: 'date' as const, value: built.asOf }];
  const results = evaluateCustomMetrics(built.columns, built.rowCount, customInput, parameters);
  const columns = [...built.columns];
  for (const result of results) if (result.ok) columns.push(result.column);
  const custom = request.customMetrics.map((metric) => {
    if (names.has(metric.name)) return { name: metric.name, ok: false, error: { code: 'name-taken', message: `“${metric.name}” is already a metric of the customer table.` } };
    const result = results.find((r) => r.name === metric.name);
    if (!result) return { name: metric.name, ok: false, error: { code: 'empty-name', message: 'A metric needs a name.' } };
    if (result.ok) return { name: metric.name, ok: true };
    const { code, message } = result.error;
    const position = 'line' in result.error ? { line: result.error.line, column: result.error.column } : {};
    return { name: metric.name, ok: false, error: { code, message, ...position } };
  });

  return {
    columns,
    summary: {
      metrics: built.metrics,
      asOf: built.asOf,
      ...(built.cutoff !== undefined ? { cutoff: built.cutoff } : {}),
      inputRows: built.inputRows,
      usedRows: built.usedRows,
      refundRows: built.refundRows,
      prospects: built.prospects,
      issues: built.issues,
      custom,
    },
  };
}

/** Attaches the installed table's description to a built table's summary. */
export function withTable(summary: BuiltCustomerTable['summary'], table: TableInfo): CustomerTableSummary {
  return { table, ...summary };
}
