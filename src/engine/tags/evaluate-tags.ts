/**
 * Evaluates tag definitions (SPEC §4) over the customer table, in dependency order: a tag may
 * use another tag by name (as a text column of its segment labels). A cycle is refused with the
 * cycle named; a failing tag reports its error and the others still work (SPEC §3).
 */
import type { Column, TextColumn } from '../dataset/types.ts';
import { rankDictionary } from '../formula/compare-text.ts';
import type { FormulaParameter, FormulaScope } from '../formula/contract.ts';
import { isFormulaError } from '../formula/index.ts';
import { formulaNames } from '../metrics/formula-names.ts';
import { positionBins, rankCutPoints, rfmCutPoints, sortedValues } from './quantile-cut-points.ts';
import { recut } from './recut.ts';
import { rfm8Index, RFM_8_CLASSES } from './rfm-presets.ts';
import { compileTagFormula, resolveThreshold, resolveThresholds, TagFailure } from './tag-failure.ts';
import type {
  CutPoints,
  QuantileMethod,
  RfmSegmentRule,
  RfmSegmentsBy,
  RuleOverlap,
  ScoreDirection,
  Segment,
  SegmentSpec,
  TagDefinition,
  TagError,
  TagResult,
} from './types.ts';

/** The customer table as tags see it. `idColumn` (default `customer_id`) breaks `position` ties. */
export interface TagTable {
  columns: readonly Column[];
  rowCount: number;
  idColumn?: string;
}

export const OTHERS: SegmentSpec = { label: 'Others', labelZh: '其他' };

/** The formulas a definition contains, with the field each sits in. */
export function tagFormulas(definition: TagDefinition): { field: string; source: string }[] {
  switch (definition?.kind) {
    case 'cut':
    case 'quantile':
      return [{ field: 'metric', source: definition.metric }];
    case 'rules':
      return (definition.rules ?? []).map((r, i) => ({ field: `rules[${i}].when`, source: r?.when }));
    case 'flag':
      return [{ field: 'when', source: definition.when }];
    case 'score':
      return (definition.components ?? []).map((c, i) => ({ field: `components[${i}].formula`, source: c?.formula }));
    case 'rfm':
    case 'rfm8':
      return [
        { field: 'recency', source: definition.recency },
        { field: 'frequency', source: definition.frequency },
        { field: 'monetary', source: definition.monetary },
      ];
    default:
      return [];
  }
}

/** Returns a tag's segments as a text column of labels (how other tags' formulas see it). */
export function tagColumn(result: TagResult): TextColumn {
  return { name: result.name, type: 'text', codes: result.codes, dictionary: result.segments.map((s) => s.label) };
}

/**
 * Evaluates every definition; one result per definition, in the order given. A name in a
 * formula is looked up as a table column, then a parameter, then a tag (case-insensitively), so
 * a tag named like a column is shadowed by it. Tags are never cached between calls: the caller
 * keeps the results and re-runs only `recut` + `segmentStats` while a threshold moves.
 */
