/**
 * Tag definitions (SPEC §4) and what evaluating them gives. Definitions are plain,
 * structured-cloneable data (saved in workspaces, sent to the worker); results hold typed arrays.
 *
 * A *metric* is a formula over the customer table (a bare metric name is a formula too). A
 * *threshold* is a number or the name of a number parameter, so a slider can move it.
 */
import type { FormulaErrorInfo } from '../formula/contract.ts';

/** A number, or the name of a number parameter whose current value is used. */
export type Threshold = number | string;

/** How a segment is shown. Only `label` is required. */
export interface SegmentSpec {
  label: string;
  labelZh?: string;
  colour?: string;
  description?: string;
  suggestedAction?: string;
}

/**
 * Which side of a threshold is inclusive. `upper`: a value equal to a threshold falls in the
 * segment below it (`≤30 / ≤90 / ≤180 / else`); `lower`: in the segment above it (`<400 / ≥400`).
 */
export type Inclusive = 'upper' | 'lower';

interface TagBase {
  /** Unique among tags (case-insensitively); other tags and formulas refer to the tag by it. */
  name: string;
}

/** A metric cut by ordered thresholds: `thresholds.length + 1` segments, lowest values first. */
export interface CutTag extends TagBase {
  kind: 'cut';
  metric: string;
  thresholds: Threshold[];
  /** Default `upper`. */
  inclusive?: Inclusive;
  segments: SegmentSpec[];
}

/**
 * How quantile bins are made:
 * - `rank` (default): bin = ⌊n · (customers with a strictly smaller value) / customers⌋, so tied
 *   values share a bin and bins are near-equal; cut point k = the smallest value in bin ≥ k.
 * - `position`: SQL `NTILE(n) OVER (ORDER BY value, customer_id)`: equal counts (the first
 *   `count mod n` bins one larger), ties split by the id's byte order.
 * - `rfm`: the R rfm package: cut point k = quantile type 7 at k/n, plus 1; half-open bins
 *   [lower, upper) with lower = min and upper = max + 1.
 */
export type QuantileMethod = 'rank' | 'position' | 'rfm';

/** `high`: a high value gets a high score (monetary); `low`: a low value does (recency). */
export type ScoreDirection = 'high' | 'low';

/** Quantile bins: segment i is score i + 1 (1..bins). */
export interface QuantileTag extends TagBase {
  kind: 'quantile';
  metric: string;
  bins: number;
  method?: QuantileMethod;
  direction?: ScoreDirection;
  /** One per score, score 1 first; default labels are "1".."n". */
  segments?: SegmentSpec[];
}

/** One rule of a rules tag: a true/false formula and the segment it gives. */
export interface TagRule {
  when: string;
  segment: SegmentSpec;
}

/** The first rule that is true wins (NULL counts as not true); else `otherwise` ("Others"). */
export interface RulesTag extends TagBase {
  kind: 'rules';
  rules: TagRule[];
  otherwise?: SegmentSpec;
}

/** A true/false formula. Segment 0 = true, 1 = false; NULL takes false (as IF's else branch). */
export interface FlagTag extends TagBase {
  kind: 'flag';
  when: string;
  whenTrue: SegmentSpec;
  whenFalse: SegmentSpec;
}

/** One score component: `MIN(weight × formula, cap)` (the cap limits the points); a NULL component counts 0. */
export interface ScoreComponent {
  formula: string;
  weight?: Threshold;
  cap?: Threshold;
}

/** Weighted, capped components summed, then cut into tiers (`inclusive` defaults to `lower`: ≥400). */
export interface ScoreTag extends TagBase {
  kind: 'score';
  components: ScoreComponent[];
  thresholds: Threshold[];
  inclusive?: Inclusive;
  segments: SegmentSpec[];
}

/** A named RFM segment: inclusive score ranges [low, high] for R, F and M. */
export interface RfmSegmentRule {
  segment: SegmentSpec;
  r: [number, number];
  f: [number, number];
  m: [number, number];
}

/**
 * R, F and M scores 1..bins (R: lower recency = higher score), by quantile `method` (default
 * `rfm`) or custom breaks (cut points, value ≥ break moves up: the R package's custom bins).
 * Segments: the named rules (first match wins, else `otherwise`) or, without rules, by
 * `segmentsBy`: one segment per RFM code (111..555, code = 100R + 10F + M) or per total score.
 */
