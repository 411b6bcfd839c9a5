import { Segmented } from 'antd';
import { useI18n } from '../i18n/context.ts';
import { LOCALES } from '../i18n/messages.ts';

/** 中文 | English, persisted by the i18n provider. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented
      size={size}
      aria-label={t('lang.label')}
      value={locale}
      options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
      onChange={(v) => {
        const next = LOCALES.find((l) => l === v);
        if (next) setLocale(next);
      }}
    />
  );
}
