/** "Why is this customer here?": the values, cut points and rules behind one customer's segment. */
import type { CutPoints, Segment, TagDefinition, TagResult } from './types.ts';

export interface RuleCheck {
  rule: number;
  label: string;
  formula: string;
  /** The rule's value for this customer: true, false or null (NULL counts as not true). */
  value: boolean | null;
}

export interface CustomerExplanation {
  tag: string;
  row: number;
  /** The segment the customer is in, or null (NULL metric). */
  segment: Segment | null;
  /** The tag's numeric inputs for this customer (`metric`, `recency`, …, `total`); null = NULL. */
  values: Record<string, number | null>;
  /** rfm: the scores, code and total R + F + M (all 0 for a customer with a NULL). */
  scores?: { r: number; f: number; m: number; code: number; total: number };
  /** The thresholds / cut points in force. */
  cutPoints: CutPoints[];
  /** rules and rfm with rules: the rule that matched (or null: Others) and the earlier rules that did not. */
  matchedRule?: RuleCheck | null;
  earlierRules?: RuleCheck[];
  /** A sentence in English. */
  summary: string;
  /**
   * The columns and tags the tag's formulas name, with this customer's values (text, number, or
   * null for NULL), in order of mention; filled by the caller, which holds the table.
   */
  mentioned?: { name: string; value: string | number | null }[];
}

/** Explains row `row`'s segment of an evaluated tag (`definition` supplies the rule formulas). */
export function explainCustomer(definition: TagDefinition, result: TagResult, row: number): CustomerExplanation {
  const code = result.codes[row];
  const segment = code >= 0 ? (result.segments[code] ?? null) : null;
  const values: Record<string, number | null> = {};
  for (const [name, column] of Object.entries(result.inputs)) {
    if (name.startsWith('rule ')) continue;
    const v = column[row];
    values[name] = v === v ? v : null;
  }
  const explanation: CustomerExplanation = { tag: result.name, row, segment, values, cutPoints: result.cutPoints, summary: '' };
  if (result.scores) {
    const { r, f, m, code: rfmCode } = result.scores;
    explanation.scores = { r: r[row], f: f[row], m: m[row], code: rfmCode[row], total: rfmCode[row] === 0 ? 0 : r[row] + f[row] + m[row] };
  }
  const checks: RuleCheck[] = [];
  if (definition.kind === 'rules') {
    definition.rules.forEach((rule, i) => {
      const v = result.inputs[`rule ${i + 1}`]?.[row];
      checks.push({ rule: i, label: rule.segment.label, formula: rule.when, value: v === undefined || v !== v ? null : v === 1 });
    });
  } else if (definition.kind === 'rfm' && definition.rules && result.scores) {
    const { r, f, m } = result.scores;
    definition.rules.forEach((rule, i) => {
      const inside = (s: number, range: [number, number]): boolean => s >= range[0] && s <= range[1];
      const value = r[row] === 0 ? null : inside(r[row], rule.r) && inside(f[row], rule.f) && inside(m[row], rule.m);
      checks.push({ rule: i, label: rule.segment.label, formula: `R ${rule.r.join('–')}, F ${rule.f.join('–')}, M ${rule.m.join('–')}`, value });
    });
  }
  const parts: string[] = [];
  if (definition.kind === 'rules' || (definition.kind === 'rfm' && definition.rules)) {
    const matched = checks.find((c) => c.value === true) ?? null;
    explanation.matchedRule = matched;
    explanation.earlierRules = matched ? checks.slice(0, matched.rule) : checks;
    if (explanation.scores) parts.push(`scores R${explanation.scores.r} F${explanation.scores.f} M${explanation.scores.m}`);
    parts.push(matched ? `rule ${matched.rule + 1} (${matched.formula}) is the first that holds` : 'no rule holds');
    const failed = explanation.earlierRules.length;
    if (failed > 0) parts.push(`${failed} earlier rule${failed === 1 ? '' : 's'} did not`);
  } else if (definition.kind === 'flag') {
    const v = values.metric;
    parts.push(`${definition.when} is ${v === 1 ? 'true' : v === 0 ? 'false' : 'NULL (taken as false)'}`);
  } else {
    // An rfm tag without rules is segmented by its code or total: say which, before the inputs.
    if (definition.kind === 'rfm' && explanation.scores && explanation.scores.code !== 0) {
      const { r, f, m, code: rfmCode, total } = explanation.scores;
      parts.push(definition.segmentsBy === 'total' ? `scores R${r} F${f} M${m}, total ${r} + ${f} + ${m} = ${total}` : `scores R${r} F${f} M${m}, code ${rfmCode}`);
    }
    for (const [name, v] of Object.entries(values)) parts.push(`${inputLabel(definition, name)} = ${v === null ? 'NULL' : v}`);
    for (const c of result.cutPoints) parts.push(`${inputLabel(definition, c.of)} cut at ${c.values.map((v) => (v === Infinity ? '∞' : String(v))).join(' / ')} (${c.inclusive === 'upper' ? '≤ stays below' : '≥ moves up'})`);
  }
  explanation.summary = `${segment ? `In "${segment.label}"` : 'In no segment (NULL)'}: ${parts.join('; ')}.`;
  return explanation;
}

/** How an input is named to a reader: a cut or quantile tag's `metric` is its formula (often a column name). */
export function inputLabel(definition: TagDefinition, name: string): string {
  if (name === 'metric' && (definition.kind === 'cut' || definition.kind === 'quantile')) return definition.metric;
  if (name === 'metric' && definition.kind === 'flag') return definition.when;
  if (definition.kind === 'rfm' || definition.kind === 'rfm8') {
    if (name === 'recency' || name === 'frequency' || name === 'monetary') return `${name} (${definition[name]})`;
  }
  return name;
}
