/**
 * 方案看板: the options of the audit in columns by status (proposed → screened → feasible / rejected →
 * implementing → implemented → verified). Dragging a card to another column (or choosing the column from the
 * card's menu) asks the server to move it (`transitionOption`); what the move needs (a reason, a date) is asked
 * first, and a refused move shows the server's reason. The server is the only judge of what is allowed.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { App, Badge, Button, Card, Dropdown, Flex, Typography } from 'antd';
import { type DragEvent, useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../../../api/hooks.ts';
import {
  costClassKey,
  type OptionStatus,
  optionStatusKey,
  STATUSES,
} from '../../../../components/options/labels.ts';
import { type PendingMove, TransitionDialog } from '../../../../components/options/TransitionDialog.tsx';
import { transition, transitionNeeds } from '../../../../components/options/transition.ts';
import { useI18n } from '../../../../i18n/context.ts';
import { formatQuantity } from '../../../../lib/format.ts';

type Option = ResponseOf<Api['listAuditOptions']>['items'][number];
const DRAG_TYPE = 'application/x-cpaudit-option';

export function OptionBoard(props: { options: readonly Option[]; canMove: boolean; onMoved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [over, setOver] = useState<OptionStatus | null>(null);
  const byId = new Map(props.options.map((o) => [o.id, o]));

  const move = async (o: Option, to: OptionStatus) => {
    if (o.status === to) return;
    const m: PendingMove = { id: o.id, name: o.name, version: o.version, implementedOn: o.implementedOn, to };
    if (transitionNeeds(to, o.implementedOn) !== null) {
      setPending(m);
      return;
    }
    try {
      await transition(o.id, o.version, to);
      void message.success(t('workspace.board.moved', { name: o.name, status: t(optionStatusKey(to)) }));
      props.onMoved();
    } catch (e) {
      void message.error(t('workspace.board.refused', { reason: errorText(e) }));
    }
  };

  const onDrop = (to: OptionStatus) => (e: DragEvent) => {
    e.preventDefault();
    setOver(null);
    const o = byId.get(e.dataTransfer.getData(DRAG_TYPE));
    if (o) void move(o, to);
  };

  return (
    <>
      <Typography.Paragraph type="secondary">
        {t(props.canMove ? 'workspace.board.hint' : 'workspace.board.readOnly')}
      </Typography.Paragraph>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: `repeat(${STATUSES.length}, minmax(148px, 1fr))`,
          gap: 8,
          overflowX: 'auto',
        }}
      >
        {STATUSES.map((s) => {
          const cards = props.options.filter((o) => o.status === s);
          return (
            <section
              key={s}
              aria-label={t('workspace.board.column', { status: t(optionStatusKey(s)) })}
              onDragOver={
                props.canMove
                  ? (e) => {
                      e.preventDefault();
                      setOver(s);
                    }
                  : undefined
              }
              onDragLeave={() => setOver((x) => (x === s ? null : x))}
              onDrop={props.canMove ? onDrop(s) : undefined}
              style={{
                background: over === s ? '#e6f4ff' : '#f5f7fa',
                border: over === s ? '1px dashed #1677ff' : '1px solid #eef0f3',
                borderRadius: 8,
                padding: 8,
                minHeight: 320,
              }}
            >
              <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                <Typography.Text strong>{t(optionStatusKey(s))}</Typography.Text>
                <Badge count={cards.length} showZero color="#8c8c8c" />
              </Flex>
              <Flex vertical gap={6} style={{ maxHeight: 560, overflowY: 'auto' }}>
                {cards.map((o) => (
                  <Card
                    key={o.id}
                    size="small"
                    draggable={props.canMove}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(DRAG_TYPE, o.id);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                    style={{ cursor: props.canMove ? 'grab' : 'default' }}
                    styles={{ body: { padding: 8 } }}
                    aria-label={o.name}
                  >
                    <Flex vertical gap={2}>
                      <Link to={`/options/${o.id}`} style={{ fontWeight: 500 }}>
                        {o.code ? `${o.code} ` : ''}
                        {o.name}
                      </Link>
                      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                        {o.enterpriseName ?? t('workspace.level.industry')}
                      </Typography.Text>
                      <Flex justify="space-between" align="center">
                        <Typography.Text style={{ fontSize: 12 }}>
                          {t(costClassKey(o.costClassEffective))} ·{' '}
                          {formatQuantity(o.investmentPlanned_wanYuan, '万元', 1)}
                        </Typography.Text>
                        {props.canMove ? (
                          <Dropdown
                            trigger={['click']}
                            menu={{
                              items: STATUSES.filter((x) => x !== o.status).map((x) => ({
                                key: x,
                                label: t(optionStatusKey(x)),
                              })),
                              onClick: ({ key }) => void move(o, key as OptionStatus),
                            }}
                          >
                            <Button
                              size="small"
                              type="text"
                              aria-label={t('workspace.board.moveMenu', {
                                name: `${o.code ?? ''} ${o.name}`.trim(),
                              })}
                            >
                              {t('workspace.board.move')}
                            </Button>
                          </Dropdown>
                        ) : null}
                      </Flex>
                    </Flex>
                  </Card>
                ))}
              </Flex>
            </section>
          );
        })}
      </div>
      <TransitionDialog
        move={pending}
        onClose={() => setPending(null)}
        onDone={() => {
          setPending(null);
          props.onMoved();
        }}
      />
    </>
  );
}
