/**
 * One option (清洁生产方案), whole: summary, the problems it answers, its status and the moves the caller may make,
 * economics (中/高费 feasibility), expected and actual benefits, evidence with before/after photos, and the expert
 * reviews. Reached from the audit workspace, the enterprise's and the expert's pages. A 404 (missing, or outside
 * the caller's scope) shows "not found or not yours".
 */
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Flex,
  List,
  Result,
  Skeleton,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../../api/hooks.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { OptionAvoidedTax } from '../../components/compliance/OptionAvoidedTax.tsx';
import {
  costClassKey,
  optionLevelKey,
  optionStatusKey,
  optionTypeKey,
  problemScopeKey,
} from '../../components/options/labels.ts';
import { OptionBenefits } from '../../components/options/OptionBenefits.tsx';
import { OptionEconomics } from '../../components/options/OptionEconomics.tsx';
import { OptionEvidence } from '../../components/options/OptionEvidence.tsx';
import { OptionProblemsEditor } from '../../components/options/OptionProblemsEditor.tsx';
import { OptionProgress } from '../../components/options/OptionProgress.tsx';
import { OptionReviews } from '../../components/options/OptionReviews.tsx';
import { OptionStatusActions } from '../../components/options/OptionStatusActions.tsx';
import { StatusTag } from '../../components/options/StatusTag.tsx';
import type { OptionDetail } from '../../components/options/transition.ts';
import { useI18n } from '../../i18n/context.ts';
import { formatDate, formatNumber, formatQuantity } from '../../lib/format.ts';

/** Roles that may open the audit workspace (menu entry `auditWorkspace`). */
const WORKSPACE_ROLES: ReadonlySet<string> = new Set([
  'bureau_staff',
  'panel_member',
  'expert',
  'platform_admin',
]);

/** Statuses in which implementation progress is reported. */
const PROGRESS_STATUSES: ReadonlySet<OptionDetail['status']> = new Set([
  'feasible',
  'implementing',
  'implemented',
]);

/** The main path of an option (guideline 7.3–7.4); `rejected` is shown beside it. */
const PATH = ['proposed', 'screened', 'feasible', 'implementing', 'implemented', 'verified'] as const;

function StatusPath({ option }: { option: OptionDetail }) {
  const { t } = useI18n();
  if (option.status === 'rejected') {
    return (
      <Alert
        type="error"
        showIcon
        title={t('workspace.option.rejectedOn', { date: formatDate(option.statusChangedAt) })}
        description={option.rejectionReason ?? undefined}
      />
    );
  }
  // 无/低费 options skip the feasibility analysis (guideline 7.3.3 concerns 中/高费 options).
  const path: readonly OptionDetail['status'][] =
    option.costClassEffective === 'no_low' ? PATH.filter((s) => s !== 'feasible') : PATH;
  const current = path.indexOf(option.status);
  return (
    <Steps
      size="small"
      current={current}
      items={path.map((s, i) => ({
        title: t(optionStatusKey(s)),
        description:
          i === current
            ? formatDate(option.statusChangedAt)
            : s === 'implemented' && option.implementedOn
              ? formatDate(option.implementedOn)
              : s === 'verified' && option.verifiedOn
                ? formatDate(option.verifiedOn)
                : undefined,
      }))}
    />
  );
}

