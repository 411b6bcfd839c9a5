/**
 * The home page, role-aware. Bureau staff and panel members get the dashboard (GET /api/dashboard, one request):
 * their audits with the phase against the plan, enterprises by data status, options by status and the benefits
 * of the implemented options (Appendix B table 7.2 总计, computed by the core on the server). Other roles get a
 * short overview of their counts with links to their pages. The frame renders at once; data and charts follow.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useApi } from '../api/hooks.ts';
import { useCurrentUser } from '../auth/session.ts';
import {
  COLLECTION_COLOR,
  collectionKey,
  optionStatusKey,
  SCHEDULE_COLOR,
  scheduleKey,
  statusKey,
} from '../components/audits/labels.ts';
import { Chart } from '../components/Chart.tsx';
import { type DataColumn, DataTable } from '../components/DataTable.tsx';
import { useI18n } from '../i18n/context.ts';
import { formatNumber } from '../lib/format.ts';
import { routedEntries } from '../navigation/menu.ts';

type Dashboard = ResponseOf<Api['getDashboard']>;
type DashboardAudit = Dashboard['audits'][number];
type CollectionStatus = keyof Dashboard['totals']['enterprisesByCollection'];
type OptionStatus = keyof Dashboard['totals']['optionsByStatus'];

const COLLECTION_ORDER: readonly CollectionStatus[] = [
  'submitted',
  'complete',
  'in_progress',
  'not_started',
  'returned',
];
const COLLECTION_CHART_COLOR: Readonly<Record<CollectionStatus, string>> = {
  submitted: '#52c41a',
  complete: '#13c2c2',
  in_progress: '#1677ff',
  not_started: '#bfbfbf',
  returned: '#ff4d4f',
};
const OPTION_ORDER: readonly OptionStatus[] = [
  'proposed',
  'screened',
  'feasible',
  'rejected',
  'implementing',
  'implemented',
  'verified',
];

const sum = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((a, b) => a + b, 0);

export default function HomePage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const roles = user.roles.map((r) => r.role);
  const oversight = roles.includes('bureau_staff') || roles.includes('panel_member');
  const { data, error, loading } = useApi('getDashboard', {});

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('audits.home.greeting', { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t(oversight ? 'audits.home.intro.oversight' : 'audits.home.intro.other')}
        </Typography.Paragraph>
      </div>
      {error ? (
        <Alert type="error" showIcon title={t('audits.home.loadFailed')} description={error.message} />
      ) : null}
      {oversight ? (
        <OversightDashboard data={data} loading={loading && !data} />
      ) : (
        <OtherOverview data={data} loading={loading && !data} roles={roles} />
      )}
    </Flex>
  );
}

function OversightDashboard({ data, loading }: { data: Dashboard | undefined; loading: boolean }) {
  const { t } = useI18n();
  if (loading || !data) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  const { totals } = data;
  const listed = sum(totals.enterprisesByCollection);
  const implemented = totals.optionsByStatus.implemented + totals.optionsByStatus.verified;
  const behind = data.audits.filter((a) => a.schedule.state === 'behind').length;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Kpi title={t('audits.home.kpi.audits')} value={totals.audits} />
        <Kpi title={t('audits.home.kpi.enterprises')} value={listed} />
        <Kpi title={t('audits.home.kpi.options')} value={sum(totals.optionsByStatus)} />
        <Kpi title={t('audits.home.kpi.implemented')} value={implemented} />
        <Kpi title={t('audits.home.kpi.behind')} value={behind} danger={behind > 0} />
      </Row>
      <AuditsCard audits={data.audits} />
      <BenefitsCard benefits={totals.benefits} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('audits.home.collection')}>
            <CollectionChart counts={totals.enterprisesByCollection} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('audits.home.options')}>
            <OptionsChart counts={totals.optionsByStatus} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

function Kpi({ title, value, danger }: { title: string; value: number; danger?: boolean }) {
  return (
    <Col xs={12} md={8} xl={{ flex: '20%' }}>
      <Card size="small">
        <Statistic
          title={title}
          value={value}
          styles={danger ? { content: { color: '#cf1322' } } : undefined}
        />
      </Card>
    </Col>
  );
}

function BenefitsCard({ benefits }: { benefits: Dashboard['totals']['benefits'] }) {
  const { t } = useI18n();
  if (!benefits || benefits.optionCount === 0) {
    return (
      <Card title={t('audits.home.benefits')}>
        <Empty description={t('audits.home.benefits.none')} />
      </Card>
    );
  }
  const items: { key: string; title: string; value: number; unit: string }[] = [
    {
      key: 'inv',
      title: t('audits.home.benefit.investment'),
      value: benefits.investment_wanYuan,
      unit: '万元',
    },
    {
      key: 'eco',
      title: t('audits.home.benefit.economic'),
      value: benefits.economicBenefit_wanYuanPerYear,
      unit: '万元/a',
    },
    { key: 'tce', title: t('audits.home.benefit.energy'), value: benefits.energy_tcePerYear, unit: 'tce/a' },
    { key: 'water', title: t('audits.home.benefit.water'), value: benefits.water_tPerYear, unit: 't/a' },
    { key: 'co2', title: t('audits.home.benefit.co2'), value: benefits.co2_tPerYear, unit: 'tCO₂/a' },
  ];
  const pollutants = benefits.pollutants.filter((p) => p.value > 0);
  return (
    <Card title={t('audits.home.benefits')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('audits.home.benefits.note')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {items.map((i) => (
          <Col key={i.key} xs={12} md={8} xl={{ flex: '20%' }}>
            <Statistic title={i.title} value={formatNumber(i.value, 2)} suffix={i.unit} />
          </Col>
        ))}
      </Row>
      {pollutants.length === 0 ? null : (
        <div style={{ marginTop: 16 }}>
          <Typography.Text strong>{t('audits.home.pollutants')}</Typography.Text>
          <Row gutter={[16, 8]} style={{ marginTop: 8 }}>
            {pollutants.map((p) => (
              <Col key={p.key} xs={12} md={8} xl={{ flex: '20%' }}>
                <Statistic
                  title={p.label.replace(/（.*$/, '')}
                  value={formatNumber(p.value, p.value < 1 ? 4 : 2)}
                  suffix={p.unit}
                  styles={{ content: { fontSize: 20 } }}
                />
              </Col>
            ))}
          </Row>
        </div>
      )}
    </Card>
  );
}

function CollectionChart({ counts }: { counts: Dashboard['totals']['enterprisesByCollection'] }) {
  const { t } = useI18n();
  return (
    <Chart
      height={280}
      ariaLabel={t('audits.home.collection.aria')}
      option={{
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['40%', '68%'],
            center: ['50%', '45%'],
            label: { formatter: '{b}\n{c}' },
            data: COLLECTION_ORDER.filter((s) => counts[s] > 0).map((s) => ({
              name: t(collectionKey(s)),
              value: counts[s],
              itemStyle: { color: COLLECTION_CHART_COLOR[s] },
            })),
          },
        ],
      }}
    />
  );
}

function OptionsChart({ counts }: { counts: Dashboard['totals']['optionsByStatus'] }) {
  const { t } = useI18n();
  return (
    <Chart
      height={280}
      ariaLabel={t('audits.home.options.aria')}
      option={{
        grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: OPTION_ORDER.map((s) => t(optionStatusKey(s))) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: 'bar',
            data: OPTION_ORDER.map((s) => counts[s]),
            label: { show: true, position: 'top' },
            itemStyle: { color: '#1677ff' },
          },
        ],
      }}
    />
  );
}

function AuditsCard({ audits }: { audits: readonly DashboardAudit[] }) {
  const { t } = useI18n();
  const columns: DataColumn<DashboardAudit>[] = [
    {
      key: 'title',
      title: t('audits.col.title'),
      value: (a) => a.title,
      render: (a) => <Link to={`/audits/${a.id}`}>{a.title}</Link>,
      sortable: true,
    },
    { key: 'region', title: t('audits.col.region'), value: (a) => a.regionName, filter: 'auto' },
    {
      key: 'status',
      title: t('audits.home.col.phase'),
      value: (a) => t(statusKey(a.status)),
      render: (a) => <Tag color="blue">{t(statusKey(a.status))}</Tag>,
      filter: 'auto',
    },
    {
      key: 'schedule',
      title: t('audits.home.col.plan'),
      value: (a) => t(scheduleKey(a.schedule.state)),
      render: (a) => (
        <Flex gap={4} wrap>
          <Tag color={SCHEDULE_COLOR[a.schedule.state]} title={a.schedule.note}>
            {t(scheduleKey(a.schedule.state))}
          </Tag>
          {a.schedule.overdueDays ? (
            <Typography.Text type="danger">
              {t('audits.schedule.overdue', { days: a.schedule.overdueDays })}
            </Typography.Text>
          ) : null}
          {a.schedule.plannedPhase && a.schedule.plannedPhase !== a.status ? (
            <Typography.Text type="secondary">
              {a.schedule.plannedPhase === 'closed'
                ? t('audits.schedule.expectedClosed')
                : t('audits.schedule.expected', { phase: t(statusKey(a.schedule.plannedPhase)) })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
      filter: 'auto',
    },
    {
      key: 'enterprises',
      title: t('audits.home.col.enterprises'),
      value: (a) => `${a.enterprisesByCollection.submitted}/${sum(a.enterprisesByCollection)}`,
      render: (a) => (
        <Flex gap={4} wrap>
          <span>
            {a.enterprisesByCollection.submitted}/{sum(a.enterprisesByCollection)}
          </span>
          {a.enterprisesByCollection.returned > 0 ? (
            <Tag color={COLLECTION_COLOR.returned}>
              {t('audits.collection.returned')} {a.enterprisesByCollection.returned}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'options',
      title: t('audits.home.col.options'),
      value: (a) => `${a.optionsByStatus.implemented + a.optionsByStatus.verified}/${sum(a.optionsByStatus)}`,
    },
  ];
  return (
    <Card
      title={t('audits.home.myAudits')}
      extra={
        <Link to="/audits">
          <Button type="link">{t('audits.home.allAudits')}</Button>
        </Link>
      }
    >
      {audits.length === 0 ? (
        <Empty description={t('audits.home.noAudits')} />
      ) : (
        <DataTable<DashboardAudit> rows={audits} columns={columns} rowKey={(a) => a.id} pageSize={5} />
      )}
    </Card>
  );
}

/** Enterprise users, consultants, experts, admins: their counts and their pages. */
function OtherOverview({
  data,
  loading,
  roles,
}: {
  data: Dashboard | undefined;
  loading: boolean;
  roles: readonly string[];
}) {
  const { t } = useI18n();
  const links: { to: string; label: string }[] = [];
  if (roles.includes('enterprise_user') || roles.includes('consultant')) {
    links.push(
      { to: '/my/profile', label: t('audits.home.link.profile') },
      { to: '/my/annual-data', label: t('audits.home.link.annual') },
      { to: '/my/options', label: t('audits.home.link.options') },
    );
  }
  if (roles.includes('expert')) links.push({ to: '/assignments', label: t('audits.home.link.assignments') });
  if (roles.includes('platform_admin')) {
    links.push(
      { to: '/admin/users', label: t('audits.home.link.users') },
      { to: '/admin/organizations', label: t('audits.home.link.organizations') },
    );
  }
  // Only pages that exist: a planned entry has no route yet.
  const routed = new Set(routedEntries().map((e) => e.path));
  const available = links.filter((l) => routed.has(l.to));
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        {loading || !data ? (
          <Col span={24}>
            <Card>
              <Skeleton active paragraph={{ rows: 2 }} />
            </Card>
          </Col>
        ) : (
          <>
            <Kpi title={t('audits.home.kpi.audits')} value={data.totals.audits} />
            <Kpi title={t('audits.home.count.enterprises')} value={data.counts.enterprises} />
            <Kpi title={t('audits.home.count.mandatory')} value={data.counts.mandatoryAudits} />
            <Kpi title={t('audits.home.count.options')} value={data.counts.options} />
          </>
        )}
      </Row>
      {available.length === 0 ? null : (
        <Card title={t('audits.home.links')}>
          <Flex gap={12} wrap>
            {available.map((l) => (
              <Link key={l.to} to={l.to}>
                <Button>{l.label}</Button>
              </Link>
            ))}
          </Flex>
        </Card>
      )}
      {data && data.audits.length > 0 ? (
        <Card title={t('audits.home.myAudits')}>
          <Flex vertical gap={8}>
            {data.audits.map((a) => (
              <Flex key={a.id} gap={8} align="center" wrap>
                <Typography.Text strong>{a.title}</Typography.Text>
                <Tag color="blue">{t(statusKey(a.status))}</Tag>
                {(Object.keys(a.enterprisesByCollection) as CollectionStatus[])
                  .filter((s) => a.enterprisesByCollection[s] > 0)
                  .map((s) => (
                    <Tag key={s} color={COLLECTION_COLOR[s]}>
                      {t(collectionKey(s))}
                    </Tag>
                  ))}
              </Flex>
            ))}
          </Flex>
        </Card>
      ) : null}
    </Flex>
  );
}