export function evaluateTags(definitions: readonly TagDefinition[], table: TagTable, parameters: readonly FormulaParameter[]): TagResult[] {
  const base = new Map(table.columns.map((c) => [c.name.toLowerCase(), c]));
  const isParameter = (name: string): boolean => parameters.some((p) => p.name.toLowerCase() === name.toLowerCase());
  const byLowerName = new Map<string, number>();
  const duplicate = new Set<number>();
  definitions.forEach((d, i) => {
    const key = typeof d?.name === 'string' ? d.name.toLowerCase() : '';
    if (byLowerName.has(key)) duplicate.add(i);
    else byLowerName.set(key, i);
  });
  const results = new Map<number, TagResult>();
  const visiting: number[] = [];
  // The id ranks are made only if a `position` quantile needs them (sorting the ids costs).
  let idsMade: Float64Array | null | undefined;
  const ids = (): Float64Array | null => (idsMade === undefined ? (idsMade = idRanks(table)) : idsMade);

  const failed = (i: number, error: TagError): TagResult => ({
    name: String(definitions[i]?.name ?? ''),
    kind: definitions[i]?.kind,
    codes: new Int32Array(table.rowCount).fill(-1),
    segments: [],
    cutPoints: [],
    inputs: {},
    error,
  });

  const dependenciesOf = (i: number): number[] => {
    const found: number[] = [];
    for (const { source } of tagFormulas(definitions[i])) {
      let names: string[];
      try {
        names = formulaNames(String(source ?? ''));
      } catch (error) {
        if (isFormulaError(error)) continue; // reported with its position when compiled
        throw error;
      }
      for (const name of names) {
        if (base.has(name.toLowerCase()) || isParameter(name)) continue;
        const other = byLowerName.get(name.toLowerCase());
        if (other !== undefined && !found.includes(other)) found.push(other);
      }
    }
    return found;
  };

  const visit = (i: number): TagResult => {
    const known = results.get(i);
    if (known) return known;
    const at = visiting.indexOf(i);
    if (at >= 0) {
      const cycle = [...visiting.slice(at), i].map((k) => definitions[k].name);
      return failed(i, { code: 'cycle', message: `These tags use each other in a circle: ${cycle.join(' → ')}.`, cycle });
    }
    visiting.push(i);
    const result = compute(i);
    visiting.pop();
    results.set(i, result);
    return result;
  };

  const compute = (i: number): TagResult => {
    const definition = definitions[i];
    if (!definition || typeof definition.name !== 'string' || definition.name.trim() === '') {
      return failed(i, { code: 'bad-definition', message: 'A tag needs a name.', field: 'name' });
    }
    if (duplicate.has(i)) {
      return failed(i, { code: 'duplicate-name', message: `Another tag is already named "${definition.name}".`, field: 'name' });
    }
    const columns: Record<string, Column> = {};
    for (const column of table.columns) columns[column.name] = column;
    for (const d of dependenciesOf(i)) {
      const outcome = visit(d);
      if (outcome.error) {
        if (outcome.error.code === 'cycle') return failed(i, outcome.error);
        return failed(i, { code: 'blocked', message: `It uses the tag ${outcome.name}, which has an error.` });
      }
      columns[outcome.name] = tagColumn(outcome);
    }
    try {
      return computeTag(definition, { columns, rowCount: table.rowCount, idColumn: table.idColumn, ids }, parameters);
    } catch (error) {
      if (error instanceof TagFailure) return failed(i, error.error);
      throw error;
    }
  };

  return definitions.map((_, i) => visit(i));
}

interface TagContext {
  columns: Record<string, Column>;
  rowCount: number;
  idColumn?: string;
  /** The id column as ranks in byte order (for `position` ties), or null; made on first call. */
  ids: () => Float64Array | null;
}

function idRanks(table: TagTable): Float64Array | null {
  const id = table.columns.find((c) => c.name === (table.idColumn ?? 'customer_id'));
  if (!id) return null;
  if (id.type !== 'text') return id.values;
  const ranks = rankDictionary(id.dictionary);
  return Float64Array.from(id.codes, (c) => (c < 0 ? NaN : ranks[c]));
}

/** The scope tag formulas compile against: the table's columns, tags used, parameters. */
export function tagScope(columns: Record<string, Column>, parameters: readonly FormulaParameter[]): FormulaScope {
  return { columns: Object.values(columns).map((c) => ({ name: c.name, type: c.type })), parameters };
}

function segmentsOf(specs: readonly SegmentSpec[]): Segment[] {
  return specs.map((s, order) => ({ ...s, order }));
}