export function OptionView(props: {
  option: OptionDetail;
  onChange: (o: OptionDetail) => void;
  reload: () => void;
}) {
  const { t } = useI18n();
  const { option } = props;
  const can = new Set(option.can);
  const benefitBases = [
    ...(can.has('manage') ? (['expected'] as const) : []),
    ...(can.has('implement') || can.has('manage') ? (['actual'] as const) : []),
  ];
  const showEconomics = option.costClassEffective === 'mid_high' || option.economics !== null;
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="start" gap={16} wrap>
          <Space orientation="vertical" size={4}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {option.code ? `${option.code} ` : ''}
              {option.name}
            </Typography.Title>
            <Space wrap>
              <StatusTag status={option.status} />
              <Tag>{t(optionLevelKey(option.level))}</Tag>
              <Tag color={option.costClassEffective === 'mid_high' ? 'gold' : 'default'}>
                {t(costClassKey(option.costClassEffective))}
              </Tag>
              {option.isKey ? <Tag color="red">{t('workspace.option.key')}</Tag> : null}
              {option.enterpriseName ? (
                <Typography.Text type="secondary">{option.enterpriseName}</Typography.Text>
              ) : null}
            </Space>
          </Space>
          <OptionStatusActions option={option} onMoved={props.onChange} />
        </Flex>
        <div style={{ marginTop: 20 }}>
          <StatusPath option={option} />
        </div>
      </Card>
      <Card title={t('workspace.option.summary')}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('workspace.col.type')}>
            {option.optionType ? t(optionTypeKey(option.optionType)) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('workspace.col.investmentPlanned')}>
            {formatQuantity(option.investmentPlanned_wanYuan, '万元')}
          </Descriptions.Item>
          <Descriptions.Item label={t('workspace.col.investmentActual')}>
            {formatQuantity(option.investmentActual_wanYuan, '万元')}
          </Descriptions.Item>
          <Descriptions.Item label={t('workspace.col.benefitExpected')}>
            {formatQuantity(option.economicBenefitExpected_wanYuanPerYear, '万元/a')}
          </Descriptions.Item>
          <Descriptions.Item label={t('workspace.col.benefitActual')}>
            {formatQuantity(option.economicBenefitActual_wanYuanPerYear, '万元/a')}
          </Descriptions.Item>
          <Descriptions.Item label={t('workspace.col.score')}>
            {formatNumber(option.screeningScore, 1)}
          </Descriptions.Item>
          <Descriptions.Item label={t('workspace.option.responsible')}>
            {option.responsibleUnit ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('workspace.option.planned')}>
            {formatDate(option.plannedStart)} ~ {formatDate(option.plannedFinish)}
          </Descriptions.Item>
          <Descriptions.Item label={t('workspace.option.implementedOn')}>
            {formatDate(option.implementedOn)}
          </Descriptions.Item>
          <Descriptions.Item label={t('workspace.option.text')} span={3}>
            {option.summary ?? '—'}
          </Descriptions.Item>
          {option.environmentalBenefitText ? (
            <Descriptions.Item label={t('workspace.option.envText')} span={3}>
              {option.environmentalBenefitText}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card
        title={t('workspace.option.problems')}
        extra={can.has('manage') ? <OptionProblemsEditor option={option} onSaved={props.onChange} /> : null}
      >
        <List
          size="small"
          dataSource={option.problems}
          locale={{ emptyText: t('workspace.option.noProblems') }}
          renderItem={(p) => (
            <List.Item>
              <Space>
                <Tag>{t(problemScopeKey(p.scope))}</Tag>
                {p.title}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {showEconomics ? (
        <Card title={t('workspace.econ.title')}>
          <OptionEconomics option={option} editable={can.has('manage')} onSaved={props.onChange} />
        </Card>
      ) : null}
      {(can.has('implement') || can.has('manage')) && PROGRESS_STATUSES.has(option.status) ? (
        <Card title={t('workspace.progress.title')}>
          <OptionProgress option={option} onSaved={props.onChange} />
        </Card>
      ) : null}
      <Card title={t('workspace.benefits.title')}>
        <OptionBenefits option={option} editable={benefitBases} onSaved={props.onChange} />
      </Card>
      {option.enterpriseId ? (
        <Card title={t('compliance.tax.title')}>
          <OptionAvoidedTax
            optionId={option.id}
            version={option.version}
            editable={can.has('manage')}
            onSaved={props.reload}
          />
        </Card>
      ) : null}
      <Card title={t('workspace.evidence.section', { count: option.evidenceCount })}>
        <OptionEvidence optionId={option.id} canUpload={can.has('uploadEvidence')} onChange={props.reload} />
      </Card>
      <Card title={t('workspace.reviews.title', { count: option.reviewCount })}>
        <OptionReviews optionId={option.id} />
      </Card>
    </Flex>
  );
}

export default function OptionPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data, error, reload } = useApi('getOption', { params: { id } });
  const me = useCurrentUser();
  const canOpenAudit = me.roles.some((r) => WORKSPACE_ROLES.has(r.role));
  const [option, setOption] = useState<OptionDetail | undefined>(data);
  useEffect(() => setOption(data), [data]);

  if (error && (error.status === 404 || error.status === 400)) {
    return (
      <Result
        status="404"
        title={t('workspace.option.notFound')}
        subTitle={t('workspace.option.notFound.sub')}
        extra={
          <Button type="primary" onClick={() => navigate(-1)}>
            {t('workspace.common.back')}
          </Button>
        }
      />
    );
  }
  if (error)
    return (
      <Alert type="error" showIcon title={t('workspace.common.loadFailed', { message: error.message })} />
    );
  if (!option) return <Skeleton active paragraph={{ rows: 12 }} />;
  return (
    <Flex vertical gap={12}>
      <Breadcrumb
        items={[
          ...(option.auditId && canOpenAudit
            ? [
                {
                  title: (
                    <Link to={`/audits/${option.auditId}/options`}>{t('workspace.option.backToAudit')}</Link>
                  ),
                },
              ]
            : []),
          { title: option.name },
        ]}
      />
      <OptionView option={option} onChange={setOption} reload={reload} />
    </Flex>
  );
}
