/**
 * Tags as SQL steps over the customer table, with the semantics of tags/evaluate-tags.ts: each
 * tag adds one text column holding its segment label (NULL where the app's code is -1). Unlike
 * tags/tag-to-sql.ts, nothing is computed in JavaScript: quantile cut points (R's type-7 quantiles
 * over ROW_NUMBER), ranks, NTILE bins, means and medians are computed by the script from the data
 * it runs on, so the script is right for other data too.
 */
import type { FormulaParameter } from '../formula/contract.ts';
import { OTHERS } from '../tags/evaluate-tags.ts';
import { RFM_8_CLASSES } from '../tags/rfm-presets.ts';
import type { Inclusive, QuantileMethod, SegmentSpec, TagDefinition, Threshold } from '../tags/types.ts';
import { numberLiteral, textLiteral } from './formula-sql.ts';
import { compileForExport, type ScopeColumn, type ScriptBuilder } from './script-builder.ts';
import { WarehouseSqlError } from './warehouse-sql-error.ts';

/** What the tag steps read: the step so far, the columns formulas may name, the parameters. */
export interface TagStepInput {
  builder: ScriptBuilder;
  /** The step holding the customer table (with custom metrics and earlier tags). */
  from: string;
  scope: ScopeColumn[];
  parameters: readonly FormulaParameter[];
  /** Number of the tag, for its helper columns' names. */
  index: number;
}

const DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;