function checkSegments(specs: readonly SegmentSpec[] | undefined, count: number, field = 'segments'): SegmentSpec[] {
  if (!Array.isArray(specs) || specs.length !== count) {
    throw new TagFailure({
      code: 'wrong-segment-count',
      message: `${field} needs ${count} segment${count === 1 ? '' : 's'} (one more than the thresholds), not ${Array.isArray(specs) ? specs.length : 0}.`,
      field,
    });
  }
  specs.forEach((s, i) => {
    if (!s || typeof s.label !== 'string') throw new TagFailure({ code: 'bad-definition', message: `${field}[${i}] needs a label.`, field: `${field}[${i}]` });
  });
  return [...specs];
}

function checkBins(bins: unknown, field = 'bins'): number {
  if (typeof bins !== 'number' || !Number.isInteger(bins) || bins < 1 || bins > 100) {
    throw new TagFailure({ code: 'bad-definition', message: `${field} must be a whole number from 1 to 100, not ${String(bins)}.`, field });
  }
  return bins;
}

function numberInput(source: string, context: TagContext, parameters: readonly FormulaParameter[], field: string): Float64Array {
  const compiled = compileTagFormula(source, tagScope(context.columns, parameters), field, 'number');
  return evaluateCompiled(compiled, context);
}

function boolInput(source: string, context: TagContext, parameters: readonly FormulaParameter[], field: string): Float64Array {
  const compiled = compileTagFormula(source, tagScope(context.columns, parameters), field, 'bool');
  return evaluateCompiled(compiled, context);
}

function evaluateCompiled(compiled: ReturnType<typeof compileTagFormula>, context: TagContext): Float64Array {
  const used: Record<string, Column> = {};
  for (const name of compiled.references.columns) used[name] = context.columns[name];
  const idColumn = context.idColumn ?? 'customer_id';
  if (context.columns[idColumn]) used[idColumn] = context.columns[idColumn];
  const column = compiled.evaluate({ rowCount: context.rowCount, columns: used, idColumn: context.columns[idColumn] ? idColumn : undefined });
  if (column.type === 'text') throw new Error('numeric formula gave text');
  return column.values;
}

/** Quantile bins of `values`: 0-based score index per row (-1 NULL) and the cut points used. */
export function quantileCodes(
  values: Float64Array,
  bins: number,
  method: QuantileMethod,
  direction: ScoreDirection,
  ids: Float64Array | null,
): { codes: Int32Array; cuts: number[] } {
  let codes: Int32Array;
  let cuts: number[];
  if (method === 'position') {
    ({ codes, cuts } = positionBins(values, ids, bins));
  } else {
    const sorted = sortedValues(values);
    cuts = method === 'rfm' ? rfmCutPoints(sorted, bins) : rankCutPoints(sorted, bins);
    codes = new Int32Array(values.length);
    recut(values, Float64Array.from(cuts), codes, 'lower');
  }
  if (direction === 'low') for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) codes[i] = bins - 1 - codes[i];
  return { codes, cuts };
}

function checkMethod(method: unknown): QuantileMethod {
  if (method === undefined) return 'rank';
  if (method === 'rank' || method === 'position' || method === 'rfm') return method;
  throw new TagFailure({ code: 'bad-definition', message: `method must be rank, position or rfm, not ${String(method)}.`, field: 'method' });
}

/** Per rule matches (1 = true) → each rule alone, pairwise overlaps, customers matched by none. */
export function ruleOverlap(matches: readonly Float64Array[], rowCount: number): RuleOverlap {
  const k = matches.length;
  const alone = matches.map((m) => {
    let c = 0;
    for (let i = 0; i < rowCount; i++) c += +(m[i] === 1);
    return c;
  });
  const pairs = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++) {
    pairs[a][a] = alone[a];
    for (let b = a + 1; b < k; b++) {
      const ma = matches[a];
      const mb = matches[b];
      let c = 0;
      for (let i = 0; i < rowCount; i++) c += +(ma[i] === 1 && mb[i] === 1);
      pairs[a][b] = pairs[b][a] = c;
    }
  }
  let others = 0;
  for (let i = 0; i < rowCount; i++) {
    let any = false;
    for (let a = 0; a < k && !any; a++) any = matches[a][i] === 1;
    others += +!any;
  }
  return { alone, pairs, others };
}

