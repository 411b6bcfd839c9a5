/**
 * 方案筛选 (guideline 7.3.2): the 权重总和计分排序法 over the options still being screened. The user gives R (1–10)
 * per criterion; the server ranks with the core's `option-screening` criteria set (weights from the core) and stores
 * each option's score. The ranking and the core's explanation lines are shown as returned.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Alert, Flex, InputNumber, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { apiClient } from '../../../../api/apiClient.ts';
import { errorText } from '../../../../api/hooks.ts';
import { StatusTag } from '../../../../components/options/StatusTag.tsx';
import { useI18n } from '../../../../i18n/context.ts';
import type { MessageKey } from '../../../../i18n/messages.ts';
import { formatNumber } from '../../../../lib/format.ts';

type Option = ResponseOf<Api['listAuditOptions']>['items'][number];
type Result = ResponseOf<Api['screenAuditOptions']>;

/** The criteria of the core's `option-screening` set (ids are the core's; weights are applied by the server). */
const CRITERIA: readonly { id: string; label: MessageKey }[] = [
  { id: 'environmental-effect', label: 'workspace.screen.c.environmental' },
  { id: 'technical-feasibility', label: 'workspace.screen.c.technical' },
  { id: 'economic-feasibility', label: 'workspace.screen.c.economic' },
  { id: 'implementability', label: 'workspace.screen.c.implementability' },
];

export const SCREENABLE: ReadonlySet<Option['status']> = new Set([
  'proposed',
  'screened',
  'feasible',
  'rejected',
]);

export function ScreeningModal(props: {
  auditId: string;
  options: readonly Option[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const candidates = props.options.filter((o) => SCREENABLE.has(o.status));
  const [scores, setScores] = useState<Record<string, Record<string, number | null>>>({});
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const complete = candidates.filter((o) => CRITERIA.every((c) => typeof scores[o.id]?.[c.id] === 'number'));
  const submit = async () => {
    if (result) {
      props.onDone();
      return;
    }
    if (complete.length === 0) {
      setError(t('workspace.screen.needScores'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const r = await apiClient.call('screenAuditOptions', {
        params: { id: props.auditId },
        body: {
          criteriaSet: 'option-screening',
          candidates: complete.map((o) => ({
            optionId: o.id,
            version: o.version,
            scores: Object.fromEntries(CRITERIA.map((c) => [c.id, scores[o.id]?.[c.id] ?? 0])),
          })),
        },
      });
      setResult(r);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={1100}
      title={t('workspace.screen.title')}
      okText={result ? t('workspace.common.close') : t('workspace.screen.run', { count: complete.length })}
      cancelText={t('workspace.common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={result ? props.onDone : props.onClose}
    >
      {result ? (
        <Flex vertical gap={12}>
          <Table
            size="small"
            rowKey="optionId"
            pagination={false}
            dataSource={result.ranking}
            aria-label={t('workspace.screen.ranking')}
            columns={[
              { key: 'rank', title: t('workspace.screen.rank'), dataIndex: 'rank', width: 70 },
              { key: 'name', title: t('workspace.col.name'), dataIndex: 'name' },
              {
                key: 'total',
                title: t('workspace.screen.total'),
                align: 'right',
                render: (_, r) => formatNumber(r.total, 1),
                width: 120,
              },
            ]}
          />
          {result.lines.map((l) => (
            <Typography.Text key={l} type="secondary">
              {l}
            </Typography.Text>
          ))}
        </Flex>
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('workspace.screen.hint')}</Typography.Text>
          <Table<Option>
            size="small"
            rowKey="id"
            dataSource={candidates}
            pagination={false}
            scroll={{ y: 420 }}
            columns={[
              {
                key: 'name',
                title: t('workspace.col.name'),
                render: (_, o) => `${o.code ? `${o.code} ` : ''}${o.name}`,
              },
              {
                key: 'status',
                title: t('workspace.col.status'),
                render: (_, o) => <StatusTag status={o.status} />,
                width: 90,
              },
              ...CRITERIA.map((c) => ({
                key: c.id,
                title: t(c.label),
                width: 120,
                render: (_: unknown, o: Option) => (
                  <InputNumber
                    min={1}
                    max={10}
                    precision={0}
                    aria-label={`${o.code ?? ''} ${o.name} ${t(c.label)}`.trim()}
                    value={scores[o.id]?.[c.id] ?? null}
                    onChange={(v) =>
                      setScores((s) => ({
                        ...s,
                        [o.id]: { ...s[o.id], [c.id]: typeof v === 'number' ? v : null },
                      }))
                    }
                  />
                ),
              })),
            ]}
          />
        </Flex>
      )}
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}
