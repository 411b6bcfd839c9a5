/** The status of an option as a coloured tag (方案状态). */
import { Tag } from 'antd';
import { useI18n } from '../../i18n/context.ts';
import { type OptionStatus, optionStatusKey, STATUS_COLOR } from './labels.ts';

export function StatusTag({ status }: { readonly status: OptionStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(optionStatusKey(status))}</Tag>;
}
