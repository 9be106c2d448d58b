/**
 * An import issue's or import error's sentence in the page's language. The engine writes one
 * English `message` and puts its variable parts in `params`; the catalogue has a template per
 * code (`issueText.<code>[.<variant>][_one|_other]`, in messages-issues.ts) that says the same
 * thing from those params. Whenever no template fits (an unknown code or variant, params missing,
 * an error from before params existed) the engine's English message is shown as it is, so no
 * `{placeholder}` ever reaches the page.
 */
import type { IssueParams } from '../../engine/index.ts';
import type { I18n } from '../i18n/i18n.svelte.ts';
import { en, placeholdersOf, type MessageKey } from '../i18n/messages.ts';

/** What an issue or an import error says: its code, the engine's English sentence, and its params. */
export interface IssueSentence {
  code: string;
  message: string;
  params?: IssueParams;
}

type Translator = Pick<I18n, 't'>;

/** Params whose value stands for a word the catalogue translates: param → [placeholder, key prefix]. */
const WORD_PARAMS: [param: string, placeholder: string, prefix: string][] = [
  ['type', 'typeName', 'issueWord.typeName.'],
  ['type', 'typeLabel', 'issueWord.typeLabel.'],
  ['order', 'orderName', 'issueWord.dateOrder.'],
  ['otherOrder', 'otherOrderName', 'issueWord.dateOrder.'],
];

/** Returns `key` as a MessageKey when the catalogue has it, else null. */
function knownKey(key: string): MessageKey | null {
  return Object.hasOwn(en, key) ? (key as MessageKey) : null;
}

/**
 * Returns the catalogue key of the template for `sentence`: its code, `params.variant`, and the
 * `_one`/`_other` form for `params.count` when the template has forms. Null when there are no
 * params or the catalogue has no such template.
 */
export function issueTextKey(sentence: IssueSentence): MessageKey | null {
  const { code, params } = sentence;
  if (params === undefined) return null;
  const base = typeof params.variant === 'string' ? `issueText.${code}.${params.variant}` : `issueText.${code}`;
  if (typeof params.count === 'number' && knownKey(`${base}_one`)) return knownKey(`${base}_${params.count === 1 ? 'one' : 'other'}`);
  return knownKey(base);
}

/** Returns `params` with the placeholders made from them in the page's language (type names, the reasons an id stays text). */
function fillParams(i18n: Translator, params: IssueParams): IssueParams {
  const filled: IssueParams = { ...params };
  for (const [param, placeholder, prefix] of WORD_PARAMS) {
    const key = typeof params[param] === 'string' ? knownKey(`${prefix}${params[param]}`) : null;
    if (key) filled[placeholder] = i18n.t(key);
  }
  const reasons: string[] = [];
  if (params.nameLooksLikeId !== undefined) reasons.push(i18n.t('issueWord.idReason.name'));
  if (params.leadingZeroExample !== undefined) reasons.push(i18n.t('issueWord.idReason.leadingZeros', params));
  if (params.longNumberExample !== undefined) reasons.push(i18n.t('issueWord.idReason.longNumbers', params));
  if (reasons.length > 0) filled.reasons = reasons.join(i18n.t('issueWord.idReason.join'));
  return filled;
}

/** Returns the filled template for `sentence` and its key, or null when no template fits. */
function fillTemplate(i18n: Translator, sentence: IssueSentence): { key: MessageKey; text: string } | null {
  const key = issueTextKey(sentence);
  if (key === null || sentence.params === undefined) return null;
  const params = fillParams(i18n, sentence.params);
  if (!placeholdersOf(en[key]).every((name) => params[name] !== undefined)) return null;
  return { key, text: i18n.t(key, params) };
}

/**
 * Returns the sentence of an issue or import error in the page's language: its template filled
 * from `params` (numbers in the language's format), or the engine's English `message` when
 * there is no template or a placeholder would stay unfilled.
 */
export function issueText(i18n: Translator, sentence: IssueSentence): string {
  return fillTemplate(i18n, sentence)?.text ?? sentence.message;
}

/** True when the sentence `issueText` returns names the line (a template with `{line}`, or an English message saying `line N`). */
export function issueTextNamesLine(i18n: Translator, sentence: IssueSentence, line: number): boolean {
  const filled = fillTemplate(i18n, sentence);
  if (filled) return placeholdersOf(en[filled.key]).includes('line');
  return sentence.message.toLowerCase().includes(`line ${line}`);
}
