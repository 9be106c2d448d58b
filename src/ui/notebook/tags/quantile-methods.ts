/** The quantile methods a quantile or RFM tag offers, with their labels' message keys. */
import type { QuantileMethod } from '../../../engine/index.ts';
import type { MessageKey } from '../../i18n/messages.ts';

export const QUANTILE_METHODS: readonly { method: QuantileMethod; label: MessageKey }[] = [
  { method: 'rank', label: 'tag.method.rank' },
  { method: 'position', label: 'tag.method.position' },
  { method: 'rfm', label: 'tag.method.rfm' },
];
