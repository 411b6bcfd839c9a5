/** 专家评审: the expert and panel reviews of an option (stage, verdict, Σ R×W when scored, comment). Read-only. */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Alert, Table, Tag } from 'antd';
import { useApi } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { reviewStageKey, verdictKey } from './labels.ts';

type Review = ResponseOf<Api['listOptionReviews']>['items'][number];
const VERDICT_COLOR = { approve: 'green', reject: 'red', revise: 'orange' } as const;

export function OptionReviews({ optionId }: { readonly optionId: string }) {
  const { t } = useI18n();
  const { data, error, loading } = useApi('listOptionReviews', { params: { id: optionId } });
  if (error)
    return (
      <Alert type="error" showIcon title={t('workspace.common.loadFailed', { message: error.message })} />
    );
  return (
    <Table<Review>
      size="small"
      loading={loading}
      rowKey="id"
      pagination={false}
      dataSource={data?.items ?? []}
      locale={{ emptyText: t('workspace.reviews.none') }}
      columns={[
        { key: 'reviewer', title: t('workspace.reviews.reviewer'), dataIndex: 'reviewerName', width: 140 },
        {
          key: 'stage',
          title: t('workspace.reviews.stage'),
          render: (_, r) => t(reviewStageKey(r.stage)),
          width: 110,
        },
        {
          key: 'verdict',
          title: t('workspace.reviews.verdict'),
          render: (_, r) => <Tag color={VERDICT_COLOR[r.verdict]}>{t(verdictKey(r.verdict))}</Tag>,
          width: 100,
        },
        {
          key: 'total',
          title: t('workspace.reviews.total'),
          align: 'right',
          render: (_, r) => formatNumber(r.total, 1),
          width: 90,
        },
        { key: 'comment', title: t('workspace.reviews.comment'), render: (_, r) => r.comment ?? '—' },
        {
          key: 'at',
          title: t('workspace.reviews.at'),
          render: (_, r) => formatDate(r.reviewedAt),
          width: 110,
        },
      ]}
    />
  );
}
