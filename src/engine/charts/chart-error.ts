/** Why a chart has no data: a code the UI can translate, and one English sentence. */
export type ChartErrorCode =
  /** `tag` or `tag2` names no tag. */
  | 'no-such-tag'
  /** The tag has no result (its own error is shown on the tag). */
  | 'tag-failed'
  /** `crosstab` without `tag2`, `scatter` without `metric2`, `distribution` without a metric to show. */
  | 'missing-field'
  /** `metric`/`metric2` names no column (or no input of the tag). */
  | 'no-such-metric'
  /** The metric is a text column. */
  | 'not-numeric'
  /** `rf-heatmap` on a tag that is not an rfm tag. */
  | 'not-rfm'
  /** `over-time` without a `first_order_at`/`last_order_at` date column. */
  | 'no-date-column'
  /** Not one of CHART_VIEWS, or a bad option (bins, period, basis). */
  | 'bad-definition';

export class ChartError extends Error {
  readonly code: ChartErrorCode;
  /** The definition's field at fault (`tag`, `tag2`, `metric`, `metric2`, `view`, `bins`). */
  readonly field?: string;
  constructor(code: ChartErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ChartError';
    this.code = code;
    this.field = field;
  }
}

export function isChartError(error: unknown): error is ChartError {
  return error instanceof ChartError;
}
