/**
 * Metrics the user writes as formulas over the customer table (`revenue / orders`,
 * `IF(recency_days <= active_days, "active", "lapsed")`). A metric may use the built-in metrics,
 * parameters and other custom metrics in any order of definition: they are evaluated in
 * dependency order, and a cycle is refused with the cycle named. A failing metric reports its
 * error in place and the others still work (SPEC §3).
 */
import type { Column } from '../dataset/types.ts';
import type { FormulaErrorInfo, FormulaParameter } from '../formula/contract.ts';
import { compileFormula, isFormulaError } from '../formula/index.ts';
import { formulaNames } from './formula-names.ts';

export interface CustomMetric {
  name: string;
  formula: string;
}

export type CustomMetricError =
  | FormulaErrorInfo
  | { code: 'cycle'; message: string; cycle: string[] }
  | { code: 'blocked'; message: string; by: string };

/** The outcome for one custom metric: its column, or why it has none. */
export type CustomMetricResult = { name: string; ok: true; column: Column } | { name: string; ok: false; error: CustomMetricError };

/**
 * Evaluates `metrics` over `table` (the customer table's columns, `rowCount` rows). Returns one
 * result per metric, in the order given; successful columns are named after their metric.
 * A metric named like a table column is shadowed by nothing: names are looked up in the table first.
 */
export function evaluateCustomMetrics(
  table: readonly Column[],
  rowCount: number,
  metrics: readonly CustomMetric[],
  parameters: readonly FormulaParameter[],
): CustomMetricResult[] {
  const base = new Map(table.map((c) => [c.name, c]));
  const byName = new Map(metrics.map((m) => [m.name, m]));
  const byLowerName = new Map(metrics.map((m) => [m.name.toLowerCase(), m.name]));
  const results = new Map<string, CustomMetricResult>();
  const visiting: string[] = [];

  /** The other metrics `metric` names (table columns win over metrics of the same name). */
  const dependenciesOf = (metric: CustomMetric): string[] | FormulaErrorInfo => {
    let names: string[];
    try {
      names = formulaNames(metric.formula);
    } catch (error) {
      if (isFormulaError(error)) return errorInfo(error);
      throw error;
    }
    const found = new Set<string>();
    for (const name of names) {
      if (base.has(name) || parameters.some((p) => p.name === name)) continue;
      const other = byName.has(name) ? name : byLowerName.get(name.toLowerCase());
      if (other !== undefined && other !== metric.name) found.add(other);
      else if (other === metric.name) found.add(other);
    }
    return [...found];
  };

  const visit = (name: string): CustomMetricResult => {
    const known = results.get(name);
    if (known) return known;
    const at = visiting.indexOf(name);
    if (at >= 0) {
      const cycle = [...visiting.slice(at), name];
      return { name, ok: false, error: { code: 'cycle', message: `These metrics use each other in a circle: ${cycle.join(' → ')}.`, cycle } };
    }
    const metric = byName.get(name);
    if (!metric) throw new Error(`no custom metric ${name}`);
    visiting.push(name);
    const result = compute(metric);
    visiting.pop();
    results.set(name, result);
    return result;
  };

  const compute = (metric: CustomMetric): CustomMetricResult => {
    const dependencies = dependenciesOf(metric);
    if (!Array.isArray(dependencies)) return { name: metric.name, ok: false, error: dependencies };
    const columns: Record<string, Column> = {};
    for (const column of base.values()) columns[column.name] = column;
    for (const dependency of dependencies) {
      const outcome = visit(dependency);
      if (!outcome.ok) {
        if (outcome.error.code === 'cycle') return { name: metric.name, ok: false, error: outcome.error };
        return { name: metric.name, ok: false, error: { code: 'blocked', message: `It uses ${dependency}, which has an error.`, by: dependency } };
      }
      columns[dependency] = outcome.column;
    }
    try {
      const scope = { columns: Object.values(columns).map((c) => ({ name: c.name, type: c.type })), parameters };
      const compiled = compileFormula(metric.formula, scope);
      const used: Record<string, Column> = {};
      for (const name of compiled.references.columns) used[name] = columns[name];
      const column = compiled.evaluate({ rowCount, columns: used });
      return { name: metric.name, ok: true, column: { ...column, name: metric.name } };
    } catch (error) {
      if (isFormulaError(error)) return { name: metric.name, ok: false, error: errorInfo(error) };
      throw error;
    }
  };

  return metrics.map((m) => visit(m.name));
}

function errorInfo(error: FormulaErrorInfo): FormulaErrorInfo {
  return { code: error.code, message: error.message, line: error.line, column: error.column, length: error.length };
}
