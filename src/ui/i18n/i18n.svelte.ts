/**
 * The page's language: which catalogue the UI reads, how numbers are written, and the choice
 * remembered in localStorage. Created once in main.ts and shared through the i18n context.
 */
import { CATALOGUES, LANGUAGES, type Language, type LocalText, type MessageKey, type MessageParams } from './messages.ts';

/** The localStorage key of the chosen language. */
export const LANGUAGE_STORAGE_KEY = 'tagbook.language';

/** The keys that come as a `_one` / `_other` pair, without the suffix. */
export type CountKey = MessageKey extends infer K ? (K extends `${infer Base}_one` ? Base : never) : never;

/** Where the choice is remembered (localStorage, or a fake in tests). */
export type LanguageStore = Pick<Storage, 'getItem' | 'setItem'>;

/** Returns the remembered language if valid, else zh-CN for a browser set to any Chinese, else en. */
export function initialLanguage(stored: string | null, browserLanguage: string): Language {
  if (stored !== null && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  return browserLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export class I18n {
  language = $state<Language>('en');

  private readonly numbers = $derived(new Intl.NumberFormat(this.language));

  constructor(
    language: Language,
    private readonly store: LanguageStore | null = null,
  ) {
    this.language = language;
  }

  /** Creates the page's I18n from the remembered choice or the browser's language. */
  static fromBrowser(store: LanguageStore | null, browserLanguage: string): I18n {
    let stored: string | null = null;
    try {
      stored = store?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
    } catch {
      // Storage can be blocked (private modes, sandboxed frames): fall back to the browser's language.
    }
    return new I18n(initialLanguage(stored, browserLanguage), store);
  }

  /** Switches the UI to `language` and remembers the choice. */
  setLanguage(language: Language): void {
    this.language = language;
    try {
      this.store?.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Not remembered, but the switch itself still works.
    }
  }

  /** Returns message `key` with its `{name}` placeholders filled; numbers are formatted for the language. */
  t(key: MessageKey, params: MessageParams = {}): string {
    const message = CATALOGUES[this.language][key];
    return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? this.count(value) : value;
    });
  }

  /** Returns the `_one` or `_other` form of `key` for `count`, with `{count}` filled. */
  tn(key: CountKey, count: number, params: MessageParams = {}): string {
    return this.t(`${key}_${count === 1 ? 'one' : 'other'}` as MessageKey, { ...params, count });
  }

  /** Renders a LocalText (a message chosen where the language is not known). */
  render(text: LocalText): string {
    return this.t(text.key, text.params);
  }

  /** Returns a count with the language's digit grouping (`12000` → `12,000`). */
  count(n: number): string {
    return this.numbers.format(n);
  }
}
