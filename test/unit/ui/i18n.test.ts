import { describe, expect, it } from 'vitest';
import { I18n, initialLanguage, LANGUAGE_STORAGE_KEY, type LanguageStore } from '../../../src/ui/i18n/i18n.svelte.ts';
import { en, issueTitleKey, placeholdersOf, zhCN, type MessageKey } from '../../../src/ui/i18n/messages.ts';

/** A localStorage stand-in that keeps what is set. */
function fakeStore(initial: Record<string, string> = {}): LanguageStore & { items: Record<string, string> } {
  const items = { ...initial };
  return {
    items,
    getItem: (key) => items[key] ?? null,
    setItem: (key, value) => {
      items[key] = value;
    },
  };
}

describe('the message catalogue', () => {
  const keys = Object.keys(en) as MessageKey[];

  it('has every en key in zh-CN, non-empty, with the same placeholders', () => {
    expect(Object.keys(zhCN).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholdersOf(zhCN[key]), key).toEqual(placeholdersOf(en[key]));
    }
  });

  it('gives every count key both its _one and _other forms', () => {
    for (const key of keys.filter((k) => k.endsWith('_one'))) expect(keys, key).toContain(key.replace(/_one$/, '_other'));
    for (const key of keys.filter((k) => k.endsWith('_other'))) expect(keys, key).toContain(key.replace(/_other$/, '_one'));
  });

  it('names issue codes it has a title for, and only those', () => {
    expect(issueTitleKey('unclosed-quote')).toBe('issue.unclosed-quote');
    expect(issueTitleKey('worker-failed')).toBeNull();
  });
});

describe('I18n', () => {
  it('t fills placeholders and formats numbers for the language', () => {
    const i18n = new I18n('en');
    expect(i18n.t('preview.counts', { inputRows: 12000, loadedRows: 11999, excludedRows: 1 })).toBe(
      '12,000 rows in the file, 11,999 loaded, 1 excluded',
    );
    expect(i18n.t('columns.typeOf', { name: '订单号' })).toBe('Type of column 订单号');
    i18n.setLanguage('zh-CN');
    expect(i18n.t('columns.typeOf', { name: '订单号' })).toBe('列 订单号 的类型');
    expect(i18n.t('preview.counts', { inputRows: 12000, loadedRows: 11999, excludedRows: 1 })).toBe('文件共 12,000 行，载入 11,999 行，排除 1 行');
  });

  it('t leaves a placeholder without a value as it is', () => {
    expect(new I18n('en').t('preview.loading')).toBe('Loading {name}');
  });

  it('tn picks the singular for one and the plural otherwise', () => {
    const i18n = new I18n('en');
    expect(i18n.tn('tables.rows', 1)).toBe('1 row');
    expect(i18n.tn('tables.rows', 1234)).toBe('1,234 rows');
    expect(i18n.tn('tables.rows', 0)).toBe('0 rows');
  });

  it('remembers the chosen language and starts from it', () => {
    const store = fakeStore();
    const first = I18n.fromBrowser(store, 'en-US');
    expect(first.language).toBe('en');
    first.setLanguage('zh-CN');
    expect(store.items[LANGUAGE_STORAGE_KEY]).toBe('zh-CN');
    expect(I18n.fromBrowser(store, 'en-US').language).toBe('zh-CN');
  });

  it('still works when storage throws', () => {
    const broken: LanguageStore = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    };
    const i18n = I18n.fromBrowser(broken, 'zh-TW');
    expect(i18n.language).toBe('zh-CN');
    i18n.setLanguage('en');
    expect(i18n.language).toBe('en');
  });
});

describe('initialLanguage(stored, browserLanguage)', () => {
  it('prefers a valid remembered choice', () => {
    expect(initialLanguage('en', 'zh-CN')).toBe('en');
    expect(initialLanguage('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it('defaults to zh-CN for any Chinese browser language, else en', () => {
    expect(initialLanguage(null, 'zh-CN')).toBe('zh-CN');
    expect(initialLanguage(null, 'zh')).toBe('zh-CN');
    expect(initialLanguage(null, 'ZH-hk')).toBe('zh-CN');
    expect(initialLanguage('fr', 'en-GB')).toBe('en');
    expect(initialLanguage(null, 'de-DE')).toBe('en');
  });
});