function computeTag(definition: TagDefinition, context: TagContext, parameters: readonly FormulaParameter[]): TagResult {
  const n = context.rowCount;
  const head = { name: definition.name, kind: definition.kind };
  switch (definition.kind) {
    case 'cut': {
      const values = numberInput(definition.metric, context, parameters, 'metric');
      const thresholds = resolveThresholds(definition.thresholds, parameters, 'thresholds');
      const inclusive = definition.inclusive ?? 'upper';
      const segments = checkSegments(definition.segments, thresholds.length + 1);
      const codes = new Int32Array(n);
      recut(values, thresholds, codes, inclusive);
      return { ...head, codes, segments: segmentsOf(segments), cutPoints: [{ of: 'metric', values: [...thresholds], inclusive }], inputs: { metric: values } };
    }
    case 'quantile': {
      const bins = checkBins(definition.bins);
      const method = checkMethod(definition.method);
      const direction = definition.direction ?? 'high';
      const segments = definition.segments ? checkSegments(definition.segments, bins) : Array.from({ length: bins }, (_, i) => ({ label: String(i + 1) }));
      const values = numberInput(definition.metric, context, parameters, 'metric');
      const { codes, cuts } = quantileCodes(values, bins, method, direction, method === 'position' ? context.ids() : null);
      return { ...head, codes, segments: segmentsOf(segments), cutPoints: [{ of: 'metric', values: cuts, inclusive: 'lower', method }], inputs: { metric: values } };
    }
    case 'rules': {
      if (!Array.isArray(definition.rules) || definition.rules.length === 0) {
        throw new TagFailure({ code: 'no-rules', message: 'This rules tag has no rules yet: add at least one rule (a true/false formula and a label).', field: 'rules' });
      }
      const matches = definition.rules.map((r, i) => {
        if (!r?.segment || typeof r.segment.label !== 'string') throw new TagFailure({ code: 'bad-definition', message: `rules[${i}] needs a label.`, field: `rules[${i}].segment` });
        return boolInput(r.when, context, parameters, `rules[${i}].when`);
      });
      const k = matches.length;
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        let code = k;
        for (let r = 0; r < k; r++) {
          if (matches[r][i] === 1) {
            code = r;
            break;
          }
        }
        codes[i] = code;
      }
      const inputs: Record<string, Float64Array> = {};
      matches.forEach((m, r) => (inputs[`rule ${r + 1}`] = m));
      const segments = [...definition.rules.map((r) => r.segment), definition.otherwise ?? OTHERS];
      return { ...head, codes, segments: segmentsOf(segments), cutPoints: [], inputs, rules: ruleOverlap(matches, n) };
    }
    case 'flag': {
      if (!definition.whenTrue?.label || !definition.whenFalse?.label) {
        throw new TagFailure({ code: 'bad-definition', message: 'A flag needs a label for true and for false.', field: 'whenTrue' });
      }
      const values = boolInput(definition.when, context, parameters, 'when');
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = values[i] === 1 ? 0 : 1;
      return { ...head, codes, segments: segmentsOf([definition.whenTrue, definition.whenFalse]), cutPoints: [], inputs: { metric: values } };
    }
    case 'score': {
      if (!Array.isArray(definition.components) || definition.components.length === 0) {
        throw new TagFailure({ code: 'bad-definition', message: 'A score needs at least one component.', field: 'components' });
      }
      const total = new Float64Array(n);
      const inputs: Record<string, Float64Array> = {};
      definition.components.forEach((c, j) => {
        const values = numberInput(c.formula, context, parameters, `components[${j}].formula`);
        const weight = c.weight === undefined ? 1 : resolveThreshold(c.weight, parameters, `components[${j}].weight`);
        const cap = c.cap === undefined ? Infinity : resolveThreshold(c.cap, parameters, `components[${j}].cap`);
        inputs[`component ${j + 1}`] = values;
        for (let i = 0; i < n; i++) {
          const v = values[i];
          total[i] += v === v ? Math.min(weight * v, cap) : 0;
        }
      });
      inputs.total = total;
      const thresholds = resolveThresholds(definition.thresholds, parameters, 'thresholds');
      const inclusive = definition.inclusive ?? 'lower';
      const segments = checkSegments(definition.segments, thresholds.length + 1);
      const codes = new Int32Array(n);
      recut(total, thresholds, codes, inclusive);
      return { ...head, codes, segments: segmentsOf(segments), cutPoints: [{ of: 'total', values: [...thresholds], inclusive }], inputs };
    }
    case 'rfm':
      return computeRfm(definition, context, parameters);
    case 'rfm8':
      return computeRfm8(definition, context, parameters);
    default:
      throw new TagFailure({ code: 'bad-definition', message: `Unknown tag kind "${String((definition as { kind?: unknown }).kind)}".`, field: 'kind' });
  }
}

const DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;

/** The R, F and M scores (1-based, 0 = NULL) and cut points of an rfm tag. */
export function rfmScores(
  definition: Extract<TagDefinition, { kind: 'rfm' }>,
  values: Record<(typeof DIMENSIONS)[number], Float64Array>,
  parameters: readonly FormulaParameter[],
  ids: Float64Array | null,
): { scores: Int8Array[]; bins: number[]; cutPoints: CutPoints[] } {
  const method = definition.method === undefined ? 'rfm' : checkMethod(definition.method);
  const defaultBins = checkBins(definition.bins ?? 5);
  const scores: Int8Array[] = [];
  const bins: number[] = [];
  const cutPoints: CutPoints[] = [];
  for (const dimension of DIMENSIONS) {
    const custom = definition.breaks?.[dimension];
    const direction: ScoreDirection = dimension === 'recency' ? 'low' : 'high';
    let codes: Int32Array;
    let n: number;
    if (custom !== undefined) {
      const cuts = resolveThresholds(custom, parameters, `breaks.${dimension}`);
      n = cuts.length + 1;
      codes = new Int32Array(values[dimension].length);
      recut(values[dimension], cuts, codes, 'lower');
      if (direction === 'low') for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) codes[i] = n - 1 - codes[i];
      cutPoints.push({ of: dimension, values: [...cuts], inclusive: 'lower', method: 'custom' });
    } else {
      n = defaultBins;
      const q = quantileCodes(values[dimension], n, method, direction, ids);
      codes = q.codes;
      cutPoints.push({ of: dimension, values: q.cuts, inclusive: 'lower', method });
    }
    if (n > 9) throw new TagFailure({ code: 'bad-definition', message: `${dimension} has ${n} scores; RFM codes allow at most 9.`, field: 'bins' });
    scores.push(Int8Array.from(codes, (c) => c + 1));
    bins.push(n);
  }
  return { scores, bins, cutPoints };
}

function inRange(score: number, range: readonly [number, number]): boolean {
  return score >= range[0] && score <= range[1];
}

function checkRfmRule(rule: RfmSegmentRule, i: number): void {
  const ok = (r: unknown): boolean => Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (!rule?.segment || typeof rule.segment.label !== 'string' || !ok(rule.r) || !ok(rule.f) || !ok(rule.m)) {
    throw new TagFailure({ code: 'bad-definition', message: `rules[${i}] needs a label and R, F, M score ranges [low, high].`, field: `rules[${i}]` });
  }
}

function checkSegmentsBy(segmentsBy: unknown): RfmSegmentsBy {
  if (segmentsBy === undefined || segmentsBy === 'code' || segmentsBy === 'total') return segmentsBy ?? 'code';
  throw new TagFailure({ code: 'bad-definition', message: `segmentsBy must be code or total, not ${String(segmentsBy)}.`, field: 'segmentsBy' });
}