/** Adds the steps of one tag; returns the name of the step that holds its column. */
export function addTagSteps(definition: TagDefinition, input: TagStepInput): string {
  const { builder, scope, parameters } = input;
  const d = builder.dialect;
  const id = (name: string) => d.ident(name);
  const subject = `tag ${definition.name}`;
  const prefix = `t${input.index}_${definition.name.replace(/[^A-Za-z0-9_]/g, '_').toLowerCase()}`;
  const helper = (name: string) => `tb${input.index}_${name}`;
  const formula = (source: string, field: string, want: 'number' | 'bool'): string => {
    const out = compileForExport(builder, source, scope, parameters, `${subject}, ${field}`);
    const type = out.root.type;
    if (want === 'number' && type !== 'number' && type !== 'null') throw new WarehouseSqlError(`${subject}, ${field}`, `"${source}" must give a number, but gives ${type}.`);
    if (want === 'bool' && type !== 'bool' && type !== 'null') throw new WarehouseSqlError(`${subject}, ${field}`, `"${source}" must be true or false, but gives ${type}.`);
    return out.sql;
  };
  const threshold = (value: Threshold | undefined, field: string): { sql: string; value: number } => {
    if (typeof value === 'number' && Number.isFinite(value)) return { sql: numberLiteral(value, d), value };
    if (typeof value === 'string') {
      const parameter = parameters.find((p) => p.name === value) ?? parameters.find((p) => p.name.toLowerCase() === value.toLowerCase());
      if (parameter && parameter.type === 'number' && typeof parameter.value === 'number' && Number.isFinite(parameter.value)) return { sql: `p.${id(parameter.name)}`, value: parameter.value };
    }
    throw new WarehouseSqlError(`${subject}, ${field}`, `${JSON.stringify(value)} is neither a finite number nor the name of a number parameter.`);
  };
  const thresholds = (list: readonly Threshold[] | undefined, field: string): string[] => {
    if (!Array.isArray(list)) throw new WarehouseSqlError(`${subject}, ${field}`, 'must be a list of thresholds.');
    const resolved = list.map((t, i) => threshold(t, `${field}[${i}]`));
    for (let i = 1; i < resolved.length; i++) {
      if (resolved[i].value < resolved[i - 1].value) throw new WarehouseSqlError(`${subject}, ${field}[${i}]`, 'thresholds must increase (the app refuses this tag).');
    }
    return resolved.map((t) => t.sql);
  };
  const segmentsOf = (specs: readonly SegmentSpec[] | undefined, count: number): SegmentSpec[] => {
    if (!Array.isArray(specs) || specs.length !== count || specs.some((s) => typeof s?.label !== 'string')) {
      throw new WarehouseSqlError(subject, `needs ${count} segments with a label, has ${Array.isArray(specs) ? specs.length : 0}.`);
    }
    return specs;
  };
  const labelCase = (code: string, labels: readonly string[]) => `CASE ${code} ${labels.map((l, i) => `WHEN ${i} THEN ${textLiteral(l)}`).join(' ')} END`;
  const checkBins = (bins: unknown, field = 'bins'): number => {
    if (typeof bins !== 'number' || !Number.isInteger(bins) || bins < 1 || bins > 100) throw new WarehouseSqlError(`${subject}, ${field}`, 'must be a whole number from 1 to 100.');
    return bins;
  };
  const checkMethod = (method: unknown, fallback: QuantileMethod): QuantileMethod => {
    if (method === undefined) return fallback;
    if (method === 'rank' || method === 'position' || method === 'rfm') return method;
    throw new WarehouseSqlError(`${subject}, method`, 'must be rank, position or rfm.');
  };

  // The input values (formulas over the customer table) as helper columns.
  const addValues = (values: { name: string; sql: string }[]): string =>
    builder.add(
      `${prefix}_values`,
      [`Tag ${definition.name} (${definition.kind}): its inputs.`],
      `SELECT\n  c.*,\n${values.map((v, i) => `  ${v.sql} AS ${id(helper(v.name))}${i < values.length - 1 ? ',' : ''}`).join('\n')}\nFROM ${id(input.from)} AS c\nCROSS JOIN ${id('run_params')} AS p`,
    );
  const addLabel = (labelSql: string): string => {
    builder.add(
      prefix,
      [`Tag ${definition.name}: the segment label.`],
      `SELECT\n  c.*,\n  ${labelSql} AS ${id(definition.name)}\nFROM ${id(currentStep)} AS c\nCROSS JOIN ${id('run_params')} AS p`,
    );
    return prefix;
  };

  /** A cut by thresholds: the code is the number of thresholds passed (`upper`: value > t; `lower`: value ≥ t). */
  const cutCode = (value: string, cuts: readonly string[], inclusive: Inclusive): string =>
    cuts.length === 0 ? `CASE WHEN ${value} IS NULL THEN NULL ELSE 0 END` : `CASE WHEN ${value} IS NULL THEN NULL ELSE ${cuts.map((t) => `(CASE WHEN ${value} ${inclusive === 'upper' ? '>' : '>='} ${t} THEN 1 ELSE 0 END)`).join(' + ')} END`;

  /**
   * Adds the R rfm package's cut points of `column` (quantile type 7 at k · (1 / bins), plus 1,
   * with R's arithmetic: index = 1 + (n − 1)·p, interpolation only between two different values).
   */
  const addRfmCuts = (column: string, bins: number, label: string): { step: string; cuts: string[] } => {
    const by = 1 / bins;
    const ks = Array.from({ length: bins - 1 }, (_, i) => i + 1);
    const inner = ks.map((k) => `1 + ${d.toReal('COUNT(*) OVER () - 1')} * ${numberLiteral(k * by, d)} AS ${id(`i${k}`)}`);
    const picks = ks.flatMap((k) => [
      `MAX(r.${id(`i${k}`)}) AS ${id(`i${k}`)}`,
      `MAX(CASE WHEN r.${id('rn')} = ${d.floor(`r.${id(`i${k}`)}`)} THEN r.${id('v')} END) AS ${id(`lo${k}`)}`,
      `MAX(CASE WHEN r.${id('rn')} = ${d.ceil(`r.${id(`i${k}`)}`)} THEN r.${id('v')} END) AS ${id(`hi${k}`)}`,
    ]);
    const cuts = ks.map((k) => {
      const i = `q.${id(`i${k}`)}`;
      const lo = `q.${id(`lo${k}`)}`;
      const hi = `q.${id(`hi${k}`)}`;
      // floor() in its own parentheses: dt-sql-parser's Spark grammar misreads `(x - f(y))`.
      const h = `(${i} - (${d.floor(i)}))`;
      return `(CASE WHEN NOT (${i} > ${d.floor(i)}) OR ${hi} = ${lo} THEN ${lo} ELSE (1 - ${h}) * ${lo} + ${h} * ${hi} END) + 1 AS ${id(`cut${k}`)}`;
    });
    const step = `${prefix}_${label}_cuts`;
    builder.add(
      step,
      [`Tag ${definition.name}: ${label} cut points by the R rfm package's rule (quantile type 7 at ${ks.map((k) => `${k}/${bins}`).join(', ')}, plus 1; a value at or above a cut point moves up).`],
      `SELECT\n${(cuts.length ? cuts : [`0 AS ${id('no_cut')}`]).map((c, i, all) => `  ${c}${i < all.length - 1 ? ',' : ''}`).join('\n')}\nFROM (\n  SELECT\n${(picks.length ? picks : [`COUNT(*) AS ${id('n')}`]).map((p, i, all) => `    ${p}${i < all.length - 1 ? ',' : ''}`).join('\n')}\n  FROM (\n    SELECT\n      c.${id(column)} AS ${id('v')},\n      ROW_NUMBER() OVER (ORDER BY c.${id(column)}) AS ${id('rn')}${inner.map((x) => `,\n      ${x}`).join('')}\n    FROM ${id(currentStep)} AS c\n    WHERE c.${id(column)} IS NOT NULL\n  ) AS r\n) AS q`,
    );
    return { step, cuts: ks.map((k) => `${id(step)}.${id(`cut${k}`)}`) };
  };

  /** The 0-based quantile score of helper column `column` (NULL for NULL); `joins` collects cut-point steps to join. */
  const quantileCode = (column: string, bins: number, method: QuantileMethod, direction: 'high' | 'low', label: string, joins: string[]): string => {
    const v = `c.${id(column)}`;
    let code: string;
    if (method === 'position') {
      code = `NTILE(${bins}) OVER (PARTITION BY (${v} IS NULL) ORDER BY ${v}, ${d.byteOrder(`c.${id('customer_id')}`)}) - 1`;
    } else if (method === 'rank') {
      code = d.intDiv(`${bins} * (RANK() OVER (PARTITION BY (${v} IS NULL) ORDER BY ${v}) - 1)`, `COUNT(${v}) OVER ()`);
    } else {
      const { step, cuts } = addRfmCuts(column, bins, label);
      joins.push(`CROSS JOIN ${id(step)}`);
      code = cuts.length ? cuts.map((cut) => `(CASE WHEN ${v} >= ${cut} THEN 1 ELSE 0 END)`).join(' + ') : '0';
    }
    return `CASE WHEN ${v} IS NULL THEN NULL ELSE ${direction === 'low' ? `${bins - 1} - (${code})` : code} END`;
  };
  const addScores = (scores: { name: string; sql: string }[], joins: string[], what: string, suffix = 'scores'): void => {
    builder.add(
      `${prefix}_${suffix}`,
      [`Tag ${definition.name}: ${what}.`],
      `SELECT\n  c.*,\n${scores.map((s, i) => `  ${s.sql} AS ${id(helper(s.name))}${i < scores.length - 1 ? ',' : ''}`).join('\n')}\nFROM ${id(currentStep)} AS c${joins.map((j) => `\n${j}`).join('')}`,
    );
    currentStep = `${prefix}_${suffix}`;
  };
  const withParams = `CROSS JOIN ${id('run_params')} AS p`;

  let currentStep = input.from;
  switch (definition.kind) {
    case 'cut':
    case 'score': {
      let value: string;
      if (definition.kind === 'cut') {
        value = formula(definition.metric, 'metric', 'number');
      } else {
        if (!Array.isArray(definition.components) || definition.components.length === 0) throw new WarehouseSqlError(subject, 'a score needs at least one component.');
        // total = 0 + each component's MIN(weight × value, cap), a NULL component counting 0 (evaluation order kept).
        value = `(0${definition.components
          .map((component, j) => {
            const v = formula(component.formula, `components[${j}].formula`, 'number');
            const weight = component.weight === undefined ? '1' : threshold(component.weight, `components[${j}].weight`).sql;
            const weighted = `(${weight} * ${v})`;
            const capped = component.cap === undefined ? weighted : `(CASE WHEN ${weighted} <= ${threshold(component.cap, `components[${j}].cap`).sql} THEN ${weighted} ELSE ${threshold(component.cap, `components[${j}].cap`).sql} END)`;
            return ` + (CASE WHEN ${v} IS NULL THEN 0 ELSE ${capped} END)`;
          })
          .join('')})`;
      }
      currentStep = addValues([{ name: 'value', sql: value }]);
      currentStep = `${prefix}_values`;
      const cuts = thresholds(definition.thresholds, 'thresholds');
      const segments = segmentsOf(definition.segments, cuts.length + 1);
      const inclusive = definition.inclusive ?? (definition.kind === 'cut' ? 'upper' : 'lower');
      addScores([{ name: 'bin', sql: cutCode(`c.${id(helper('value'))}`, cuts, inclusive) }], [withParams], `the segment: how many thresholds the value passes (${inclusive === 'upper' ? 'a value equal to a threshold stays below it' : 'a value equal to a threshold moves up'})`);
      return addLabel(labelCase(`c.${id(helper('bin'))}`, segments.map((s) => s.label)));
    }
    case 'quantile': {
      const bins = checkBins(definition.bins);
      const method = checkMethod(definition.method, 'rank');
      const segments = definition.segments ? segmentsOf(definition.segments, bins) : Array.from({ length: bins }, (_, i) => ({ label: String(i + 1) }));
      addValues([{ name: 'value', sql: formula(definition.metric, 'metric', 'number') }]);
      currentStep = `${prefix}_values`;
      const joins: string[] = [];
      const code = quantileCode(helper('value'), bins, method, definition.direction ?? 'high', 'metric', joins);
      addScores([{ name: 'bin', sql: code }], joins, `the ${method} quantile bin (0-based)`);
      return addLabel(labelCase(`c.${id(helper('bin'))}`, segments.map((s) => s.label)));
    }
    case 'rules': {
      if (!Array.isArray(definition.rules) || definition.rules.length === 0) throw new WarehouseSqlError(subject, 'a rules tag needs at least one rule.');
      const whens = definition.rules.map((rule, i) => {
        if (typeof rule?.segment?.label !== 'string') throw new WarehouseSqlError(`${subject}, rules[${i}]`, 'needs a label.');
        return `WHEN ${formula(rule.when, `rules[${i}].when`, 'bool')} THEN ${textLiteral(rule.segment.label)}`;
      });
      const otherwise = definition.otherwise ?? OTHERS;
      return addLabel(`CASE ${whens.join(' ')} ELSE ${textLiteral(otherwise.label)} END`);
    }
    case 'flag': {
      if (!definition.whenTrue?.label || !definition.whenFalse?.label) throw new WarehouseSqlError(subject, 'a flag needs a label for true and for false.');
      return addLabel(`CASE WHEN ${formula(definition.when, 'when', 'bool')} THEN ${textLiteral(definition.whenTrue.label)} ELSE ${textLiteral(definition.whenFalse.label)} END`);
    }
    case 'rfm': {
      const method = checkMethod(definition.method, 'rfm');
      const defaultBins = checkBins(definition.bins ?? 5);
      addValues(DIMENSIONS.map((dimension) => ({ name: dimension, sql: formula(definition[dimension], dimension, 'number') })));
      currentStep = `${prefix}_values`;
      const joins: string[] = [];
      const bins: number[] = [];
      const scores = DIMENSIONS.map((dimension) => {
        const direction = dimension === 'recency' ? 'low' : 'high';
        const custom = definition.breaks?.[dimension];
        const column = helper(dimension);
        let code: string;
        let n: number;
        if (custom !== undefined) {
          const cuts = thresholds(custom, `breaks.${dimension}`);
          n = cuts.length + 1;
          const raw = cutCode(`c.${id(column)}`, cuts, 'lower');
          code = direction === 'low' ? `${n - 1} - (${raw})` : raw;
        } else {
          n = defaultBins;
          code = quantileCode(column, n, method, direction, dimension, joins);
        }
        if (n > 9) throw new WarehouseSqlError(`${subject}, bins`, `${dimension} has ${n} scores; RFM codes allow at most 9.`);
        bins.push(n);
        return { name: `${dimension}_score`, sql: `(${code}) + 1` };
      });
      addScores(scores, joins, 'R, F and M scores (1 = lowest; R: more recent = higher)');
      const [r, f, m] = DIMENSIONS.map((dimension) => `c.${id(helper(`${dimension}_score`))}`);
      const isNull = `${r} IS NULL OR ${f} IS NULL OR ${m} IS NULL`;
      if (definition.rules && definition.rules.length > 0) {
        const between = (score: string, range: readonly [number, number]) => `${score} BETWEEN ${numberLiteral(range[0], d)} AND ${numberLiteral(range[1], d)}`;
        const whens = definition.rules.map((rule, i) => {
          const ok = (x: unknown) => Array.isArray(x) && x.length === 2 && x.every((v) => typeof v === 'number' && Number.isFinite(v));
          if (typeof rule?.segment?.label !== 'string' || !ok(rule.r) || !ok(rule.f) || !ok(rule.m)) throw new WarehouseSqlError(`${subject}, rules[${i}]`, 'needs a label and R, F, M score ranges.');
          return `WHEN ${between(r, rule.r)} AND ${between(f, rule.f)} AND ${between(m, rule.m)} THEN ${textLiteral(rule.segment.label)}`;
        });
        return addLabel(`CASE WHEN ${isNull} THEN NULL ${whens.join(' ')} ELSE ${textLiteral((definition.otherwise ?? OTHERS).label)} END`);
      }
      const segmentsBy = definition.segmentsBy ?? 'code';
      if (segmentsBy === 'total') {
        // One segment per total score R + F + M, labelled by the total (e.g. 12).
        return addLabel(`CASE WHEN ${isNull} THEN NULL ELSE ${d.toText(`${r} + ${f} + ${m}`)} END`);
      }
      if (segmentsBy !== 'code') throw new WarehouseSqlError(`${subject}, segmentsBy`, 'must be code or total.');
      // One segment per code, labelled by its digits (e.g. 545).
      return addLabel(`CASE WHEN ${isNull} THEN NULL ELSE ${d.toText(r)} || ${d.toText(f)} || ${d.toText(m)} END`);
    }
    case 'rfm8': {
      const basis = definition.basis ?? 'raw';
      if (basis !== 'raw' && basis !== 'scores') throw new WarehouseSqlError(`${subject}, basis`, 'must be raw or scores.');
      const tie = definition.tie;
      if (tie !== undefined && tie !== '>' && tie !== '>=') throw new WarehouseSqlError(`${subject}, tie`, 'must be > or >=.');
      addValues(DIMENSIONS.map((dimension) => ({ name: dimension, sql: formula(definition[dimension], dimension, 'number') })));
      currentStep = `${prefix}_values`;
      let compared = DIMENSIONS.map((dimension) => helper(dimension));
      if (basis === 'scores') {
        const joins: string[] = [];
        const scores = DIMENSIONS.map((dimension) => ({
          name: `${dimension}_score`,
          sql: `(${quantileCode(helper(dimension), 5, 'rfm', dimension === 'recency' ? 'low' : 'high', dimension, joins)}) + 1`,
        }));
        addScores(scores, joins, 'R, F and M quintile scores by the R rfm package’s rule (R: more recent = higher)');
        compared = DIMENSIONS.map((dimension) => helper(`${dimension}_score`));
      }
      const reference = definition.reference ?? 'mean';
      let refs: string[];
      const joins: string[] = [];
      if (typeof reference === 'object' && reference !== null) {
        refs = DIMENSIONS.map((dimension) => threshold(reference[dimension], `reference.${dimension}`).sql);
      } else if (reference === 'mean' || reference === 'median') {
        const refOf = (column: string): string => {
          const v = `c.${id(column)}`;
          if (reference === 'mean') return `(SELECT AVG(${d.toReal(v)}) FROM ${id(currentStep)} AS c)`;
          const ranked = `SELECT ${v} AS ${id('v')}, ROW_NUMBER() OVER (ORDER BY ${v}) AS ${id('rn')}, COUNT(*) OVER () AS ${id('n')} FROM ${id(currentStep)} AS c WHERE ${v} IS NOT NULL`;
          const at = (position: string) => `MAX(CASE WHEN r.${id('rn')} = ${position} + 1 THEN r.${id('v')} END)`;
          return `(SELECT ${d.toReal(`${at(d.intDiv(`r.${id('n')} - 1`, '2'))} + ${at(d.intDiv(`r.${id('n')}`, '2'))}`)} / 2 FROM (${ranked}) AS r)`;
        };
        const step = `${prefix}_references`;
        builder.add(
          step,
          [`Tag ${definition.name}: the ${reference} of ${basis === 'scores' ? 'the R, F and M scores' : 'recency, frequency and monetary'} (customers with a value).`],
          `SELECT\n${DIMENSIONS.map((dimension, j) => `  ${refOf(compared[j])} AS ${id(`${dimension}_reference`)}${j < 2 ? ',' : ''}`).join('\n')}`,
        );
        joins.push(`CROSS JOIN ${id(step)} AS r`);
        refs = DIMENSIONS.map((dimension) => `r.${id(`${dimension}_reference`)}`);
      } else {
        throw new WarehouseSqlError(`${subject}, reference`, 'must be mean, median or thresholds.');
      }
      // A tie is high for F and M by default and for R only with '>='; raw recency is high when below the reference.
      const high = DIMENSIONS.map((dimension, j) => {
        const tieHigh = tie === undefined ? dimension !== 'recency' : tie === '>=';
        const v = `c.${id(compared[j])}`;
        if (j === 0 && basis === 'raw') return `${v} ${tieHigh ? '<=' : '<'} ${refs[j]}`;
        return `${v} ${tieHigh ? '>=' : '>'} ${refs[j]}`;
      });
      const specs = definition.segments ? segmentsOf(definition.segments, 8) : RFM_8_CLASSES;
      const [r, f, m] = high;
      const raw = DIMENSIONS.map((dimension) => `c.${id(helper(dimension))}`);
      const code = `(CASE WHEN ${m} THEN 0 ELSE 4 END) + (CASE WHEN ${r} THEN 0 ELSE 2 END) + (CASE WHEN ${f} THEN 0 ELSE 1 END)`;
      addScores(
        [{ name: 'class', sql: `CASE WHEN ${raw.map((x) => `${x} IS NULL`).join(' OR ')} THEN NULL ELSE ${code} END` }],
        [withParams, ...joins],
        'the class: 0 + 4 if M is low, + 2 if R is low, + 1 if F is low (NULL when a value is NULL)',
        'classes',
      );
      return addLabel(labelCase(`c.${id(helper('class'))}`, specs.map((s) => s.label)));
    }
    default:
      throw new WarehouseSqlError(subject, `unknown tag kind "${String((definition as { kind?: unknown }).kind)}".`);
  }
}
