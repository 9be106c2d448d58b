/**
 * Compiles an evaluated tag to one SQLite expression over the customer table, so the tag's
 * column can be written into SQLite and exported. It gives the same segment as the typed-array
 * path: `rank` and `rfm` quantile cut points (and rfm8 means/medians) are computed in JS and
 * inlined as constants (the result's `cutPoints`); `position` uses
 * `NTILE(n) OVER (PARTITION BY value IS NULL ORDER BY value, customer_id)`, the same tie rule.
 * Parameters are inlined with their current values, like formulas.
 */
import type { Column } from '../dataset/types.ts';
import type { FormulaParameter } from '../formula/contract.ts';
import { numberSql, textSql } from '../formula/to-sql.ts';
import { quoteIdentifier } from '../sqlite/quote-identifier.ts';
import { RFM8_SCORE_INPUTS } from './evaluate-tags.ts';
import { compileTagFormula, resolveThreshold } from './tag-failure.ts';
import type { CutPoints, Inclusive, RfmSegmentRule, TagDefinition, TagResult } from './types.ts';

export interface TagSqlOptions {
  /** The SQLite table's columns (name and type), including the columns of tags this tag uses (text). */
  columns: readonly Pick<Column, 'name' | 'type'>[];
  parameters: readonly FormulaParameter[];
  /** SQL for a column reference; default a quoted identifier. */
  columnSql?: (name: string) => string;
  /** The id column `position` ties are ordered by; default `customer_id`. */
  idColumn?: string;
  /** `label` (default): the segment label, NULL for a NULL metric; `code`: the segment index, -1 for NULL. */
  output?: 'label' | 'code';
}

/** Returns the SQL expression of an evaluated tag, or null when the tag has an error. */
export function tagToSql(definition: TagDefinition, result: TagResult, options: TagSqlOptions): string | null {
  if (result.error) return null;
  const code = tagCodeSql(definition, result, options);
  if (options.output === 'code') return code;
  const whens = result.segments.map((s, i) => `WHEN ${i} THEN ${textSql(s.label)}`).join(' ');
  return `CASE ${code} ${whens} END`;
}