function computeRfm(definition: Extract<TagDefinition, { kind: 'rfm' }>, context: TagContext, parameters: readonly FormulaParameter[]): TagResult {
  const n = context.rowCount;
  const segmentsBy = checkSegmentsBy(definition.segmentsBy);
  const values = {
    recency: numberInput(definition.recency, context, parameters, 'recency'),
    frequency: numberInput(definition.frequency, context, parameters, 'frequency'),
    monetary: numberInput(definition.monetary, context, parameters, 'monetary'),
  };
  const { scores, bins, cutPoints } = rfmScores(definition, values, parameters, definition.method === 'position' ? context.ids() : null);
  const [r, f, m] = scores;
  const code = new Int32Array(n);
  for (let i = 0; i < n; i++) code[i] = r[i] && f[i] && m[i] ? 100 * r[i] + 10 * f[i] + m[i] : 0;
  const codes = new Int32Array(n);
  let segments: SegmentSpec[];
  let rules: RuleOverlap | undefined;
  if (definition.rules && definition.rules.length > 0) {
    definition.rules.forEach(checkRfmRule);
    const k = definition.rules.length;
    const matches = definition.rules.map((rule) =>
      Float64Array.from({ length: n }, (_, i) => (code[i] === 0 ? NaN : +(inRange(r[i], rule.r) && inRange(f[i], rule.f) && inRange(m[i], rule.m)))),
    );
    for (let i = 0; i < n; i++) {
      if (code[i] === 0) {
        codes[i] = -1;
        continue;
      }
      let c = k;
      for (let j = 0; j < k; j++) {
        if (matches[j][i] === 1) {
          c = j;
          break;
        }
      }
      codes[i] = c;
    }
    segments = [...definition.rules.map((rule) => rule.segment), definition.otherwise ?? OTHERS];
    rules = ruleOverlap(matches, n);
  } else if (segmentsBy === 'total') {
    // Totals run from 3 (1 + 1 + 1) to the sum of the score counts; segment t - 3 is total t.
    segments = Array.from({ length: bins[0] + bins[1] + bins[2] - 2 }, (_, k) => ({ label: String(k + 3) }));
    for (let i = 0; i < n; i++) codes[i] = code[i] === 0 ? -1 : r[i] + f[i] + m[i] - 3;
  } else {
    const [, nf, nm] = bins;
    segments = [];
    for (let a = 1; a <= bins[0]; a++) for (let b = 1; b <= nf; b++) for (let c = 1; c <= nm; c++) segments.push({ label: `${a}${b}${c}` });
    for (let i = 0; i < n; i++) codes[i] = code[i] === 0 ? -1 : (r[i] - 1) * nf * nm + (f[i] - 1) * nm + (m[i] - 1);
  }
  return {
    name: definition.name,
    kind: 'rfm',
    codes,
    segments: segmentsOf(segments),
    cutPoints,
    inputs: { ...values },
    scores: { r, f, m, code },
    ...(rules ? { rules } : {}),
  };
}

/** The reference values an rfm8 tag compares R, F and M with. */
export function rfm8References(definition: Extract<TagDefinition, { kind: 'rfm8' }>, values: Record<(typeof DIMENSIONS)[number], Float64Array>, parameters: readonly FormulaParameter[]): number[] {
  const reference = definition.reference ?? 'mean';
  return DIMENSIONS.map((dimension) => {
    if (typeof reference === 'object' && reference !== null) return resolveThreshold(reference[dimension], parameters, `reference.${dimension}`);
    const sorted = sortedValues(values[dimension]);
    if (sorted.length === 0) return NaN;
    if (reference === 'median') {
      const h = (sorted.length - 1) / 2;
      return (sorted[Math.floor(h)] + sorted[Math.ceil(h)]) / 2;
    }
    if (reference !== 'mean') throw new TagFailure({ code: 'bad-definition', message: `reference must be mean, median or thresholds, not ${String(reference)}.`, field: 'reference' });
    let sum = 0;
    for (let i = 0; i < sorted.length; i++) sum += sorted[i];
    return sum / sorted.length;
  });
}

