import { createContext, useContext } from 'react';
import type { Locale, MessageKey, MessageVars } from './messages.ts';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: MessageVars): string;
}

export const I18nContext = createContext<I18n | null>(null);

/** The current language, its switch and the message function; inside `<I18nProvider>`. */
export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}
