/**
 * `/my/options` — the enterprise's cleaner-production options, gathered from the industry audits it takes part in
 * (its enterprise-level options) and from its Guangdong mandatory audits, in one list that can be searched,
 * filtered (source, status, type, cost class, key option) and exported; each name opens the option (`/options/:id`).
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Alert, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { apiClient } from '../../api/apiClient.ts';
import { useApi } from '../../api/hooks.ts';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { EnterprisePage } from '../../components/enterprise/common.tsx';
import { useEnterpriseScope } from '../../components/enterprise/EnterpriseScope.tsx';
import { costClassKey, optionStatusKey, optionTypeKey } from '../../components/options/labels.ts';
import { StatusTag } from '../../components/options/StatusTag.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatNumber } from '../../lib/format.ts';

type OptionRow = ResponseOf<Api['listAuditOptions']>['items'][number] & { readonly origin: string };

function useEnterpriseOptions(enterpriseId: string | undefined, mandatoryLabel: (year: number) => string) {
  const audits = useApi('listAudits', enterpriseId ? { query: { limit: 500 } } : null);
  const mandatory = useApi(
    'listMandatoryAudits',
    enterpriseId ? { query: { enterpriseId, limit: 500 } } : null,
  );
  const [state, setState] = useState<{ rows: OptionRow[] | undefined; error: unknown }>({
    rows: undefined,
    error: undefined,
  });
  useEffect(() => {
    if (!enterpriseId || !audits.data || !mandatory.data) return;
    const controller = new AbortController();
    const industry = audits.data.items.map((a) =>
      apiClient
        .call('listAuditOptions', {
          params: { id: a.id },
          query: { enterpriseId, level: 'enterprise', limit: 500 },
          signal: controller.signal,
        })
        .then((p) => p.items.map((o) => ({ ...o, origin: a.title }))),
    );
    const gd = mandatory.data.items.map((m) =>
      apiClient
        .call('listMandatoryOptions', {
          params: { id: m.id },
          query: { limit: 500 },
          signal: controller.signal,
        })
        .then((p) => p.items.map((o) => ({ ...o, origin: mandatoryLabel(m.dataYear) }))),
    );
    Promise.all([...industry, ...gd]).then(
      (lists) => setState({ rows: lists.flat(), error: undefined }),
      (e: unknown) => {
        if (!controller.signal.aborted) setState({ rows: undefined, error: e });
      },
    );
    return () => controller.abort();
  }, [enterpriseId, audits.data, mandatory.data, mandatoryLabel]);
  return { rows: state.rows, error: audits.error ?? mandatory.error ?? state.error };
}

export default function OptionsPage() {
  const { t } = useI18n();
  const scope = useEnterpriseScope();
  const [mandatoryLabel] = useState(() => (year: number) => t('enterprise.options.mandatory', { year }));
  const { rows, error } = useEnterpriseOptions(scope.enterprise?.id, mandatoryLabel);
  const yesNo = (b: boolean) => t(b ? 'enterprise.yes' : 'enterprise.no');
  const columns: DataColumn<OptionRow>[] = [
    {
      key: 'code',
      title: t('enterprise.options.code'),
      value: (r) => r.code ?? '',
      width: 90,
      sortable: true,
    },
    {
      key: 'name',
      title: t('enterprise.options.name'),
      value: (r) => r.name,
      render: (r) => <Link to={`/options/${r.id}`}>{r.name}</Link>,
      sortable: true,
    },
    { key: 'origin', title: t('enterprise.options.origin'), value: (r) => r.origin, filter: 'auto' },
    {
      key: 'status',
      title: t('enterprise.options.status'),
      value: (r) => t(optionStatusKey(r.status)),
      render: (r) => <StatusTag status={r.status} />,
      filter: 'auto',
    },
    {
      key: 'type',
      title: t('enterprise.options.type'),
      // Appendix B option type, or the Guangdong form's category (note 9) for a mandatory audit's option.
      value: (r) =>
        r.optionType
          ? t(optionTypeKey(r.optionType))
          : r.gdCategory
            ? t(`enterprise.gd.${r.gdCategory}`)
            : '',
      filter: 'auto',
    },
    {
      key: 'cost',
      title: t('enterprise.options.cost'),
      value: (r) => t(costClassKey(r.costClassEffective)),
      filter: 'auto',
    },
    {
      key: 'key',
      title: t('enterprise.options.isKey'),
      value: (r) => yesNo(r.isKey),
      render: (r) => (r.isKey ? <Tag color="magenta">{yesNo(true)}</Tag> : yesNo(false)),
      filter: 'auto',
    },
    {
      key: 'investment',
      title: t('enterprise.options.investment'),
      value: (r) => r.investmentActual_wanYuan ?? r.investmentPlanned_wanYuan,
      render: (r) => formatNumber(r.investmentActual_wanYuan ?? r.investmentPlanned_wanYuan, 2),
      align: 'right',
      sortable: true,
    },
    {
      key: 'benefit',
      title: t('enterprise.options.benefit'),
      value: (r) => r.economicBenefitActual_wanYuanPerYear ?? r.economicBenefitExpected_wanYuanPerYear,
      render: (r) =>
        formatNumber(r.economicBenefitActual_wanYuanPerYear ?? r.economicBenefitExpected_wanYuanPerYear, 2),
      align: 'right',
      sortable: true,
    },
  ];
  return (
    <EnterprisePage
      title={t('enterprise.options.title')}
      description={t('enterprise.options.intro')}
      scope={scope}
      error={error}
      loading={rows === undefined}
    >
      {rows && rows.length === 0 ? <Alert type="info" showIcon title={t('enterprise.options.none')} /> : null}
      <DataTable<OptionRow>
        rows={rows ?? []}
        rowKey={(r) => r.id}
        columns={columns}
        exportName="options"
        pageSize={20}
      />
    </EnterprisePage>
  );
}