/** The R, F, M score names an rfm8 tag with `basis: 'scores'` reports its inputs and references under. */
export const RFM8_SCORE_INPUTS = ['R score', 'F score', 'M score'] as const;

function computeRfm8(definition: Extract<TagDefinition, { kind: 'rfm8' }>, context: TagContext, parameters: readonly FormulaParameter[]): TagResult {
  const n = context.rowCount;
  const basis = definition.basis ?? 'raw';
  if (basis !== 'raw' && basis !== 'scores') throw new TagFailure({ code: 'bad-definition', message: `basis must be raw or scores, not ${String(basis)}.`, field: 'basis' });
  const tie = definition.tie;
  if (tie !== undefined && tie !== '>' && tie !== '>=') throw new TagFailure({ code: 'bad-definition', message: `tie must be > or >=, not ${String(tie)}.`, field: 'tie' });
  const values = {
    recency: numberInput(definition.recency, context, parameters, 'recency'),
    frequency: numberInput(definition.frequency, context, parameters, 'frequency'),
    monetary: numberInput(definition.monetary, context, parameters, 'monetary'),
  };
  const inputs: Record<string, Float64Array> = { ...values };
  const cutPoints: CutPoints[] = [];
  // `compared`: what is set against the reference, each oriented so that "above" = high,
  // except raw recency, where below = high (more recent).
  let compared = values;
  if (basis === 'scores') {
    const scored = DIMENSIONS.map((dimension, j) => {
      const { codes, cuts } = quantileCodes(values[dimension], 5, 'rfm', dimension === 'recency' ? 'low' : 'high', null);
      cutPoints.push({ of: dimension, values: cuts, inclusive: 'lower', method: 'rfm' });
      const score = Float64Array.from(codes, (c) => (c < 0 ? NaN : c + 1));
      inputs[RFM8_SCORE_INPUTS[j]] = score;
      return score;
    });
    compared = { recency: scored[0], frequency: scored[1], monetary: scored[2] };
  }
  const refs = rfm8References(definition, compared, parameters);
  // A tie is high when `tie` is '>=', and for F and M by default; for R only with '>='.
  const tieHigh = DIMENSIONS.map((dimension) => (tie === undefined ? dimension !== 'recency' : tie === '>='));
  const rawRecency = basis === 'raw';
  const isHigh = (j: number, v: number): boolean => {
    const ref = refs[j];
    if (j === 0 && rawRecency) return tieHigh[0] ? v <= ref : v < ref;
    return tieHigh[j] ? v >= ref : v > ref;
  };
  const codes = new Int32Array(n);
  const [x, y, z] = [compared.recency, compared.frequency, compared.monetary];
  for (let i = 0; i < n; i++) {
    const r = x[i];
    const f = y[i];
    const m = z[i];
    codes[i] = r === r && f === f && m === m ? rfm8Index(isHigh(0, r), isHigh(1, f), isHigh(2, m)) : -1;
  }
  const specs = definition.segments ? checkSegments(definition.segments, 8) : RFM_8_CLASSES.map(({ high: _high, ...s }) => s);
  const method = typeof definition.reference === 'object' ? 'threshold' : (definition.reference ?? 'mean');
  DIMENSIONS.forEach((dimension, j) => {
    // `lower` = a value equal to the reference goes to the segment above it: larger F/M (high),
    // a larger raw recency (R low) or a larger R score (R high).
    const upwardIsHigh = !(j === 0 && rawRecency);
    const inclusive = tieHigh[j] === upwardIsHigh ? 'lower' : 'upper';
    cutPoints.push({ of: basis === 'scores' ? RFM8_SCORE_INPUTS[j] : dimension, values: [refs[j]], inclusive, method });
  });
  return { name: definition.name, kind: 'rfm8', codes, segments: segmentsOf(specs), cutPoints, inputs };
}
