/** The playbook library (SPEC §5): ready sets of metrics, parameters, tags and charts. */
import { ACTION_STAGES_PLAYBOOK } from './action-stages.ts';
import { DECILES_PLAYBOOK } from './deciles.ts';
import { DISCOUNT_PLAYBOOK } from './discount.ts';
import { HML_PLAYBOOK } from './hml.ts';
import { LIFECYCLE_PLAYBOOK } from './lifecycle.ts';
import { NLR_PLAYBOOK } from './nlr.ts';
import { POINTS_PLAYBOOK } from './points.ts';
import { PRICE_TIER_PLAYBOOK } from './price-tier.ts';
import { RFM8_PLAYBOOK, RFM_SCORES_PLAYBOOK } from './rfm.ts';
import { SLEEPING_PLAYBOOK } from './sleeping.ts';
import type { Playbook } from './types.ts';

/** Every playbook, in the order the menu lists them. */
export const PLAYBOOKS: readonly Playbook[] = [
  RFM_SCORES_PLAYBOOK,
  RFM8_PLAYBOOK,
  LIFECYCLE_PLAYBOOK,
  ACTION_STAGES_PLAYBOOK,
  DECILES_PLAYBOOK,
  HML_PLAYBOOK,
  POINTS_PLAYBOOK,
  DISCOUNT_PLAYBOOK,
  SLEEPING_PLAYBOOK,
  NLR_PLAYBOOK,
  PRICE_TIER_PLAYBOOK,
];

export { applyPlaybook, freeName, missingNeeds, namePicker, type ApplyPlaybookResult } from './apply-playbook.ts';
export type { Bilingual, Playbook, PlaybookAddition, PlaybookContext, PlaybookLanguage, PlaybookNeed, PlaybookSources } from './types.ts';
export { playbookSources } from './playbook-sources.ts';
