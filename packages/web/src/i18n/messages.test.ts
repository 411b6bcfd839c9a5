import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import {
  CATALOGUES,
  DEFAULT_LOCALE,
  formatMessage,
  type KeyValueStorage,
  placeholders,
  readStoredLocale,
  STORAGE_KEY,
  storeLocale,
  translate,
} from './messages.ts';
import { type MessageKey, zhCN } from './zh-CN.ts';

function memoryStorage(
  initial: Record<string, string> = {},
): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const KEYS = Object.keys(zhCN).filter((k): k is MessageKey => k in zhCN);

describe('catalogues', () => {
  it('have the same keys in every language', () => {
    expect(Object.keys(en).sort()).toEqual([...KEYS].sort());
  });
  it('have no empty message and the same placeholders in every language', () => {
    for (const key of KEYS) {
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });
  it('name the product in Chinese by default', () => {
    expect(DEFAULT_LOCALE).toBe('zh-CN');
    expect(CATALOGUES[DEFAULT_LOCALE]['app.name']).toBe('清洁生产审核平台');
  });
});

describe('formatMessage', () => {
  it('substitutes placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('共 {total} 条，{x}', { total: 12 })).toBe('共 12 条，{x}');
    expect(translate('en', 'home.greeting', { name: 'Li' })).toBe('Hello, Li');
    expect(translate('zh-CN', 'home.greeting', { name: '李四' })).toBe('您好，李四');
  });
});

describe('stored locale', () => {
  it('defaults to Chinese, reads back a stored choice and ignores an unknown value', () => {
    expect(readStoredLocale(undefined)).toBe('zh-CN');
    const s = memoryStorage();
    storeLocale(s, 'en');
    expect(s.data.get(STORAGE_KEY)).toBe('en');
    expect(readStoredLocale(s)).toBe('en');
    expect(readStoredLocale(memoryStorage({ [STORAGE_KEY]: 'fr' }))).toBe('zh-CN');
  });
  it('survives a storage that throws', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readStoredLocale(broken)).toBe('zh-CN');
    expect(() => storeLocale(broken, 'en')).not.toThrow();
  });
});