export interface RfmTag extends TagBase {
  kind: 'rfm';
  recency: string;
  frequency: string;
  monetary: string;
  bins?: number;
  method?: QuantileMethod;
  breaks?: { recency?: Threshold[]; frequency?: Threshold[]; monetary?: Threshold[] };
  rules?: RfmSegmentRule[];
  otherwise?: SegmentSpec;
  /**
   * Without rules: `code` (default) one segment per code, R first; `total` one segment per total
   * score R + F + M, from 3 up to the sum of the three dimensions' score counts, ascending,
   * labelled "3", "4", …. Ignored when there are rules.
   */
  segmentsBy?: RfmSegmentsBy;
}

/** How an rfm tag without rules makes its segments: per RFM code or per total score R + F + M. */
export type RfmSegmentsBy = 'code' | 'total';

/** What R, F and M are high or low against. */
export type Rfm8Reference = 'mean' | 'median' | { recency: Threshold; frequency: Threshold; monetary: Threshold };

/**
 * What an rfm8 tag compares with the reference: `raw` the metric values, `scores` their 1..5
 * quintile scores by the R rfm package's method (R reversed, so a high R score = recent).
 */
export type Rfm8Basis = 'raw' | 'scores';

/**
 * How a value equal to the reference counts. "Above" means more recent for R (recency below the
 * reference, or an R score above it) and larger for F and M.
 * - absent (default, the SPEC's rule): R high = strictly above; F and M high = at or above.
 * - `>`: every dimension high = strictly above (a tie is low): raw R high = recency < reference.
 * - `>=`: every dimension high = at or above (a tie is high): raw R high = recency ≤ reference.
 */
export type Rfm8Tie = '>' | '>=';

/**
 * The 8 classes: R high = more recent than the reference, F and M high = at or above it (see
 * `tie`). Segment order: RFM_8_CLASSES. A customer with any NULL is -1.
 */
export interface Rfm8Tag extends TagBase {
  kind: 'rfm8';
  recency: string;
  frequency: string;
  monetary: string;
  /** Mean (default), median, or fixed thresholds (in score units when `basis` is `scores`). */
  reference?: Rfm8Reference;
  /** Default `raw`. */
  basis?: Rfm8Basis;
  /** Default: R strictly more recent, F and M at or above (today's rule). */
  tie?: Rfm8Tie;
  /** Optional overrides of the 8 segments' display (same order). */
  segments?: SegmentSpec[];
}

export type TagDefinition = CutTag | QuantileTag | RulesTag | FlagTag | ScoreTag | RfmTag | Rfm8Tag;
export type TagKind = TagDefinition['kind'];

/** A segment as reported: the spec plus its position. */
export interface Segment extends SegmentSpec {
  order: number;
}

export type TagErrorCode =
  | 'formula'
  | 'not-number'
  | 'not-bool'
  | 'threshold-not-number'
  | 'thresholds-out-of-order'
  | 'wrong-segment-count'
  | 'no-rules'
  | 'bad-definition'
  | 'duplicate-name'
  | 'cycle'
  | 'blocked';

/** Why a tag has no result. `field` names the part of the definition at fault (`metric`, `rules[2].when`, `thresholds[1]`). */
export interface TagError {
  code: TagErrorCode;
  message: string;
  field?: string;
  formula?: FormulaErrorInfo;
  cycle?: string[];
}

/** What a rules tag's rules match on their own (precedence silently empties segments). */
export interface RuleOverlap {
  /** Customers each rule matches, ignoring earlier rules. */
  alone: number[];
  /** `pairs[i][j]`: customers both rule i and rule j match. */
  pairs: number[][];
  /** Customers no rule matches. */
  others: number;
}

/** Resolved cut points of one dimension: a customer's bin is the number of cut points its value passes. */
export interface CutPoints {
  /** The metric these cut (`metric`, `recency`, `frequency`, `monetary`, `total`). */
  of: string;
  values: number[];
  inclusive: Inclusive;
  /** For quantile tags: whether values equal to a cut point move up, and how they were made. */
  method?: QuantileMethod | 'custom' | 'mean' | 'median' | 'threshold';
}

/** The outcome of one tag. `codes[row]` = segment index, -1 for a NULL metric. */
export interface TagResult {
  name: string;
  kind: TagKind;
  codes: Int32Array;
  segments: Segment[];
  /** Cut points in force (quantile cut points always reported; rfm: one per R, F, M). */
  cutPoints: CutPoints[];
  /**
   * The numeric inputs, by name (`metric`, `recency`, `frequency`, `monetary`, `total`,
   * `rule 1`…): what re-cutting and explanations read. Rules: 1/0/NaN per rule.
   */
  inputs: Record<string, Float64Array>;
  /** rfm: the R, F, M scores (0 = NULL) and the code 100R + 10F + M (0 = NULL). */
  scores?: { r: Int8Array; f: Int8Array; m: Int8Array; code: Int32Array };
  rules?: RuleOverlap;
  error?: TagError;
}
