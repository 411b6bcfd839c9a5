/** The economics form of one 中/高费 option in a drawer (loads the option, saves with `setOptionEconomics`). */
import { Alert, Drawer, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { useApi } from '../../../../api/hooks.ts';
import { OptionEconomics } from '../../../../components/options/OptionEconomics.tsx';
import type { OptionDetail } from '../../../../components/options/transition.ts';
import { useI18n } from '../../../../i18n/context.ts';

export function EconomicsDrawer(props: { optionId: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { data, error } = useApi('getOption', { params: { id: props.optionId } });
  const [option, setOption] = useState<OptionDetail>();
  useEffect(() => setOption(data), [data]);
  return (
    <Drawer
      open
      size={900}
      title={t('workspace.econ.titleOf', { name: option?.name ?? '' })}
      onClose={props.onClose}
    >
      {error ? (
        <Alert type="error" showIcon title={t('workspace.common.loadFailed', { message: error.message })} />
      ) : option ? (
        <OptionEconomics
          option={option}
          editable={option.can.includes('manage')}
          onSaved={(o) => {
            setOption(o);
            props.onSaved();
          }}
        />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}
