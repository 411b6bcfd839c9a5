import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { type I18n, I18nContext } from './context.ts';
import { type KeyValueStorage, type Locale, readStoredLocale, storeLocale, translate } from './messages.ts';

function browserStorage(): KeyValueStorage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/** Holds the language (Chinese unless the user chose English on this browser) and keeps <html lang> in step. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => readStoredLocale(browserStorage()));

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${translate(locale, 'app.name')} · ${translate(locale, 'app.shortName')}`;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(browserStorage(), next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, vars) => translate(locale, key, vars) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
