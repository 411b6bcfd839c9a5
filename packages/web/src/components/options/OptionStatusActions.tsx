/**
 * The status moves the caller may make now (`allowedTransitions` of the option, computed by the server), as
 * buttons; each asks what the move needs and calls `transitionOption`.
 */
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/context.ts';
import { optionStatusKey } from './labels.ts';
import { type PendingMove, TransitionDialog } from './TransitionDialog.tsx';
import type { OptionDetail } from './transition.ts';

export function OptionStatusActions(props: {
  readonly option: OptionDetail;
  readonly onMoved: (o: OptionDetail) => void;
}) {
  const { t } = useI18n();
  const { option } = props;
  const [move, setMove] = useState<PendingMove | null>(null);
  if (option.allowedTransitions.length === 0) {
    return <Typography.Text type="secondary">{t('workspace.move.none')}</Typography.Text>;
  }
  return (
    <Space wrap>
      {option.allowedTransitions.map((to) => (
        <Button
          key={to}
          danger={to === 'rejected'}
          type={to === 'rejected' ? 'default' : 'primary'}
          ghost={to !== 'rejected'}
          onClick={() =>
            setMove({
              id: option.id,
              name: option.name,
              version: option.version,
              implementedOn: option.implementedOn,
              to,
            })
          }
        >
          {t('workspace.move.to', { status: t(optionStatusKey(to)) })}
        </Button>
      ))}
      <TransitionDialog
        move={move}
        onClose={() => setMove(null)}
        onDone={(o) => {
          setMove(null);
          props.onMoved(o);
        }}
      />
    </Space>
  );
}
