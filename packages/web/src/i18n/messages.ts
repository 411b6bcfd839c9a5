/**
 * Locales, catalogues and message formatting, free of React so that they can be tested in Node.
 * Chinese is the default; the choice is kept in localStorage under `STORAGE_KEY`.
 */
import { en } from './en.ts';
import { type MessageKey, type Messages, zhCN } from './zh-CN.ts';

export type { MessageKey, Messages };

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const STORAGE_KEY = 'cpaudit.locale';

export const CATALOGUES: { readonly [L in Locale]: Messages } = { 'zh-CN': zhCN, en };

/** Values substituted for `{name}` placeholders. */
export type MessageVars = Readonly<Record<string, string | number>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && LOCALES.some((l) => l === value);
}

/** Replaces each `{name}` by `vars[name]`; a placeholder without a value stays visible so the gap is noticed. */
export function formatMessage(template: string, vars: MessageVars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}

/** The placeholder names of a template, sorted (used to check that catalogues agree). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  return formatMessage(CATALOGUES[locale][key], vars);
}

/** The minimal part of the Web Storage API used here (so tests can pass a Map-backed fake). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The stored locale, or the default when nothing (or something unknown) is stored or storage is unavailable. */
export function readStoredLocale(storage: KeyValueStorage | undefined): Locale {
  try {
    const v = storage?.getItem(STORAGE_KEY);
    return isLocale(v) ? v : DEFAULT_LOCALE;
  } catch {
    // Storage can throw (privacy mode, disabled cookies): fall back to the default.
    return DEFAULT_LOCALE;
  }
}

export function storeLocale(storage: KeyValueStorage | undefined, locale: Locale): void {
  try {
    storage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisting the choice is acceptable; the switch still applies to this page.
  }
}
