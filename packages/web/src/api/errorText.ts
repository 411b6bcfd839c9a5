/** How a failed API call reads to the user (pure: tested in Node). */
import {
  CATALOGUES,
  DEFAULT_LOCALE,
  isLocale,
  type Locale,
  type MessageKey,
  translate,
} from '../i18n/messages.ts';
import { ApiError } from './client.ts';

function pageLocale(): Locale {
  const lang = typeof document === 'undefined' ? DEFAULT_LOCALE : document.documentElement.lang;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}

/**
 * The text to show for a failed call: what went wrong in the user's language (from the stable error code), then
 * the server's own message with the field it names (the detail, as the server wrote it).
 */
export function errorText(e: unknown, locale: Locale = pageLocale()): string {
  if (e instanceof ApiError) {
    const detail = e.field ? `${e.message}（${e.field}）` : e.message;
    const key = `error.code.${e.code}`;
    const summary = key in CATALOGUES[locale] ? translate(locale, key as MessageKey) : undefined;
    return summary ? `${summary}：${detail}` : detail;
  }
  return e instanceof Error ? e.message : String(e);
}
