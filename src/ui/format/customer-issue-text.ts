/**
 * A customer table issue in the page's language: the engine writes one English sentence and
 * names its variable parts in `params`; the page fills its own template for the code (and the
 * variant, when one code has several sentences), or falls back to the English sentence.
 */
import type { CustomerIssue } from '../../engine/index.ts';
import type { I18n } from '../i18n/i18n.svelte.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { CATALOGUES } from '../i18n/messages.ts';

export function customerIssueText(i18n: Pick<I18n, 't' | 'language'>, issue: CustomerIssue): string {
  const variant = typeof issue.params?.variant === 'string' ? `.${issue.params.variant}` : '';
  const key = `customerIssue.${issue.code}${variant}`;
  if (!Object.hasOwn(CATALOGUES.en, key)) return issue.message;
  return i18n.t(key as MessageKey, { ...issue.params, count: issue.count });
}