function tagCodeSql(definition: TagDefinition, result: TagResult, options: TagSqlOptions): string {
  const columnSql = options.columnSql ?? quoteIdentifier;
  const scope = { columns: options.columns, parameters: options.parameters };
  const idColumn = options.idColumn ?? 'customer_id';
  const hasId = options.columns.some((c) => c.name === idColumn);
  const formulaSql = (source: string, field: string, want: 'number' | 'bool'): string =>
    `(${compileTagFormula(source, scope, field, want).toSql(columnSql, hasId ? { idColumn } : undefined)})`;
  const cuts = (of: string): CutPoints => result.cutPoints.find((c) => c.of === of) ?? { of, values: [], inclusive: 'lower' };

  switch (definition.kind) {
    case 'cut':
    case 'score': {
      const value =
        definition.kind === 'cut'
          ? formulaSql(definition.metric, 'metric', 'number')
          : `(${definition.components
              .map((c, j) => {
                const weight = c.weight === undefined ? 1 : resolveThreshold(c.weight, options.parameters, 'weight');
                const cap = c.cap === undefined ? Infinity : resolveThreshold(c.cap, options.parameters, 'cap');
                const weighted = `${numberSql(weight)} * ${formulaSql(c.formula, `components[${j}].formula`, 'number')}`;
                return `COALESCE(${cap === Infinity ? weighted : `MIN(${weighted}, ${numberSql(cap)})`}, 0)`;
              })
              .join(' + ')})`;
      const cut = cuts(definition.kind === 'cut' ? 'metric' : 'total');
      return cutSql(value, cut.values, cut.inclusive, (i) => i);
    }
    case 'quantile': {
      const value = formulaSql(definition.metric, 'metric', 'number');
      return quantileSql(value, definition.bins, definition.method ?? 'rank', definition.direction ?? 'high', cuts('metric').values, hasId ? columnSql(idColumn) : null);
    }
    case 'rules': {
      const whens = definition.rules.map((r, i) => `WHEN ${formulaSql(r.when, `rules[${i}].when`, 'bool')} THEN ${i}`).join(' ');
      return `CASE ${whens} ELSE ${definition.rules.length} END`;
    }
    case 'flag':
      return `CASE WHEN ${formulaSql(definition.when, 'when', 'bool')} THEN 0 ELSE 1 END`;
    case 'rfm': {
      const id = hasId ? columnSql(idColumn) : null;
      const scores = (['recency', 'frequency', 'monetary'] as const).map((dimension) => {
        const value = formulaSql(definition[dimension], dimension, 'number');
        const cut = cuts(dimension);
        const bins = cut.values.length + 1;
        const direction = dimension === 'recency' ? 'low' : 'high';
        const method = cut.method === 'custom' ? 'rank' : (cut.method as 'rank' | 'position' | 'rfm');
        return { sql: `(${quantileSql(value, bins, method, direction, cut.values, id)} + 1)`, bins };
      });
      const [r, f, m] = scores.map((s) => s.sql);
      const isNull = `${r} = 0 OR ${f} = 0 OR ${m} = 0`;
      if (definition.rules && definition.rules.length > 0) {
        const between = (score: string, range: RfmSegmentRule['r']): string => `${score} BETWEEN ${numberSql(range[0])} AND ${numberSql(range[1])}`;
        const whens = definition.rules.map((rule, i) => `WHEN ${between(r, rule.r)} AND ${between(f, rule.f)} AND ${between(m, rule.m)} THEN ${i}`).join(' ');
        return `CASE WHEN ${isNull} THEN -1 ${whens} ELSE ${definition.rules.length} END`;
      }
      if (definition.segmentsBy === 'total') return `CASE WHEN ${isNull} THEN -1 ELSE ${r} + ${f} + ${m} - 3 END`;
      const nf = scores[1].bins;
      const nm = scores[2].bins;
      return `CASE WHEN ${isNull} THEN -1 ELSE (${r} - 1) * ${nf * nm} + (${f} - 1) * ${nm} + ${m} - 1 END`;
    }
    case 'rfm8': {
      // The result's cut points carry the references and, by `inclusive`, which side a tie takes;
      // with `basis: 'scores'` also the quintile cut points the scores come from.
      const dimensions = ['recency', 'frequency', 'monetary'] as const;
      const scored = definition.basis === 'scores';
      const raw = dimensions.map((d) => formulaSql(definition[d], d, 'number'));
      const high = dimensions.map((d, j) => {
        const value = scored ? `(${quantileSql(raw[j], 5, 'rfm', d === 'recency' ? 'low' : 'high', cuts(d).values, null)} + 1)` : raw[j];
        const reference = cuts(scored ? RFM8_SCORE_INPUTS[j] : d);
        const below = !scored && d === 'recency';
        const op = below ? (reference.inclusive === 'lower' ? '<' : '<=') : reference.inclusive === 'lower' ? '>=' : '>';
        return `${value} ${op} ${numberSql(reference.values[0])}`;
      });
      const [r, f, m] = high;
      return (
        `CASE WHEN ${raw[0]} IS NULL OR ${raw[1]} IS NULL OR ${raw[2]} IS NULL THEN -1 ELSE ` +
        `(CASE WHEN ${m} THEN 0 ELSE 4 END) + (CASE WHEN ${r} THEN 0 ELSE 2 END) + ` +
        `(CASE WHEN ${f} THEN 0 ELSE 1 END) END`
      );
    }
    default:
      throw new Error('unknown tag kind');
  }
}

/** `CASE` giving `codeOf(number of thresholds passed)`, -1 for NULL. */
function cutSql(value: string, thresholds: readonly number[], inclusive: Inclusive, codeOf: (i: number) => number): string {
  const op = inclusive === 'upper' ? '<=' : '<';
  const whens = thresholds.map((t, i) => `WHEN ${value} ${op} ${cutLiteral(t)} THEN ${codeOf(i)}`).join(' ');
  return `CASE WHEN ${value} IS NULL THEN -1 ${whens} ELSE ${codeOf(thresholds.length)} END`;
}

/** A cut point as SQL; +Infinity (an empty bin) as a number larger than any double. */
function cutLiteral(t: number): string {
  return t === Infinity ? '9e999' : numberSql(t);
}

/** 0-based quantile score, -1 for NULL. */
function quantileSql(value: string, bins: number, method: 'rank' | 'position' | 'rfm', direction: 'high' | 'low', cutPoints: readonly number[], idSql: string | null): string {
  if (method === 'position') {
    const tile = `NTILE(${bins}) OVER (PARTITION BY ${value} IS NULL ORDER BY ${value}${idSql ? `, ${idSql}` : ''})`;
    return `CASE WHEN ${value} IS NULL THEN -1 ELSE ${direction === 'low' ? `${bins} - ${tile}` : `${tile} - 1`} END`;
  }
  return cutSql(value, cutPoints, 'lower', (i) => (direction === 'low' ? bins - 1 - i : i));
}
